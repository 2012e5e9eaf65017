/**
 * The insights page in real Chromium against the production build: every chart is drawn with
 * the numbers of its table, and those numbers equal figures computed here from the postmortem
 * files (parsed with `yaml`, not with the site's code). Order statistics, counts, exclusions and
 * Kaplan–Meier curves are recomputed independently; bootstrap intervals and permutation tests
 * come from the unit-tested statistics library with the page's seeds.
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
import { quantileInterval } from '../../src/lib/statistics/bootstrap.ts';
import { seedFrom } from '../../src/lib/statistics/random.ts';

const DIST = join(PROJECT_ROOT, 'dist');
const CONTENT = join(PROJECT_ROOT, 'content/postmortems');
const DAY = 86_400_000;
const JS_BUDGET_GZIP = 100 * 1024;
const HTML_BUDGET = 500 * 1024;
const SEVERITIES = ['sev1', 'sev2', 'sev3', 'sev4'];
const P_GRID = Array.from({ length: 21 }, (_, i) => i / 20);
const AGES = [1, 2, 3, 5, 7, 10, 14, 21, 30, 45, 60, 90, 120, 180, 270, 365, 545, 730, 1095, 1825, 3650];

interface Item {
  term?: string;
  type?: string;
  status: string;
  due?: string;
  closed?: string;
  owner?: string;
}
interface Pm {
  id: string;
  status: string;
  severity: string;
  categories: string[];
  services: string[];
  year: number;
  duration?: number;
  detect?: number;
  mitigate?: number;
  from: number;
  actionItems: Item[];
}

const dayText = (value: unknown) => (value instanceof Date ? value.toISOString().slice(0, 10) : (value as string));

function readPostmortems(): Pm[] {
  return readdirSync(CONTENT)
    .filter((file) => /\.mdx?$/.test(file))
    .map((file) => {
      const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(join(CONTENT, file), 'utf8'));
      assert.ok(front, `${file} has frontmatter`);
      const data = parse(front[1]);
      const at = (value: unknown) => (value ? Date.parse(value as string) : undefined);
      const started = at(data.started)!;
      const since = (value: unknown) => (at(value) === undefined ? undefined : at(value)! - started);
      return {
        id: basename(file).replace(/\.mdx?$/, ''),
        status: data.status,
        severity: data.severity,
        categories: data.rootCause?.categories ?? [],
        services: data.services ?? [],
        year: new Date(started).getUTCFullYear(),
        duration: since(data.resolved),
        detect: since(data.detected),
        mitigate: since(data.mitigated),
        from: at(data.resolved) ?? started,
        actionItems: (data.actionItems ?? []).map((item: Record<string, unknown>) => ({
          term: item.term,
          type: item.type,
          status: (item.status as string) ?? 'open',
          due: dayText(item.due),
          closed: dayText(item.closed),
          owner: item.owner as string | undefined,
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

/** Kaplan–Meier share still open at each age, by hand: closures before censorings at a tie. */
function stillOpen(observations: { time: number; closed: boolean }[]): (number | null)[] {
  const sorted = [...observations].sort((a, b) => a.time - b.time || Number(b.closed) - Number(a.closed));
  const last = sorted.at(-1)?.time ?? -1;
  return AGES.map((age) => {
    if (age > last) return null;
    let survival = 1;
    let atRisk = sorted.length;
    for (let i = 0; i < sorted.length && sorted[i].time <= age;) {
      const time = sorted[i].time;
      let closed = 0;
      let all = 0;
      for (; i < sorted.length && sorted[i].time === time; i++, all++) if (sorted[i].closed) closed++;
      survival *= (atRisk - closed) / atRisk;
      atRisk -= all;
    }
    return survival;
  });
}

const FIELDS = { duration: 'duration', detect: 'detect', mitigate: 'mitigate' } as const;

function expectedFigures(all: Pm[], nowMs: number, slice: { from?: number; to?: number; category?: string }) {
  const pms = all.filter(
    (pm) =>
      (slice.from === undefined || pm.year >= slice.from) &&
      (slice.to === undefined || pm.year <= slice.to) &&
      (slice.category === undefined || pm.categories.includes(slice.category)),
  );
  const tally = (keys: string[]) => {
    const counts = new Map<string, number>();
    for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
    return counts;
  };
  const distribution = (measure: keyof typeof FIELDS, members = pms, key = 'all') => {
    const values = members.flatMap((pm) => (pm[measure] !== undefined && pm[measure]! >= 0 ? [pm[measure]!] : []));
    const interval = (q: number, name: string) => {
      const result = quantileInterval(values, q, {
        seed: seedFrom(`${measure}|${key}|${name}`),
        level: 0.9,
        resamples: 2000,
      });
      return [result?.estimate ?? null, result?.low ?? null, result?.high ?? null];
    };
    return {
      n: values.length,
      missing: members.length - values.length,
      median: interval(0.5, 'median'),
      p90: interval(0.9, 'p90'),
      quantiles: P_GRID.map((p) => percentile(values, p)),
    };
  };
  const items = pms.flatMap((pm) => pm.actionItems.map((item) => ({ ...item, from: pm.from })));
  const placed = items.filter((item) => item.status !== 'wont-do' && !(item.status === 'done' && !item.closed));
  const observe = (group: typeof placed) =>
    group.map((item) => ({
      time: Math.max(0, (item.status === 'done' ? Date.parse(`${item.closed}T00:00:00Z`) : nowMs) - item.from) / DAY,
      closed: item.status === 'done',
    }));
  const km = (dimension: 'term' | 'type', keys: string[]) =>
    new Map(
      [['all', placed] as const, ...keys.map((key) => [key, placed.filter((item) => item[dimension] === key)] as const)]
        .filter(([, group]) => group.length > 0)
        .map(([key, group]) => [
          key,
          {
            n: group.length,
            closed: group.filter((i) => i.status === 'done').length,
            curve: stillOpen(observe(group)),
          },
        ]),
    );
  const outstanding = items.filter((item) => item.status === 'open' || item.status === 'in-progress');
  return {
    count: pms.length,
    pms,
    categories: tally(pms.flatMap((pm) => pm.categories)),
    severities: SEVERITIES.map((severity) => pms.filter((pm) => pm.severity === severity).length),
    distribution,
    kmTerm: km('term', ['short', 'mid', 'long']),
    kmType: km('type', ['prevent', 'mitigate', 'detect', 'process']),
    outstanding: outstanding.length,
    pastDue: outstanding.filter((item) => item.due && Date.parse(`${item.due}T23:59:59Z`) < nowMs).length,
    yearTotals: tally(pms.map((pm) => String(pm.year))),
  };
}

// ---------------------------------------------------------------------------------------------

interface TableSnapshot {
  columns: string[];
  rows: { key: string; label: string; values: Record<string, number | null> }[];
}
interface FigureSnapshot {
  kind: string;
  tables: Record<string, TableSnapshot>;
  chart: {
    id: number;
    labels: string[] | undefined;
    datasets: { label: string; data: unknown[] }[];
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
      if (chart && canvas.width && canvas.height) {
        const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
        for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) inked++;
      }
      out[figure.dataset.figure!] = {
        kind: figure.dataset.chart,
        tables,
        chart: chart && {
          id: chart.id,
          labels: chart.data.labels,
          datasets: chart.data.datasets.map((d: { label: string; data: unknown[] }) => ({
            label: d.label,
            data: d.data,
          })),
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
const close = (a: number | null | undefined, b: number | null | undefined) =>
  a === b || (a != null && b != null && Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b)));
const assertClose = (actual: (number | null)[], expected: (number | null)[], message: string) =>
  assert.ok(
    actual.length === expected.length && actual.every((value, i) => close(value, expected[i])),
    `${message}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}`,
  );

function assertDrawn(
  figure: FigureSnapshot | undefined,
  name: string,
): asserts figure is FigureSnapshot & { chart: NonNullable<FigureSnapshot['chart']> } {
  assert.ok(figure, `${name}: figure on the page`);
  assert.ok(figure.chart, `${name}: a chart is drawn on the canvas`);
  assert.ok(figure.inked > 500, `${name}: the canvas has ink (${figure.inked} pixels)`);
  assert.match(figure.name ?? '', /^\S+( \S+){5,}/, `${name}: the chart has an accessible name`);
}

/** Every chart equals its table, and every table equals the figures computed from the files. */
function assertFigures(figures: Record<string, FigureSnapshot>, expected: ReturnType<typeof expectedFigures>) {
  for (const measure of ['duration', 'detect', 'mitigate'] as const) {
    const figure = figures[measure];
    const want = expected.distribution(measure);
    const summary = figure.tables[`summary-${measure}`];
    const row = summary.rows[0].values;
    assert.deepEqual([row.n, row.missing], [want.n, want.missing], `${measure}: N and unknown`);
    assertClose(
      [row.median, row['median-low'], row['median-high']],
      want.median,
      `${measure}: median and its interval`,
    );
    assertClose([row.p90, row['p90-low'], row['p90-high']], want.p90, `${measure}: p90 and its interval`);
    const curve = figure.tables[`curve-${measure}`];
    if (want.n >= 5) {
      assertDrawn(figure, measure);
      assertClose(column(curve, 'all'), want.quantiles, `${measure}: the curve's percentiles`);
      const drawn = figure.chart.datasets[0].data as { x: number; y: number }[];
      assert.deepEqual(
        drawn.map((p) => p.y),
        P_GRID,
        `${measure}: the curve is drawn at every 5th percentile`,
      );
      drawn.forEach((point, i) =>
        assert.ok(
          close(point.x, want.quantiles[i]) || (want.quantiles[i]! < point.x && point.x <= 60_000),
          `${measure}: point ${i} at its percentile`,
        ),
      );
      assert.match(figure.chart.datasets[0].label, new RegExp(`N = ${want.n}\\)`), `${measure}: N on the figure`);
    }
  }
  const categories = figures.categories;
  assertDrawn(categories, 'categories');
  assert.deepEqual(categories.chart.datasets[0].data, column(categories.tables.categories, 'count'));
  assert.deepEqual(
    new Map(categories.tables.categories.rows.map((row) => [row.key, row.values.count])),
    expected.categories,
  );

  const severities = figures.severities;
  assertDrawn(severities, 'severities');
  assert.deepEqual(column(severities.tables.severities, 'count'), expected.severities);
  assert.deepEqual(severities.chart.datasets[0].data, expected.severities);

  const overTime = figures['over-time'].tables['over-time'];
  const totals = new Map(
    overTime.rows.filter((row) => row.values.total).map((row) => [row.key.split('-')[0], row.values.total]),
  );
  assert.deepEqual(totals, new Map([...expected.yearTotals].map(([year, n]) => [year, n])), 'postmortems per year');

  for (const [name, want] of [
    ['km-term', expected.kmTerm],
    ['km-type', expected.kmType],
  ] as const) {
    const figure = figures[name];
    const summary = figure.tables[`km-summary-${name.slice(3)}`];
    const curve = figure.tables[name];
    for (const [key, group] of want) {
      const row = summary.rows.find((r) => r.key === key)!;
      assert.deepEqual(
        [row.values.n, row.values.closed, row.values.open],
        [group.n, group.closed, group.n - group.closed],
        `${name} ${key}: counts`,
      );
      assertClose(column(curve, key), group.curve, `${name} ${key}: share still open by age`);
    }
    if (want.size > 0) {
      assertDrawn(figure, name);
      const drawn = (figure.chart.datasets[0].data as { y: number }[]).map((p) => p.y);
      assertClose(
        drawn,
        want.get('all')!.curve.filter((v) => v !== null),
        `${name}: the drawn curve is the table's`,
      );
    }
  }
}

async function stats(page: Page) {
  return page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll<HTMLElement>('main [data-stats] [data-stat]')].map((stat) => {
        const value = stat.querySelector('dd')!.dataset.value;
        return [stat.dataset.stat, value === '' ? null : Number(value)];
      }),
    ),
  );
}

const ready = (page: Page, count: number) =>
  page.waitForFunction(
    (n) =>
      document.querySelector<HTMLElement>('[data-insights]')?.dataset.state === 'ready' &&
      document.querySelector('[data-stat="count"] dd')?.getAttribute('data-value') === String(n),
    count,
  );

describe('insights page (Chromium, production build)', () => {
  let server: StaticServer;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  const published = readPostmortems().filter((pm) => pm.status === 'published');
  const years = published.map((pm) => pm.year);
  let nowMs: number;

  before(async () => {
    assert.ok(existsSync(join(DIST, 'insights/index.html')), 'run `npm run build` first (npm test does)');
    assert.ok(published.length >= 5, 'the content has postmortems to chart');
    server = await serveStatic(DIST);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${server.url}insights/`);
    await page.waitForFunction(
      () => document.querySelectorAll('figure[data-chart] .chart-box:not([hidden])').length >= 9,
    );
    nowMs = Number(await page.locator('[data-insights]').getAttribute('data-now'));
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it(`stays under ${HTML_BUDGET / 1024} KB of HTML`, () => {
    const size = readFileSync(join(DIST, 'insights/index.html')).length;
    console.log(`insights HTML: ${size} bytes`);
    assert.ok(size <= HTML_BUDGET, `${size} bytes`);
  });

  it('draws every chart with the numbers of its table, equal to figures computed from the files', async () => {
    const figures = await snapshot(page);
    assert.deepEqual(Object.keys(figures).sort(), [
      'categories',
      'detect',
      'duration',
      'km-term',
      'km-type',
      'mitigate',
      'over-time',
      'services',
      'severities',
    ]);
    const expected = expectedFigures(published, nowMs, {});
    assertFigures(figures, expected);
    const shown = await stats(page);
    assert.equal(shown.count, published.length);
    assert.ok(close(shown['median-duration'], expected.distribution('duration').median[0]));
    assert.equal(shown['open-actions'], expected.outstanding);
    assert.equal(shown['overdue-actions'], expected.pastDue);
  });

  it('re-draws charts and tables for a year range and a root cause, and keeps them in the URL', async () => {
    const counts = new Map<string, number>();
    for (const pm of published) for (const c of pm.categories) counts.set(c, (counts.get(c) ?? 0) + 1);
    const category = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0];
    const slice = { from: Math.min(...years) + 1, to: Math.max(...years), category };
    const expected = expectedFigures(published, nowMs, slice);
    assert.ok(expected.count > 0 && expected.count < published.length, 'the slice is a real subset');
    const before = await snapshot(page);
    await page.selectOption('form[data-insights-filter] select[name="from"]', String(slice.from));
    await page.selectOption('form[data-insights-filter] select[name="category"]', category);
    await ready(page, expected.count);
    const after = await snapshot(page);
    assert.notEqual(after.duration.chart?.id, before.duration.chart?.id, 'the chart was re-created');
    assertFigures(after, expected);
    const url = new URL(page.url());
    assert.equal(url.searchParams.get('category'), category);
    assert.equal(url.searchParams.get('from'), String(slice.from));

    await page.reload();
    await ready(page, expected.count);
    assertFigures(await snapshot(page), expected);
    await page.getByRole('button', { name: 'Show all' }).click();
    await ready(page, published.length);
    assertFigures(await snapshot(page), expectedFigures(published, nowMs, {}));
  });

  it('breaks a distribution down by severity on demand, with N and intervals per severity', async () => {
    await page.selectOption('select[data-breakdown="duration"]', 'severity');
    await page.waitForFunction(
      () => document.querySelectorAll('table[data-table="summary-duration"] tbody tr[data-key]').length > 1,
    );
    const figures = await snapshot(page);
    const expected = expectedFigures(published, nowMs, {});
    const summary = figures.duration.tables['summary-duration'];
    const present = SEVERITIES.filter((severity) => expected.pms.some((pm) => pm.severity === severity));
    assert.deepEqual(
      summary.rows.map((row) => row.key),
      present,
    );
    for (const row of summary.rows) {
      const members = expected.pms.filter((pm) => pm.severity === row.key);
      const want = expected.distribution('duration', members, row.key);
      assert.deepEqual([row.values.n, row.values.missing], [want.n, want.missing], `${row.key}: N`);
      assertClose(
        [row.values.median, row.values['median-low'], row.values['median-high']],
        want.median,
        `${row.key}: median`,
      );
    }
    const drawn = figures.duration.tables['curve-duration'].columns;
    assert.equal(figures.duration.chart?.datasets.length, drawn.length, 'one curve per severity with enough incidents');
    assert.equal(new URL(page.url()).searchParams.get('by-duration'), 'severity');
    await page.selectOption('select[data-breakdown="duration"]', 'none');
    await page.waitForFunction(
      () => document.querySelectorAll('table[data-table="summary-duration"] tbody tr[data-key]').length === 1,
    );
  });

  it('compares two periods and says when no change is detectable', async () => {
    const table = await page.locator('table[data-table="comparison"]').evaluate((t: HTMLTableElement) =>
      [...t.tBodies[0].rows].map((row) => ({
        key: row.dataset.key,
        values: Object.fromEntries(
          [...row.querySelectorAll('td')].map((td) => [
            td.dataset.col,
            td.dataset.value === '' ? null : Number(td.dataset.value),
          ]),
        ),
        verdict: row.querySelector('td[data-col="verdict"]')!.textContent!,
      })),
    );
    const [aFrom, aTo] = await page
      .locator('form[data-comparison-form] select')
      .evaluateAll((selects) => selects.map((s) => Number((s as HTMLSelectElement).value)));
    const duration = table.find((row) => row.key === 'duration')!;
    const inRange = published
      .filter((pm) => pm.year >= aFrom && pm.year <= aTo && pm.duration !== undefined)
      .map((pm) => Math.max(pm.duration!, 1000));
    assert.equal(duration.values['n-a'], inRange.length);
    if (inRange.length) assert.ok(close(duration.values['median-a'], percentile(inRange, 0.5)));
    assert.match(duration.verdict, /No detectable change at this sample size|Too few|detected/);
  });

  it('re-draws every chart in the new colours when the theme changes', async () => {
    const before = await snapshot(page);
    await page.getByRole('button', { name: /Dark theme/ }).click();
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    const after = await snapshot(page);
    for (const name of Object.keys(before)) {
      assert.notEqual(after[name].chart?.id, before[name].chart?.id, `${name}: destroyed and re-created`);
      assert.notEqual(after[name].chart?.tickColor, before[name].chart?.tickColor, `${name}: new tick colour`);
      assert.deepEqual(after[name].chart?.datasets, before[name].chart?.datasets, `${name}: same numbers`);
    }
  });

  it(`ships at most ${JS_BUDGET_GZIP / 1024} KB of gzipped JavaScript, with the records fetched only to re-slice`, async () => {
    const fresh = await browser.newPage();
    const recorder = recordScripts(fresh);
    const fetched: string[] = [];
    fresh.on('request', (request) => fetched.push(request.url()));
    await fresh.goto(`${server.url}insights/`);
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
    assert.ok(total <= JS_BUDGET_GZIP, `${total} bytes gzipped`);
    assert.ok(!fetched.some((url) => url.endsWith('records.json')), 'no records fetched before a reader filters');
  });

  it('shows the tables without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const plain = await context.newPage();
    await plain.goto(`${server.url}insights/`);
    const figures = await plain.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('figure[data-chart]')].map((figure) => ({
        name: figure.dataset.figure,
        rows: figure.querySelectorAll('table tbody tr[data-key]').length,
        chartHidden: figure.querySelector<HTMLElement>('.chart-box')!.hidden,
      })),
    );
    assert.equal(figures.length, 9);
    for (const figure of figures) {
      assert.ok(figure.rows > 0, `${figure.name}: table rows rendered on the server`);
      assert.ok(figure.chartHidden, `${figure.name}: the empty canvas stays hidden`);
    }
    await context.close();
  });

  it('is readable on a 390 px phone in the dark theme', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, colorScheme: 'dark' });
    await phone.goto(`${server.url}insights/`);
    await phone.waitForFunction(
      () => document.querySelectorAll('figure[data-chart] .chart-box:not([hidden])').length >= 9,
    );
    const overflow = await phone.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    assert.equal(overflow, 0, 'no sideways scrolling');
    const figures = await snapshot(phone);
    for (const [name, figure] of Object.entries(figures)) {
      assertDrawn(figure, name);
      assert.ok(figure.canvasWidth <= 390 && figure.canvasWidth > 300, `${name}: ${figure.canvasWidth}px wide`);
    }
    assertFigures(figures, expectedFigures(published, nowMs, {}));
    await phone.close();
  });

  it('does not load chart.js on pages without charts', async () => {
    const other = await browser.newPage();
    const recorder = recordScripts(other);
    for (const path of ['', 'postmortems/', `postmortems/${published[0].id}/`, 'follow-ups/']) {
      await other.goto(`${server.url}${path}`);
      await other.waitForLoadState('networkidle');
    }
    const loaded = (await recorder.settled())
      .filter((script) => script.body.includes('getChart'))
      .map((script) => script.url);
    assert.deepEqual(loaded, []);
    await other.close();
  });

  it('shows the same figures for a category on its first page', async () => {
    const counts = new Map<string, number>();
    for (const pm of published) for (const c of pm.categories) counts.set(c, (counts.get(c) ?? 0) + 1);
    const category = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0];
    const sub = await browser.newPage();
    await sub.goto(`${server.url}categories/${category}/`);
    await sub.locator('[data-insights-subset] > details > summary').click();
    await sub.waitForFunction(
      () => document.querySelectorAll('figure[data-chart] .chart-box:not([hidden])').length >= 3,
    );
    const figures = await snapshot(sub);
    const expected = expectedFigures(published, nowMs, { category });
    const row = figures.duration.tables['summary-duration'].rows[0].values;
    assert.equal(row.n, expected.distribution('duration').n);
    assert.ok(close(row.median, expected.distribution('duration').median[0]));
    assert.deepEqual(column(figures.severities.tables.severities, 'count'), expected.severities);
    await sub.close();
  });

  it('loads without script errors', () => {
    assert.deepEqual(errors, []);
  });
});

const outstanding = (status: string) => status === 'open' || status === 'in-progress';

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
