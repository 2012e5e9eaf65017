/**
 * Draws every `figure[data-chart]` on the page from the table beside it. Only the chart.js
 * parts used here are registered, so the bundle stays small; charts are destroyed and
 * re-created when the theme changes so their colours follow it.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  Interaction,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  LogarithmicScale,
  PointElement,
  ScatterController,
  Tooltip,
  type ChartConfiguration,
  type InteractionModeFunction,
  type Plugin,
  type Scale,
  type TooltipItem,
} from 'chart.js';
import { DURATION_BINS } from '../lib/insights/aggregates.ts';
import { DAY, formatDuration, MINUTE } from '../lib/core/time.ts';

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  LogarithmicScale,
  PointElement,
  ScatterController,
  Tooltip,
);

interface Series {
  key: string;
  label: string;
  values: (number | null)[];
}

/** What a chart draws, read back from its table. */
export interface TableData {
  keys: string[];
  labels: string[];
  hrefs: (string | null)[];
  series: Series[];
}

export function readTable(table: HTMLTableElement | null): TableData {
  const empty: TableData = { keys: [], labels: [], hrefs: [], series: [] };
  if (!table?.tHead || !table.tBodies[0]) return empty;
  const rows = [...table.tBodies[0].rows].filter((row) => row.dataset.key !== undefined);
  const columns = [...table.tHead.rows[0].cells].filter((cell) => cell.hasAttribute('data-series'));
  return {
    keys: rows.map((row) => row.dataset.key!),
    labels: rows.map((row) => row.cells[0].textContent!.trim()),
    hrefs: rows.map((row) => row.cells[0].querySelector('a')?.getAttribute('href') ?? null),
    series: columns.map((column) => {
      const key = column.dataset.col!;
      return {
        key,
        label: column.textContent!.trim(),
        values: rows.map((row) => {
          const raw = row.querySelector<HTMLElement>(`td[data-col="${CSS.escape(key)}"]`)?.dataset.value;
          return raw === undefined || raw === '' ? null : Number(raw);
        }),
      };
    }),
  };
}

interface Theme {
  text: string;
  muted: string;
  grid: string;
  bar: string;
  marker: string;
  font: string;
  /** Value of a CSS custom property on the root, e.g. `--cat-database`. */
  color(name: string, fallback?: string): string;
}

function readTheme(): Theme {
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
function translucent(color: string, alpha: number): string {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
  if (!hex) return color;
  const [r, g, b] = hex.slice(1).map((part) => parseInt(part, 16));
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}

/** Splits a long axis label into short lines on narrow screens. */
function wrap(label: string, narrow: boolean): string | string[] {
  if (!narrow || label.length <= 20) return label;
  const lines: string[] = [];
  for (const word of label.split(' ')) {
    const last = lines.at(-1);
    if (last !== undefined && `${last} ${word}`.length <= 20) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

const countAxis = (theme: Theme, stacked = false) => ({
  beginAtZero: true,
  stacked,
  ticks: { precision: 0, color: theme.muted },
  grid: { color: theme.grid },
  border: { color: theme.grid },
});

const categoryAxis = (theme: Theme, labels: string[], narrow: boolean, stacked = false) => ({
  stacked,
  ticks: { color: theme.text, autoSkip: false, callback: (_: unknown, i: number) => wrap(labels[i], narrow) },
  grid: { display: false },
  border: { color: theme.grid },
});

/** Durations that read well as tick marks on a logarithmic time axis. */
const NICE_DURATIONS = [
  10_000,
  MINUTE,
  5 * MINUTE,
  15 * MINUTE,
  60 * MINUTE,
  4 * 60 * MINUTE,
  12 * 60 * MINUTE,
  DAY,
  3 * DAY,
  7 * DAY,
  30 * DAY,
  90 * DAY,
  365 * DAY,
];

const shortDuration = (value: number) => formatDuration(value).replace(/ 0 min$/, '');

/** A logarithmic axis in milliseconds with ticks at `ticks` and duration labels. */
function timeAxis(theme: Theme, title: string, min: number, max: number, ticks: number[]) {
  return {
    type: 'logarithmic' as const,
    min,
    max,
    title: { display: true, text: title, color: theme.muted },
    afterBuildTicks: (axis: Scale) => {
      axis.ticks = ticks.filter((value) => value >= min && value <= max).map((value) => ({ value }));
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

interface Marker {
  key: string;
  label: string;
  value: number;
}

/** Dashed vertical lines with labels at the duration percentiles. */
const markersPlugin: Plugin<'line'> = {
  id: 'kbMarkers',
  afterDatasetsDraw(chart, _args, options: { markers?: Marker[]; color?: string }) {
    const markers = options.markers ?? [];
    const { ctx, chartArea, scales } = chart;
    ctx.save();
    ctx.strokeStyle = options.color ?? '#000';
    ctx.fillStyle = options.color ?? '#000';
    ctx.font = `12px ${Chart.defaults.font.family}`;
    ctx.textBaseline = 'bottom';
    markers.forEach((marker, i) => {
      const x = Math.round(scales.x.getPixelForValue(marker.value)) + 0.5;
      if (x < chartArea.left || x > chartArea.right) return;
      ctx.setLineDash([4, 3]);
      ctx.beginPath();
      ctx.moveTo(x, chartArea.top - (markers.length - i - 1) * 15 - 2);
      ctx.lineTo(x, chartArea.bottom);
      ctx.stroke();
      ctx.setLineDash([]);
      const text = `${marker.key} ${shortDuration(marker.value)}`;
      const width = ctx.measureText(text).width;
      ctx.textAlign = x + width + 4 > chart.width ? 'right' : 'left';
      ctx.fillText(text, ctx.textAlign === 'right' ? x - 3 : x + 3, chartArea.top - (markers.length - i - 1) * 15 - 2);
    });
    ctx.restore();
  },
};

/** Bin edges of the duration histogram: a floor of one minute, the bins' bounds, a last edge. */
function durationEdges(markers: Marker[]): number[] {
  const last = Math.max(7 * DAY, ...markers.map((marker) => marker.value * 1.5));
  return [MINUTE, ...DURATION_BINS.slice(0, -1).map((bin) => bin.belowMs), last];
}

/** Bin edges of each histogram drawn, for the hover mode below. */
const binEdges = new WeakMap<Chart, number[]>();

/** The duration bin under the pointer, so a tooltip shows anywhere across a bar's width. */
const binMode: InteractionModeFunction = (chart, event) => {
  const meta = chart.getDatasetMeta(0);
  const x = event.x ?? -1;
  const { left, right } = chart.chartArea;
  if (x < left || x > right) return [];
  const scale = chart.scales.x;
  const edges = binEdges.get(chart) ?? [];
  for (let i = 0; i < edges.length - 1; i++) {
    const start = i === 0 ? left : scale.getPixelForValue(edges[i]);
    if (x >= start && x < scale.getPixelForValue(edges[i + 1]))
      return [{ element: meta.data[i], datasetIndex: 0, index: i }];
  }
  return [];
};
(Interaction.modes as unknown as Record<string, InteractionModeFunction>).kbBin = binMode;

type Builder = (figure: HTMLElement, theme: Theme, narrow: boolean) => ChartConfiguration | null;

const singleSeriesBars =
  (horizontal: boolean, colorOf: (key: string, theme: Theme) => string): Builder =>
  (figure, theme, narrow) => {
    const data = readTable(figure.querySelector('table'));
    if (data.keys.length === 0) return null;
    const [series] = data.series;
    const counts = countAxis(theme);
    const labels = categoryAxis(theme, data.labels, narrow);
    return {
      type: 'bar',
      data: {
        labels: data.labels,
        datasets: [
          {
            label: series.label,
            data: series.values,
            backgroundColor: data.keys.map((key) => colorOf(key, theme)),
            borderRadius: 3,
            maxBarThickness: 36,
          },
        ],
      },
      options: {
        indexAxis: horizontal ? 'y' : 'x',
        plugins: { legend: { display: false } },
        scales: horizontal ? { x: counts, y: labels } : { x: labels, y: counts },
      },
    };
  };

const actionBars: Builder = (figure, theme, narrow) => {
  const data = readTable(figure.querySelector('table'));
  if (data.keys.length === 0) return null;
  return {
    type: 'bar',
    data: {
      labels: data.labels,
      datasets: data.series.map((series) => ({
        label: series.label,
        data: series.values,
        backgroundColor: theme.color(series.key === 'open' ? '--chart-open' : '--chart-done'),
        borderRadius: 3,
        maxBarThickness: 32,
      })),
    },
    options: {
      plugins: { legend: { position: 'bottom', labels: { color: theme.text, boxWidth: 12 } } },
      scales: { x: categoryAxis(theme, data.labels, narrow), y: countAxis(theme) },
    },
  };
};

const builders: Record<string, Builder> = {
  categories: singleSeriesBars(true, (key, theme) => theme.color(`--cat-${key}`, theme.bar)),
  services: singleSeriesBars(true, (_key, theme) => theme.bar),
  severities: singleSeriesBars(false, (key, theme) => theme.color(`--${key}`, theme.bar)),
  'actions-term': actionBars,
  'actions-age': actionBars,

  durations(figure, theme) {
    const bins = readTable(figure.querySelector('table[data-table="durations"]'));
    const percentiles = readTable(figure.querySelector('table[data-table="percentiles"]'));
    const counts = bins.series[0]?.values ?? [];
    if (counts.every((count) => !count)) return null;
    const markers: Marker[] = percentiles.keys.flatMap((key, i) => {
      const value = percentiles.series[0].values[i];
      return value === null || value <= 0 ? [] : [{ key, label: percentiles.labels[i], value }];
    });
    const edges = durationEdges(markers);
    const points = counts.map((count, i) => ({ x: edges[i], y: count ?? 0 }));
    // A closing point draws the last bin's top edge; stepped 'before' holds each point's count until the next edge.
    points.push({ x: edges.at(-1)!, y: counts.at(-1) ?? 0 });
    return {
      type: 'line',
      data: {
        datasets: [
          {
            label: bins.series[0].label,
            data: points,
            stepped: 'before',
            fill: 'origin',
            borderColor: theme.bar,
            backgroundColor: translucent(theme.bar, 0.35),
            borderWidth: 2,
            pointRadius: 0,
            pointHoverRadius: 0,
          },
        ],
      },
      options: {
        parsing: false,
        normalized: true,
        interaction: { mode: 'kbBin' as 'index', intersect: false },
        layout: { padding: { top: markers.length * 15 + 4, right: 8 } },
        plugins: {
          legend: { display: false },
          kbMarkers: { markers, color: theme.marker },
          tooltip: {
            callbacks: {
              title: (items: TooltipItem<'line'>[]) => bins.labels[items[0].dataIndex] ?? '',
              label: (item: TooltipItem<'line'>) =>
                `${counts[item.dataIndex] ?? 0} postmortem${counts[item.dataIndex] === 1 ? '' : 's'}`,
            },
          },
        } as Record<string, unknown>,
        scales: {
          x: timeAxis(theme, 'Duration (log scale)', edges[0], edges.at(-1)!, edges),
          y: { ...countAxis(theme), title: { display: true, text: 'Postmortems', color: theme.muted } },
        },
      },
      plugins: [markersPlugin as Plugin],
    } as ChartConfiguration;
  },

  months(figure, theme) {
    const data = readTable(figure.querySelector('table'));
    if (data.keys.length === 0) return null;
    return {
      type: 'bar',
      data: {
        labels: data.labels,
        datasets: data.series.map((series) => ({
          label: series.label,
          data: series.values,
          backgroundColor: theme.color(`--cat-${series.key}`, theme.bar),
        })),
      },
      options: {
        interaction: { mode: 'index', intersect: false },
        plugins: {
          legend: { position: 'bottom', labels: { color: theme.text, boxWidth: 12, boxHeight: 12 } },
          tooltip: { filter: (item) => Number(item.raw) > 0 },
        },
        scales: {
          x: {
            ...categoryAxis(theme, data.labels, false, true),
            ticks: { color: theme.muted, autoSkip: true, maxRotation: 0 },
          },
          y: countAxis(theme, true),
        },
      },
    };
  },

  scatter(figure, theme) {
    const data = readTable(figure.querySelector('table'));
    if (data.keys.length === 0) return null;
    const [detect, resolve] = data.series;
    const points = data.keys.map((_, i) => ({ x: detect.values[i] ?? 0, y: resolve.values[i] ?? 0 }));
    const bounds = (values: number[]) => {
      const positive = values.filter((value) => value > 0);
      const low = positive.length ? Math.min(...positive) : MINUTE;
      const high = Math.max(MINUTE, ...values);
      const min = [...NICE_DURATIONS].reverse().find((tick) => tick <= Math.min(low, MINUTE)) ?? NICE_DURATIONS[0];
      const max = NICE_DURATIONS.find((tick) => tick >= high && tick > min) ?? high;
      return { min, max };
    };
    const x = bounds(points.map((point) => point.x));
    const y = bounds(points.map((point) => point.y));
    return {
      type: 'scatter',
      data: {
        datasets: [
          {
            label: 'Incidents',
            data: points,
            backgroundColor: translucent(theme.bar, 0.7),
            borderColor: theme.bar,
            pointRadius: 4,
            pointHoverRadius: 6,
            // Dots on an axis edge (detected at once) are drawn whole, not cut in half.
            clip: false,
          },
        ],
      },
      options: {
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              title: (items) => data.labels[items[0].dataIndex] ?? '',
              label: (item) =>
                `detected after ${formatDuration(points[item.dataIndex].x)}, resolved ${formatDuration(points[item.dataIndex].y)} later`,
            },
          },
        },
        onClick: (_event, elements) => {
          const link = elements[0] ? data.hrefs[elements[0].index] : null;
          if (link) location.assign(link);
        },
        scales: {
          x: timeAxis(theme, 'Time to detect (log scale)', x.min, x.max, NICE_DURATIONS),
          y: timeAxis(theme, 'Time to resolve (log scale)', y.min, y.max, NICE_DURATIONS),
        },
      },
    };
  },
};

/** Horizontal bar charts grow with their rows (the filter can change how many). */
const GROWS = new Set(['categories', 'services']);

/** Closed `<details>` whose charts wait to be drawn until they are opened (a hidden canvas has no size). */
const waiting = new WeakSet<HTMLDetailsElement>();

/** Draws (or re-draws) one figure's chart from its table. */
export function drawFigure(figure: HTMLElement): void {
  const canvas = figure.querySelector('canvas');
  const box = canvas?.parentElement;
  const build = builders[figure.dataset.chart ?? ''];
  if (!canvas || !box || !build) return;
  Chart.getChart(canvas)?.destroy();
  const closed = figure.closest<HTMLDetailsElement>('details:not([open])');
  if (closed) {
    if (!waiting.has(closed)) {
      waiting.add(closed);
      closed.addEventListener('toggle', () => closed.open && drawAll(closed));
    }
    return;
  }
  const kind = figure.dataset.chart!;
  if (GROWS.has(kind)) {
    const rows = figure.querySelectorAll('tbody tr[data-key]').length;
    box.style.setProperty('--chart-height', `${Math.max(8, rows * 2 + 4)}rem`);
  }
  box.hidden = false;
  const theme = readTheme();
  const narrow = box.clientWidth < 480;
  Chart.defaults.font.family = theme.font;
  Chart.defaults.font.size = narrow ? 11 : 12;
  Chart.defaults.color = theme.muted;
  Chart.defaults.borderColor = theme.grid;
  const config = build(figure, theme, narrow);
  if (!config) {
    // Nothing to draw: the table says so in words.
    box.hidden = true;
    return;
  }
  config.options = { responsive: true, maintainAspectRatio: false, animation: false, ...config.options };
  const chart = new Chart(canvas, config);
  if (config.type === 'line')
    binEdges.set(
      chart,
      (config.data.datasets[0].data as { x: number }[]).map((point) => point.x),
    );
}

export function drawAll(root: ParentNode = document): void {
  root.querySelectorAll<HTMLElement>('figure[data-chart]').forEach(drawFigure);
}

declare global {
  interface Window {
    /** The chart drawn on a canvas, so tests and readers can check what it plotted. */
    kbCharts?: { getChart(canvas: HTMLCanvasElement): Chart | undefined };
  }
}
window.kbCharts = { getChart: (canvas) => Chart.getChart(canvas) };

drawAll();
document.addEventListener('kb:themechange', () => drawAll());
// Without a stored choice the theme follows the system; re-draw when it flips.
matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => drawAll());
