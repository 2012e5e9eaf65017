/**
 * Writes the full-text search index of a built site: Pagefind reads the built HTML (only the
 * postmortem articles carry `data-pagefind-body`) and writes the index, its WebAssembly and
 * its Component UI into `<site>/pagefind/`. Run by `npm run build` after Astro has exited
 * (src/cli/build.ts), or inside a bare `astro build` by the integration
 * (src/integrations/pagefind.ts). A failure throws: a site whose search silently returns
 * nothing is worse than no deploy.
 */
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import * as pagefind from 'pagefind';
import { DEFERRED_BODY_ATTRIBUTE, forSearchIndex, withSharedStemmer } from '../lib/search/languages.ts';
import { routes, SEARCH_BUNDLE_DIR } from '../lib/site/routes.ts';

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
 * Adds the built pages to the index. Pagefind's own directory pass reads every page served in
 * its index's language (nearly all of them) in parallel; pages that must be indexed under
 * another language (see search-languages.ts: French shares the English stemmer) carry a
 * deferred body marker that pass ignores, and are added one by one, rewritten, in path order.
 */
async function addPages(index: pagefind.PagefindIndex, site: string) {
  const pages = readdirSync(site, { recursive: true, encoding: 'utf8' })
    .filter((name) => INCIDENT_PAGE.test(name.split(sep).join('/')))
    .sort();
  const deferred: { name: string; html: string }[] = [];
  let servedAsIs = 0;
  // Bytes are searched without decoding, and read synchronously: at 10,000 pages one awaited
  // read per page cost seconds; only the few deferred pages are decoded.
  const deferredMark = Buffer.from(DEFERRED_BODY_ATTRIBUTE);
  const bodyMark = Buffer.from('data-pagefind-body');
  for (const name of pages) {
    const bytes = readFileSync(join(site, name));
    if (bytes.includes(deferredMark)) deferred.push({ name, html: bytes.toString('utf8') });
    else if (bytes.includes(bodyMark)) servedAsIs++;
  }
  let indexed = 0;
  if (servedAsIs > 0) {
    const bulk = await index.addDirectory({ path: site, glob: INCIDENT_GLOB });
    if (bulk.errors.length > 0) throw new SearchIndexError(`index ${site}`, bulk.errors);
    // Pagefind counts every file it read, including the deferred pages it skipped.
    indexed += servedAsIs;
  }
  const languages: Record<string, number> = {};
  for (const { name, html } of deferred) {
    const page = forSearchIndex(html);
    const added = await index.addHTMLFile({ sourcePath: name.split(sep).join('/'), content: page.html });
    if (added.errors.length > 0) throw new SearchIndexError(`index ${name}`, added.errors);
    languages[page.language] = (languages[page.language] ?? 0) + 1;
    indexed++;
  }
  return { files: pages.length, indexed, languages };
}

/** Whether the build wrote any page at all; none means the build itself went wrong. */
function hasHtml(site: string): boolean {
  return readdirSync(site, { recursive: true, encoding: 'utf8' }).some((name) => name.endsWith('.html'));
}

/**
 * The summary paragraph under a postmortem's title. Its text is already indexed once as the
 * `summary` metadata (SearchIndexData.astro), and Pagefind indexes metadata words too, so the
 * paragraph would index every summary word a second time. Skipping it keeps summaries
 * searchable while shrinking the word index (4% at 3,000 postmortems) and the chunks each
 * search loads; a result shows the summary from its metadata, so no excerpt repeats it.
 */
const SUMMARY_IN_BODY = 'article > header > p.summary';

/**
 * The page's own labels and bookkeeping, the same on every postmortem: each timeline entry's
 * clock time, offset and kind ("Escalation", "Action"), and the action table's caption, column
 * heads and cells other than the action itself (term, type, owner, status, due). Indexed, they
 * put words such as "resolved", "detected" or "UTC" on every page, so those words matched
 * everything, filled excerpts, and their long page lists made the index chunks every search
 * loads larger. Section headings and the facts panel carry `data-pagefind-ignore` in the page.
 * At 10,000 postmortems (timeline times and facts terms alone): word index 21 → 18 MB,
 * Pagefind's peak memory 3.33 → 3.13 GB and its writing 40.5 → 33.0 s (one run each).
 */
const PAGE_LABELS = [
  '.timeline .when',
  'table.action-items caption',
  'table.action-items thead',
  'table.action-items td:not(.action)',
  'table.action-items td.action a',
];

/** Only incident pages carry searchable content; list pages would only repeat their titles. */
const INCIDENT_GLOB = `${routes.postmortem('*')}index.html`;
const INCIDENT_PAGE = new RegExp(`^${INCIDENT_GLOB.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace('*', '[^/]+')}$`);

/**
 * Indexes the incident pages of the built site in `site` and writes the bundle into
 * `<site>/<bundleDir>/`; returns the line that reports what was done. `warn` hears about an
 * index with nothing in it (a knowledge base with only drafts still deploys).
 */
export async function writeSearchIndex(
  site: string,
  warn: (message: string) => void,
  bundleDir: string = SEARCH_BUNDLE_DIR,
): Promise<string> {
  const outputPath = join(site, bundleDir);
  const started = performance.now();
  try {
    const created = await pagefind.createIndex({ excludeSelectors: [SUMMARY_IN_BODY, ...PAGE_LABELS] });
    if (!created.index || created.errors.length > 0) throw new SearchIndexError('start', created.errors);
    const { index } = created;
    const added = await addPages(index, site);
    const indexed = added.indexed;
    if (added.files === 0 && !hasHtml(site)) throw new SearchIndexError(`index ${site}`, ['no HTML pages found']);
    if (indexed === 0) warn('no published postmortem to index yet; search will find nothing');
    const written = await index.writeFiles({ outputPath });
    if (written.errors.length > 0) throw new SearchIndexError(`write ${outputPath}`, written.errors);
    const entryPath = join(outputPath, 'pagefind-entry.json');
    writeFileSync(entryPath, JSON.stringify(withSharedStemmer(JSON.parse(readFileSync(entryPath, 'utf8')))));
    const sizes = bundleBytes(outputPath);
    const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
    const rewritten = Object.entries(added.languages)
      .sort()
      .map(([language, count]) => `${language} ${count}`)
      .join(', ');
    return (
      `read ${added.files} incident pages, indexed ${indexed}` +
      (rewritten ? ` (${rewritten} added after rewriting)` : '') +
      `; wrote ${bundleDir}/ in ${Math.round(performance.now() - started)} ms: ` +
      `index ${kib(sizes.index)}, search code and UI ${kib(sizes.runtime)} (${sizes.files} files)`
    );
  } finally {
    await pagefind.close();
  }
}

/**
 * Set to `after-build` by `npm run build` (src/cli/build.ts): the integration then leaves the
 * index to the step that runs once Astro has exited. Pagefind keeps every page in memory until
 * it writes (3.2 GiB at 10,000 postmortems); inside Astro's process that adds to the 1–2 GiB
 * Astro still holds at the end of a build, after it they never add up.
 */
export const SEARCH_INDEX_ENV = 'KB_SEARCH_INDEX';
export const AFTER_BUILD = 'after-build';
