/**
 * Whether two measures of the same incidents move together, without assuming either is normal
 * or even on a scale: Spearman's rank correlation (ties get their average rank), with a
 * permutation p-value so the verdict holds at the small N of a postmortem collection.
 */
import { randomInt, createRandom } from './random.ts';

/** Ranks from 1, ties sharing their average rank. */
export function averageRanks(values: readonly number[]): Float64Array {
  const order = values.map((value, index) => ({ value, index })).sort((x, y) => x.value - y.value);
  const ranks = new Float64Array(values.length);
  for (let start = 0; start < order.length;) {
    let end = start;
    while (end + 1 < order.length && order[end + 1].value === order[start].value) end++;
    const rank = (start + end) / 2 + 1;
    for (let i = start; i <= end; i++) ranks[order[i].index] = rank;
    start = end + 1;
  }
  return ranks;
}

function pearson(x: Float64Array, y: Float64Array): number {
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return sxx === 0 || syy === 0 ? Number.NaN : sxy / Math.sqrt(sxx * syy);
}

export interface RankCorrelation {
  /** Spearman's ρ in [−1, 1]; NaN when either measure is constant (no relation can be read). */
  rho: number;
  /** Two-sided permutation p-value, (1 + |ρ*| ≥ |ρ|) / (1 + permutations); never 0. */
  pValue: number;
  n: number;
  permutations: number;
}

/** Spearman's ρ of paired values with a seeded two-sided permutation test. */
export function spearman(
  x: readonly number[],
  y: readonly number[],
  { permutations = 2000, seed }: { permutations?: number; seed: number },
): RankCorrelation {
  if (x.length !== y.length) throw new RangeError(`spearman needs paired values; got ${x.length} and ${y.length}`);
  const n = x.length;
  const rx = averageRanks(x);
  const ry = averageRanks(y);
  const rho = n < 2 ? Number.NaN : pearson(rx, ry);
  if (Number.isNaN(rho)) return { rho, pValue: 1, n, permutations: 0 };
  const random = createRandom(seed);
  const shuffled = Float64Array.from(ry);
  const threshold = Math.abs(rho) - 1e-12;
  let exceed = 0;
  for (let p = 0; p < permutations; p++) {
    for (let i = n - 1; i > 0; i--) {
      const j = randomInt(random, i + 1);
      const swap = shuffled[i];
      shuffled[i] = shuffled[j];
      shuffled[j] = swap;
    }
    if (Math.abs(pearson(rx, shuffled)) >= threshold) exceed++;
  }
  return { rho, pValue: (1 + exceed) / (1 + permutations), n, permutations };
}
