/**
 * Type-7 quantiles (numpy's default), the definition numpy uses by default.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { median, quantile, quantileSorted, sortedCopy } from '../../../src/lib/statistics/quantiles.ts';

describe('quantile', () => {
  it('interpolates linearly between closest ranks', () => {
    // rank = (n − 1) q; value = x[floor] + (x[ceil] − x[floor]) × fraction.
    // [1,2,3,4], q=0.25: rank 0.75 → 1 + 0.75 × (2 − 1) = 1.75
    assert.equal(quantile([4, 1, 3, 2], 0.25), 1.75);
    // [10..50], q=0.9: rank 3.6 → 40 + 0.6 × 10 = 46
    assert.equal(quantile([50, 10, 40, 20, 30], 0.9), 46);
    // [1,2,3,4], q=0.5: rank 1.5 → 2 + 0.5 × 1 = 2.5
    assert.equal(quantile([1, 2, 3, 4], 0.5), 2.5);
    // q = 0 and 1 are the extremes; one value is every quantile.
    assert.equal(quantile([7, 3, 9], 0), 3);
    assert.equal(quantile([7, 3, 9], 1), 9);
    assert.equal(quantile([7], 0.37), 7);
  });

  it('matches numpy.quantile on a skewed sample', () => {
    // Sorted: 3 5 12 20 27 45 90 600, n − 1 = 7.
    // q=0.1: rank 0.7 → 3 + 0.7 × 2 = 4.4; q=0.5: rank 3.5 → 20 + 0.5 × 7 = 23.5;
    // q=0.9: rank 6.3 → 90 + 0.3 × 510 = 243. numpy.quantile gives [4.4, 23.5, 243].
    const x = [45, 3, 600, 12, 27, 5, 90, 20];
    assert.ok(Math.abs((quantile(x, 0.1) as number) - 4.4) < 1e-12);
    assert.equal(quantile(x, 0.5), 23.5);
    assert.ok(Math.abs((quantile(x, 0.9) as number) - 243) < 1e-9);
  });

  it('rejects q outside 0..1', () => {
    assert.throws(() => quantile([1, 2], 1.5), RangeError);
    assert.throws(() => quantile([1, 2], -0.1), RangeError);
    assert.throws(() => quantile([1, 2], Number.NaN), RangeError);
  });

  it('returns undefined for an empty input', () => {
    assert.equal(quantile([], 0.5), undefined);
    assert.equal(quantileSorted([], 0.5), undefined);
    assert.equal(median([]), undefined);
  });

  it('does not modify its input', () => {
    const values = Object.freeze([3, 1, 2]);
    assert.equal(quantile(values, 0.5), 2);
    assert.deepEqual(values, [3, 1, 2]);
  });
});

describe('median and sortedCopy', () => {
  it('takes the mean of the middle two for an even count', () => {
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.equal(median([5, 1, 3]), 3);
  });

  it('sorts numerically into a new array', () => {
    const values = Object.freeze([10, 9, 100, 1]);
    const sorted = sortedCopy(values);
    assert.deepEqual(sorted, [1, 9, 10, 100]);
    assert.notEqual(sorted, values);
    assert.deepEqual(sortedCopy([]), []);
  });

  it('refuses NaN, which has no place in an order', () => {
    assert.throws(() => sortedCopy([1, Number.NaN]), RangeError);
    assert.throws(() => median([1, Number.NaN, 3]), RangeError);
  });
});
