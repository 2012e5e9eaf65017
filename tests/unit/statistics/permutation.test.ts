/**
 * The permutation p-value against exact enumeration of every split.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { medianPermutationPValue, mergeLabelled } from '../../../src/lib/statistics/permutation.ts';
import { median } from '../../../src/lib/statistics/quantiles.ts';
import { createRandom } from '../../../src/lib/statistics/random.ts';

/** Every way to choose k of the indices 0..n-1. */
function* subsets(n: number, k: number, from = 0, chosen: number[] = []): Generator<number[]> {
  if (chosen.length === k) yield chosen;
  else for (let i = from; i < n; i++) yield* subsets(n, k, i + 1, [...chosen, i]);
}

describe('medianPermutationPValue', () => {
  it('estimates the exact p-value of a 4-against-5 split', () => {
    const a = [0.1, 0.4, 0.5, 1.3];
    const b = [0.7, 0.9, 1.1, 1.6, 2.0];
    // Exact: the share of the C(9,4) = 126 splits whose |median difference| is at least the
    // observed |1.1 − 0.45| = 0.65, counted here by brute force.
    const pooled = [...a, ...b];
    const observed = Math.abs(median(b)! - median(a)!);
    let extreme = 0;
    let total = 0;
    for (const chosen of subsets(9, 4)) {
      const inA = new Set(chosen);
      const splitA = pooled.filter((_, i) => inA.has(i));
      const splitB = pooled.filter((_, i) => !inA.has(i));
      if (Math.abs(median(splitB)! - median(splitA)!) >= observed - 1e-9) extreme++;
      total++;
    }
    assert.equal(total, 126);
    const exact = extreme / total;
    const permutations = 20_000;
    const p = medianPermutationPValue(
      mergeLabelled(Float64Array.from(a), Float64Array.from(b)),
      permutations,
      createRandom(1),
      Infinity,
    );
    // Binomial sd of the estimate: sqrt(p (1 − p) / 20000) ≤ 0.0036; allow four of those.
    assert.ok(Math.abs(p - exact) < 0.015, `estimate ${p}, exact ${exact}`);
    assert.ok(exact > 0 && exact < 1);
  });

  it('stops early once the p-value reaches stopAt', () => {
    // Identical halves: every split is as extreme as the observed one, so p = (1 + k) / 1000 after
    // k permutations and the test stops at k = 49, the first count with p ≥ 0.05.
    const same = Float64Array.from([1, 2, 3]);
    assert.equal(medianPermutationPValue(mergeLabelled(same, same), 999, createRandom(1), 0.05), 0.05);
    assert.equal(medianPermutationPValue(mergeLabelled(same, same), 999, createRandom(1), Infinity), 1);
  });
});

describe('mergeLabelled', () => {
  it('interleaves two sorted samples and labels where each value came from', () => {
    const merged = mergeLabelled(Float64Array.from([1, 3, 3]), Float64Array.from([2, 3]));
    assert.deepEqual([...merged.values], [1, 2, 3, 3, 3]);
    assert.deepEqual([...merged.inA], [1, 0, 1, 1, 0]);
    assert.equal(merged.nA, 3);
  });
});
