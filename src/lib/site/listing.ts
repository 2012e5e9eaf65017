/**
 * Lists of incidents: the summary each list row needs, sort orders, facet counts and
 * the pages of a paginated, sortable listing.
 */
import { plainText } from '../content/plain-text.ts';
import type { Postmortem } from '../core/schema.ts';
import { incidentTimes, startYear } from '../incidents/timing.ts';
import { rootCauseCategories, severityOrder, type RootCauseCategory, type Severity } from '../core/taxonomy.ts';

/** What a list row shows; small, so paginated pages stay light at 10,000 postmortems. */
export interface IncidentSummary {
  id: string;
  title: string;
  /** Missing only on drafts. */
  summary?: string;
  /** Missing only on drafts. */
  severity?: Severity;
  categories: RootCauseCategory[];
  services: string[];
  started: string;
  startedMs: number;
  durationMs?: number;
  year: number;
  status: Postmortem['status'];
}

export function summarize(id: string, data: Postmortem): IncidentSummary {
  const times = incidentTimes(data);
  return {
    id,
    title: data.title,
    summary: data.summary === undefined ? undefined : plainText(data.summary),
    severity: data.severity,
    categories: data.rootCause.categories,
    services: data.services,
    started: data.started,
    startedMs: times.startedMs,
    durationMs: times.durationMs,
    year: startYear(times),
    status: data.status,
  };
}

export type SortKey = 'date' | 'duration' | 'severity';

/** Position on the severity scale; an unset severity (drafts) sorts last. */
function severityRank(severity: Severity | undefined): number {
  return severity === undefined ? severityOrder.length : severityOrder.indexOf(severity);
}

const newestFirst = (a: IncidentSummary, b: IncidentSummary) => b.startedMs - a.startedMs || a.id.localeCompare(b.id);

export const SORTS: Record<SortKey, { label: string; compare: (a: IncidentSummary, b: IncidentSummary) => number }> = {
  date: { label: 'Newest', compare: newestFirst },
  duration: {
    label: 'Longest',
    compare: (a, b) => (b.durationMs ?? -1) - (a.durationMs ?? -1) || newestFirst(a, b),
  },
  severity: {
    label: 'Most severe',
    compare: (a, b) => severityRank(a.severity) - severityRank(b.severity) || newestFirst(a, b),
  },
};

export const SORT_KEYS = Object.keys(SORTS) as SortKey[];

export function sortIncidents(items: readonly IncidentSummary[], key: SortKey): IncidentSummary[] {
  return [...items].sort(SORTS[key].compare);
}

export interface ListingPage {
  /** Sort orders this listing is built in; links offer only these. */
  sorts: SortKey[];
  /** Path below the listing's root, e.g. `sort/duration/page/2`; undefined for the first page by date. */
  slug: string | undefined;
  sort: SortKey;
  page: number;
  pageCount: number;
  total: number;
  items: IncidentSummary[];
}

/** Path of one page of a listing below its root. */
export function listingSlug(sort: SortKey, page: number): string | undefined {
  const parts = [sort === 'date' ? '' : `sort/${sort}`, page > 1 ? `page/${page}` : ''].filter(Boolean);
  return parts.length ? parts.join('/') : undefined;
}

/**
 * Every page of a listing in each requested sort order. An empty listing still has one page.
 * Facet listings are built newest-first only: every extra order multiplies the pages to build.
 */
export function listingPages(
  items: readonly IncidentSummary[],
  pageSize: number,
  sorts: SortKey[] = SORT_KEYS,
): ListingPage[] {
  const pageCount = Math.max(1, Math.ceil(items.length / pageSize));
  const pages: ListingPage[] = [];
  for (const sort of sorts) {
    const sorted = sortIncidents(items, sort);
    for (let page = 1; page <= pageCount; page++) {
      pages.push({
        slug: listingSlug(sort, page),
        sorts,
        sort,
        page,
        pageCount,
        total: items.length,
        items: sorted.slice((page - 1) * pageSize, page * pageSize),
      });
    }
  }
  return pages;
}

export interface FacetValue {
  value: string;
  count: number;
}

export interface Facets {
  categories: FacetValue[];
  severities: FacetValue[];
  services: FacetValue[];
  years: FacetValue[];
}

function tally(values: Iterable<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

/** Counts per facet value: categories and services by count, severities in scale order, years newest first. */
export function facetCounts(items: readonly IncidentSummary[]): Facets {
  const byCount = (counts: Map<string, number>) =>
    [...counts]
      .map(([value, count]) => ({ value, count }))
      .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  const severities = tally(items.flatMap((item) => (item.severity ? [item.severity] : [])));
  const categories = tally(items.flatMap((item) => item.categories));
  return {
    categories: byCount(categories).filter((facet) => facet.value in rootCauseCategories),
    severities: severityOrder
      .filter((s) => severities.has(s))
      .map((value) => ({ value, count: severities.get(value)! })),
    services: byCount(tally(items.flatMap((item) => item.services))),
    years: [...tally(items.map((item) => String(item.year)))]
      .map(([value, count]) => ({ value, count }))
      .sort((a, b) => b.value.localeCompare(a.value)),
  };
}
