/**
 * The search page keeps its whole state in the URL (`/search/?q=deadlock&category=database`),
 * so a search can be pasted into an incident channel and restored with the back button.
 * URLs carry slugs; the index's filters carry the labels readers see (category "database"
 * is the filter value "Database"). Pure, so it runs in the browser and in tests alike.
 */
import { searchFacets, type SearchFilter } from '../site/facets.ts';

export type { SearchFilter };

/** Pagefind filter names (one per search facet in the registry), in the order URLs list them. */
export const SEARCH_FILTERS = searchFacets.map((facet) => facet.search.filter);

/** How a filter is named to readers. */
export const FILTER_NAMES: Record<SearchFilter, string> = {
  category: 'Root cause',
  severity: 'Severity',
  detection: 'Detected by',
  service: 'Service',
  year: 'Year',
  factor: 'Contributing factor',
  kind: 'Kind',
};

/** "Root cause: Database; Year: 2024" for the filters in force, or '' when there are none. */
export function describeFilters(filters: Record<string, readonly string[] | undefined>): string {
  return SEARCH_FILTERS.flatMap((name) => {
    const values = filters[name] ?? [];
    return values.length ? [`${FILTER_NAMES[name]}: ${values.join(' or ')}`] : [];
  }).join('; ');
}

/** Sort orders offered besides best match, by URL value; each is a Pagefind sort key and direction. */
export const SEARCH_SORTS = {
  newest: { label: 'Newest first', key: 'date', direction: 'desc' },
  oldest: { label: 'Oldest first', key: 'date', direction: 'asc' },
  longest: { label: 'Longest first', key: 'duration', direction: 'desc' },
} as const;
export type SearchSort = keyof typeof SEARCH_SORTS;

export interface SearchState {
  query: string;
  /** Filter values as the index holds them (labels), per filter; only non-empty lists. */
  filters: Partial<Record<SearchFilter, string[]>>;
  sort?: SearchSort;
}

/** Per filter, URL slug → label shown and indexed; filters without an entry use the value as is. */
export type FilterLabels = Partial<Record<SearchFilter, Record<string, string>>>;

const isFilter = (name: string): name is SearchFilter => (SEARCH_FILTERS as readonly string[]).includes(name);
const isSort = (name: string): name is SearchSort => Object.hasOwn(SEARCH_SORTS, name);

/** Reads the search state from a URL's query string. Unknown parameters are ignored. */
export function parseSearchParams(params: URLSearchParams, labels: FilterLabels = {}): SearchState {
  const filters: SearchState['filters'] = {};
  for (const name of SEARCH_FILTERS) {
    const values = [
      ...new Set(
        params
          .getAll(name)
          .map((value) => value.trim())
          .filter(Boolean),
      ),
    ];
    if (values.length > 0) filters[name] = values.map((value) => labels[name]?.[value] ?? value);
  }
  const sort = params.get('sort') ?? '';
  return { query: (params.get('q') ?? '').trim(), filters, sort: isSort(sort) ? sort : undefined };
}

/** Writes the search state as a query string (with its leading `?`, or '' when empty), in a stable order. */
export function toSearchParams(state: SearchState, labels: FilterLabels = {}): string {
  const params = new URLSearchParams();
  if (state.query.trim()) params.set('q', state.query.trim());
  for (const name of SEARCH_FILTERS) {
    const slugs = Object.fromEntries(Object.entries(labels[name] ?? {}).map(([slug, label]) => [label, slug]));
    for (const value of [...(state.filters[name] ?? [])].sort()) params.append(name, slugs[value] ?? value);
  }
  if (state.sort) params.set('sort', state.sort);
  const text = params.toString().replaceAll('+', '%20');
  return text ? `?${text}` : '';
}

/** Keeps only known filters with at least one value (Pagefind reports cleared filters as empty lists). */
export function cleanFilters(filters: Record<string, readonly string[] | string | undefined>): SearchState['filters'] {
  const clean: SearchState['filters'] = {};
  for (const [name, value] of Object.entries(filters)) {
    const values = value === undefined ? [] : typeof value === 'string' ? [value] : [...value];
    if (isFilter(name) && values.length > 0) clean[name] = values;
  }
  return clean;
}
