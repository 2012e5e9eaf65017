/**
 * The data tables behind the charts. The server renders them, the browser re-renders them when
 * a reader filters, and each chart reads its numbers back from its table: one function makes
 * the markup for all three, so a chart and its table cannot disagree.
 */
import type { Figures } from './aggregates.ts';
import { labelOf, rootCauseCategories } from '../core/taxonomy.ts';
import { formatDuration } from '../core/time.ts';

export type FigureKey =
  | 'categories'
  | 'durations'
  | 'percentiles'
  | 'months'
  | 'scatter'
  | 'severities'
  | 'services'
  | 'actions-term'
  | 'actions-age';

export interface TableCell {
  value: number | null;
  text: string;
}

export interface TableColumn {
  key: string;
  label: string;
  /** Whether the chart draws this column (a totals column is only read). */
  series: boolean;
}

export interface TableRow {
  key: string;
  label: string;
  href?: string;
  cells: TableCell[];
}

export interface TableModel {
  caption: string;
  rowHeader: string;
  columns: TableColumn[];
  rows: TableRow[];
  /** Said in place of rows when there are none. */
  empty: string;
}

const count = (value: number): TableCell => ({ value, text: String(value) });
const duration = (value: number | null): TableCell => ({ value, text: value === null ? '–' : formatDuration(value) });

/** Every figure's table for one slice; `hrefFor` links a postmortem id to its page. */
export function tableModels(figures: Figures, hrefFor: (id: string) => string): Record<FigureKey, TableModel> {
  const { stats } = figures;
  return {
    categories: {
      caption: 'Postmortems per root-cause category',
      rowHeader: 'Root cause',
      columns: [{ key: 'count', label: 'Postmortems', series: true }],
      rows: figures.categories.map((row) => ({ key: row.key, label: row.label, cells: [count(row.count)] })),
      empty: 'No postmortems in this selection.',
    },
    durations: {
      caption: 'Postmortems per duration (impact start to resolution)',
      rowHeader: 'Duration',
      columns: [{ key: 'count', label: 'Postmortems', series: true }],
      rows: figures.durationBins.map((row) => ({ key: row.key, label: row.label, cells: [count(row.count)] })),
      empty: 'No resolved postmortems in this selection.',
    },
    percentiles: {
      caption: 'Duration percentiles',
      rowHeader: 'Percentile',
      columns: [{ key: 'duration', label: 'Duration', series: true }],
      rows: [
        { key: 'median', label: 'Median (p50)', cells: [duration(stats.medianDurationMs)] },
        { key: 'p75', label: '75th percentile', cells: [duration(stats.p75DurationMs)] },
        { key: 'p90', label: '90th percentile', cells: [duration(stats.p90DurationMs)] },
      ],
      empty: '',
    },
    months: {
      caption: 'Postmortems per month (UTC) by root-cause category',
      rowHeader: 'Month',
      columns: [
        ...figures.months.categories.map((category) => ({
          key: category,
          label: labelOf(rootCauseCategories, category),
          series: true,
        })),
        { key: 'total', label: 'Postmortems', series: false },
      ],
      rows: figures.months.months.map((month, i) => ({
        key: month,
        label: month,
        cells: [...figures.months.counts[i].map(count), count(figures.months.totals[i])],
      })),
      empty: 'No postmortems in this selection.',
    },
    scatter: {
      caption: 'Time to detect and time to resolve per incident',
      rowHeader: 'Postmortem',
      columns: [
        { key: 'detect', label: 'Time to detect', series: true },
        { key: 'resolve', label: 'Time to resolve', series: true },
      ],
      rows: figures.scatter.points.map((point) => ({
        key: point.id,
        label: point.title,
        href: hrefFor(point.id),
        cells: [duration(point.timeToDetectMs), duration(point.timeToResolveMs)],
      })),
      empty: 'No resolved postmortems in this selection.',
    },
    severities: {
      caption: 'Postmortems per severity',
      rowHeader: 'Severity',
      columns: [{ key: 'count', label: 'Postmortems', series: true }],
      rows: figures.severities.map((row) => ({ key: row.key, label: row.label, cells: [count(row.count)] })),
      empty: '',
    },
    services: {
      caption: 'Postmortems per service',
      rowHeader: 'Service',
      columns: [{ key: 'count', label: 'Postmortems', series: true }],
      rows: figures.services.map((row) => ({ key: row.key, label: row.label, cells: [count(row.count)] })),
      empty: 'No postmortems in this selection.',
    },
    'actions-term': {
      caption: 'Action items by term: outstanding and done',
      rowHeader: 'Term',
      columns: [
        { key: 'open', label: 'Outstanding', series: true },
        { key: 'done', label: 'Done', series: true },
      ],
      rows: figures.actionsByTerm.map((row) => ({
        key: row.key,
        label: row.label,
        cells: [count(row.open), count(row.done)],
      })),
      empty: '',
    },
    'actions-age': {
      caption: 'Action items by age (time since the incident ended): outstanding and done',
      rowHeader: 'Age',
      columns: [
        { key: 'open', label: 'Outstanding', series: true },
        { key: 'done', label: 'Done', series: true },
      ],
      rows: figures.actionsByAge.map((row) => ({
        key: row.key,
        label: row.label,
        cells: [count(row.open), count(row.done)],
      })),
      empty: '',
    },
  };
}

/** Sentences under a figure that depend on the slice (sampling, items left out). */
export function figureNotes(figures: Figures): Partial<Record<FigureKey, string>> {
  const { points, eligible } = figures.scatter;
  const wontDo = figures.actions.wontDo;
  const leftOut =
    wontDo > 0
      ? `${wontDo} item${wontDo === 1 ? '' : 's'} marked “won’t do” ${wontDo === 1 ? 'is' : 'are'} left out.`
      : '';
  const undurated = figures.count - figures.ended;
  return {
    durations:
      undurated > 0
        ? `${undurated} of ${figures.count} incident${figures.count === 1 ? '' : 's'} ${undurated === 1 ? 'is' : 'are'} left out: ${undurated === 1 ? 'its' : 'their'} start and end are not both known to the minute.`
        : '',
    scatter:
      points.length < eligible
        ? `Showing a fixed sample of ${points.length} of ${eligible} incidents (chosen by a hash of each id, so it is stable between builds); the table lists exactly the plotted incidents.`
        : `All ${eligible} incident${eligible === 1 ? '' : 's'} with exact start, detection and end plotted${figures.count > eligible ? `; ${figures.count - eligible} without them ${figures.count - eligible === 1 ? 'is' : 'are'} left out` : ''}.`,
    'actions-term': leftOut,
    'actions-age': leftOut,
  };
}

export interface Stat {
  key: string;
  label: string;
  value: number | null;
  text: string;
}

/** The headline numbers above the charts. */
export function statsModel(figures: Figures): Stat[] {
  const { stats, actions } = figures;
  const number = (key: string, label: string, value: number): Stat => ({ key, label, value, text: String(value) });
  const time = (key: string, label: string, value: number | null): Stat => ({ key, label, ...duration(value) });
  return [
    number('count', 'Postmortems', figures.count),
    time('median-duration', 'Median duration', stats.medianDurationMs),
    time('p90-duration', '90th percentile duration', stats.p90DurationMs),
    time('median-detect', 'Median time to detect', stats.medianDetectMs),
    time('median-resolve', 'Median time to resolve', stats.medianResolveMs),
    number('open-actions', 'Outstanding action items', actions.open),
    number('overdue-actions', 'Overdue action items', actions.overdue),
  ];
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char]);
}

const dataValue = (value: number | null) => `data-value="${value === null ? '' : value}"`;

/** Inner HTML of the `<table>`: caption, header and body; the chart reads `data-*` back. */
export function tableHtml(model: TableModel): string {
  const head = [
    `<th scope="col">${escapeHtml(model.rowHeader)}</th>`,
    ...model.columns.map(
      (column) =>
        `<th scope="col" data-col="${escapeHtml(column.key)}"${column.series ? ' data-series' : ''}>${escapeHtml(column.label)}</th>`,
    ),
  ].join('');
  const body = model.rows.length
    ? model.rows
        .map((row) => {
          const label = row.href
            ? `<a href="${escapeHtml(row.href)}">${escapeHtml(row.label)}</a>`
            : escapeHtml(row.label);
          const cells = row.cells
            .map(
              (cell, i) =>
                `<td data-col="${escapeHtml(model.columns[i].key)}" ${dataValue(cell.value)} data-label="${escapeHtml(model.columns[i].label)}">${escapeHtml(cell.text)}</td>`,
            )
            .join('');
          return `<tr data-key="${escapeHtml(row.key)}"><th scope="row">${label}</th>${cells}</tr>`;
        })
        .join('')
    : `<tr><td colspan="${model.columns.length + 1}" class="muted">${escapeHtml(model.empty)}</td></tr>`;
  return `<caption>${escapeHtml(model.caption)}</caption><thead><tr>${head}</tr></thead><tbody>${body}</tbody>`;
}

/** Inner HTML of the headline `<dl>`. */
export function statsHtml(stats: Stat[]): string {
  return stats
    .map(
      (stat) =>
        `<div data-stat="${stat.key}"><dt>${escapeHtml(stat.label)}</dt><dd ${dataValue(stat.value)}>${escapeHtml(stat.text)}</dd></div>`,
    )
    .join('');
}
