/**
 * The insights page in real Chromium against the production build: every chart is drawn with
 * the numbers of its table, and those numbers equal figures computed here, independently,
 * from the postmortem files (parsed with `yaml`, not with the site's code).
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parse } from 'yaml';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, recordScripts } from '../helpers/browser.ts';
import { serveStatic, type StaticServer } from '../helpers/static-server.ts';
import { PROJECT_ROOT } from '../helpers/astro.ts';

const DIST = join(PROJECT_ROOT, 'dist');
const CONTENT = join(PROJECT_ROOT, 'content/postmortems');
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const JS_BUDGET_GZIP = 80 * 1024;

// ---------------------------------------------------------------------------------------------
// Expected figures, from the files.

interface Pm {
  id: string;
  status: string;
  severity: string;
  categories: string[];
  services: string[];
  started: number;
  detected: number;
  resolved?: number;
  actionItems: { term: string; status: string; due?: string; owner?: string }[];
}

function readPostmortems(): Pm[] {
  return readdirSync(CONTENT)
    .filter((file) => /\.mdx?$/.test(file))
    .map((file) => {
      const text = readFileSync(join(CONTENT, file), 'utf8');
      const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
      assert.ok(front, `${file} has frontmatter`);
      const data = parse(front[1]);
      const due = (value: unknown) =>
        value instanceof Date ? value.toISOString().slice(0, 10) : (value as string | undefined);
      return {
        id: basename(file).replace(/\.mdx?$/, ''),
        status: data.status,
        severity: data.severity,
        // Drafts may leave these out; they are read only to be filtered away.
        categories: data.rootCause?.categories ?? [],
        services: data.services ?? [],
        started: Date.parse(data.started),
        detected: Date.parse(data.detected),
        resolved: data.resolved ? Date.parse(data.resolved) : undefined,
        actionItems: (data.actionItems ?? []).map((item: Record<string, unknown>) => ({
          term: item.term,
          status: item.status ?? 'open',
          due: due(item.due),
          owner: item.owner,
        })),
      };
    });
}

/** Linear interpolation between closest ranks, as spreadsheets do. */
function percentile(values: number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (sorted.length - 1) * q;
  const low = Math.floor(rank);
  return sorted[low] + (sorted[Math.ceil(rank)] - sorted[low]) * (rank - low);
}
/** The page states order statistics to the whole second. */
const toSecond = (ms: number | null) => (ms === null ? null : Math.round(ms / 1000) * 1000);

const DURATION_EDGES = [15 * MIN, HOUR, 4 * HOUR, 12 * HOUR, DAY, 3 * DAY];
const AGE_EDGES = [30 * DAY, 90 * DAY, 180 * DAY, 365 * DAY, 730 * DAY];
const TERMS = ['short', 'mid', 'long'];
const SEVERITIES = ['sev1', 'sev2', 'sev3', 'sev4'];
const bin = (edges: number[], value: number) => {
  const index = edges.findIndex((edge) => value < edge);
  return index === -1 ? edges.length : index;
};
const tally = (keys: string[]) => {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
};
const outstanding = (status: string) => status === 'open' || status === 'in-progress';
const monthOf = (ms: number) => new Date(ms).toISOString().slice(0, 7);

interface Slice {
  from: number;
  to: number;
  category: string | null;
}

function expectedFigures(all: Pm[], nowMs: number, slice: Slice) {
  const pms = all.filter((pm) => {
    const year = new Date(pm.started).getUTCFullYear();
    return (
      year >= slice.from && year <= slice.to && (slice.category === null || pm.categories.includes(slice.category))
    );
  });
  const ended = pms.filter((pm) => pm.resolved !== undefined);
  const durations = ended.map((pm) => pm.resolved! - pm.started);
  const bins = new Array(7).fill(0);
  for (const duration of durations) bins[bin(DURATION_EDGES, duration)]++;
  const months: string[] = [];
  if (pms.length) {
    const first = pms.reduce((min, pm) => Math.min(min, pm.started), Infinity);
    const last = pms.reduce((max, pm) => Math.max(max, pm.started), -Infinity);
    for (
      let d = new Date(`${monthOf(first)}-01T00:00:00Z`);
      monthOf(d.getTime()) <= monthOf(last);
      d.setUTCMonth(d.getUTCMonth() + 1)
    ) {
      months.push(monthOf(d.getTime()));
    }
  }
  const perMonth = new Map<string, number>();
  for (const pm of pms)
    for (const category of pm.categories)
      perMonth.set(`${monthOf(pm.started)} ${category}`, (perMonth.get(`${monthOf(pm.started)} ${category}`) ?? 0) + 1);
  // Services are charted by name for the 15 most named across all published postmortems.
  const top = [...tally(all.flatMap((pm) => pm.services))]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, 15)
    .map(([service]) => service);
  const services = new Map([...tally(pms.flatMap((pm) => pm.services.filter((s) => top.includes(s))))]);
  const other = pms.filter((pm) => pm.services.some((s) => !top.includes(s))).length;
  if (other) services.set('(other)', other);
  const items = pms.flatMap((pm) => pm.actionItems.map((item) => ({ ...item, from: pm.resolved ?? pm.started })));
  const actionCounts = (group: typeof items) => [
    group.filter((i) => outstanding(i.status)).length,
    group.filter((i) => i.status === 'done').length,
  ];
  return {
    count: pms.length,
    categories: tally(pms.flatMap((pm) => pm.categories)),
    bins,
    percentiles: [0.5, 0.75, 0.9].map((q) => toSecond(percentile(durations, q))),
    medianDetect: toSecond(
      percentile(
        pms.map((pm) => pm.detected - pm.started),
        0.5,
      ),
    ),
    medianResolve: toSecond(
      percentile(
        ended.map((pm) => pm.resolved! - pm.detected),
        0.5,
      ),
    ),
    months,
    monthCount: (month: string, category: string) => perMonth.get(`${month} ${category}`) ?? 0,
    monthTotals: months.map((month) => pms.filter((pm) => monthOf(pm.started) === month).length),
    points: new Map(ended.map((pm) => [pm.id, [pm.detected - pm.started, pm.resolved! - pm.detected]])),
    severities: SEVERITIES.map((severity) => pms.filter((pm) => pm.severity === severity).length),
    services,
    byTerm: TERMS.map((term) => actionCounts(items.filter((item) => item.term === term))),
    byAge: [0, 1, 2, 3, 4, 5].map((age) =>
      actionCounts(items.filter((item) => bin(AGE_EDGES, nowMs - item.from) === age)),
    ),
    open: items.filter((item) => outstanding(item.status)).length,
    overdue: items.filter((item) => outstanding(item.status) && item.due && Date.parse(`${item.due}T23:59:59Z`) < nowMs)
      .length,
  };
}

// ---------------------------------------------------------------------------------------------
// What the page shows: tables and the charts' own data.

interface TableSnapshot {
  columns: string[];
  rows: { key: string; label: string; values: Record<string, number | null> }[];
}
interface FigureSnapshot {
  tables: Record<string, TableSnapshot>;
  chart: {
    id: number;
    type: string;
    labels: string[] | undefined;
    datasets: { label: string; data: unknown[] }[];
    markers: { key: string; value: number }[] | null;
    tickColor: string;
  } | null;
  inked: number;
  name: string | null;
  canvasWidth: number;
}

async function snapshot(page: Page, root = 'main'): Promise<Record<string, FigureSnapshot>> {
  return page.evaluate((rootSelector) => {
    const out: Record<string, unknown> = {};
    for (const figure of document.querySelector(rootSelector)!.querySelectorAll<HTMLElement>('figure[data-chart]')) {
      const tables: Record<string, unknown> = {};
      for (const table of figure.querySelectorAll<HTMLTableElement>('table[data-table]')) {
        tables[table.dataset.table!] = {
          columns: [...table.tHead!.rows[0].cells].slice(1).map((cell) => cell.dataset.col),
          rows: [...table.tBodies[0].rows]
            .filter((row) => row.dataset.key !== undefined)
            .map((row) => ({
              key: row.dataset.key,
              label: row.cells[0].textContent!.trim(),
              values: Object.fromEntries(
                [...row.querySelectorAll('td')].map((td) => [
                  td.dataset.col,
                  td.dataset.value === '' ? null : Number(td.dataset.value),
                ]),
              ),
            })),
        };
      }
      const canvas = figure.querySelector('canvas')!;
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const chart = (window as any).kbCharts.getChart(canvas);
      let inked = 0;
      if (canvas.width && canvas.height) {
        const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
        for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) inked++;
      }
      out[figure.dataset.chart!] = {
        tables,
        chart: chart && {
          id: chart.id,
          type: chart.config.type,
          labels: chart.data.labels,
          datasets: chart.data.datasets.map((d: { label: string; data: unknown[] }) => ({
            label: d.label,
            data: d.data,
          })),
          markers: chart.config.options.plugins?.kbMarkers?.markers ?? null,
          tickColor: chart.options.scales.x.ticks.color,
        },
        inked,
        name: canvas.getAttribute('aria-label'),
        canvasWidth: canvas.getBoundingClientRect().width,
      };
    }
    return out;
  }, root) as Promise<Record<string, FigureSnapshot>>;
}

const column = (table: TableSnapshot, key: string) => table.rows.map((row) => row.values[key]);
const ys = (data: unknown[]) => (data as { y: number }[]).map((point) => point.y);

function assertDrawn(
  figure: FigureSnapshot | undefined,
  kind: string,
): asserts figure is FigureSnapshot & { chart: NonNullable<FigureSnapshot['chart']> } {
  assert.ok(figure, `${kind}: figure on the page`);
  assert.ok(figure.chart, `${kind}: a chart is drawn on the canvas`);
  assert.ok(figure.inked > 500, `${kind}: the canvas has ink (${figure.inked} pixels)`);
  assert.match(figure.name ?? '', /\w{8,}/, `${kind}: the chart has an accessible name`);
}

/** Every chart equals its table, and every table equals the figures computed from the files. */
function assertFigures(figures: Record<string, FigureSnapshot>, expected: ReturnType<typeof expectedFigures>) {
  const categories = figures.categories;
  assertDrawn(categories, 'categories');
  const catTable = categories.tables.categories;
  assert.deepEqual(
    categories.chart.labels,
    catTable.rows.map((row) => row.label),
  );
  assert.deepEqual(categories.chart.datasets[0].data, column(catTable, 'count'));
  assert.deepEqual(new Map(catTable.rows.map((row) => [row.key, row.values.count])), expected.categories, 'categories');
  const catCounts = column(catTable, 'count') as number[];
  assert.deepEqual(
    catCounts,
    [...catCounts].sort((a, b) => b - a),
    'category bars sorted, most first',
  );

  const durations = figures.durations;
  assertDrawn(durations, 'durations');
  assert.deepEqual(ys(durations.chart.datasets[0].data).slice(0, 7), column(durations.tables.durations, 'count'));
  assert.deepEqual(column(durations.tables.durations, 'count'), expected.bins, 'duration bins');
  assert.deepEqual(column(durations.tables.percentiles, 'duration'), expected.percentiles, 'median, p75, p90');
  assert.deepEqual(
    durations.chart.markers?.map((marker) => [marker.key, marker.value]),
    durations.tables.percentiles.rows.filter((row) => row.values.duration).map((row) => [row.key, row.values.duration]),
    'percentile markers drawn where the table says',
  );

  const months = figures.months;
  assertDrawn(months, 'months');
  const monthTable = months.tables.months;
  assert.deepEqual(months.chart.labels, expected.months, 'every month from the first to the last');
  assert.deepEqual(
    monthTable.rows.map((row) => row.key),
    expected.months,
  );
  assert.deepEqual(column(monthTable, 'total'), expected.monthTotals, 'postmortems per month');
  const series = monthTable.columns.filter((key) => key !== 'total');
  assert.deepEqual(
    months.chart.datasets.map((d) => d.label),
    series.map((key) => catTable.rows.find((row) => row.key === key)?.label),
    'one stack per category column, in column order',
  );
  series.forEach((category, i) => {
    assert.deepEqual(months.chart.datasets[i].data, column(monthTable, category), `months: ${category} chart = table`);
    assert.deepEqual(
      column(monthTable, category),
      expected.months.map((month) => expected.monthCount(month, category)),
      `months: ${category}`,
    );
  });
  assert.deepEqual(new Set(series), new Set(expected.categories.keys()), 'a stack for every category named');

  const scatter = figures.scatter;
  assertDrawn(scatter, 'scatter');
  const scatterTable = scatter.tables.scatter;
  assert.deepEqual(
    scatter.chart.datasets[0].data,
    scatterTable.rows.map((row) => ({ x: row.values.detect, y: row.values.resolve })),
  );
  assert.deepEqual(
    new Map(scatterTable.rows.map((row) => [row.key, [row.values.detect, row.values.resolve]])),
    expected.points,
    'scatter points',
  );

  const severities = figures.severities;
  assertDrawn(severities, 'severities');
  assert.deepEqual(severities.chart.datasets[0].data, column(severities.tables.severities, 'count'));
  assert.deepEqual(
    severities.tables.severities.rows.map((row) => row.key),
    SEVERITIES,
  );
  assert.deepEqual(column(severities.tables.severities, 'count'), expected.severities, 'severities');

  const services = figures.services;
  assertDrawn(services, 'services');
  const serviceTable = services.tables.services;
  assert.deepEqual(services.chart.datasets[0].data, column(serviceTable, 'count'));
  assert.deepEqual(
    services.chart.labels,
    serviceTable.rows.map((row) => row.label),
  );
  assert.deepEqual(new Map(serviceTable.rows.map((row) => [row.key, row.values.count])), expected.services, 'services');

  for (const [kind, rows] of [
    ['actions-term', expected.byTerm],
    ['actions-age', expected.byAge],
  ] as const) {
    const figure = figures[kind];
    assertDrawn(figure, kind);
    const table = figure.tables[kind];
    assert.deepEqual(
      figure.chart.labels,
      table.rows.map((row) => row.label),
    );
    assert.deepEqual(
      figure.chart.datasets.map((d) => d.data),
      [column(table, 'open'), column(table, 'done')],
      `${kind}: chart = table`,
    );
    assert.deepEqual(
      table.rows.map((row) => [row.values.open, row.values.done]),
      rows,
      `${kind}: outstanding and done`,
    );
  }
}

async function stats(page: Page, root = 'main') {
  return page.evaluate(
    (rootSelector) =>
      Object.fromEntries(
        [...document.querySelector(rootSelector)!.querySelectorAll<HTMLElement>('[data-stats] [data-stat]')].map(
          (stat) => {
            const value = stat.querySelector('dd')!.dataset.value;
            return [stat.dataset.stat, value === '' ? null : Number(value)];
          },
        ),
      ),
    root,
  );
}

function assertStats(shown: Record<string, number | null>, expected: ReturnType<typeof expectedFigures>) {
  assert.deepEqual(shown, {
    count: expected.count,
    'median-duration': expected.percentiles[0],
    'p90-duration': expected.percentiles[2],
    'median-detect': expected.medianDetect,
    'median-resolve': expected.medianResolve,
    'open-actions': expected.open,
    'overdue-actions': expected.overdue,
  });
}

// ---------------------------------------------------------------------------------------------

describe('insights page (Chromium, production build)', () => {
  let server: StaticServer;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  const published = readPostmortems().filter((pm) => pm.status === 'published');
  const years = published.map((pm) => new Date(pm.started).getUTCFullYear());
  const firstYear = Math.min(...years);
  const lastYear = Math.max(...years);
  let nowMs: number;

  before(async () => {
    assert.ok(existsSync(join(DIST, 'insights/index.html')), 'run `npm run build` first (npm test does)');
    assert.ok(published.length >= 3, 'the content has postmortems to chart');
    server = await serveStatic(DIST);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${server.url}insights/`);
    await page.waitForFunction(
      () => document.querySelectorAll('figure[data-chart] .chart-box:not([hidden])').length >= 8,
    );
    nowMs = Number(await page.locator('[data-insights]').getAttribute('data-now'));
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('states the build time the ages and "overdue" are judged against', async () => {
    assert.ok(nowMs > Date.parse('2024-01-01') && nowMs <= Date.now(), `data-now ${nowMs}`);
    assert.equal(
      await page.locator('main time').first().getAttribute('datetime'),
      new Date(nowMs).toISOString().replace('.000Z', 'Z'),
    );
  });

  it('draws every chart with the numbers of its table, equal to figures computed from the files', async () => {
    const figures = await snapshot(page);
    assert.deepEqual(Object.keys(figures).sort(), [
      'actions-age',
      'actions-term',
      'categories',
      'durations',
      'months',
      'scatter',
      'services',
      'severities',
    ]);
    const expected = expectedFigures(published, nowMs, { from: firstYear, to: lastYear, category: null });
    assert.equal(expected.count, published.length);
    assertFigures(figures, expected);
    assertStats(await stats(page), expected);
  });

  it('fills the duration histogram up to each bin count on the canvas', async () => {
    const samples = await page.evaluate(() => {
      const canvas = document.querySelector<HTMLCanvasElement>('figure[data-chart="durations"] canvas')!;
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const chart = (window as any).kbCharts.getChart(canvas);
      const points = chart.data.datasets[0].data as { x: number; y: number }[];
      const ctx = canvas.getContext('2d')!;
      const ratio = chart.currentDevicePixelRatio;
      const pixel = (x: number, y: number) => [
        ...ctx.getImageData(Math.round(x * ratio), Math.round(y * ratio), 1, 1).data,
      ];
      const floor = chart.scales.y.getPixelForValue(0);
      return points.slice(0, -1).map((point, i) => {
        const left = chart.scales.x.getPixelForValue(point.x);
        const x = left + (chart.scales.x.getPixelForValue(points[i + 1].x) - left) * 0.3;
        const top = chart.scales.y.getPixelForValue(point.y);
        return { count: point.y, floor: pixel(x, floor - 3), below: pixel(x, top + 4), above: pixel(x, top - 4) };
      });
    });
    const same = (a: number[], b: number[]) => a.every((value, i) => Math.abs(value - b[i]) <= 12);
    const fill = samples.find((sample) => sample.count > 0)!.floor;
    samples.forEach((sample, i) => {
      if (sample.count > 0) {
        assert.ok(same(sample.below, fill), `bin ${i}: filled just below its count`);
        assert.ok(!same(sample.above, fill), `bin ${i}: not filled above its count`);
      } else {
        assert.ok(!same(sample.floor, fill), `bin ${i}: empty bin not filled`);
      }
    });
  });

  it('re-draws charts and tables for a year range and a root cause', async () => {
    const counts = new Map<string, number>();
    for (const pm of published) for (const c of pm.categories) counts.set(c, (counts.get(c) ?? 0) + 1);
    const category = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0];
    const slice = { from: firstYear + 1, to: lastYear, category };
    const before = await snapshot(page);
    await page.selectOption('form[data-insights-filter] select[name="from"]', String(slice.from));
    await page.selectOption('form[data-insights-filter] select[name="category"]', category);
    await page.waitForFunction(
      (count) => document.querySelector('[data-stat="count"] dd')?.getAttribute('data-value') === String(count),
      expectedFigures(published, nowMs, slice).count,
    );
    const after = await snapshot(page);
    assert.notEqual(after.durations.chart?.id, before.durations.chart?.id, 'the chart was re-created');
    const expected = expectedFigures(published, nowMs, slice);
    assert.ok(expected.count > 0 && expected.count < published.length, 'the slice is a real subset');
    assertFigures(after, expected);
    assertStats(await stats(page), expected);
    const url = new URL(page.url());
    assert.equal(url.searchParams.get('category'), category);
    assert.equal(url.searchParams.get('from'), String(slice.from));

    // The slice survives a reload (it is in the URL), and "Show all" goes back to everything.
    await page.reload();
    await page.waitForFunction(
      (count) => document.querySelector('[data-stat="count"] dd')?.getAttribute('data-value') === String(count),
      expected.count,
    );
    assertFigures(await snapshot(page), expected);
    await page.getByRole('button', { name: 'Show all' }).click();
    await page.waitForFunction(
      (count) => document.querySelector('[data-stat="count"] dd')?.getAttribute('data-value') === String(count),
      published.length,
    );
    assertFigures(
      await snapshot(page),
      expectedFigures(published, nowMs, { from: firstYear, to: lastYear, category: null }),
    );
  });

  it('re-draws every chart in the new colours when the theme changes', async () => {
    const before = await snapshot(page);
    await page.getByRole('button', { name: /Dark theme/ }).click();
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    const after = await snapshot(page);
    const colours = await page.evaluate(() => {
      const style = getComputedStyle(document.documentElement);
      return [style.getPropertyValue('--fg-muted').trim(), style.getPropertyValue('--fg').trim()];
    });
    for (const kind of Object.keys(before)) {
      assert.notEqual(after[kind].chart?.id, before[kind].chart?.id, `${kind}: destroyed and re-created`);
      assert.notEqual(after[kind].chart?.tickColor, before[kind].chart?.tickColor, `${kind}: new tick colour`);
      assert.ok(colours.includes(after[kind].chart!.tickColor), `${kind}: ticks in a dark-theme text colour`);
      assert.deepEqual(after[kind].chart?.datasets, before[kind].chart?.datasets, `${kind}: same numbers`);
    }
    const live = await page.evaluate(() => {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const charts = (window as any).kbCharts;
      return [...document.querySelectorAll('canvas')].filter((canvas) => charts.getChart(canvas)).length;
    });
    assert.equal(live, 8, 'one live chart per canvas, old ones destroyed');
  });

  it('ships at most 80 KB of gzipped JavaScript', async () => {
    const fresh = await browser.newPage();
    const recorder = recordScripts(fresh);
    await fresh.goto(`${server.url}insights/`);
    // chart.js loads when the figures are drawn; wait for a live chart, then for every body.
    await fresh.waitForFunction(() => {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const charts = (window as any).kbCharts;
      return charts && [...document.querySelectorAll('canvas')].some((canvas) => charts.getChart(canvas));
    });
    await fresh.waitForLoadState('networkidle');
    const scripts = await recorder.settled();
    await fresh.close();
    const total = scripts.reduce((sum, script) => sum + gzipSync(script.body).length, 0);
    console.log(`insights JavaScript: ${scripts.length} files, ${total} bytes gzipped`);
    assert.ok(
      scripts.some((script) => script.body.includes('getChart')),
      'chart.js is among the scripts',
    );
    assert.ok(total <= JS_BUDGET_GZIP, `${total} bytes gzipped`);
  });

  it('shows the tables without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const plain = await context.newPage();
    await plain.goto(`${server.url}insights/`);
    const figures = await plain.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('figure[data-chart]')].map((figure) => ({
        kind: figure.dataset.chart,
        rows: figure.querySelectorAll('table tbody tr[data-key]').length,
        chartHidden: figure.querySelector<HTMLElement>('.chart-box')!.hidden,
      })),
    );
    assert.equal(figures.length, 8);
    for (const figure of figures) {
      assert.ok(figure.rows > 0, `${figure.kind}: table rows rendered on the server`);
      assert.ok(figure.chartHidden, `${figure.kind}: the empty canvas stays hidden`);
    }
    assert.equal(await plain.locator('form[data-insights-filter]').isVisible(), false);
    await context.close();
  });

  it('is readable on a 390 px phone in the dark theme', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, colorScheme: 'dark' });
    await phone.goto(`${server.url}insights/`);
    await phone.waitForFunction(
      () => document.querySelectorAll('figure[data-chart] .chart-box:not([hidden])').length >= 8,
    );
    const overflow = await phone.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    assert.equal(overflow, 0, 'no sideways scrolling');
    const figures = await snapshot(phone);
    for (const [kind, figure] of Object.entries(figures)) {
      assertDrawn(figure, kind);
      assert.ok(figure.canvasWidth <= 390 && figure.canvasWidth > 300, `${kind}: ${figure.canvasWidth}px wide`);
    }
    assertFigures(figures, expectedFigures(published, nowMs, { from: firstYear, to: lastYear, category: null }));
    await phone.close();
  });

  it('does not load chart.js on pages without charts', async () => {
    const other = await browser.newPage();
    const recorder = recordScripts(other);
    for (const path of [
      '',
      'postmortems/',
      `postmortems/${published[0].id}/`,
      'follow-ups/',
      'categories/',
      'services/',
    ]) {
      await other.goto(`${server.url}${path}`);
      await other.waitForLoadState('networkidle');
    }
    const loaded = (await recorder.settled())
      .filter((script) => script.body.includes('getChart'))
      .map((script) => script.url);
    assert.deepEqual(loaded, []);
    await other.close();
  });

  it('shows the same figures for a category and a service on their first page', async () => {
    const mostNamed = (names: string[]) =>
      [...tally(names)].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0];
    const category = mostNamed(published.flatMap((pm) => pm.categories));
    const service = mostNamed(published.flatMap((pm) => pm.services));
    for (const [path, keep] of [
      [`categories/${category}/`, (pm: Pm) => pm.categories.includes(category)],
      [`services/${service}/`, (pm: Pm) => pm.services.includes(service)],
    ] as const) {
      const subset = published.filter(keep);
      const sub = await browser.newPage();
      await sub.goto(`${server.url}${path}`);
      await sub.locator('[data-insights-subset] > details > summary').click();
      await sub.waitForFunction(
        () => document.querySelectorAll('figure[data-chart] .chart-box:not([hidden])').length >= 5,
      );
      const figures = await snapshot(sub);
      const years = subset.map((pm) => new Date(pm.started).getUTCFullYear());
      const expected = expectedFigures(subset, nowMs, {
        from: Math.min(...years),
        to: Math.max(...years),
        category: null,
      });
      const shown = await stats(sub);
      assert.equal(shown.count, subset.length, path);
      assert.equal(shown['median-duration'], expected.percentiles[0], path);
      assertDrawn(figures.durations, `${path} durations`);
      assert.deepEqual(ys(figures.durations.chart.datasets[0].data).slice(0, 7), expected.bins, path);
      assert.deepEqual(column(figures.durations.tables.durations, 'count'), expected.bins, path);
      assert.deepEqual(column(figures.severities.tables.severities, 'count'), expected.severities, path);
      assert.deepEqual(figures.severities.chart?.datasets[0].data, expected.severities, path);
      assert.deepEqual(column(figures.months.tables.months, 'total'), expected.monthTotals, path);
      await sub.close();
    }
    // Figures sit on a facet's first page only; later pages (page/N) are just more of the list.
    const laterPages = readdirSync(join(DIST, 'categories'), { recursive: true, encoding: 'utf8' }).filter((file) =>
      /\/page\/\d+\/index\.html$/.test(file),
    );
    for (const file of laterPages) {
      assert.doesNotMatch(readFileSync(join(DIST, 'categories', file), 'utf8'), /data-insights-subset/, file);
    }
    assert.match(readFileSync(join(DIST, 'categories', category, 'index.html'), 'utf8'), /data-insights-subset/);
  });

  it('loads without script errors', () => {
    assert.deepEqual(errors, []);
  });
});

describe('follow-up tracker (production build)', () => {
  it('lists every outstanding item once, linked to its postmortem, with the overdue count', async () => {
    const html = readFileSync(join(DIST, 'follow-ups/index.html'), 'utf8');
    const published = readPostmortems().filter((pm) => pm.status === 'published');
    const nowMs = Date.parse(/datetime="([^"]+)"/.exec(html)![1]);
    const items = published.flatMap((pm) =>
      pm.actionItems.filter((item) => outstanding(item.status)).map((item) => ({ ...item, id: pm.id })),
    );
    const overdue = items.filter((item) => item.due && Date.parse(`${item.due}T23:59:59Z`) < nowMs);
    const server = await serveStatic(DIST);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.goto(`${server.url}follow-ups/`);
      const number = async (key: string) => Number(await page.locator(`[data-stat="${key}"] dd`).textContent());
      assert.equal(await number('outstanding'), items.length);
      assert.equal(await number('overdue'), overdue.length);
      assert.equal(await page.locator('ul.items > li').count(), items.length);
      assert.equal(await page.locator('ul.items > li[data-overdue]').count(), overdue.length);
      // Each owner's section holds exactly that owner's items.
      const owners = await page
        .locator('section[data-owner]')
        .evaluateAll((sections) =>
          sections.map((section) => [(section as HTMLElement).dataset.owner, section.querySelectorAll('li').length]),
        );
      const expectedOwners = new Map<string, number>();
      for (const item of items)
        expectedOwners.set(
          item.owner?.trim() || 'Unassigned',
          (expectedOwners.get(item.owner?.trim() || 'Unassigned') ?? 0) + 1,
        );
      assert.deepEqual(new Map(owners as [string, number][]), expectedOwners);
      const links = await page
        .locator('ul.items > li .from a')
        .evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href')));
      assert.deepEqual(
        links.map((href) => href!.replace(/^\/postmortems\/|\/$/g, '')).sort(),
        items.map((item) => item.id).sort(),
      );
    } finally {
      await browser.close();
      await server.close();
    }
  });
});
