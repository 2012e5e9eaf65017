/**
 * Every figure of the insights page for one slice of the postmortems (a year range and a root
 * cause), computed from the records by one pure function that the build runs for the whole
 * knowledge base and the browser runs again when a reader filters, so both show the same numbers.
 */
import {
  keysOf,
  labelOf,
  rootCauseCategories,
  severities,
  severityOrder,
  type RootCauseCategory,
} from '../core/taxonomy.ts';
import { facets } from '../site/facets.ts';
import { NO_VALUE } from './no-value.ts';
import { distributionFigure, MEASURE_KEYS, type DistributionFigure, type Measure } from './distributions.ts';
import { followThroughFigure, type FollowThroughFigure } from './follow-through.ts';
import { periodIndex, periodsOf, type Period } from './periods.ts';
import type { IncidentRecord } from './records.ts';

/** Services charted by name; the rest are grouped so the chart stays legible at any size. */
export const TOP_SERVICES = 15;
/** Key of the services row that groups everything outside the charted services. */
export const OTHER_SERVICES = '(other)';

export interface Filter {
  /** First and last year, inclusive; null for every incident, those of unknown year included. */
  years: { from: number; to: number } | null;
  /** A root cause, NO_VALUE for the postmortems that name none, or null for all. */
  category: RootCauseCategory | typeof NO_VALUE | null;
}

export const NO_FILTER: Filter = { years: null, category: null };

export interface CountRow {
  key: string;
  label: string;
  count: number;
}

export interface Figures {
  filter: Filter;
  count: number;
  /** Incidents whose start year is unknown; only counted without a year range. */
  unknownYear: number;
  distributions: Record<Measure, DistributionFigure>;
  /** Categories named, most first; a postmortem with two categories counts in both; last, NO_VALUE if any has none. */
  categories: CountRow[];
  /** Every severity in scale order, then NO_VALUE if any postmortem has none. */
  severities: CountRow[];
  /** Charted services, most first, then other services and NO_VALUE when there are any. */
  services: CountRow[];
  overTime: {
    /** Width of a period in years (1, 10, 100…). */
    width: number;
    periods: Period[];
    categories: RootCauseCategory[];
    /** counts[period][category] */
    counts: number[][];
    /** Postmortems of each period without a category; null when every postmortem has one (no column). */
    uncategorised: number[] | null;
    totals: number[];
  };
  followThrough: FollowThroughFigure;
}

/** The records a filter keeps. */
export function applyFilter(records: readonly IncidentRecord[], filter: Filter): IncidentRecord[] {
  return records.filter(
    (record) =>
      (filter.years === null ||
        (record.year !== undefined && record.year >= filter.years.from && record.year <= filter.years.to)) &&
      (filter.category === null ||
        (filter.category === NO_VALUE ? record.categories.length === 0 : record.categories.includes(filter.category))),
  );
}

/** Services named most often, ties by name. */
export function topServices(records: readonly IncidentRecord[], limit = TOP_SERVICES): string[] {
  const counts = new Map<string, number>();
  for (const record of records)
    for (const service of new Set(record.services)) counts.set(service, (counts.get(service) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([service]) => service);
}

function overTime(records: readonly IncidentRecord[]): Figures['overTime'] {
  const { width, periods } = periodsOf(records.flatMap((record) => (record.year === undefined ? [] : [record.year])));
  const categories = keysOf(rootCauseCategories).filter((category) =>
    records.some((record) => record.categories.includes(category)),
  );
  const counts = periods.map(() => new Array<number>(categories.length).fill(0));
  const uncategorised = periods.map(() => 0);
  const totals = periods.map(() => 0);
  for (const record of records) {
    if (record.year === undefined) continue;
    const i = periodIndex(periods, record.year);
    totals[i]++;
    if (record.categories.length === 0) uncategorised[i]++;
    for (const category of new Set(record.categories)) counts[i][categories.indexOf(category)]++;
  }
  return {
    width,
    periods,
    categories,
    counts,
    uncategorised: uncategorised.some((count) => count > 0) ? uncategorised : null,
    totals,
  };
}

export interface FigureOptions {
  nowMs: number;
  /** Services charted by name; the TOP_SERVICES most named in `records` by default. */
  services?: readonly string[];
  /** How the catalog names a service (its label in the figures); the slug when not given. */
  serviceName?: (slug: string) => string;
}

/** Every figure for the records a filter keeps. */
export function computeFigures(records: readonly IncidentRecord[], filter: Filter, options: FigureOptions): Figures {
  const kept = applyFilter(records, filter);
  const charted = options.services ?? topServices(records);
  const categoryCounts = keysOf(rootCauseCategories)
    .map((key) => ({
      key,
      label: labelOf(rootCauseCategories, key),
      count: kept.filter((record) => record.categories.includes(key)).length,
    }))
    .filter((row) => row.count > 0)
    .sort((a, b) => b.count - a.count);
  const other = kept.filter((record) => record.services.some((service) => !charted.includes(service))).length;
  /** The row of postmortems without a value, when there are any. */
  const none = (label: string, count: number): CountRow[] => (count > 0 ? [{ key: NO_VALUE, label, count }] : []);
  return {
    filter,
    count: kept.length,
    unknownYear: kept.filter((record) => record.year === undefined).length,
    distributions: Object.fromEntries(
      MEASURE_KEYS.map((measure) => [measure, distributionFigure(kept, measure)]),
    ) as Record<Measure, DistributionFigure>,
    categories: [
      ...categoryCounts,
      ...none(facets.category.none, kept.filter((record) => record.categories.length === 0).length),
    ],
    severities: [
      ...severityOrder.map((key) => ({
        key,
        label: labelOf(severities, key),
        count: kept.filter((record) => record.severity === key).length,
      })),
      ...none(facets.severity.none, kept.filter((record) => record.severity === undefined).length),
    ],
    services: [
      ...charted
        .map((key) => ({
          key,
          label: options.serviceName?.(key) ?? key,
          count: kept.filter((record) => record.services.includes(key)).length,
        }))
        .filter((row) => row.count > 0)
        .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key)),
      ...(other > 0 ? [{ key: OTHER_SERVICES, label: 'Other services', count: other }] : []),
      ...none(facets.service.none, kept.filter((record) => record.services.length === 0).length),
    ],
    overTime: overTime(kept),
    followThrough: followThroughFigure(kept, options.nowMs),
  };
}
