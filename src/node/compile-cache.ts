/**
 * Node's on-disk compile cache for the command-line tools and their worker threads: the
 * parsers, the schema and the sanitizer are compiled (and their types stripped) once, not on
 * every `npm run validate` and in every worker. It caches compiled code only, keyed by Node on
 * the source text; it never holds a result.
 */
import { enableCompileCache } from 'node:module';
import { join } from 'node:path';

/** `node_modules/.cache/postmortem-kb/`, where the tools keep what they can rebuild. */
const TOOL_CACHE_DIR = join(import.meta.dirname, '..', '..', 'node_modules', '.cache', 'postmortem-kb');

/** Where the tools keep their caches: KB_CACHE_DIR, or node_modules/.cache/postmortem-kb/. */
export function cacheDir(): string {
  return process.env.KB_CACHE_DIR || TOOL_CACHE_DIR;
}

/** Turns the compile cache on for this thread; a folder that cannot be written only costs speed. */
export function useCompileCache(): void {
  try {
    enableCompileCache(join(cacheDir(), 'compile'));
  } catch {
    // Without the cache every module is compiled as usual.
  }
}
