/**
 * Worker thread for `checkSources`: checks its share of the files (already read by the main
 * thread) and sends back plain data.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { checkSource, type ReadSource } from './postmortem-files.ts';
import type { CheckOptions } from '../lib/content/validation.ts';

const { sources, options } = workerData as { sources: ReadSource[]; options: CheckOptions };
parentPort!.postMessage(sources.map((source) => checkSource(source, options)));
