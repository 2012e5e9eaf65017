/**
 * Spreads per-file checks over worker threads. Parsing, rendering and schema checks are
 * independent per file and dominate at 10,000 files; each worker pays a start-up (loading the
 * parsers and the sanitizer), so small sets are checked on the calling thread instead, and a
 * caller that knows many files will need checking starts the workers early, while it reads.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ReadSource } from './content-folder.ts';
import type { CheckedFile } from './check-results.ts';
import { unpackEntry, type PackedFile } from './check-transfer.ts';
import type { SourceCheckOptions } from './check-source.ts';

/** Below this many files, starting workers costs more than it saves. */
const PARALLEL_THRESHOLD = 400;

/** One worker per core, at most 8. */
function workerCount(): number {
  return Math.min(availableParallelism(), 8);
}

/**
 * Workers started ahead of their work: each loads the checker, then checks the shares of files
 * it is sent, batch by batch, while the caller is still reading the next ones.
 */
export class CheckPool {
  readonly #workers: { worker: Worker; stopped: Promise<never> }[];
  /** Files sent so far, in the order sent; every worker gets every n-th one. */
  readonly #sent: string[] = [];

  constructor(count = workerCount()) {
    this.#workers = Array.from({ length: count }, () => {
      const worker = new Worker(new URL('./check-worker.ts', import.meta.url));
      // A worker that fails, or stops before it answered, fails the check (not the process).
      const stopped = new Promise<never>((_, reject) => {
        worker.once('error', reject);
        worker.once('exit', (code) =>
          reject(new Error(`a check worker stopped before it answered (exit code ${code})`)),
        );
      });
      stopped.catch(() => undefined);
      return { worker, stopped };
    });
  }

  /** Sends `sources` to be checked, spread evenly over the workers; results come from `results()`. */
  submit(sources: ReadSource[], options: SourceCheckOptions): void {
    const count = this.#workers.length;
    const first = this.#sent.length;
    this.#workers.forEach(({ worker }, index) => {
      const share = sources.filter((_, i) => (first + i) % count === index);
      if (share.length > 0) worker.postMessage({ sources: share, options });
    });
    for (const source of sources) this.#sent.push(source.absolute);
  }

  /** Results of every file submitted, in the order submitted, once every worker has answered. */
  async results(): Promise<CheckedFile[]> {
    const results = await Promise.all(
      this.#workers.map(({ worker, stopped }) =>
        Promise.race([
          stopped,
          new Promise<PackedFile[]>((resolvePromise) => {
            worker.once('message', resolvePromise);
            worker.postMessage('done');
          }),
        ]),
      ),
    );
    const byFile = new Map(
      results
        .flat()
        .map(({ entry, ...rest }): [string, CheckedFile] => [
          rest.absolute,
          entry ? { ...rest, entry: unpackEntry(entry) } : rest,
        ]),
    );
    return this.#sent.map((absolute) => byFile.get(absolute)!);
  }

  /** Ends the workers (those that answered have ended already). */
  async close(): Promise<void> {
    await Promise.all(this.#workers.map(({ worker }) => worker.terminate()));
  }
}

/** Checks read files, on worker threads when there are many. */
export async function checkSources(sources: ReadSource[], options: SourceCheckOptions = {}): Promise<CheckedFile[]> {
  if (workerCount() < 2 || sources.length < PARALLEL_THRESHOLD) {
    if (sources.length === 0) return [];
    const { checkSource } = await import('./check-source.ts');
    return sources.map((source) => checkSource(source, options));
  }
  const workers = new CheckPool();
  try {
    workers.submit(sources, options);
    return await workers.results();
  } finally {
    await workers.close();
  }
}

/** Workers to start before reading, when about `expected` files will need checking; none for few. */
export function startPool(expected: number): CheckPool | undefined {
  return workerCount() >= 2 && expected >= PARALLEL_THRESHOLD ? new CheckPool() : undefined;
}
