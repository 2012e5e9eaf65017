/**
 * Order statistics for skewed data such as incident durations, where a mean misleads.
 */

/**
 * The q-quantile (0..1) with linear interpolation between closest ranks (the method used by
 * spreadsheets and numpy's default). Undefined for an empty list.
 */
export function quantile(values: readonly number[], q: number): number | undefined {
  if (values.length === 0) return undefined;
  if (q < 0 || q > 1) throw new RangeError(`quantile ${q} is outside 0..1`);
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (sorted.length - 1) * q;
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
}

export function median(values: readonly number[]): number | undefined {
  return quantile(values, 0.5);
}
