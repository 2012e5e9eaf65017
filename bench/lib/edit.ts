/**
 * The edit a rebuild is measured after: one sentence appended to the middle postmortem of a
 * corpus, as a reviewer's change would be, and whether its page shows it after the rebuild.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { routes } from '../../src/lib/site/routes.ts';

/** Appends a marked sentence to the middle postmortem (by name) of `corpusDir`. */
export function editOne(corpusDir: string, sentence = 'Benchmark edit'): { file: string; marker: string } {
  const files = readdirSync(corpusDir)
    .filter((name) => /\.mdx?$/.test(name))
    .sort();
  const file = files[Math.floor(files.length / 2)];
  const marker = `${sentence} ${Date.now().toString(36)}: one sentence added after review.`;
  const path = join(corpusDir, file);
  writeFileSync(path, `${readFileSync(path, 'utf8').trimEnd()}\n\n${marker}\n`);
  return { file, marker };
}

/** Whether the built page of the edited postmortem (below `out`) holds the marker. */
export function editShows(out: string, edit: { file: string; marker: string }): boolean {
  const page = join(out, routes.postmortem(edit.file.replace(/\.mdx?$/, '')), 'index.html');
  return existsSync(page) && readFileSync(page, 'utf8').includes(edit.marker);
}
