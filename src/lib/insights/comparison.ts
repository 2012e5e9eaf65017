/**
 * Two periods compared, measure by measure: the medians, their ratio, a permutation test, and
 * the smallest change the test could have detected at these sample sizes. With the incident
 * counts most organisations have, even a real 10% improvement is invisible, and the page
 * says so instead of drawing an arrow.
 */
import { compareMedians, type MedianComparison } from '../statistics/compare.ts';
import { seedFrom } from '../statistics/random.ts';
import { SECOND } from '../core/time.ts';
import { MEASURE_KEYS, MEASURES, measured, type Measure } from './distributions.ts';
import type { IncidentRecord } from './records.ts';

/** Years, inclusive. */
export interface YearRange {
  from: number;
  to: number;
}

export interface ComparisonRow {
  measure: Measure;
  label: string;
  nA: number;
  nB: number;
  medianA: number | null;
  medianB: number | null;
  /** medianB / medianA. */
  ratio: number | null;
  pValue: number | null;
  detectable: boolean;
  minimumDetectableRatio: number | null;
  /** What the row means, in one sentence. */
  verdict: string;
}

export interface ComparisonFigure {
  a: YearRange;
  b: YearRange;
  rows: ComparisonRow[];
}

export const inRange = (record: IncidentRecord, range: YearRange) =>
  record.year !== undefined && record.year >= range.from && record.year <= range.to;

export const rangeLabel = (range: YearRange) =>
  range.from === range.to ? String(range.from) : `${range.from}–${range.to}`;

/** A log scale has no zero: a time under one second (detected at once) counts as one second. */
const floored = (values: number[]) => values.map((value) => Math.max(value, SECOND));

function verdictOf(c: MedianComparison | undefined, a: string, b: string): string {
  if (!c || !c.enough) return 'Too few incidents with this time in one of the periods to compare.';
  const mdr = c.minimumDetectableRatio;
  const detectableIf =
    mdr === undefined
      ? 'no change up to 100-fold would be reliably detected at this sample size'
      : `only a change of about ${mdr}× or more would be detected (80% power)`;
  if (!c.detectable) return `No detectable change at this sample size; ${detectableIf}.`;
  const direction = c.ratio > 1 ? 'longer' : 'shorter';
  const factor = c.ratio > 1 ? c.ratio : 1 / c.ratio;
  return `${b} is ${factor.toFixed(1)}× ${direction} than ${a} (p = ${c.pValue!.toFixed(3)}); ${detectableIf}.`;
}

/** Compares every measure between two year ranges; incidents of unknown year belong to neither. */
export function comparePeriods(
  records: readonly IncidentRecord[],
  a: YearRange,
  b: YearRange,
  measures: readonly Measure[] = MEASURE_KEYS,
): ComparisonFigure {
  const inA = records.filter((record) => inRange(record, a));
  const inB = records.filter((record) => inRange(record, b));
  return {
    a,
    b,
    rows: measures.map((measure) => {
      const valuesA = floored(measured(inA, measure).values);
      const valuesB = floored(measured(inB, measure).values);
      const result = compareMedians(valuesA, valuesB, { seed: seedFrom(`compare|${measure}`) });
      return {
        measure,
        label: MEASURES[measure].label,
        nA: valuesA.length,
        nB: valuesB.length,
        medianA: result?.medianA ?? null,
        medianB: result?.medianB ?? null,
        ratio: result?.ratio ?? null,
        pValue: result?.pValue ?? null,
        detectable: result?.detectable ?? false,
        minimumDetectableRatio: result?.minimumDetectableRatio ?? null,
        verdict: verdictOf(result, rangeLabel(a), rangeLabel(b)),
      };
    }),
  };
}
