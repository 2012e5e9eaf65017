/**
 * Throwaway project roots for the two builds. Each gets its own `.astro/` and
 * `node_modules/.astro/` (content-layer store, incremental-build manifest), so a benchmark
 * build is really cold, its rebuild really warm, and neither races with `npm run build`
 * in the working tree: Astro writes `.astro/content-modules.mjs` at the project root and
 * reads it back during the build. `node_modules` is a real folder of symlinks to the
 * project's packages (not one symlink), so those caches land in the throwaway root.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';

/** Top-level entries of the project that are not part of the site's build. */
const NOT_BUILD_INPUT = new Set([
  'node_modules',
  'dist',
  'tmp',
  '.git',
  '.astro',
  'bench',
  'bench-results',
  'content',
  'tests',
  '.ci',
]);

/** The search vocabulary (synonyms, vague words), a site input kept in the content folder. */
const VOCABULARY = 'content/vocabulary.yaml';

/** Links every package of `projectRoot/node_modules` into `root/node_modules`. */
export function linkNodeModules(projectRoot: string, root: string): void {
  const source = join(projectRoot, 'node_modules');
  const target = join(root, 'node_modules');
  mkdirSync(target, { recursive: true });
  for (const name of readdirSync(source)) {
    // Caches stay per root; `.bin` is needed by tools that look for executables.
    if (name.startsWith('.') && name !== '.bin') continue;
    symlinkSync(join(source, name), join(target, name));
  }
}

/**
 * A copy of this site's sources (config, src, public, package.json, tsconfig) in `root`.
 * `from` may be an earlier copy (a snapshot), so several builds see the same sources even
 * while the working tree changes; packages always come from `projectRoot`.
 */
export function prepareSiteCopy(projectRoot: string, root: string, from = projectRoot): void {
  mkdirSync(root, { recursive: true });
  for (const name of readdirSync(from)) {
    if (NOT_BUILD_INPUT.has(name)) continue;
    cpSync(join(from, name), join(root, name), { recursive: true });
  }
  // The postmortems come from the corpus, but the search vocabulary is the site's own: without
  // it every query would search only its own words, fewer searches than a real site runs.
  if (existsSync(join(from, VOCABULARY))) cpSync(join(from, VOCABULARY), join(root, VOCABULARY));
  linkNodeModules(projectRoot, root);
}

/** The bare Astro + MDX project from bench/baseline/ in `root`. */
export function prepareBaseline(projectRoot: string, root: string): void {
  cpSync(join(projectRoot, 'bench/baseline'), root, { recursive: true });
  linkNodeModules(projectRoot, root);
}
