/**
 * Two-period comparison of median durations: the permutation test, its minimum detectable
 * ratio, and the guards for small or empty samples.
 *
 * Random samples are drawn with fixed seeds, so every assertion is deterministic; a test such as
 * "no detectable change between samples from one distribution" would fail for about 1 seed in 20
 * by design (that is what alpha = 0.05 means), and these seeds are not among them.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compareMedians, minimumDetectableRatio } from '../../../src/lib/statistics/compare.ts';
import { createRandom, normalDeviate } from '../../../src/lib/statistics/random.ts';

const HOUR = 3_600_000;

/** n log-normal durations with the given median, log-sd 1.2 (incident durations are roughly so). */
function logNormal(n: number, median: number, seed: number): number[] {
  const random = createRandom(seed);
  return Array.from({ length: n }, () => median * Math.exp(1.2 * normalDeviate(random)));
}

describe('compareMedians', () => {
  it('finds no detectable change between two samples from one log-normal (n = 20 each)', () => {
    const result = compareMedians(logNormal(20, HOUR, 1), logNormal(20, HOUR, 2), { seed: 7 })!;
    assert.equal(result.nA, 20);
    assert.equal(result.nB, 20);
    assert.equal(result.enough, true);
    assert.ok(result.pValue! >= 0.05, `p = ${result.pValue}`);
    assert.equal(result.detectable, false);
    // With a log-sd of 1.2 and 20 per group, only a large change would show: the standard error
    // of a log-median difference is about 1.2533 × 1.2 × sqrt(2/20) ≈ 0.48, and 80% power at 5%
    // needs about 2.8 of those, 1.33 on the log scale, a ratio near 3.8; the grid has 3 and 5.
    assert.ok(result.minimumDetectableRatio! >= 2 && result.minimumDetectableRatio! <= 10);
  });

  it('detects a fourfold change with n = 100 each', () => {
    const before = logNormal(100, HOUR, 3);
    const after = logNormal(100, 4 * HOUR, 4);
    const result = compareMedians(before, after, { seed: 8 })!;
    assert.equal(result.detectable, true);
    // No permutation of 5000 comes near, so p is the smallest possible: 1/5001.
    assert.equal(result.pValue, 1 / 5001);
    assert.ok(result.ratio > 2.5 && result.ratio < 6, `ratio ${result.ratio}`);
    assert.equal(result.ratio, result.medianB / result.medianA);
  });

  it('can detect smaller changes with more data', () => {
    const small = minimumDetectableRatio(logNormal(20, HOUR, 5), logNormal(20, HOUR, 6), { seed: 9 })!;
    const large = minimumDetectableRatio(logNormal(200, HOUR, 5), logNormal(200, HOUR, 6), { seed: 9 })!;
    assert.ok(large < small, `${large} should be below ${small}`);
    // Same arithmetic as above at 200 per group: 2.8 × 1.2533 × 1.2 × sqrt(2/200) ≈ 0.42 → 1.5.
    assert.ok(large <= 2);
  });

  it('gives p-values in (0, 1], and exactly 1 for identical samples', () => {
    for (let seed = 0; seed < 5; seed++) {
      const result = compareMedians(logNormal(15, HOUR, seed), logNormal(25, 2 * HOUR, seed + 100), {
        seed,
        permutations: 500,
      })!;
      assert.ok(result.pValue! > 0 && result.pValue! <= 1, `p = ${result.pValue}`);
    }
    // The observed difference is 0, and every split differs by at least 0.
    const same = [1, 2, 3, 4, 5];
    assert.equal(compareMedians(same, same, { seed: 1, permutations: 200 })!.pValue, 1);
  });

  it('matches the exact permutation p-value for three against three', () => {
    // a = 1 2 3 and b = 4 5 6, medians 2 and 5. Of the C(6,3) = 20 ways to split the six, those
    // whose medians are 5/2 apart are {1,2,3}|{4,5,6} and {1,2,4}|{3,5,6} (medians 2 and 5) and
    // their mirror images; every other split is closer (e.g. {1,2,5}|{3,4,6}: 2 and 4). So the
    // exact p-value is 4/20 = 0.2, which 5000 random splits estimate within about ±0.006 (1 sd).
    const result = compareMedians([1, 2, 3], [4, 5, 6], { seed: 3 })!;
    assert.equal(result.ratio, 2.5);
    assert.ok(Math.abs(result.pValue! - 0.2) < 0.02, `p = ${result.pValue}`);
    assert.equal(result.detectable, false);
    // The observed split and its mirror always tie, so with three per group p ≥ 2/20 = 0.1 and
    // no ratio, however large, is detectable at 0.05.
    assert.equal(result.enough, true);
    assert.equal(result.minimumDetectableRatio, undefined);
  });

  it('runs no test with fewer than three in a group', () => {
    const result = compareMedians([1, 2], [10, 20, 30, 40], { seed: 1 });
    assert.deepEqual(result, {
      nA: 2,
      nB: 4,
      medianA: 1.5,
      medianB: 25,
      ratio: 25 / 1.5,
      pValue: undefined,
      detectable: false,
      minimumDetectableRatio: undefined,
      enough: false,
    });
    assert.equal(minimumDetectableRatio([1, 2], [10, 20, 30, 40], { seed: 1 }), undefined);
  });

  it('is reproducible with one seed', () => {
    const a = logNormal(30, HOUR, 10);
    const b = logNormal(30, 1.5 * HOUR, 11);
    assert.deepEqual(compareMedians(a, b, { seed: 4 }), compareMedians(a, b, { seed: 4 }));
  });

  it('returns undefined when either period is empty and does not modify its inputs', () => {
    assert.equal(compareMedians([], [1, 2, 3], { seed: 1 }), undefined);
    assert.equal(compareMedians([1, 2, 3], [], { seed: 1 }), undefined);
    assert.equal(compareMedians([], [], { seed: 1 }), undefined);
    const a = Object.freeze([3, 1, 2, 5]);
    const b = Object.freeze([9, 7, 8]);
    compareMedians(a, b, { seed: 1, permutations: 100, simulations: 10 });
    assert.deepEqual(
      [a, b],
      [
        [3, 1, 2, 5],
        [9, 7, 8],
      ],
    );
  });

  it('refuses durations a log scale cannot hold, and bad options', () => {
    assert.throws(() => compareMedians([0, 1, 2], [1, 2, 3], { seed: 1 }), RangeError);
    assert.throws(() => compareMedians([1, 2, 3], [-1, 2, 3], { seed: 1 }), RangeError);
    assert.throws(() => compareMedians([1, 2, 3], [1, 2, Infinity], { seed: 1 }), RangeError);
    assert.throws(() => compareMedians([1, 2, 3], [1, 2, 3], { seed: 1, alpha: 0 }), RangeError);
    assert.throws(() => compareMedians([1, 2, 3], [1, 2, 3], { seed: 1, ratios: [2, 1.5] }), RangeError);
  });
});
