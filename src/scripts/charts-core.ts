/**
 * What every chart of the site shares: reading a figure's table back, the theme's colours,
 * and axes (counts, categories, log-scale durations with round ticks).
 */
import { formatDuration } from '../lib/core/time.ts';
import { durationTicks } from '../lib/statistics/ecdf.ts';
import type { Scale } from 'chart.js';

interface Series {
  key: string;
  label: string;
  values: (number | null)[];
}

/** What a chart draws, read back from its table. */
export interface TableData {
  keys: string[];
  labels: string[];
  series: Series[];
}

export function readTable(table: HTMLTableElement | null): TableData {
  const empty: TableData = { keys: [], labels: [], series: [] };
  if (!table?.tHead || !table.tBodies[0]) return empty;
  const rows = [...table.tBodies[0].rows].filter((row) => row.dataset.key !== undefined);
  const columns = [...table.tHead.rows[0].cells].filter((cell) => cell.hasAttribute('data-series'));
  return {
    keys: rows.map((row) => row.dataset.key!),
    labels: rows.map((row) => row.cells[0].textContent!.trim()),
    series: columns.map((column) => {
      const key = column.dataset.col!;
      return {
        key,
        label: column.textContent!.trim(),
        values: rows.map((row) => cellValue(row, key)),
      };
    }),
  };
}

/** The number in a row's cell of column `key`, or null. */
export function cellValue(row: HTMLTableRowElement | undefined, key: string): number | null {
  const raw = row?.querySelector<HTMLElement>(`td[data-col="${CSS.escape(key)}"]`)?.dataset.value;
  return raw === undefined || raw === '' ? null : Number(raw);
}

export interface Theme {
  text: string;
  muted: string;
  grid: string;
  bar: string;
  marker: string;
  font: string;
  /** Value of a CSS custom property on the root, e.g. `--cat-database`. */
  color(name: string, fallback?: string): string;
}

export function readTheme(): Theme {
  const style = getComputedStyle(document.documentElement);
  const color = (name: string, fallback = '#888') => style.getPropertyValue(name).trim() || fallback;
  return {
    text: color('--fg'),
    muted: color('--fg-muted'),
    grid: color('--border'),
    bar: color('--chart-bar'),
    marker: color('--chart-marker'),
    font: color('--font-sans', 'system-ui, sans-serif'),
    color,
  };
}

/** `#rrggbb` with an alpha; other colour syntaxes are returned as they are. */
export function translucent(color: string, alpha: number): string {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
  if (!hex) return color;
  const [r, g, b] = hex.slice(1).map((part) => parseInt(part, 16));
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}

/** Splits a long axis label into short lines on narrow screens. */
export function wrap(label: string, narrow: boolean): string | string[] {
  if (!narrow || label.length <= 20) return label;
  const lines: string[] = [];
  for (const word of label.split(' ')) {
    const last = lines.at(-1);
    if (last !== undefined && `${last} ${word}`.length <= 20) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

export const countAxis = (theme: Theme, stacked = false) => ({
  beginAtZero: true,
  stacked,
  ticks: { precision: 0, color: theme.muted },
  grid: { color: theme.grid },
  border: { color: theme.grid },
});

export const shareAxis = (theme: Theme, title: string) => ({
  min: 0,
  max: 1,
  title: { display: true, text: title, color: theme.muted },
  ticks: {
    color: theme.muted,
    stepSize: 0.25,
    callback: (value: string | number) => `${Math.round(Number(value) * 100)}%`,
  },
  grid: { color: theme.grid },
  border: { color: theme.grid },
});

export const categoryAxis = (theme: Theme, labels: string[], narrow: boolean, stacked = false) => ({
  stacked,
  ticks: { color: theme.text, autoSkip: false, callback: (_: unknown, i: number) => wrap(labels[i], narrow) },
  grid: { display: false },
  border: { color: theme.grid },
});

export const shortDuration = (value: number) => formatDuration(value).replace(/ 0 min$/, '');

/** A logarithmic axis in milliseconds from `min` to `max`, ticked at round durations. */
export function timeAxis(theme: Theme, title: string, min: number, max: number, narrow: boolean) {
  const ticks = durationTicks(min, max, narrow ? 5 : 8) ?? [];
  return {
    type: 'logarithmic' as const,
    min,
    max,
    title: { display: true, text: title, color: theme.muted },
    afterBuildTicks: (axis: Scale) => {
      axis.ticks = ticks.map((value) => ({ value }));
    },
    ticks: {
      color: theme.muted,
      maxRotation: 0,
      autoSkipPadding: 8,
      callback: (value: string | number) => shortDuration(Number(value)),
    },
    grid: { color: theme.grid },
    border: { color: theme.grid },
  };
}
