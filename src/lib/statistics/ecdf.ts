/**
 * Empirical cumulative distribution functions and tick helpers for drawing them on a log axis.
 * An ECDF shows every incident, hides nothing behind a bin width, and reads off any quantile,
 * which is why the insights page plots durations this way rather than as histograms.
 */
import { DAY, HOUR, MINUTE, SECOND } from '../core/time.ts';
import { sortedCopy } from './quantiles.ts';

const MS = 1;

/** One step of an empirical CDF: the share `p` of values that are at most `x`. */
export interface CdfStep {
  x: number;
  p: number;
}

/** The empirical CDF of `values`: one step per distinct value, ascending; undefined when empty. */
export function empiricalCdf(values: readonly number[]): CdfStep[] | undefined {
  if (values.length === 0) return undefined;
  const sorted = sortedCopy(values);
  const n = sorted.length;
  const steps: CdfStep[] = [];
  for (let i = 0; i < n; i++) {
    // Only the last of a run of ties closes a step: p counts every value equal to x.
    if (i + 1 < n && sorted[i + 1] === sorted[i]) continue;
    steps.push({ x: sorted[i], p: (i + 1) / n });
  }
  // Make the final step exactly 1 whatever the division rounds to.
  steps[steps.length - 1].p = 1;
  return steps;
}

/** The value of an empirical CDF at `x` (0 below the first step); undefined for an empty CDF. */
export function cdfAt(steps: readonly CdfStep[], x: number): number | undefined {
  if (steps.length === 0) return undefined;
  // Binary search for the last step at or below x; CDFs of a few thousand incidents are queried per tick.
  let low = 0;
  let high = steps.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (steps[mid].x <= x) low = mid + 1;
    else high = mid;
  }
  return low === 0 ? 0 : steps[low - 1].p;
}

/**
 * Ticks at 1, 2 and 5 times powers of ten lying within [min, max], for a log axis; undefined
 * when the range is empty, not finite, or not positive (a log axis cannot show zero).
 */
export function logTicks(min: number, max: number): number[] | undefined {
  if (!(min > 0) || !(max >= min) || !Number.isFinite(max)) return undefined;
  const ticks: number[] = [];
  for (let exponent = Math.floor(Math.log10(min)) - 1; exponent <= Math.ceil(Math.log10(max)); exponent++) {
    for (const mantissa of [1, 2, 5]) {
      // Parsing the decimal gives the double nearest 0.002, where 2 * 10 ** -3 would not.
      const tick = Number(`${mantissa}e${exponent}`);
      if (tick >= min && tick <= max) ticks.push(tick);
    }
  }
  return ticks;
}

/**
 * Round durations a reader recognises, from finest to coarsest ladder; each ladder is a subset
 * of the one before so a coarser axis keeps the landmarks (1 min, 1 h, 1 d) of a finer one.
 */
const DURATION_LADDERS: readonly (readonly number[])[] = [
  [
    ...[1, 2, 5, 10, 20, 50, 100, 200, 500].map((k) => k * MS),
    ...[1, 2, 5, 10, 30].map((k) => k * SECOND),
    ...[1, 2, 5, 10, 30].map((k) => k * MINUTE),
    ...[1, 2, 6, 12].map((k) => k * HOUR),
    ...[1, 2, 7, 14, 30, 90, 365].map((k) => k * DAY),
  ],
  [
    ...[1, 10, 100].map((k) => k * MS),
    ...[1, 10].map((k) => k * SECOND),
    ...[1, 10].map((k) => k * MINUTE),
    ...[1, 6].map((k) => k * HOUR),
    ...[1, 7, 30, 365].map((k) => k * DAY),
  ],
  [MS, SECOND, MINUTE, HOUR, DAY, 7 * DAY, 365 * DAY],
];

/**
 * Ticks in milliseconds at round durations (1 s, 5 min, 1 h, 1 d, 7 d…) within [min, max],
 * from the finest ladder that gives at most `maxTicks`; undefined when the range cannot be
 * drawn on a log axis (see `logTicks`).
 */
export function durationTicks(min: number, max: number, maxTicks = 8): number[] | undefined {
  if (!(min > 0) || !(max >= min) || !Number.isFinite(max)) return undefined;
  let ticks: number[] = [];
  for (const ladder of DURATION_LADDERS) {
    ticks = ladder.filter((tick) => tick >= min && tick <= max);
    if (ticks.length <= maxTicks) return ticks;
  }
  // Even the coarsest ladder is too dense only for absurd limits; better too many ticks than none.
  return ticks;
}
