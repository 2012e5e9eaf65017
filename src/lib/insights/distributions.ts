/**
 * Distributions of incident durations, times to detect and times to mitigate: the sample
 * behind an empirical CDF, its median and 90th percentile with bootstrap 90% intervals, and
 * how many incidents had to be left out because the time is unknown. Durations are skewed
 * (log-normal-like), so no mean is computed: one multi-day incident would move it more than
 * a hundred ordinary ones.
 */
import { quantileInterval } from '../statistics/bootstrap.ts';
import { quantileSorted, sortedCopy } from '../statistics/quantiles.ts';
import { seedFrom } from '../statistics/random.ts';
import { labelOf, rootCauseCategories, severities, severityOrder, keysOf } from '../core/taxonomy.ts';
import type { IncidentRecord } from './records.ts';

export const MEASURES = {
  duration: {
    label: 'Duration',
    field: 'durationMs',
    missing: 'no end time',
    definition: 'from the start of impact to resolution',
  },
  detect: {
    label: 'Time to detect',
    field: 'timeToDetectMs',
    missing: 'no detection time',
    definition: 'from the start of impact to detection',
  },
  mitigate: {
    label: 'Time to mitigate',
    field: 'timeToMitigateMs',
    missing: 'no mitigation time',
    definition: 'from the start of impact to mitigation',
  },
} as const;

export type Measure = keyof typeof MEASURES;
export const MEASURE_KEYS = Object.keys(MEASURES) as Measure[];

/** Shares at which each curve is tabulated and drawn: every 5th percentile. */
export const P_GRID: readonly number[] = Array.from({ length: 21 }, (_, i) => i / 20);

/** Coverage of every interval on the page. */
export const LEVEL = 0.9;
/** Resamples per bootstrap interval: enough for the 5th and 95th percentiles of the estimates. */
export const RESAMPLES = 2000;
/** Fewest incidents for which a group gets a curve; fewer are listed but not drawn. */
export const MIN_TO_DRAW = 5;

export type GroupBy = 'none' | 'severity' | 'category';

/** The measured values of one measure, with the count left out. */
export function measured(records: readonly IncidentRecord[], measure: Measure): { values: number[]; missing: number } {
  const field = MEASURES[measure].field;
  const values: number[] = [];
  for (const record of records) {
    const value = record[field];
    // A negative time is an inconsistency the validator reports; it is no measurement.
    if (value !== undefined && value >= 0) values.push(value);
  }
  return { values, missing: records.length - values.length };
}

export interface Estimate {
  value: number | null;
  low: number | null;
  high: number | null;
}

export interface DistributionRow {
  key: string;
  label: string;
  /** Incidents in the group with this time known. */
  n: number;
  /** Incidents in the group without it. */
  missing: number;
  median: Estimate;
  p90: Estimate;
  /** Value at each P_GRID share (type-7 quantile); null when n is 0. */
  quantiles: (number | null)[];
  /** Whether the group has enough incidents to draw. */
  drawn: boolean;
}

const none: Estimate = { value: null, low: null, high: null };

function estimate(sorted: readonly number[], q: number, seed: string): Estimate {
  const interval = quantileInterval(sorted, q, { seed: seedFrom(seed), level: LEVEL, resamples: RESAMPLES });
  if (!interval) return none;
  return { value: interval.estimate, low: interval.low ?? null, high: interval.high ?? null };
}

/** One group's row; the bootstrap is seeded by measure and group, so a build is reproducible. */
export function distributionRow(
  records: readonly IncidentRecord[],
  measure: Measure,
  key: string,
  label: string,
): DistributionRow {
  const { values, missing } = measured(records, measure);
  const sorted = sortedCopy(values);
  return {
    key,
    label,
    n: sorted.length,
    missing,
    median: estimate(sorted, 0.5, `${measure}|${key}|median`),
    p90: estimate(sorted, 0.9, `${measure}|${key}|p90`),
    quantiles: P_GRID.map((p) => quantileSorted(sorted, p) ?? null),
    drawn: sorted.length >= MIN_TO_DRAW,
  };
}

/** Groups of a breakdown, in scale or taxonomy order, leaving out groups with no incident. */
export function groupsOf(
  records: readonly IncidentRecord[],
  groupBy: GroupBy,
): { key: string; label: string; members: IncidentRecord[] }[] {
  if (groupBy === 'none') return [{ key: 'all', label: 'All incidents', members: [...records] }];
  const keys: readonly string[] = groupBy === 'severity' ? severityOrder : keysOf(rootCauseCategories);
  const groups = keys.map((key) => ({
    key,
    label: labelOf(groupBy === 'severity' ? severities : rootCauseCategories, key),
    members: records.filter((record) =>
      groupBy === 'severity' ? record.severity === key : (record.categories as string[]).includes(key),
    ),
  }));
  return groups.filter((group) => group.members.length > 0);
}

export interface DistributionFigure {
  measure: Measure;
  groupBy: GroupBy;
  /** Incidents considered, measured or not. */
  total: number;
  rows: DistributionRow[];
}

/** The distribution of one measure, overall or broken down by severity or root cause. */
export function distributionFigure(
  records: readonly IncidentRecord[],
  measure: Measure,
  groupBy: GroupBy = 'none',
): DistributionFigure {
  return {
    measure,
    groupBy,
    total: records.length,
    rows: groupsOf(records, groupBy).map((group) => distributionRow(group.members, measure, group.key, group.label)),
  };
}
