/**
 * Worker thread of a `CheckPool`: loads the checker as soon as it starts (with the compile
 * cache on, so a second run does not compile the parsers again), then checks the batches of
 * files it is sent (already read by the main thread) and sends back plain data when told "done".
 */
import { parentPort } from 'node:worker_threads';
import { useCompileCache } from './compile-cache.ts';
import type { ReadSource } from './content-folder.ts';
import type { SourceCheckOptions } from './check-source.ts';
import { packEntry, type PackedFile } from './check-transfer.ts';

useCompileCache();
const { checkSource } = await import('./check-source.ts');
// Batches of files until "done": then every result goes back at once, data serialized (see packEntry).
const results: PackedFile[] = [];
parentPort!.on('message', (message: { sources: ReadSource[]; options: SourceCheckOptions } | 'done') => {
  if (message === 'done') {
    parentPort!.postMessage(results);
    parentPort!.close();
    return;
  }
  for (const source of message.sources) {
    const { entry, ...rest } = checkSource(source, message.options);
    results.push(entry ? { ...rest, entry: packEntry(entry) } : rest);
  }
});
