/**
 * Spreads per-file checks over worker threads. Parsing, rendering and schema checks are
 * independent per file and dominate at 10,000 files; each worker pays a start-up (loading the
 * parsers and the sanitizer), so small sets are checked on the calling thread instead.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ReadSource } from './content-folder.ts';
import type { CheckedFile } from './check-results.ts';
import type { SourceCheckOptions } from './check-source.ts';

/** Below this many files, starting workers costs more than it saves. */
const PARALLEL_THRESHOLD = 400;

/** One worker per core, at most 8. */
function workerCount(): number {
  return Math.min(availableParallelism(), 8);
}

/** Checks read files, on worker threads when there are many; results come back in input order. */
export async function checkSources(sources: ReadSource[], options: SourceCheckOptions = {}): Promise<CheckedFile[]> {
  const workers = workerCount();
  if (workers < 2 || sources.length < PARALLEL_THRESHOLD) {
    if (sources.length === 0) return [];
    const { checkSource } = await import('./check-source.ts');
    return sources.map((source) => checkSource(source, options));
  }
  const chunks = Array.from({ length: workers }, (_, index) => sources.filter((_, i) => i % workers === index));
  const results = await Promise.all(
    chunks.map(
      (chunk) =>
        new Promise<CheckedFile[]>((resolvePromise, reject) => {
          const worker = new Worker(new URL('./check-worker.ts', import.meta.url), {
            workerData: { sources: chunk, options },
          });
          worker.once('message', resolvePromise);
          worker.once('error', reject);
        }),
    ),
  );
  const byFile = new Map(results.flat().map((result) => [result.absolute, result]));
  return sources.map((source) => byFile.get(source.absolute)!);
}
