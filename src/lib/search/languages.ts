/**
 * Which search index a page's words go into, so one search finds postmortems in every language.
 *
 * Pagefind keeps an index per language and, in the browser, searches every merged index with
 * the primary index's WebAssembly, whose stemmer is that language's. So:
 *
 * - languages that separate words with spaces (English, French, German, …) share the English
 *   index: query and page are then stemmed by the same rules, and "onduleur" finds "onduleurs".
 *   A French index merged into an English search would be queried with English stems and miss.
 * - languages written without spaces between words (Japanese, Chinese, Thai) get an index of
 *   their own: only there does Pagefind cut the text into words at build time, and the browser
 *   cuts the query the same way (Intl.Segmenter) when it searches that index. Forced into the
 *   English index, 携帯 is not found inside 携帯キャリア.
 *
 * The search UI merges every index of the bundle into one search, and all of them are searched
 * with the English WebAssembly (see withSharedStemmer).
 */

/** The index every page goes into unless its language needs word segmentation. */
export const PRIMARY_SEARCH_LANGUAGE = 'en';

/** Languages Pagefind segments into words (the same list as its runtime's `needsWordSegmentation`). */
export const SEGMENTED_LANGUAGES: readonly string[] = ['ja', 'zh', 'th'];

/** The search index for a page whose `<html lang>` is `lang` (a BCP 47 tag, possibly missing). */
export function searchIndexLanguage(lang: string | undefined): string {
  const primary = (lang ?? '').trim().split('-')[0].toLowerCase();
  return SEGMENTED_LANGUAGES.includes(primary) ? primary : PRIMARY_SEARCH_LANGUAGE;
}

/**
 * Marks the body of a page that must be rewritten before indexing (its `<html lang>` is not
 * the index's). Pagefind's bulk directory pass does not know this attribute, so it skips such
 * pages; the integration adds them one by one after rewriting the marker to `data-pagefind-body`.
 */
export const DEFERRED_BODY_ATTRIBUTE = 'data-kb-search-body';

/** Whether a page in `lang` can be indexed as served, by Pagefind's own directory pass. */
export function indexedAsServed(lang: string): boolean {
  return searchIndexLanguage(lang) === lang.toLowerCase();
}

const HTML_LANG = /<html\b([^>]*?)\slang=(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i;

/**
 * The page as the indexer should read it: `<html lang>` set to its search index's language.
 * Only what Pagefind reads changes; the page served keeps its own lang.
 */
export function forSearchIndex(source: string): { html: string; language: string } {
  const html = source.replace(DEFERRED_BODY_ATTRIBUTE, 'data-pagefind-body');
  const match = HTML_LANG.exec(html);
  const language = searchIndexLanguage(match ? (match[2] ?? match[3] ?? match[4]) : undefined);
  if (!match) return { html: html.replace(/<html\b/i, `<html lang="${language}"`), language };
  return { html: html.replace(HTML_LANG, `<html$1 lang="${language}"`), language };
}

/** One language index in Pagefind's `pagefind-entry.json`. */
export interface EntryLanguage {
  hash: string;
  wasm: string | null;
  page_count: number;
}

/**
 * The index Pagefind's runtime makes primary on a page whose `<html lang>` is `pageLang`: the
 * exact language, else its primary subtag, else the index with the most pages (its `findIndex`).
 */
export function primaryIndexLanguage(languages: Record<string, EntryLanguage>, pageLang: string): string | undefined {
  const lang = pageLang.toLowerCase();
  if (languages[lang]) return lang;
  if (languages[lang.split('-')[0]]) return lang.split('-')[0];
  return Object.entries(languages).sort((a, b) => b[1].page_count - a[1].page_count)[0]?.[0];
}

/**
 * The indexes the search UI merges into the primary one so that a search covers every language:
 * all of the bundle's indexes but the one Pagefind already loads for this page.
 */
export function mergedSearchLanguages(languages: Record<string, EntryLanguage>, pageLang: string): string[] {
  const primary = primaryIndexLanguage(languages, pageLang);
  return Object.keys(languages)
    .filter((language) => language !== primary)
    .sort();
}

/**
 * The entry file with every index searched by the English WebAssembly. The browser searches
 * merged indexes with the primary's WebAssembly, and the primary follows the page's lang; on a
 * Japanese page the Japanese index (which has no stemmer of its own) would otherwise make
 * English queries unstemmed. English stemming leaves Japanese words as they are.
 */
export function withSharedStemmer<T extends { languages: Record<string, EntryLanguage> }>(entry: T): T {
  const wasm = entry.languages[PRIMARY_SEARCH_LANGUAGE]?.wasm;
  if (!wasm) return entry;
  const languages = Object.fromEntries(
    Object.entries(entry.languages).map(([key, index]) => [key, { ...index, wasm }]),
  );
  return { ...entry, languages };
}
