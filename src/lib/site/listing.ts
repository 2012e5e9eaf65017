/**
 * Lists of incidents: the summary each list row needs, sort orders and the pages of a
 * paginated, sortable listing. Facet counts are in facets.ts.
 */
import { plainText } from '../content/plain-text.ts';
import type { Postmortem } from '../core/schema.ts';
import { compareNewestFirst, incidentTimes, startYear } from '../incidents/timing.ts';
import { severityOrder, type RootCauseCategory, type Severity } from '../core/taxonomy.ts';
import { listingSlug } from './routes.ts';

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
  started: Postmortem['started'];
  /** The day it started (`YYYY-MM-DD`); undefined when the start is unknown. */
  startedDay?: string;
  /** Sort key: the start instant or its day; undefined when unknown. */
  sortMs?: number;
  durationMs?: number;
  /** Undefined when the start is unknown; such incidents have no year page. */
  year?: number;
  status: Postmortem['status'];
  /** An incident, or a near miss (shown with a badge in lists; its times are not an outage's). */
  kind: Postmortem['kind'];
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
    startedDay: times.startedDay,
    sortMs: times.sortMs,
    durationMs: times.durationMs,
    year: startYear(times),
    status: data.status,
    kind: data.kind,
  };
}

export type SortKey = 'date' | 'duration' | 'severity';

/** Position on the severity scale; an unset severity (drafts) sorts last. */
function severityRank(severity: Severity | undefined): number {
  return severity === undefined ? severityOrder.length : severityOrder.indexOf(severity);
}

const newestFirst = compareNewestFirst;

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
