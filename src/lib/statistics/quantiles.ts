/**
 * Order statistics for skewed data such as incident durations, where a mean misleads. The
 * quantile is linear interpolation between closest ranks (numpy's default, Hyndman & Fan
 * type 7), the one spreadsheets use, so readers can recompute every figure.
 */

/** An ascending copy of `values`; throws on NaN, which would make any ordering meaningless. */
export function sortedCopy(values: readonly number[]): number[] {
  for (const value of values) {
    if (Number.isNaN(value)) throw new RangeError('values contain NaN');
  }
  // The default sort compares strings ("10" < "9"), hence the comparator.
  return [...values].sort((a, b) => a - b);
}

/**
 * The q-quantile (0..1) of values already sorted ascending, by linear interpolation between
 * closest ranks (type 7). Undefined for an empty list. The order is not checked, so resampling
 * loops can call it without re-sorting.
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number | undefined {
  if (sorted.length === 0) return undefined;
  checkProbability(q);
  const rank = (sorted.length - 1) * q;
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
}

/** The q-quantile (0..1) of values in any order, by linear interpolation (type 7); undefined when empty. */
export function quantile(values: readonly number[], q: number): number | undefined {
  if (values.length === 0) return undefined;
  checkProbability(q);
  return quantileSorted(sortedCopy(values), q);
}

/** The median (type-7 0.5 quantile: the mean of the middle two for an even count); undefined when empty. */
export function median(values: readonly number[]): number | undefined {
  return quantile(values, 0.5);
}

function checkProbability(q: number): void {
  // Written so that NaN fails too.
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile ${q} is outside 0..1`);
}
