/**
 * Builds the full-text search index as the last step of `astro build`: Pagefind reads the
 * built HTML (only the postmortem articles carry `data-pagefind-body`) and writes the index,
 * its WebAssembly and its Component UI into `<outDir>/pagefind/`. A failure fails the build:
 * a site whose search silently returns nothing is worse than no deploy.
 */
import type { AstroIntegration } from 'astro';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as pagefind from 'pagefind';
import { forSearchIndex, withSharedStemmer } from '../lib/search-languages.ts';

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

/**
 * Adds the built pages to the index, each under its search language (see search-languages.ts),
 * so Japanese pages are segmented and the rest share the English stemmer. Only pages marked
 * `data-pagefind-body` are sent, as Pagefind itself would index only those; a site with no
 * marked page is indexed whole. Pages go in one at a time in path order, so two builds of the
 * same site write the same index.
 */
async function addPages(index: pagefind.PagefindIndex, site: string, bundleDir: string) {
  const files = readdirSync(site, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.html') && !name.startsWith(`${bundleDir}${sep}`))
    .sort();
  const add = async (onlyMarked: boolean) => {
    const languages: Record<string, number> = {};
    // The next file is read while Pagefind indexes the current one.
    let reading = files.length > 0 ? readFile(join(site, files[0]), 'utf8') : undefined;
    for (const [position, name] of files.entries()) {
      const html = await reading!;
      reading = position + 1 < files.length ? readFile(join(site, files[position + 1]), 'utf8') : undefined;
      if (onlyMarked && !html.includes('data-pagefind-body')) continue;
      const page = forSearchIndex(html);
      const added = await index.addHTMLFile({ sourcePath: name.split(sep).join('/'), content: page.html });
      if (added.errors.length > 0) throw new SearchIndexError(`index ${name}`, added.errors);
      languages[page.language] = (languages[page.language] ?? 0) + 1;
    }
    return languages;
  };
  let languages = await add(true);
  if (Object.keys(languages).length === 0) languages = await add(false);
  return { files: files.length, languages };
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
          const created = await pagefind.createIndex();
          if (!created.index || created.errors.length > 0) throw new SearchIndexError('start', created.errors);
          const { index } = created;
          const added = await addPages(index, site, bundleDir);
          const indexed = Object.values(added.languages).reduce((sum, count) => sum + count, 0);
          if (indexed === 0) throw new SearchIndexError(`index ${site}`, ['no HTML pages found']);
          const written = await index.writeFiles({ outputPath });
          if (written.errors.length > 0) throw new SearchIndexError(`write ${outputPath}`, written.errors);
          const entryPath = join(outputPath, 'pagefind-entry.json');
          writeFileSync(entryPath, JSON.stringify(withSharedStemmer(JSON.parse(readFileSync(entryPath, 'utf8')))));
          const sizes = bundleBytes(outputPath);
          const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
          logger.info(
            `read ${added.files} HTML pages, indexed ${indexed} (` +
              Object.entries(added.languages)
                .sort()
                .map(([language, count]) => `${language} ${count}`)
                .join(', ') +
              `); wrote ${bundleDir}/ in ${Math.round(performance.now() - started)} ms: ` +
              `index ${kib(sizes.index)}, search code and UI ${kib(sizes.runtime)} (${sizes.files} files)`,
          );
        } finally {
          await pagefind.close();
        }
      },
    },
  };
}
