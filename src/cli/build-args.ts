/**
 * Where `astro build` with these options writes the site: `--outDir` (relative to `--root`,
 * as Astro resolves it), else `dist` below the root. The project's config sets no `outDir`;
 * a config that did would make the search step find no pages and fail the build, not skip it.
 */
import { parseArgs } from 'node:util';
import { isAbsolute, join } from 'node:path';

export function outDirOf(args: readonly string[]): string {
  const { values } = parseArgs({
    args: [...args],
    options: { outDir: { type: 'string' }, root: { type: 'string' } },
    strict: false,
    allowPositionals: true,
  });
  const root = typeof values.root === 'string' ? values.root : '.';
  const outDir = typeof values.outDir === 'string' ? values.outDir : 'dist';
  return isAbsolute(outDir) ? outDir : join(root, outDir);
}
