/**
 * The normal quantile function behind the Kaplan–Meier intervals.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { normalQuantile } from '../../../src/lib/statistics/normal.ts';

describe('normalQuantile', () => {
  it('gives the familiar critical values', () => {
    // Reference values from Python's statistics.NormalDist().inv_cdf.
    const cases: [number, number][] = [
      [0.5, 0],
      [0.95, 1.6448536269514715],
      [0.975, 1.9599639845400536],
      [0.9, 1.2815515655446008],
      [0.001, -3.090232306167813],
      [1e-10, -6.361340902404056],
    ];
    for (const [p, z] of cases) assert.ok(Math.abs(normalQuantile(p) - z) < 1e-8, `p=${p}`);
  });

  it('is antisymmetric about one half', () => {
    // Up to rounding: 1 − 0.2 − 0.5 is 0.30000000000000004, not 0.3.
    for (const p of [0.01, 0.2, 0.4]) assert.ok(Math.abs(normalQuantile(p) + normalQuantile(1 - p)) < 1e-12);
  });

  it('rejects probabilities outside (0, 1)', () => {
    for (const p of [0, 1, -0.5, Number.NaN]) assert.throws(() => normalQuantile(p), RangeError);
  });
});
