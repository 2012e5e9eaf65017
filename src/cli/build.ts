/**
 * `npm run build [-- astro build options]`: the production build in two processes, one after
 * the other. `astro build` renders the site (its options, `--outDir` among them, are passed
 * on), exits, and only then is the search index written into its output. Pagefind keeps every
 * page in memory until it writes (3.3 GB at 10,000 postmortems) while Astro still holds 1–2
 * GiB at the end of its build; one after the other, the build needs the larger of the two, not
 * their sum. A bare `astro build` still writes the index itself (src/integrations/pagefind.ts).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { AFTER_BUILD, SEARCH_INDEX_ENV, writeSearchIndex } from '../node/search-index.ts';
import { outDirOf } from './build-args.ts';

const args = process.argv.slice(2);
// The astro command as its package declares it (`bin`), found from this project's node_modules.
const astroPackage = createRequire(import.meta.url).resolve('astro/package.json');
const astro = join(
  dirname(astroPackage),
  (JSON.parse(readFileSync(astroPackage, 'utf8')) as { bin: { astro: string } }).bin.astro,
);
const built = spawnSync(process.execPath, [astro, 'build', ...args], {
  stdio: 'inherit',
  env: { ...process.env, [SEARCH_INDEX_ENV]: AFTER_BUILD },
});
if (built.status !== 0) {
  if (built.error) console.error(`build: could not run astro build: ${built.error.message}`);
  process.exit(built.status ?? 1);
}
// `npm run build -- --help` shows Astro's help; there is no build to index.
if (args.includes('--help') || args.includes('-h')) process.exit(0);

const say = (level: string, message: string) =>
  console.log(`${new Date().toTimeString().slice(0, 8)} ${level}[postmortem-search-index] ${message}`);
try {
  say('', await writeSearchIndex(resolve(outDirOf(args)), (message) => say('[WARN] ', message)));
} catch (error) {
  console.error(`build: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
