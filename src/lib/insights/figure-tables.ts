/**
 * The tables behind the insights figures and the sentences under them: what a figure shows,
 * in numbers and words, for one slice. Charts are drawn from these tables.
 */
import { formatDuration } from '../core/time.ts';
import { labelOf, rootCauseCategories } from '../core/taxonomy.ts';
import {
  MEASURES,
  P_GRID,
  LEVEL,
  type DistributionFigure,
  type DistributionRow,
  type Measure,
} from './distributions.ts';
import { AGE_GRID_DAYS, type FollowThroughRow } from './follow-through.ts';
import type { ComparisonFigure } from './comparison.ts';
import type { Figures } from './figures.ts';
import { NO_VALUE } from './no-value.ts';
import { facets } from '../site/facets.ts';
import type { Stat, TableCell, TableModel } from './table-html.ts';

export type { Stat, TableModel } from './table-html.ts';
export { escapeHtml, statsHtml, tableHtml } from './table-html.ts';

const count = (value: number): TableCell => ({ value, text: String(value) });
const duration = (value: number | null): TableCell => ({ value, text: value === null ? '–' : formatDuration(value) });
const share = (value: number | null): TableCell => ({
  value,
  text: value === null ? '–' : `${Math.round(value * 100)}%`,
});
const text = (value: string): TableCell => ({ value: null, text: value });
const percent = Math.round(LEVEL * 100);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "31 of 242 have no end time." or '' when nothing is left out. */
export function missingNote(figure: DistributionFigure): string {
  const missing = figure.rows.reduce((sum, row) => sum + row.missing, 0);
  if (figure.groupBy !== 'none' || missing === 0) return '';
  return `${missing} of ${figure.total} ${missing === 1 ? 'has' : 'have'} ${MEASURES[figure.measure].missing} (unknown or only approximate) and ${missing === 1 ? 'is' : 'are'} left out.`;
}

/** Per group: N, left out, median and p90 with their intervals. */
export function distributionSummary(figure: DistributionFigure): TableModel {
  const { label } = MEASURES[figure.measure];
  return {
    caption: `${label}: median and 90th percentile with bootstrap ${percent}% intervals`,
    rowHeader: figure.groupBy === 'severity' ? 'Severity' : figure.groupBy === 'category' ? 'Root cause' : 'Incidents',
    columns: [
      { key: 'n', label: 'N', series: false },
      { key: 'missing', label: 'Unknown', series: false },
      { key: 'median', label: 'Median', series: false },
      { key: 'median-low', label: `${percent}% interval from`, series: false },
      { key: 'median-high', label: 'to', series: false },
      { key: 'p90', label: '90th percentile', series: false },
      { key: 'p90-low', label: `${percent}% interval from`, series: false },
      { key: 'p90-high', label: 'to', series: false },
    ],
    rows: figure.rows.map((row) => ({
      key: row.key,
      label: row.label,
      cells: [
        count(row.n),
        count(row.missing),
        duration(row.median.value),
        duration(row.median.low),
        duration(row.median.high),
        duration(row.p90.value),
        duration(row.p90.low),
        duration(row.p90.high),
      ],
    })),
    empty: 'No incidents in this selection.',
  };
}

/** The curves: the value at every 5th percentile, one column per group drawn. */
export function distributionCurve(figure: DistributionFigure): TableModel {
  const drawn = figure.rows.filter((row) => row.drawn);
  return {
    caption: `${MEASURES[figure.measure].label} at every 5th percentile (the curve${drawn.length === 1 ? '' : 's'} drawn)`,
    rowHeader: 'Share of incidents at most',
    columns: drawn.map((row) => ({ key: row.key, label: `${row.label} (N = ${row.n})`, series: true })),
    rows:
      drawn.length === 0
        ? []
        : P_GRID.map((p, i) => ({
            key: String(p),
            label: `${Math.round(p * 100)}%`,
            cells: drawn.map((row) => duration(row.quantiles[i])),
          })),
    empty: 'Too few incidents with this time to draw a curve.',
  };
}

function followThroughSummary(rows: FollowThroughRow[], dimension: string): TableModel {
  return {
    caption: `Time to close action items by ${dimension}: Kaplan–Meier median with ${percent}% interval`,
    rowHeader: dimension === 'term' ? 'Term' : 'Type',
    columns: [
      { key: 'n', label: 'Items', series: false },
      { key: 'closed', label: 'Done', series: false },
      { key: 'open', label: 'Still open (censored)', series: false },
      { key: 'median', label: 'Median time to close', series: false },
      { key: 'median-low', label: `${percent}% interval from`, series: false },
      { key: 'median-high', label: 'to', series: false },
    ],
    // A group without items has nothing to estimate; the caption's groups with items are listed.
    rows: rows
      .filter((row) => row.n > 0)
      .map((row) => ({
        key: row.key,
        label: row.label,
        cells: [
          count(row.n),
          count(row.closed),
          count(row.open),
          row.median === null ? text('not yet reached') : duration(row.median),
          duration(row.medianLow),
          // The upper band never falls to one half: the data put no upper bound on the median.
          row.medianHigh === null ? text('not reached') : duration(row.medianHigh),
        ],
      })),
    empty: 'No action item in this selection can be placed in time.',
  };
}

const ageLabel = (days: number) =>
  days >= 365 && days % 365 === 0 ? `${days / 365} y` : days >= 545 ? `${(days / 365).toFixed(1)} y` : `${days} d`;

function followThroughCurve(rows: FollowThroughRow[], dimension: string): TableModel {
  const drawn = rows.filter((row) => row.n > 0);
  return {
    caption: `Share of action items still open, by age and ${dimension}`,
    rowHeader: 'Age',
    columns: drawn.map((row) => ({ key: row.key, label: `${row.label} (N = ${row.n})`, series: true })),
    rows:
      drawn.length === 0
        ? []
        : AGE_GRID_DAYS.map((days, i) => ({
            key: String(days),
            label: ageLabel(days),
            cells: drawn.map((row) => share(row.stillOpen[i] ?? null)),
          })),
    empty: 'No action item can be placed in time.',
  };
}

export function comparisonTable(figure: ComparisonFigure, labels: { a: string; b: string }): TableModel {
  return {
    caption: `Median times, ${labels.a} against ${labels.b}`,
    rowHeader: 'Measure',
    columns: [
      { key: 'n-a', label: `N ${labels.a}`, series: false },
      { key: 'median-a', label: `Median ${labels.a}`, series: true },
      { key: 'n-b', label: `N ${labels.b}`, series: false },
      { key: 'median-b', label: `Median ${labels.b}`, series: true },
      { key: 'ratio', label: 'Ratio', series: false },
      { key: 'p', label: 'p-value', series: false },
      { key: 'mdr', label: 'Detectable change', series: false },
      { key: 'verdict', label: 'Reading', series: false },
    ],
    rows: figure.rows.map((row) => ({
      key: row.measure,
      label: row.label,
      cells: [
        count(row.nA),
        duration(row.medianA),
        count(row.nB),
        duration(row.medianB),
        { value: row.ratio, text: row.ratio === null ? '–' : `${row.ratio.toFixed(2)}×` },
        { value: row.pValue, text: row.pValue === null ? '–' : row.pValue.toFixed(3) },
        {
          value: row.minimumDetectableRatio,
          text: row.minimumDetectableRatio === null ? '–' : `≥ ${row.minimumDetectableRatio}×`,
        },
        text(row.verdict),
      ],
    })),
    empty: '',
  };
}

const countTable = (caption: string, rowHeader: string, rows: Figures['categories'], empty: string): TableModel => ({
  caption,
  rowHeader,
  columns: [{ key: 'count', label: 'Postmortems', series: true }],
  rows: rows.map((row) => ({ key: row.key, label: row.label, cells: [count(row.count)] })),
  empty,
});

export type TableKey =
  | `summary-${Measure}`
  | `curve-${Measure}`
  | 'categories'
  | 'severities'
  | 'services'
  | 'over-time'
  | 'km-summary-term'
  | 'km-summary-type'
  | 'km-term'
  | 'km-type';

/** Every table of the page for one slice (the comparison has its own). */
export function tableModels(figures: Figures): Record<TableKey, TableModel> {
  const { overTime, followThrough, distributions } = figures;
  const measures = Object.keys(distributions) as Measure[];
  const perMeasure = Object.fromEntries(
    measures.flatMap((measure) => [
      [`summary-${measure}`, distributionSummary(distributions[measure])],
      [`curve-${measure}`, distributionCurve(distributions[measure])],
    ]),
  ) as Record<`summary-${Measure}` | `curve-${Measure}`, TableModel>;
  return {
    ...perMeasure,
    categories: countTable(
      'Postmortems per root-cause category',
      'Root cause',
      figures.categories,
      'No postmortems in this selection.',
    ),
    severities: countTable('Postmortems per severity', 'Severity', figures.severities, ''),
    services: countTable('Postmortems per service', 'Service', figures.services, 'No postmortems in this selection.'),
    'over-time': {
      caption: `Postmortems per ${overTime.width === 1 ? 'year' : overTime.width === 10 ? 'decade' : overTime.width === 100 ? 'century' : 'millennium'} (UTC) by root-cause category`,
      rowHeader: 'Period',
      columns: [
        ...overTime.categories.map((category) => ({
          key: category,
          label: labelOf(rootCauseCategories, category),
          series: true,
        })),
        // Stacked with the categories, so a postmortem without one still makes its bar.
        ...(overTime.uncategorised ? [{ key: NO_VALUE, label: facets.category.none, series: true }] : []),
        { key: 'total', label: 'Postmortems', series: false },
      ],
      rows: overTime.periods.map((period, i) => ({
        key: `${period.from}-${period.to}`,
        label: period.gap ? `${period.label} (none)` : period.label,
        cells: [
          ...overTime.counts[i].map(count),
          ...(overTime.uncategorised ? [count(overTime.uncategorised[i])] : []),
          count(overTime.totals[i]),
        ],
      })),
      empty: 'No postmortem in this selection has a known start year.',
    },
    'km-summary-term': followThroughSummary(followThrough.byTerm, 'term'),
    'km-summary-type': followThroughSummary(followThrough.byType, 'type'),
    'km-term': followThroughCurve(followThrough.byTerm, 'term'),
    'km-type': followThroughCurve(followThrough.byType, 'type'),
  };
}

export type NoteKey = Measure | 'over-time' | 'follow-through';

/** Sentences under figures that depend on the slice: what was left out, and why. */
export function figureNotes(figures: Figures): Record<NoteKey, string> {
  const ft = figures.followThrough;
  const left = [
    ft.wontDo && `${plural(ft.wontDo, 'item')} marked “won’t do”`,
    ft.doneWithoutDate && `${plural(ft.doneWithoutDate, 'done item')} without a close date`,
    ft.noStart && `${plural(ft.noStart, 'item')} of incidents with no known time`,
  ].filter(Boolean);
  const withYear = figures.count - figures.unknownYear;
  return {
    duration: missingNote(figures.distributions.duration),
    detect: missingNote(figures.distributions.detect),
    mitigate: missingNote(figures.distributions.mitigate),
    'over-time': figures.unknownYear
      ? `${withYear} of ${figures.count} have a known start year; the other ${figures.unknownYear} are left out.`
      : '',
    'follow-through':
      ft.items === 0
        ? 'No postmortem in this selection lists an action item.'
        : left.length
          ? `Of ${plural(ft.items, 'action item')}, left out: ${left.join(', ')}.`
          : '',
  };
}

/** The headline numbers above the charts. */
export function statsModel(figures: Figures): Stat[] {
  const durationRow = figures.distributions.duration.rows[0];
  const detect = figures.distributions.detect.rows[0];
  const { pastDue } = figures.followThrough;
  const time = (key: string, label: string, row: DistributionRow | undefined, which: 'median' | 'p90'): Stat => {
    const estimate = row?.[which];
    const interval =
      estimate && estimate.low !== null && estimate.high !== null
        ? `${percent}% interval ${formatDuration(estimate.low)} – ${formatDuration(estimate.high)}; `
        : '';
    return { key, label, ...duration(estimate?.value ?? null), detail: row ? `${interval}N = ${row.n}` : undefined };
  };
  return [
    // Near misses are counted apart (src/data/insights.ts): the count beside a listing of postmortems says what it counts.
    { key: 'count', label: 'Incidents', value: figures.count, text: String(figures.count) },
    time('median-duration', 'Median duration', durationRow, 'median'),
    time('p90-duration', '90th percentile duration', durationRow, 'p90'),
    time('median-detect', 'Median time to detect', detect, 'median'),
    {
      key: 'open-actions',
      label: 'Outstanding action items',
      value: pastDue.outstanding,
      text: String(pastDue.outstanding),
    },
    {
      key: 'overdue-actions',
      label: 'Past due',
      value: pastDue.pastDue,
      text: String(pastDue.pastDue),
      detail: pastDue.outstanding
        ? `${Math.round((100 * pastDue.pastDue) / pastDue.outstanding)}% of outstanding; ${pastDue.outstanding - pastDue.withDue} have no due date`
        : undefined,
    },
  ];
}
