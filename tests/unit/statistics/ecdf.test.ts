/**
 * Empirical CDFs and log-axis ticks.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cdfAt, durationTicks, empiricalCdf, logTicks } from '../../../src/lib/statistics/ecdf.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('empiricalCdf', () => {
  it('has one step per distinct value with the share at or below it', () => {
    // [3,1,2,2]: one value ≤ 1 (1/4), three ≤ 2 (3/4), all four ≤ 3.
    assert.deepEqual(empiricalCdf([3, 1, 2, 2]), [
      { x: 1, p: 0.25 },
      { x: 2, p: 0.75 },
      { x: 3, p: 1 },
    ]);
  });

  it('ends at exactly 1 whatever the count', () => {
    const steps = empiricalCdf(Array.from({ length: 49 }, (_, i) => i + 1)) ?? [];
    assert.equal(steps.length, 49);
    assert.equal(steps[48].p, 1);
    // Steps rise strictly.
    for (let i = 1; i < steps.length; i++) assert.ok(steps[i].p > steps[i - 1].p && steps[i].x > steps[i - 1].x);
  });

  it('returns undefined for an empty input and leaves its input alone', () => {
    assert.equal(empiricalCdf([]), undefined);
    const values = Object.freeze([2, 1]);
    empiricalCdf(values);
    assert.deepEqual(values, [2, 1]);
  });
});

describe('cdfAt', () => {
  it('reads the step function, 0 below the first value and 1 from the last', () => {
    const steps = empiricalCdf([3, 1, 2, 2]) ?? [];
    assert.equal(cdfAt(steps, 0.5), 0);
    assert.equal(cdfAt(steps, 1), 0.25);
    assert.equal(cdfAt(steps, 2), 0.75);
    assert.equal(cdfAt(steps, 2.9), 0.75);
    assert.equal(cdfAt(steps, 3), 1);
    assert.equal(cdfAt(steps, 1e9), 1);
    assert.equal(cdfAt([], 1), undefined);
  });
});

describe('logTicks', () => {
  it('gives 1-2-5 ticks within the range', () => {
    assert.deepEqual(logTicks(1, 100), [1, 2, 5, 10, 20, 50, 100]);
    assert.deepEqual(logTicks(3, 40), [5, 10, 20]);
    // Decimal-clean below 1: 0.005, not 0.005000000000000001.
    assert.deepEqual(logTicks(0.003, 0.03), [0.005, 0.01, 0.02]);
  });

  it('returns undefined for a range a log axis cannot show', () => {
    assert.equal(logTicks(0, 10), undefined);
    assert.equal(logTicks(-1, 10), undefined);
    assert.equal(logTicks(10, 1), undefined);
    assert.equal(logTicks(1, Infinity), undefined);
  });
});

describe('durationTicks', () => {
  it('uses the finest ladder of round durations that fits', () => {
    // 1 min..1 h on the finest ladder: 1, 2, 5, 10, 30 min and 1 h (6 ≤ 8).
    assert.deepEqual(
      durationTicks(MINUTE, HOUR),
      [1, 2, 5, 10, 30, 60].map((m) => m * MINUTE),
    );
    // 1 s..1 h would take 11 fine ticks, so the next ladder: 1 s, 10 s, 1 min, 10 min, 1 h.
    assert.deepEqual(durationTicks(SECOND, HOUR), [SECOND, 10 * SECOND, MINUTE, 10 * MINUTE, HOUR]);
    // 1 min..30 d: the middle ladder has 7 ticks.
    assert.deepEqual(durationTicks(MINUTE, 30 * DAY), [MINUTE, 10 * MINUTE, HOUR, 6 * HOUR, DAY, 7 * DAY, 30 * DAY]);
  });

  it('returns undefined for a range a log axis cannot show', () => {
    assert.equal(durationTicks(0, HOUR), undefined);
  });
});
