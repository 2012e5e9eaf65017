/**
 * Reads the contributing-factor vocabulary (src/lib/incidents/factor-vocabulary.ts):
 * `factors.yaml` beside the postmortems folder, or, for a content folder elsewhere without one
 * (an imported collection), the project's own `content/factors.yaml`, held to the strict rules
 * of ./strict-yaml-file.ts. No file at all means factors are not checked.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  factorVocabulary,
  factorVocabularyPath,
  factorVocabularySchema,
  type FactorVocabulary,
} from '../lib/incidents/factor-vocabulary.ts';
import type { Problem } from '../lib/content/problems.ts';
import { readStrictYamlFile } from './strict-yaml-file.ts';

/** Where the vocabulary for the postmortems in `contentDir` is read from, if anywhere. */
export function factorVocabularyFile(contentDir: string, cwd = process.cwd()): string | undefined {
  const beside = factorVocabularyPath(resolve(cwd, contentDir));
  if (existsSync(beside)) return beside;
  const project = resolve(cwd, 'content', 'factors.yaml');
  return existsSync(project) ? project : undefined;
}

export function readFactorVocabulary(
  contentDir: string,
  cwd = process.cwd(),
): { vocabulary: FactorVocabulary; problems: Problem[] } {
  const path = factorVocabularyFile(contentDir, cwd);
  if (!path) return { vocabulary: factorVocabulary(undefined), problems: [] };
  const read = readStrictYamlFile(path, factorVocabularySchema, 'the factor vocabulary', cwd);
  if (read.state === 'read') return { vocabulary: factorVocabulary(read.data), problems: [] };
  return { vocabulary: factorVocabulary(undefined), problems: read.state === 'refused' ? read.problems : [] };
}
