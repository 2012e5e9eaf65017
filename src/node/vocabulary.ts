/**
 * Reads the search vocabulary (src/lib/search/vocabulary.ts): `vocabulary.yaml` beside the
 * postmortems folder, or, for a content folder elsewhere without one, the project's own
 * `content/vocabulary.yaml`. A broken file throws a VocabularyError naming its file and line.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseVocabulary, VocabularyError, type VocabularyFile } from '../lib/search/vocabulary.ts';
import type { Problem } from '../lib/content/problems.ts';

/** Where the vocabulary for the postmortems in `contentDir` is read from, if anywhere. */
export function vocabularyPath(contentDir: string, cwd = process.cwd()): string | undefined {
  const beside = join(dirname(resolve(cwd, contentDir)), 'vocabulary.yaml');
  if (existsSync(beside)) return beside;
  const project = resolve(cwd, 'content', 'vocabulary.yaml');
  return existsSync(project) ? project : undefined;
}

/** The vocabulary's groups of synonyms and its vague words; none when there is no file. */
export function readVocabulary(contentDir: string, cwd = process.cwd()): VocabularyFile {
  const path = vocabularyPath(contentDir, cwd);
  if (!path) return { synonyms: [], vague: [] };
  return parseVocabulary(readFileSync(path, 'utf8'), relative(cwd, path) || path);
}

/** What `npm run validate` reports about the vocabulary: nothing, or its first mistake with file and line. */
export function vocabularyProblems(contentDir: string, cwd = process.cwd()): Problem[] {
  try {
    readVocabulary(contentDir, cwd);
    return [];
  } catch (error) {
    if (!(error instanceof VocabularyError)) throw error;
    const message = error.message.slice(`${error.file}:${error.line}: `.length);
    return [{ file: error.file, line: error.line, column: 1, field: 'synonyms', message, severity: 'error' }];
  }
}
