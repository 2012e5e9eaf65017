/**
 * The Kaplan–Meier estimator, checked against the textbook 6-MP example (Freireich et al. 1963,
 * as worked in Kleinbaum & Klein, "Survival Analysis").
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { kaplanMeier, type SurvivalObservation } from '../../../src/lib/statistics/kaplan-meier.ts';
import { median } from '../../../src/lib/statistics/quantiles.ts';

/** "6 6* 7" → closed at 6, open at 6, closed at 7 (a star marks a censored time). */
function parse(text: string): SurvivalObservation[] {
  return text.split(' ').map((token) => ({ time: Number.parseFloat(token), event: !token.endsWith('*') }));
}

// Weeks in remission on 6-MP, 21 patients; starred times are censored.
const SIX_MP = parse('6 6 6 6* 7 9* 10 10* 11* 13 16 17* 19* 20* 22 23 25* 32* 32* 34* 35*');

const round3 = (x: number | undefined) => (x === undefined ? undefined : Math.round(x * 1000) / 1000);

describe('kaplanMeier on the 6-MP data', () => {
  const curve = kaplanMeier(SIX_MP)!;

  it('reproduces the product-limit survival at each event time', () => {
    // S(6)  = 18/21                 = 0.857  (21 at risk, 3 events; the censored 6 is still at risk)
    // S(7)  = 0.857 × 16/17         = 0.807  (17 at risk)
    // S(10) = 0.807 × 14/15         = 0.753  (15 at risk: 9* has left)
    // S(13) = 0.753 × 11/12         = 0.690  (12 at risk: 10*, 11* have left)
    // S(16) = 0.690 × 10/11         = 0.627
    // S(22) = 0.627 × 6/7           = 0.538  (7 at risk: 17*, 19*, 20* have left)
    // S(23) = 0.538 × 5/6           = 0.448
    const expected: [number, number, number][] = [
      [6, 0.857, 21],
      [7, 0.807, 17],
      [10, 0.753, 15],
      [13, 0.69, 12],
      [16, 0.627, 11],
      [22, 0.538, 7],
      [23, 0.448, 6],
    ];
    const eventSteps = curve.steps.filter((s) => s.events > 0);
    assert.deepEqual(
      eventSteps.map((s) => [s.time, round3(s.survival), s.atRisk]),
      expected,
    );
  });

  it('counts, keeps censoring-only times as flat steps, and finds the median of 23', () => {
    assert.equal(curve.n, 21);
    assert.equal(curve.events, 9);
    assert.equal(curve.censored, 12);
    const at32 = curve.steps.find((s) => s.time === 32)!;
    assert.deepEqual([at32.events, at32.censored, at32.atRisk, round3(at32.survival)], [0, 2, 4, 0.448]);
    // S(22) = 0.538 > 0.5 and S(23) = 0.448 ≤ 0.5.
    assert.equal(curve.median, 23);
    // A quarter closed: S(10) = 0.753 > 0.75, S(13) = 0.690 ≤ 0.75.
    assert.equal(curve.quantile(0.25), 13);
    // Survival never drops below 0.448, so 60% closed is never reached.
    assert.equal(curve.quantile(0.6), undefined);
  });

  it('bounds the median where the 90% band crosses one half: from 13 weeks, no upper bound', () => {
    // Lower band: 0.551 at 10, 0.479 at 13 (first ≤ 0.5). Upper band: 0.648 at its lowest, never ≤ 0.5,
    // so the data give the median no upper bound (R's survfit, log-log: 13 to NA).
    assert.deepEqual(curve.quantileInterval(0.5), { low: 13, high: undefined });
    // A quarter closed by 13 (6 to 22): the band is lower band first, upper band last.
    assert.deepEqual(curve.quantileInterval(0.25), { low: 6, high: 22 });
    const uncensored = kaplanMeier(parse('1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20'))!;
    assert.equal(uncensored.median, 10);
    assert.deepEqual(uncensored.quantileInterval(0.5), { low: 6, high: 14 });
  });

  it('reads survival at any time', () => {
    assert.equal(curve.survivalAt(0), 1);
    assert.equal(round3(curve.survivalAt(6)), 0.857);
    assert.equal(round3(curve.survivalAt(8.5)), 0.807);
    assert.equal(round3(curve.survivalAt(100)), 0.448);
  });

  it("gives Greenwood's standard errors and a 90% log-log interval", () => {
    // Greenwood at 6: 0.857 × sqrt(3 / (21 × 18)) = 0.857 × 0.08909 = 0.0764; at 7 the sum gains
    // 1 / (17 × 16): 0.807 × sqrt(0.007937 + 0.003676) = 0.0869 (the textbook's 0.076, 0.087).
    const at6 = curve.steps[0];
    const at7 = curve.steps[1];
    assert.equal(Math.round(at6.standardError! * 10_000), 764);
    assert.equal(Math.round(at7.standardError! * 10_000), 869);
    // Log-log at 6: −log S = 0.15415, spread = 1.64485 × 0.08909 / 0.15415 = 0.95061;
    // low = S^exp(0.95061) = exp(−0.15415 × 2.58727) = 0.6711,
    // high = S^exp(−0.95061) = exp(−0.15415 × 0.38650) = 0.9422.
    assert.equal(curve.level, 0.9);
    assert.equal(Math.round(at6.low! * 10_000), 6711);
    assert.equal(Math.round(at6.high! * 10_000), 9422);
  });

  it('puts the median above the naive median of closed items', () => {
    // Closed items: 6 6 6 7 10 13 16 22 23 → naive median 10. Ignoring the 12 items still open
    // makes the typical follow-through look more than twice as fast as it is.
    const closed = SIX_MP.filter((o) => o.event).map((o) => o.time);
    assert.equal(median(closed), 10);
    assert.ok(median(closed)! < curve.median!);
  });
});

describe('kaplanMeier in general', () => {
  it('counts closures before censorings at one time', () => {
    // At 2: 3 at risk (the item open at 2 included), 1 closure → S = 2/3.
    // At 3: 1 at risk, 1 closure → S = 0. Censoring first would give S(2) = 1/2.
    const curve = kaplanMeier(parse('2* 2 3'))!;
    assert.deepEqual(
      curve.steps.map((s) => [s.time, s.survival, s.atRisk, s.events, s.censored]),
      [
        [2, 2 / 3, 3, 1, 1],
        [3, 0, 1, 1, 0],
      ],
    );
    assert.equal(curve.steps[1].standardError, undefined);
    assert.equal(curve.quantile(1), 3);
  });

  it('is one minus the empirical CDF when nothing is censored', () => {
    // Times 1 2 2 3: S(1) = 3/4, S(2) = 3/4 × 1/3 = 1/4, S(3) = 0; median 2 (S(2) ≤ 0.5).
    const curve = kaplanMeier(parse('2 1 3 2'))!;
    assert.deepEqual(
      curve.steps.map((s) => [s.time, s.survival]),
      [
        [1, 0.75],
        [2, 0.25],
        [3, 0],
      ],
    );
    assert.equal(curve.median, 2);
  });

  it('has no median while fewer than half are closed', () => {
    const curve = kaplanMeier(parse('1 5* 6* 7*'))!;
    assert.equal(curve.median, undefined);
    assert.equal(curve.quantile(1), undefined);
    const none = kaplanMeier(parse('4* 9*'))!;
    assert.deepEqual(
      none.steps.map((s) => [s.survival, s.low, s.high]),
      [
        [1, undefined, undefined],
        [1, undefined, undefined],
      ],
    );
    assert.equal(none.events, 0);
  });

  it('returns undefined for an empty input and does not modify its input', () => {
    assert.equal(kaplanMeier([]), undefined);
    const observations = Object.freeze(parse('3 1* 2').map((o) => Object.freeze(o)));
    kaplanMeier(observations);
    assert.deepEqual(
      observations.map((o) => o.time),
      [3, 1, 2],
    );
  });

  it('rejects non-finite times and bad levels or shares', () => {
    assert.throws(() => kaplanMeier([{ time: Number.NaN, event: true }]), RangeError);
    assert.throws(() => kaplanMeier(parse('1 2'), { level: 0 }), RangeError);
    assert.throws(() => kaplanMeier(parse('1 2'))!.quantile(0), RangeError);
  });
});
