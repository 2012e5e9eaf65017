/**
 * Comparing the typical duration of two periods. Durations are compared on a log scale, so a
 * change reads as a ratio ("twice as long") and one slow outlier cannot dominate; the test is a
 * permutation test on the difference of log-medians, which assumes nothing about the shape of
 * the distribution. Alongside the p-value comes the smallest change the test could have
 * detected, so that "no detectable change" is never mistaken for "no change".
 */
import { quantileSorted, sortedCopy } from './quantiles.ts';
import { mergeLabelled, medianPermutationPValue } from './permutation.ts';
import { createRandom, deriveSeed, randomInt, type Random } from './random.ts';

/** Fewest values per group for which a comparison is attempted. */
export const MINIMUM_GROUP_SIZE = 3;

/** Ratios of medians tried, in increasing order, when estimating the minimum detectable ratio. */
export const DETECTABLE_RATIOS: readonly number[] = [1.1, 1.25, 1.5, 2, 3, 5, 10, 20, 50, 100];

/** Options of `compareMedians`; `seed` is required so that results are reproducible. */
export interface CompareOptions {
  seed: number;
  /** Permutations of the test itself; 5000 by default (p-values resolve to 1/5001). */
  permutations?: number;
  /** Significance level; 0.05 by default. */
  alpha?: number;
  /** Power required of a change to count as detectable; 0.8 by default. */
  power?: number;
  /** Simulated pairs of samples per ratio tried; 200 by default. */
  simulations?: number;
  /** Permutations per simulated test; 99 by default (see `minimumDetectableRatio`). */
  simulationPermutations?: number;
  /** Ratios tried, increasing; `DETECTABLE_RATIOS` by default. */
  ratios?: readonly number[];
}

/**
 * Two periods compared; no sentences, the page writes those. With fewer than
 * `MINIMUM_GROUP_SIZE` values in either group, `enough` is false, no test is run, `pValue` and
 * `minimumDetectableRatio` are undefined and `detectable` is false.
 */
export interface MedianComparison {
  nA: number;
  nB: number;
  medianA: number;
  medianB: number;
  /** medianB / medianA: above 1 means the second period took longer. */
  ratio: number;
  /** Two-sided permutation p-value of the difference of log-medians, in (0, 1]. */
  pValue: number | undefined;
  /** Whether pValue < alpha. */
  detectable: boolean;
  /** Smallest ratio on the grid detected with the required power; undefined if none is (or too few values). */
  minimumDetectableRatio: number | undefined;
  enough: boolean;
}

/**
 * Compares the medians of two samples of positive durations (a: before, b: after). Undefined
 * when either sample is empty; throws on a duration that is not positive and finite, since a
 * log scale has no place for it (drop or floor such values first).
 */
export function compareMedians(
  a: readonly number[],
  b: readonly number[],
  options: CompareOptions,
): MedianComparison | undefined {
  const permutations = options.permutations ?? 5000;
  const alpha = options.alpha ?? 0.05;
  checkCount('permutations', permutations);
  checkProbability('alpha', alpha);
  if (a.length === 0 || b.length === 0) return undefined;
  const logsA = sortedLogs(a);
  const logsB = sortedLogs(b);
  const medianA = quantileSorted(sortedCopy(a), 0.5) as number;
  const medianB = quantileSorted(sortedCopy(b), 0.5) as number;
  const base = { nA: a.length, nB: b.length, medianA, medianB, ratio: medianB / medianA };
  if (a.length < MINIMUM_GROUP_SIZE || b.length < MINIMUM_GROUP_SIZE) {
    return { ...base, pValue: undefined, detectable: false, minimumDetectableRatio: undefined, enough: false };
  }
  const random = createRandom(deriveSeed(options.seed, 1));
  const pValue = medianPermutationPValue(mergeLabelled(logsA, logsB), permutations, random, Infinity);
  return {
    ...base,
    pValue,
    detectable: pValue < alpha,
    minimumDetectableRatio: detectableRatio(logsA, logsB, options),
    enough: true,
  };
}

/**
 * The smallest ratio of medians on the grid that the permutation test would detect with the
 * required power (80% by default) at the sizes of `a` and `b`; undefined when either has fewer
 * than `MINIMUM_GROUP_SIZE` values or no ratio on the grid is detectable. Same input rules as
 * `compareMedians`.
 *
 * Estimated by simulation: each group's log-durations are centred on their own median and
 * pooled (centring keeps a real difference between the periods from widening the spread), pairs
 * of samples of the observed sizes are drawn from the pool with replacement, the second shifted
 * by log(ratio), and tested. The trade-offs for speed: 200 simulations estimate power within
 * about ±3 points, and a ratio whose power is plainly above or below the target stops after a
 * few dozen; 99 permutations per simulated test resolve p only to 0.01, coarse but enough to
 * compare with 0.05, and a test stops as soon as its verdict is settled; all ratios share the
 * same draws, so power grows with the ratio and a binary search tries 3 or 4 of them. The grid
 * itself is the coarsest part: the answer is the first grid ratio reaching the power.
 */
export function minimumDetectableRatio(
  a: readonly number[],
  b: readonly number[],
  options: CompareOptions,
): number | undefined {
  if (a.length < MINIMUM_GROUP_SIZE || b.length < MINIMUM_GROUP_SIZE) return undefined;
  return detectableRatio(sortedLogs(a), sortedLogs(b), options);
}

function detectableRatio(logsA: Float64Array, logsB: Float64Array, options: CompareOptions): number | undefined {
  const alpha = options.alpha ?? 0.05;
  const power = options.power ?? 0.8;
  const simulations = options.simulations ?? 200;
  const permutations = options.simulationPermutations ?? 99;
  const ratios = options.ratios ?? DETECTABLE_RATIOS;
  checkProbability('alpha', alpha);
  checkProbability('power', power);
  checkCount('simulations', simulations);
  checkCount('simulationPermutations', permutations);
  for (let i = 0; i < ratios.length; i++) {
    if (!(ratios[i] > 1) || (i > 0 && !(ratios[i] > ratios[i - 1]))) {
      throw new RangeError('ratios must be increasing and above 1');
    }
  }
  const medianA = quantileSorted(logsA, 0.5) as number;
  const medianB = quantileSorted(logsB, 0.5) as number;
  const pool = Float64Array.from([...logsA.map((x) => x - medianA), ...logsB.map((x) => x - medianB)]);
  const needed = Math.ceil(power * simulations);

  const reachesPower = (ratio: number): boolean => {
    const shift = Math.log(ratio);
    let successes = 0;
    for (let sim = 0; sim < simulations; sim++) {
      // One stream per simulation, not per ratio: every ratio sees the same draws.
      const random = createRandom(deriveSeed(options.seed, 2, sim));
      const sampleA = draw(pool, logsA.length, 0, random).sort();
      const sampleB = draw(pool, logsB.length, shift, random).sort();
      if (medianPermutationPValue(mergeLabelled(sampleA, sampleB), permutations, random, alpha) < alpha) successes++;
      if (successes >= needed) return true;
      if (successes + (simulations - sim - 1) < needed) return false;
      // Far from the required power the verdict is plain long before the last simulation:
      // stop once the count is three binomial standard deviations away from it.
      const done = sim + 1;
      const gap = successes - done * power;
      if (done >= 20 && Math.abs(gap) > 3 * Math.sqrt(done * power * (1 - power))) return gap > 0;
    }
    return false;
  };

  let low = 0;
  let high = ratios.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (reachesPower(ratios[mid])) high = mid;
    else low = mid + 1;
  }
  return low < ratios.length ? ratios[low] : undefined;
}

function draw(pool: Float64Array, size: number, shift: number, random: Random): Float64Array {
  const sample = new Float64Array(size);
  for (let i = 0; i < size; i++) sample[i] = pool[randomInt(random, pool.length)] + shift;
  return sample;
}

function sortedLogs(values: readonly number[]): Float64Array {
  const logs = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (!(value > 0) || !Number.isFinite(value)) {
      throw new RangeError(`duration ${value} is not positive and finite`);
    }
    logs[i] = Math.log(value);
  }
  // A typed array sorts numerically, unlike a plain array.
  return logs.sort();
}

function checkProbability(name: string, value: number): void {
  if (!(value > 0 && value < 1)) throw new RangeError(`${name} ${value} is outside (0, 1)`);
}

function checkCount(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} ${value} is not a positive integer`);
}
