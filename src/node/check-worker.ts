/**
 * Worker thread for `checkSources`: checks its share of the files (already read by the main
 * thread) and sends back plain data. The compile cache is turned on before the checker's
 * modules load, so a second run does not compile the parsers again.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { useCompileCache } from './compile-cache.ts';
import type { ReadSource } from './content-folder.ts';
import type { SourceCheckOptions } from './check-source.ts';

useCompileCache();
const { checkSource } = await import('./check-source.ts');
const { sources, options } = workerData as { sources: ReadSource[]; options: SourceCheckOptions };
parentPort!.postMessage(sources.map((source) => checkSource(source, options)));
