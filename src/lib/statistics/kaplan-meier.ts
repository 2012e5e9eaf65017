/**
 * Kaplan–Meier (product-limit) estimate of how long action items stay open. Items still open
 * are censored, not dropped: counting only closed items would report how fast the easy ones
 * close, and the median would fall as the backlog of hard ones grows.
 */
import { normalQuantile } from './normal.ts';

/** One item: closed (`event` true) at `time`, or still open at `time` (`event` false, censored). */
export interface SurvivalObservation {
  time: number;
  event: boolean;
}

/**
 * The curve at one distinct time: `survival` is the estimated share still open just after
 * `time`; `atRisk` counts items open just before it. `standardError` is Greenwood's, `low` and
 * `high` a log–log interval at the curve's level; all three are undefined where survival is 0,
 * and the interval also where it is 1 (no closure yet), as no spread is estimable there.
 */
export interface KaplanMeierStep {
  time: number;
  survival: number;
  atRisk: number;
  events: number;
  censored: number;
  standardError: number | undefined;
  low: number | undefined;
  high: number | undefined;
}

/** A Kaplan–Meier curve with its counts and quantiles. */
export interface KaplanMeierCurve {
  /** One step per distinct time, ascending, censoring-only times included (to mark them on plots). */
  steps: KaplanMeierStep[];
  n: number;
  events: number;
  censored: number;
  /** Coverage of the steps' `low`/`high`. */
  level: number;
  /** Smallest time where survival ≤ 0.5; undefined if the curve never gets there. */
  median: number | undefined;
  /** Smallest time by which a share p (0 < p ≤ 1) is closed (survival ≤ 1 − p); undefined if never reached. */
  quantile(p: number): number | undefined;
  /**
   * The interval of `quantile(p)` at the curve's level, read where the pointwise band crosses
   * 1 − p (Brookmeyer–Crowley style): `low` is the first time the lower band is at or below it,
   * `high` the first time the upper band is. The band holds the curve, so `low ≤ quantile(p) ≤
   * high`. Either is undefined where its band never gets there: the data do not bound it.
   */
  quantileInterval(p: number): { low: number | undefined; high: number | undefined };
  /** Survival at `time` (1 before the first step; the last value past the last step, where it is only a guess). */
  survivalAt(time: number): number;
}

/** Options of `kaplanMeier`. */
export interface KaplanMeierOptions {
  /** Coverage of the pointwise intervals, in (0, 1); 0.9 by default. */
  level?: number;
}

/**
 * The product-limit estimate from closed and still-open items; ties at one time count closures
 * before censorings (an item open at t was at risk of closing at t). Undefined when empty.
 */
export function kaplanMeier(
  observations: readonly SurvivalObservation[],
  options: KaplanMeierOptions = {},
): KaplanMeierCurve | undefined {
  const level = options.level ?? 0.9;
  if (!(level > 0 && level < 1)) throw new RangeError(`level ${level} is outside (0, 1)`);
  if (observations.length === 0) return undefined;
  for (const { time } of observations) {
    if (!Number.isFinite(time)) throw new RangeError(`time ${time} is not finite`);
  }
  const z = normalQuantile(1 - (1 - level) / 2);
  const sorted = [...observations].sort((a, b) => a.time - b.time);

  const steps: KaplanMeierStep[] = [];
  let atRisk = sorted.length;
  let survival = 1;
  // Greenwood's sum of d / (n (n − d)); Var(S) = S² × sum.
  let greenwood = 0;
  let totalEvents = 0;
  for (let i = 0; i < sorted.length;) {
    const time = sorted[i].time;
    let events = 0;
    let censored = 0;
    for (; i < sorted.length && sorted[i].time === time; i++) {
      if (sorted[i].event) events++;
      else censored++;
    }
    if (events > 0) {
      survival *= (atRisk - events) / atRisk;
      greenwood += atRisk === events ? Infinity : events / (atRisk * (atRisk - events));
    }
    steps.push({ time, survival, atRisk, events, censored, ...interval(survival, greenwood, z) });
    totalEvents += events;
    atRisk -= events + censored;
  }

  /** First time the curve read by `at` is at or below 1 − p. */
  const crossing = (p: number, at: (step: KaplanMeierStep) => number | undefined): number | undefined => {
    if (!(p > 0 && p <= 1)) throw new RangeError(`share ${p} is outside (0, 1]`);
    // The tolerance keeps a survival of exactly 1 − p in theory from missing it by rounding.
    return steps.find((step) => {
      const value = at(step);
      return value !== undefined && value <= 1 - p + 1e-12;
    })?.time;
  };
  const quantile = (p: number) => crossing(p, (step) => step.survival);
  // Where survival is 1 the lower band is undefined but no lower than the curve; where survival
  // is 0 the upper band is undefined, and so is the bound it would give.
  const quantileInterval = (p: number) => ({
    low: crossing(p, (step) => step.low ?? step.survival),
    high: crossing(p, (step) => step.high),
  });
  const survivalAt = (time: number): number => {
    let value = 1;
    for (const step of steps) {
      if (step.time > time) break;
      value = step.survival;
    }
    return value;
  };
  return {
    steps,
    n: sorted.length,
    events: totalEvents,
    censored: sorted.length - totalEvents,
    level,
    median: quantile(0.5),
    quantile,
    quantileInterval,
    survivalAt,
  };
}

function interval(
  survival: number,
  greenwood: number,
  z: number,
): Pick<KaplanMeierStep, 'standardError' | 'low' | 'high'> {
  if (survival === 0) return { standardError: undefined, low: undefined, high: undefined };
  const standardError = survival * Math.sqrt(greenwood);
  if (survival === 1) return { standardError, low: undefined, high: undefined };
  // On the log(−log S) scale (Kalbfleisch & Prentice) the bounds stay within (0, 1) and are
  // less lopsided near the ends than S ± z·SE, which can leave [0, 1] entirely.
  const spread = (z * Math.sqrt(greenwood)) / Math.abs(Math.log(survival));
  return { standardError, low: survival ** Math.exp(spread), high: survival ** Math.exp(-spread) };
}
