/**
 * Worker thread of a `CheckPool`: loads the checker as soon as it starts (with the compile
 * cache on, so a second run does not compile the parsers again), then checks the one share of
 * files it is sent (already read by the main thread) and sends back plain data.
 */
import { parentPort } from 'node:worker_threads';
import { useCompileCache } from './compile-cache.ts';
import type { ReadSource } from './content-folder.ts';
import type { SourceCheckOptions } from './check-source.ts';

useCompileCache();
const { checkSource } = await import('./check-source.ts');
parentPort!.once('message', ({ sources, options }: { sources: ReadSource[]; options: SourceCheckOptions }) => {
  parentPort!.postMessage(sources.map((source) => checkSource(source, options)));
  parentPort!.close();
});
