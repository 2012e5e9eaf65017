/**
 * A small seeded PRNG and the distributions the corpus draws from. Pure and deterministic:
 * the same seed gives the same sequence on every machine and Node version.
 */

import { createRandom } from '../../src/lib/statistics/random.ts';

export type Rng = () => number;

/** The project's seeded generator (mulberry32), so bench corpora and site statistics agree. */
export const mulberry32: (seed: number) => Rng = createRandom;

/** Integer in [min, max], both inclusive. */
export function randInt(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

export function pick<T>(rng: Rng, list: readonly T[]): T {
  return list[Math.floor(rng() * list.length)];
}

export function chance(rng: Rng, probability: number): boolean {
  return rng() < probability;
}

/** Standard normal variate (Box–Muller); 1 - u keeps log() away from 0. */
export function normal(rng: Rng): number {
  const u = 1 - rng();
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Log-normal variate with the given median and shape (standard deviation of its log). */
export function logNormal(rng: Rng, median: number, sigma: number): number {
  return Math.exp(Math.log(median) + sigma * normal(rng));
}

/** Picks by relative weight. */
export function weighted<T>(rng: Rng, entries: readonly (readonly [T, number])[]): T {
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  let at = rng() * total;
  for (const [value, weight] of entries) {
    at -= weight;
    if (at < 0) return value;
  }
  return entries[entries.length - 1][0];
}

/**
 * Zipf-like sampler over a ranked list: item k (0-based) has weight 1 / (k + 1)^exponent,
 * so a few services and categories dominate, as they do in real incident records.
 */
export function zipf<T>(items: readonly T[], exponent: number): (rng: Rng) => T {
  const cumulative: number[] = [];
  let total = 0;
  items.forEach((_, k) => {
    total += 1 / (k + 1) ** exponent;
    cumulative.push(total);
  });
  return (rng) => {
    const at = rng() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > at) hi = mid;
      else lo = mid + 1;
    }
    return items[lo];
  };
}

/** `count` distinct draws from a sampler (gives up after many repeats on tiny lists). */
export function distinct<T>(rng: Rng, sample: (rng: Rng) => T, count: number): T[] {
  const seen = new Set<T>();
  for (let tries = 0; seen.size < count && tries < count * 50; tries++) seen.add(sample(rng));
  return [...seen];
}
