/**
 * Seeded randomness: the same seed must give the same numbers on every machine and build.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRandom, deriveSeed, normalDeviate, randomInt, seedFrom } from '../../../src/lib/statistics/random.ts';

describe('createRandom', () => {
  it('is mulberry32: the first outputs for seed 1 match an independent implementation', () => {
    // Computed with a Python transcription of mulberry32 (unsigned arithmetic mod 2^32).
    const random = createRandom(1);
    assert.deepEqual([random(), random(), random()], [0.6270739405881613, 0.002735721180215478, 0.5274470399599522]);
  });

  it('repeats itself for one seed and differs for another', () => {
    const take = (seed: number) => {
      const random = createRandom(seed);
      return Array.from({ length: 10 }, () => random());
    };
    assert.deepEqual(take(42), take(42));
    assert.notDeepEqual(take(42), take(43));
  });

  it('stays in [0, 1) and is roughly uniform', () => {
    const random = createRandom(7);
    const n = 20_000;
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const u = random();
      assert.ok(u >= 0 && u < 1);
      sum += u;
    }
    // The mean of n uniforms has sd sqrt(1/12/n) ≈ 0.002; 0.01 is five of those.
    assert.ok(Math.abs(sum / n - 0.5) < 0.01);
  });

  it('rejects a seed that is not a finite number', () => {
    assert.throws(() => createRandom(Number.NaN), RangeError);
  });
});

describe('seedFrom', () => {
  it('is 32-bit FNV-1a over UTF-8 (published test vectors)', () => {
    assert.equal(seedFrom(''), 0x811c9dc5);
    assert.equal(seedFrom('a'), 0xe40c292c);
    assert.equal(seedFrom('foobar'), 0xbf9cf968);
  });

  it('hashes the UTF-8 bytes of non-ASCII text', () => {
    // 'é' is C3 A9 in UTF-8; FNV-1a of those two bytes, computed in Python, is 513665217.
    assert.equal(seedFrom('é'), 513665217);
  });
});

describe('deriveSeed', () => {
  it('is stable and separates streams by their parts', () => {
    assert.equal(deriveSeed(5, 1, 2), deriveSeed(5, 1, 2));
    const seeds = new Set([deriveSeed(5), deriveSeed(5, 0), deriveSeed(5, 1), deriveSeed(5, 0, 0), deriveSeed(6, 1)]);
    assert.equal(seeds.size, 5);
  });
});

describe('randomInt and normalDeviate', () => {
  it('draws every integer below n and none outside', () => {
    const random = createRandom(3);
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i++) seen.add(randomInt(random, 5));
    assert.deepEqual([...seen].sort(), [0, 1, 2, 3, 4]);
  });

  it('gives deviates with mean near 0 and sd near 1', () => {
    const random = createRandom(11);
    const n = 20_000;
    const xs = Array.from({ length: n }, () => normalDeviate(random));
    const mean = xs.reduce((s, x) => s + x, 0) / n;
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1));
    // Standard errors: 1/sqrt(n) ≈ 0.007 for the mean, about 0.005 for the sd.
    assert.ok(Math.abs(mean) < 0.035, `mean ${mean}`);
    assert.ok(Math.abs(sd - 1) < 0.03, `sd ${sd}`);
  });
});

describe('countRanks', () => {
  it('tallies the same ranks as n calls of randomInt, and leaves the generator where they would', () => {
    for (const [seed, n] of [
      [1, 1],
      [7, 10],
      [123456789, 997],
      [2 ** 32 + 5, 4096],
    ]) {
      const one = createRandom(seed);
      const expected = new Uint32Array(n);
      for (let i = 0; i < n; i++) expected[randomInt(one, n)]++;
      const many = createRandom(seed);
      const counts = new Uint32Array(n);
      many.countRanks(counts, n);
      assert.deepEqual(counts, expected);
      assert.equal(many(), one(), 'the next draw continues the same sequence');
    }
  });
});
