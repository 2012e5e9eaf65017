/**
 * Builds the full-text search index as the last step of `astro build`: Pagefind reads the
 * built HTML (only the postmortem articles carry `data-pagefind-body`) and writes the index,
 * its WebAssembly and its Component UI into `<outDir>/pagefind/`. A failure fails the build:
 * a site whose search silently returns nothing is worse than no deploy.
 */
import type { AstroIntegration } from 'astro';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as pagefind from 'pagefind';

export interface PagefindOptions {
  /** Folder below the build output that receives the index; the site loads `${base}${bundleDir}/`. */
  bundleDir?: string;
}

export class SearchIndexError extends Error {
  constructor(step: string, errors: readonly string[]) {
    super(`Pagefind could not ${step}:\n  ${errors.join('\n  ')}`);
    this.name = 'SearchIndexError';
  }
}

/** Bytes below the bundle folder: the index proper (words, fragments, filters) and the rest (search code, UI). */
function bundleBytes(folder: string): { index: number; runtime: number; files: number } {
  const sizes = { index: 0, runtime: 0, files: 0 };
  for (const name of readdirSync(folder, { recursive: true, encoding: 'utf8' })) {
    const stats = statSync(join(folder, name));
    if (!stats.isFile()) continue;
    sizes.files++;
    if (/\.pf_(?:index|fragment|filter|meta)$/.test(name)) sizes.index += stats.size;
    else sizes.runtime += stats.size;
  }
  return sizes;
}

export default function pagefindIndex(options: PagefindOptions = {}): AstroIntegration {
  const bundleDir = options.bundleDir ?? 'pagefind';
  return {
    name: 'postmortem-search-index',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const site = fileURLToPath(dir);
        const outputPath = join(site, bundleDir);
        const started = performance.now();
        try {
          // Everything is English; a fixed language keeps one index even if a page's lang changes.
          const created = await pagefind.createIndex({ forceLanguage: 'en' });
          if (!created.index || created.errors.length > 0) throw new SearchIndexError('start', created.errors);
          const { index } = created;
          const added = await index.addDirectory({ path: site });
          if (added.errors.length > 0) throw new SearchIndexError(`index ${site}`, added.errors);
          if (added.page_count === 0) throw new SearchIndexError(`index ${site}`, ['no HTML pages found']);
          const written = await index.writeFiles({ outputPath });
          if (written.errors.length > 0) throw new SearchIndexError(`write ${outputPath}`, written.errors);
          const sizes = bundleBytes(outputPath);
          const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
          logger.info(
            `read ${added.page_count} HTML pages; wrote ${bundleDir}/ in ${Math.round(performance.now() - started)} ms: ` +
              `index ${kib(sizes.index)}, search code and UI ${kib(sizes.runtime)} (${sizes.files} files)`,
          );
        } finally {
          await pagefind.close();
        }
      },
    },
  };
}
