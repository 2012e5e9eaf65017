/**
 * The permutation test behind `compareMedians`, kept apart because it is the hot loop: it runs
 * thousands of times per comparison, so it works on sorted typed arrays and never sorts inside.
 */
import { randomInt, type Random } from './random.ts';

/** Two samples pooled and sorted ascending, with `inA[i]` = 1 where position i came from sample A. */
export interface LabelledSample {
  values: Float64Array;
  inA: Uint8Array;
  nA: number;
}

/**
 * The two-sided permutation p-value of |median(B) − median(A)| (type-7 medians), estimated as
 * (1 + exceedances) / (1 + permutations), which is never 0 (Phipson & Smyth 2010). Once the
 * p-value is known to be at least `stopAt` it stops and returns a value ≥ `stopAt` (pass
 * Infinity for the full estimate): a simulated test only needs its verdict.
 */
export function medianPermutationPValue(
  pooled: LabelledSample,
  permutations: number,
  random: Random,
  stopAt: number,
): number {
  const n = pooled.values.length;
  const mask = new Int32Array(n);
  for (let i = 0; i < n; i++) mask[i] = pooled.inA[i];
  const observed = Math.abs(medianDifference(pooled.values, mask, 1, pooled.nA));
  // Splits that tie the observed difference must count as exceeding it, even when floating-point
  // subtraction of different pairs rounds differently; 1e-9 is nothing on a log-duration scale.
  const threshold = observed - 1e-9;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let exceed = 0;
  for (let p = 0; p < permutations; p++) {
    // A partial Fisher–Yates shuffle picks a uniform subset of positions for group A; marking
    // them with a fresh stamp spares clearing the mask between permutations.
    const stamp = p + 2;
    for (let i = 0; i < pooled.nA; i++) {
      const j = i + randomInt(random, n - i);
      const chosen = order[j];
      order[j] = order[i];
      order[i] = chosen;
      mask[chosen] = stamp;
    }
    if (Math.abs(medianDifference(pooled.values, mask, stamp, pooled.nA)) >= threshold) {
      exceed++;
      if ((1 + exceed) / (1 + permutations) >= stopAt) return (1 + exceed) / (1 + permutations);
    }
  }
  return (1 + exceed) / (1 + permutations);
}

/**
 * median(B) − median(A) (type 7) where A is the positions of sorted `values` marked with
 * `stamp`, in one pass and without sorting either group.
 */
function medianDifference(values: Float64Array, mask: Int32Array, stamp: number, nA: number): number {
  const nB = values.length - nA;
  const lowA = Math.floor((nA - 1) / 2);
  const highA = Math.ceil((nA - 1) / 2);
  const lowB = Math.floor((nB - 1) / 2);
  const highB = Math.ceil((nB - 1) / 2);
  let seenA = 0;
  let seenB = 0;
  let a0 = 0;
  let a1 = 0;
  let b0 = 0;
  let b1 = 0;
  for (let i = 0; i < values.length && (seenA <= highA || seenB <= highB); i++) {
    if (mask[i] === stamp) {
      if (seenA === lowA) a0 = values[i];
      if (seenA === highA) a1 = values[i];
      seenA++;
    } else {
      if (seenB === lowB) b0 = values[i];
      if (seenB === highB) b1 = values[i];
      seenB++;
    }
  }
  // Same arithmetic as quantileSorted, so the observed statistic matches the plain median.
  const medianA = a0 + (a1 - a0) * ((nA - 1) / 2 - lowA);
  const medianB = b0 + (b1 - b0) * ((nB - 1) / 2 - lowB);
  return medianB - medianA;
}

/** Merges two ascending samples into one labelled, ascending sample (A first among ties). */
export function mergeLabelled(sortedA: Float64Array, sortedB: Float64Array): LabelledSample {
  const n = sortedA.length + sortedB.length;
  const values = new Float64Array(n);
  const inA = new Uint8Array(n);
  let i = 0;
  let j = 0;
  for (let k = 0; k < n; k++) {
    if (j >= sortedB.length || (i < sortedA.length && sortedA[i] <= sortedB[j])) {
      values[k] = sortedA[i++];
      inA[k] = 1;
    } else {
      values[k] = sortedB[j++];
    }
  }
  return { values, inA, nA: sortedA.length };
}
