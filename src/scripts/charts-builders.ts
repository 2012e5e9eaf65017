/**
 * One builder per kind of figure: each turns the tables of a `figure[data-chart]` into a
 * chart.js configuration, or null when there is nothing to draw (the table says so in words).
 */
import { Chart, type ChartConfiguration, type Plugin } from 'chart.js';
import { DAY, SECOND } from '../lib/core/time.ts';
import { NO_VALUE } from '../lib/insights/no-value.ts';
import {
  categoryAxis,
  cellValue,
  countAxis,
  readTable,
  shareAxis,
  shortDuration,
  timeAxis,
  translucent,
  type TableData,
  type Theme,
} from './charts-core.ts';

export type Builder = (figure: HTMLElement, theme: Theme, narrow: boolean) => ChartConfiguration | null;

/** Colour of a series: severities and categories have their own, anything else cycles. */
function seriesColor(key: string, index: number, theme: Theme): string {
  if (key === NO_VALUE) return theme.color('--chart-none', theme.grid);
  if (/^sev\d$/.test(key)) return theme.color(`--${key}`, theme.bar);
  const category = theme.color(`--cat-${key}`, '');
  if (category) return category;
  return cycleColor(index, theme);
}

/** The n-th colour of a cycle that starts with the site's bar colour (series without a colour of their own). */
const CYCLE = [
  '--chart-bar',
  '--cat-software-bug',
  '--cat-database',
  '--cat-expiry',
  '--cat-network-dns',
  '--cat-capacity',
  '--cat-dependency',
  '--cat-hardware-facility',
  '--cat-security',
  '--cat-manual-operation',
];
function cycleColor(index: number, theme: Theme): string {
  return index === 0 ? theme.bar : theme.color(CYCLE[index % CYCLE.length], theme.bar);
}

/** Edge of a bar: only the bars of postmortems without a value have one, their fill being pale. */
const edgeColor = (key: string, theme: Theme) =>
  key === NO_VALUE ? theme.color('--chart-none-edge', theme.muted) : 'transparent';

const legend = (theme: Theme, show: boolean) => ({
  display: show,
  position: 'bottom' as const,
  labels: { color: theme.text, boxWidth: 12, boxHeight: 12 },
});

const bars =
  (horizontal: boolean): Builder =>
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
            backgroundColor: data.keys.map((key) => seriesColor(key, 0, theme)),
            borderColor: data.keys.map((key) => edgeColor(key, theme)),
            borderWidth: 1.5,
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

const stacked: Builder = (figure, theme) => {
  const data = readTable(figure.querySelector('table'));
  if (data.keys.length === 0) return null;
  return {
    type: 'bar',
    data: {
      labels: data.labels,
      datasets: data.series.map((series, i) => ({
        label: series.label,
        data: series.values,
        backgroundColor: seriesColor(series.key, i, theme),
        borderColor: edgeColor(series.key, theme),
        borderWidth: series.key === NO_VALUE ? 1 : 0,
      })),
    },
    options: {
      interaction: { mode: 'index', intersect: false },
      plugins: { legend: legend(theme, true), tooltip: { filter: (item) => Number(item.raw) > 0 } },
      scales: {
        x: {
          ...categoryAxis(theme, data.labels, false, true),
          ticks: { color: theme.muted, autoSkip: true, maxRotation: 0 },
        },
        y: countAxis(theme, true),
      },
    },
  };
};

/**
 * Horizontal bars with one bar per series and row, side by side (`grouped-h`: observed beside
 * expected, incidents beside near misses) or stacked into one bar per row (`stacked-h`).
 */
const seriesBars =
  (stack: boolean): Builder =>
  (figure, theme, narrow) => {
    const data = readTable(figure.querySelector('table'));
    if (data.keys.length === 0 || data.series.length === 0) return null;
    return {
      type: 'bar',
      data: {
        labels: data.labels,
        datasets: data.series.map((series, i) => ({
          label: series.label,
          data: series.values,
          backgroundColor: series.key === NO_VALUE ? seriesColor(series.key, i, theme) : cycleColor(i, theme),
          borderColor: edgeColor(series.key, theme),
          borderWidth: 1,
          borderRadius: stack ? 0 : 3,
          maxBarThickness: 28,
        })),
      },
      options: {
        indexAxis: 'y',
        interaction: { mode: 'index', intersect: false },
        plugins: { legend: legend(theme, data.series.length > 1), tooltip: { filter: (item) => Number(item.raw) > 0 } },
        scales: { x: countAxis(theme, stack), y: categoryAxis(theme, data.labels, narrow, stack) },
      },
    };
  };

interface Marker {
  label: string;
  value: number;
  low: number | null;
  high: number | null;
  /** Height on the share axis. */
  at: number;
}

/** The median and p90 of a single curve, with their intervals as horizontal bars at 50% and 90%. */
const markersPlugin: Plugin<'line'> = {
  id: 'kbMarkers',
  afterDatasetsDraw(chart, _args, options: { markers?: Marker[]; color?: string }) {
    const { ctx, chartArea, scales } = chart;
    ctx.save();
    ctx.strokeStyle = ctx.fillStyle = options.color ?? '#000';
    ctx.lineWidth = 2;
    ctx.font = `12px ${Chart.defaults.font.family}`;
    ctx.textBaseline = 'bottom';
    for (const marker of options.markers ?? []) {
      const x = (value: number) =>
        Math.min(chartArea.right, Math.max(chartArea.left, scales.x.getPixelForValue(value)));
      const y = scales.y.getPixelForValue(marker.at);
      const left = x(marker.low ?? marker.value);
      const right = x(marker.high ?? marker.value);
      ctx.beginPath();
      ctx.moveTo(left, y - 5);
      ctx.lineTo(left, y + 5);
      ctx.moveTo(left, y);
      ctx.lineTo(right, y);
      ctx.moveTo(right, y - 5);
      ctx.lineTo(right, y + 5);
      ctx.stroke();
      ctx.beginPath();
      ctx.arc(x(marker.value), y, 4, 0, 2 * Math.PI);
      ctx.fill();
      const text = `${marker.label} ${shortDuration(marker.value)}`;
      const width = ctx.measureText(text).width;
      // Left of the interval when there is room, else right of it: never over the curve's label row above.
      const leftOfBar = left - 6 - width >= chartArea.left;
      ctx.textAlign = leftOfBar ? 'right' : 'left';
      ctx.fillText(text, leftOfBar ? left - 6 : Math.min(right + 6, chartArea.right - width), y - 2);
    }
    ctx.restore();
  },
};

/** Curves of a table whose rows are shares (or ages) and whose series are groups. */
function curves(data: TableData, point: (value: number, i: number) => { x: number; y: number }) {
  return data.series.map((series) => ({
    key: series.key,
    label: series.label,
    points: series.values.flatMap((value, i) => (value === null ? [] : [point(value, i)])),
  }));
}

/** Curves are drawn without dots; a pointer still finds the nearest point of the nearest curve. */
const CURVE_POINTS = { pointRadius: 0, pointHitRadius: 6 } as const;
/** Curve data comes as `{ x, y }` points, so chart.js parses nothing. */
const CURVE_OPTIONS = { parsing: false, interaction: { mode: 'nearest', intersect: false } } as const;

/** Round bounds of a log axis around positive values, at least one minute wide. */
function logBounds(values: number[], floor: number): { min: number; max: number } {
  const positive = values.filter((value) => value > 0);
  const low = Math.max(floor, Math.min(...positive, 60 * SECOND));
  const high = Math.max(low * 10, ...positive);
  return { min: 10 ** Math.floor(Math.log10(low)), max: 10 ** Math.ceil(Math.log10(high)) };
}

const ecdf: Builder = (figure, theme, narrow) => {
  const curve = readTable(figure.querySelector('table[data-table^="curve-"]'));
  if (curve.series.length === 0) return null;
  const shares = curve.keys.map(Number);
  const lines = curves(curve, (value, i) => ({ x: value, y: shares[i] }));
  const { min, max } = logBounds(
    lines.flatMap((line) => line.points.map((p) => p.x)),
    SECOND,
  );
  const summary = figure.querySelector<HTMLTableElement>('table[data-table^="summary-"]');
  const row = summary?.tBodies[0]?.rows[0];
  const marker = (label: string, key: string, at: number): Marker[] => {
    const value = cellValue(row, key);
    return value === null
      ? []
      : [
          {
            label,
            value: Math.max(value, min),
            low: cellValue(row, `${key}-low`),
            high: cellValue(row, `${key}-high`),
            at,
          },
        ];
  };
  const single = lines.length === 1;
  return {
    type: 'line',
    data: {
      datasets: lines.map((line, i) => ({
        label: line.label,
        // A time of zero (detected at once) sits on the axis' left edge: a log axis has no zero.
        data: line.points.map((p) => ({ x: Math.max(p.x, min), y: p.y })),
        borderColor: seriesColor(line.key, i, theme),
        backgroundColor: seriesColor(line.key, i, theme),
        borderWidth: 2,
        ...CURVE_POINTS,
      })),
    },
    options: {
      ...CURVE_OPTIONS,
      plugins: {
        legend: legend(theme, !single),
        kbMarkers: {
          markers: single ? [...marker('median', 'median', 0.5), ...marker('p90', 'p90', 0.9)] : [],
          color: theme.marker,
        },
        tooltip: {
          callbacks: {
            label: (item: { dataset: { label?: string }; parsed: { x: number; y: number } }) =>
              `${item.dataset.label}: ${Math.round(item.parsed.y * 100)}% within ${shortDuration(item.parsed.x)}`,
          },
        },
      } as Record<string, unknown>,
      scales: {
        x: timeAxis(theme, 'Time (log scale)', min, max, narrow),
        y: shareAxis(theme, 'Share of incidents'),
      },
    },
    plugins: [markersPlugin as Plugin],
  } as ChartConfiguration;
};

const km: Builder = (figure, theme, narrow) => {
  const curve = readTable(figure.querySelector('table[data-table^="km-"]:not([data-table^="km-summary"])'));
  if (curve.series.length === 0) return null;
  const ages = curve.keys.map((key) => Number(key) * DAY);
  const lines = curves(curve, (value, i) => ({ x: ages[i], y: value }));
  return {
    type: 'line',
    data: {
      datasets: lines.map((line, i) => ({
        label: line.label,
        data: line.points,
        stepped: 'before',
        borderColor: seriesColor(line.key, i, theme),
        backgroundColor: translucent(seriesColor(line.key, i, theme), 0.5),
        borderWidth: i === 0 ? 3 : 2,
        borderDash: i === 0 ? [] : [5, 3],
        ...CURVE_POINTS,
      })),
    },
    options: {
      ...CURVE_OPTIONS,
      plugins: {
        legend: legend(theme, true),
        tooltip: {
          callbacks: {
            label: (item) =>
              `${item.dataset.label}: ${Math.round((item.parsed.y ?? 0) * 100)}% still open at ${shortDuration(item.parsed.x ?? 0)}`,
          },
        },
      },
      scales: {
        x: timeAxis(theme, 'Age since the incident ended (log scale)', ages[0], ages.at(-1)!, narrow),
        y: shareAxis(theme, 'Still open'),
      },
    },
  } as ChartConfiguration;
};

export const builders: Record<string, Builder> = {
  'bars-h': bars(true),
  'bars-v': bars(false),
  stacked,
  'grouped-h': seriesBars(false),
  'stacked-h': seriesBars(true),
  ecdf,
  km,
};
