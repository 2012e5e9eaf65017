/**
 * Draws every `figure[data-chart]` on the page from the tables beside it. Only the chart.js
 * parts used here are registered, so the bundle stays small; charts are destroyed and
 * re-created when the theme changes so their colours follow it.
 */
import { Chart } from 'chart.js';
import * as parts from './chart-parts.ts';
import { readTheme } from './charts-core.ts';
import { builders } from './charts-builders.ts';

Chart.register(...Object.values(parts));

/** Horizontal bar charts grow with their rows (the filter can change how many), by rem per row. */
const GROWS: Record<string, number> = { 'bars-h': 2, 'stacked-h': 2, 'grouped-h': 2.8 };

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
  const perRow = GROWS[figure.dataset.chart!];
  if (perRow) {
    const rows = figure.querySelectorAll('tbody tr[data-key]').length;
    box.style.setProperty('--chart-height', `${Math.max(8, rows * perRow + 4)}rem`);
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
    figure.dataset.drawn = 'nothing';
    return;
  }
  config.options = { responsive: true, maintainAspectRatio: false, animation: false, ...config.options };
  new Chart(canvas, config);
  // What was done, for readers' tools and tests to wait on: `chart` or `nothing`.
  figure.dataset.drawn = 'chart';
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
