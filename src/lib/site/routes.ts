/**
 * Every internal URL of the site, built in one place so each one honours Astro's `base`
 * (the site works unchanged under a sub-path such as `/kb/`). Pages and components pass these
 * paths to `href()`; none writes a path by hand.
 */
import type { PagedFacet } from './facets.ts';
import type { SortKey } from './listing.ts';

/** Joins the site base and a path into an absolute URL path; pages end with a slash. */
export function withBase(base: string, path = ''): string {
  const prefix = base.endsWith('/') ? base : `${base}/`;
  const rest = path.replace(/^\/+/, '');
  if (rest === '') return prefix;
  const [pathname, hash = ''] = rest.split('#');
  const isFile = /\.[a-z0-9]+$/i.test(pathname);
  const withSlash = isFile || pathname.endsWith('/') || pathname.includes('?') ? pathname : `${pathname}/`;
  return `${prefix}${withSlash}${hash ? `#${hash}` : ''}`;
}

/** Path of page `page` of a paginated list below its root, e.g. `page/2`; undefined for the first page. */
export function pageSlug(page: number): string | undefined {
  return page > 1 ? `page/${page}` : undefined;
}

/** Path of one page of a listing below its root, e.g. `sort/duration/page/2`; undefined for the first page by date. */
export function listingSlug(sort: SortKey, page: number): string | undefined {
  const parts = [sort === 'date' ? '' : `sort/${sort}`, pageSlug(page) ?? ''].filter(Boolean);
  return parts.length ? parts.join('/') : undefined;
}

/** Whether a URL is a listing in another order than newest first: it repeats the newest-first listing's entries. */
export function isResortedListing(url: string): boolean {
  return url.includes('/sort/');
}

/** Folder of the search index and its UI below the base; the build writes it, the search scripts load from it. */
export const SEARCH_BUNDLE_DIR = 'pagefind';

/** Route paths below the base, by what they show. */
export const routes = {
  home: () => '',
  postmortems: (slug?: string) => `postmortems/${slug ?? ''}`,
  postmortem: (id: string) => `postmortems/${id}/`,
  /** A facet's index of values, e.g. `categories/`; only facets with `pages.index` have one. */
  facetIndex: (facet: PagedFacet) => `${facet.pages.segment}/`,
  /** One value's listing, e.g. `categories/database/` or `years/2024/page/2`. */
  facetValue: (facet: PagedFacet, value: string, slug?: string) => `${facet.pages.segment}/${value}/${slug ?? ''}`,
  /** One value's history as JSON, e.g. `services/checkout-api.json` (services only; see docs/api.md). */
  facetValueJson: (facet: PagedFacet, value: string) => `${facet.pages.segment}/${value}.json`,
  /** The search page; `query` is a query string with its `?` (see search/url.ts). */
  search: (query = '') => `search/${query}`,
  searchBundle: () => `${SEARCH_BUNDLE_DIR}/`,
  /** The synonym groups of content/vocabulary.yaml, fetched by search on first use. */
  searchVocabulary: () => 'search/vocabulary.json',
  /** The postmortems' words, most common first, fetched only to suggest a correction. */
  searchWords: () => 'search/words.txt',
  insights: () => 'insights/',
  /** Contributing factors together, by service, and the cost of coordination. */
  insightsFactors: () => 'insights/factors/',
  /** Numbers of every incident, fetched by the insights page to re-slice its figures. */
  insightsRecords: () => 'insights/records.json',
  followUps: (slug?: string) => `follow-ups/${slug ?? ''}`,
  /** What stopped near misses, where luck helped and what went well, across every postmortem. */
  lessons: () => 'lessons/',
  /** Every line of one lessons group, paginated, e.g. `lessons/got-lucky/page/2/`. */
  lessonsGroup: (group: string, slug?: string) => `lessons/${group}/${slug ?? ''}`,
  feed: () => 'rss.xml',
  favicon: () => 'favicon.svg',
};
