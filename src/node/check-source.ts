/**
 * The per-file check as the validator's workers and the build run it: one file that has been
 * read, checked by `checkPostmortemSource` (parse, schema, body, sanitizer). This module loads
 * every parser; the main thread of `npm run validate` reaches it only through workers.
 */
import { basename } from 'node:path';
import { checkPostmortemSource, type CheckOptions } from '../lib/content/validation.ts';
import type { ReadSource } from './content-folder.ts';
import { fileProblem } from './content-folder.ts';
import type { CheckedFile } from './check-results.ts';

export interface SourceCheckOptions extends CheckOptions {
  /** Send the body back with the result (the build stores it); the validator rebuilds it from the text when asked. */
  keepBody?: boolean;
}

/** Checks one file that has been read; a problem instead when the checker itself fails. */
export function checkSource(source: ReadSource, options: SourceCheckOptions = {}): CheckedFile {
  try {
    const { keepBody = true, ...checkOptions } = options;
    const {
      locate: _locate,
      body,
      ...entry
    } = checkPostmortemSource({ file: source.shown, name: basename(source.absolute), text: source.text }, checkOptions);
    return { absolute: source.absolute, entry: keepBody ? { ...entry, body } : entry };
  } catch (error) {
    // One file the checker cannot handle must not hide the problems of all the others.
    return {
      absolute: source.absolute,
      problem: fileProblem(
        source.shown,
        error instanceof RangeError && /call stack/i.test(error.message)
          ? 'is nested too deeply to be read (values or lists inside each other, thousands of levels); flatten it'
          : `could not be checked: ${(error as Error).message}`,
      ),
    };
  }
}
