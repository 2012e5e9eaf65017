/**
 * Percentile-bootstrap intervals: hand-checkable small cases, reproducibility, and edge cases.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bootstrapInterval, medianInterval, quantileInterval } from '../../../src/lib/statistics/bootstrap.ts';
import { createRandom, normalDeviate } from '../../../src/lib/statistics/random.ts';
import { quantileSorted } from '../../../src/lib/statistics/quantiles.ts';

/** n log-normal durations around a median of one hour, log-sd 1.2 (incident durations are roughly so). */
function logNormal(n: number, seed: number): number[] {
  const random = createRandom(seed);
  return Array.from({ length: n }, () => 3_600_000 * Math.exp(1.2 * normalDeviate(random)));
}

describe('bootstrapInterval', () => {
  it('spans the resampling distribution of a two-value median', () => {
    // Resamples of [1, 3] are (1,1), (1,3), (3,1), (3,3), each with chance 1/4, with medians
    // 1, 2, 2, 3. The 5th and 95th percentiles of that distribution are 1 and 3 (each end has
    // 25% ≫ 5%), so with 2000 resamples the 90% interval is [1, 3] around the estimate 2.
    const interval = medianInterval([3, 1], { seed: 1 });
    assert.deepEqual(interval, { estimate: 2, low: 1, high: 3, level: 0.9, resamples: 2000, n: 2 });
  });

  it('collapses to a point for a constant sample', () => {
    const interval = quantileInterval([5, 5, 5, 5], 0.9, { seed: 2, resamples: 100 });
    assert.deepEqual(interval, { estimate: 5, low: 5, high: 5, level: 0.9, resamples: 100, n: 4 });
  });

  it('contains the estimate, and a wider level gives a wider interval', () => {
    const values = logNormal(60, 3);
    const narrow = medianInterval(values, { seed: 9 });
    const wide = medianInterval(values, { seed: 9, level: 0.99 });
    assert.ok(narrow && wide);
    assert.ok(narrow.low! <= narrow.estimate && narrow.estimate <= narrow.high!);
    assert.ok(wide.low! <= narrow.low! && narrow.high! <= wide.high!);
    assert.ok(narrow.low! < narrow.high!);
  });

  it('is reproducible with one seed and different with another', () => {
    const values = logNormal(40, 4);
    const first = quantileInterval(values, 0.9, { seed: 123 });
    assert.deepEqual(quantileInterval(values, 0.9, { seed: 123 }), first);
    assert.notDeepEqual(quantileInterval(values, 0.9, { seed: 124 }), first);
  });

  it('hands the statistic sorted resamples', () => {
    let checked = 0;
    bootstrapInterval(
      [9, 2, 7, 4, 1],
      (sorted) => {
        for (let i = 1; i < sorted.length; i++) assert.ok(sorted[i - 1] <= sorted[i]);
        checked++;
        return sorted[0];
      },
      { seed: 5, resamples: 50 },
    );
    // The sample itself once, then each resample.
    assert.equal(checked, 51);
  });

  it('gives no interval from a single value', () => {
    // Every resample of one value is that value: a zero-width "interval" would claim certainty.
    assert.deepEqual(medianInterval([42], { seed: 1 }), {
      estimate: 42,
      low: undefined,
      high: undefined,
      level: 0.9,
      resamples: 0,
      n: 1,
    });
  });

  it('returns undefined for an empty input and does not modify its input', () => {
    assert.equal(medianInterval([], { seed: 1 }), undefined);
    assert.equal(
      bootstrapInterval([], (s) => s.length, { seed: 1 }),
      undefined,
    );
    const values = Object.freeze([4, 2, 9]);
    medianInterval(values, { seed: 1, resamples: 10 });
    assert.deepEqual(values, [4, 2, 9]);
  });

  it('rejects nonsensical options', () => {
    assert.throws(() => medianInterval([1, 2], { seed: 1, level: 1 }), RangeError);
    assert.throws(() => medianInterval([1, 2], { seed: 1, resamples: 0 }), RangeError);
    assert.throws(() => quantileInterval([1, 2], 2, { seed: 1 }), RangeError);
  });
});

describe('quantileInterval', () => {
  it('gives exactly what bootstrapInterval gives with the type-7 quantile, ties and tiny samples included', () => {
    const random = createRandom(5);
    for (let trial = 0; trial < 60; trial++) {
      const n = 2 + Math.floor(random() * 300);
      // Every third sample is heavy with ties (whole minutes out of a few values), as durations are.
      const values =
        trial % 3 === 0
          ? Array.from({ length: n }, () => 60_000 * (1 + Math.floor(random() * 4)))
          : logNormal(n, trial + 1);
      for (const q of [0, 0.1, 0.5, 0.9, 0.95, 1]) {
        const options = { seed: trial * 7 + 1, resamples: 200, level: 0.9 };
        const expected = bootstrapInterval(values, (sorted) => quantileSorted(sorted, q) as number, options);
        assert.deepEqual(quantileInterval(values, q, options), expected, `n ${n}, q ${q}`);
      }
    }
  });
});
