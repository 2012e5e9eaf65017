/**
 * Worker thread for `checkPostmortemFilesInParallel`: checks its share of the files and sends
 * back plain data (functions cannot cross threads).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { checkOneFile, type WorkerResult } from './postmortem-files.ts';

const { files, contentDir } = workerData as { files: { absolute: string; shown: string }[]; contentDir: string };
const results: WorkerResult[] = files.map(({ absolute, shown }) => {
  const { entry, problem } = checkOneFile(absolute, shown, contentDir);
  if (!entry) return { absolute, problem };
  const { locate: _locate, ...plain } = entry;
  return { absolute, entry: plain };
});
parentPort!.postMessage(results);
