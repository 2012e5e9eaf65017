/**
 * The insights page in real Chromium against the production build: every chart is drawn with
 * the numbers of its table, and those numbers equal figures computed here from the postmortem
 * files (parsed with `yaml`, not with the site's code). Order statistics, counts, exclusions and
 * Kaplan–Meier curves are recomputed independently; bootstrap intervals and permutation tests
 * come from the unit-tested statistics library with the page's seeds.
 */
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { recordScripts } from '../helpers/browser.ts';
import { DIST, servedBuild } from '../helpers/served-build.ts';
import { expectedFigures, percentile, readPostmortems, SEVERITIES } from '../helpers/insights-oracle.ts';
import { readFactorPostmortems } from '../helpers/factor-oracle.ts';
import {
  assertClose,
  assertDrawn,
  chartsMissingData,
  assertFigures,
  close,
  column,
  ready,
  snapshot,
  stats,
} from '../helpers/figure-snapshot.ts';

const JS_BUDGET_GZIP = 100 * 1024;
const HTML_BUDGET = 500 * 1024;

describe('insights page (Chromium, production build)', () => {
  const site = servedBuild('insights/index.html');
  let page: Page;
  const errors: string[] = [];
  // Near misses are counted apart: the figures are those of incidents that reached users.
  const published = readPostmortems().filter((pm) => pm.status === 'published' && pm.kind !== 'near-miss');
  const years = published.map((pm) => pm.year);
  let nowMs: number;

  before(async () => {
    assert.ok(published.length >= 5, 'the content has postmortems to chart');
    page = await site.browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${site.server.url}insights/`);
    await page.waitForFunction(
      () => document.querySelectorAll('figure[data-chart] .chart-box:not([hidden])').length >= 9,
    );
    nowMs = Number(await page.locator('[data-insights]').getAttribute('data-now'));
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

  it('counts contributing factors, pairs beside chance and coordination on their page, and severity with duration here, as the files say', async () => {
    const pms = readFactorPostmortems().filter((pm) => pm.status === 'published');
    const incidents = pms.filter((pm) => pm.kind === 'incident');
    const nearMisses = pms.filter((pm) => pm.kind === 'near-miss');
    assert.ok(nearMisses.length >= 1, 'the content has a near miss to count apart');
    const factorsPage = await site.browser.newPage({ viewport: { width: 1280, height: 900 } });
    factorsPage.on('pageerror', (error) => errors.push(error.message));
    await factorsPage.goto(`${site.server.url}insights/factors/`);
    assert.deepEqual(await chartsMissingData(factorsPage), []);
    const figures = await snapshot(factorsPage);
    assert.deepEqual(Object.keys(figures).sort(), ['coordination', 'factor-pairs', 'factors', 'factors-by-service']);
    const rowsOf = (figure: string, table = figure) =>
      new Map(figures[figure].tables[table].rows.map((row) => [row.key, row.values]));

    const frequency = rowsOf('factors');
    const slugs = [...new Set(pms.flatMap((pm) => pm.factors))];
    assert.ok(slugs.length >= 5, `the content names several factors (${slugs.join(', ')})`);
    for (const slug of slugs) {
      assert.equal(frequency.get(slug)?.incidents, incidents.filter((pm) => pm.factors.includes(slug)).length, slug);
      assert.equal(
        frequency.get(slug)?.['near-misses'],
        nearMisses.filter((pm) => pm.factors.includes(slug)).length,
        slug,
      );
    }
    assert.equal(frequency.get('(none)')?.incidents ?? 0, incidents.filter((pm) => pm.factors.length === 0).length);

    const withFactors = incidents.filter((pm) => pm.factors.length > 0);
    const n = withFactors.length;
    const pairs = rowsOf('factor-pairs');
    assert.ok(pairs.size > 0, 'some incident names two factors');
    for (const [key, values] of pairs) {
      const [a, b] = key.split('+');
      const has = (slug: string) => withFactors.filter((pm) => pm.factors.includes(slug)).length;
      const both = withFactors.filter((pm) => pm.factors.includes(a) && pm.factors.includes(b)).length;
      assert.equal(values.together, both, key);
      assert.ok(Math.abs(values.expected! - (has(a) * has(b)) / n) < 0.006, `${key}: expected ${values.expected}`);
      assert.ok(values.p! > 0 && values.p! <= 1, `${key}: p ${values.p}`);
    }

    const coordination = rowsOf('coordination');
    const bins: [string, number, number][] = [
      ['bin-0', 0, 0],
      ['bin-1', 1, 1],
      ['bin-2', 2, 2],
      ['bin-3-4', 3, 4],
      ['bin-5-9', 5, 9],
      ['bin-10+', 10, Infinity],
    ];
    for (const measure of ['responders', 'teamsInvolved', 'handoffs', 'escalations'] as const) {
      const known = incidents.flatMap((pm) =>
        pm.coordination[measure] === undefined ? [] : [pm.coordination[measure]!],
      );
      const row = coordination.get(measure)!;
      for (const [key, from, to] of bins)
        assert.equal(row[key], known.filter((v) => v >= from && v <= to).length, `${measure} ${key}`);
      assert.equal(row.known, known.length, measure);
      assert.equal(row.unknown, incidents.length - known.length, measure);
    }
    assert.ok(coordination.get('escalations')!.known! > 0, 'escalations are counted from the seeds');

    const severity = await factorsPage.evaluate(() =>
      Object.fromEntries(
        [
          ...document.querySelectorAll<HTMLTableRowElement>('table[data-table="severity-duration"] tbody tr[data-key]'),
        ].map((row) => [row.dataset.key, Number(row.querySelector<HTMLElement>('td[data-col="n"]')!.dataset.value)]),
      ),
    );
    for (const sev of SEVERITIES)
      assert.equal(
        severity[sev],
        incidents.filter((pm) => pm.severity === sev && pm.durationMs !== undefined).length,
        sev,
      );
    const statement = await factorsPage.locator('[data-severity-duration]').innerText();
    assert.match(statement, /severity/);
    assert.match(statement, /N = \d+|too few/);
    for (const name of ['factors', 'factor-pairs', 'factors-by-service', 'coordination'])
      assertDrawn(figures[name], name);
  });

  it('lists incidents and near misses on /kinds/ as the files say, with no "No kind" row (kind defaults to incident)', async () => {
    const pms = readFactorPostmortems().filter((pm) => pm.status === 'published');
    const page = await site.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${site.server.url}kinds/`);
    const rows = await page.evaluate(() =>
      [...document.querySelectorAll('tbody tr')].map((row) => [
        row.querySelector('th')!.textContent!.trim(),
        Number(row.lastElementChild!.textContent),
      ]),
    );
    assert.deepEqual(rows, [
      ['Incident', pms.filter((pm) => pm.kind === 'incident').length],
      ['Near miss', pms.filter((pm) => pm.kind === 'near-miss').length],
    ]);
    assert.equal(await page.locator('tfoot').count(), 0);
    await page.close();
  });

  it('draws in every chart what its table counts, row by row', async () => {
    assert.deepEqual(await chartsMissingData(page), []);
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
    // Grouping durations by severity says beside it what the data show about the two.
    const note = page.locator('[data-severity-note="duration"]');
    assert.ok(await note.isVisible(), 'the severity note shows with the breakdown');
    assert.match(
      await note.innerText(),
      /^By severity: (Spearman's ρ = -?\d\.\d\d .* N = \d+|Only \d+ incidents?|.*too few)/,
    );
    assert.ok(!(await page.locator('[data-severity-note="detect"]').isVisible()), 'and only there');
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
    const fresh = await site.browser.newPage();
    const recorder = recordScripts(fresh);
    const fetched: string[] = [];
    fresh.on('request', (request) => fetched.push(request.url()));
    await fresh.goto(`${site.server.url}insights/`);
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
    const context = await site.browser.newContext({ javaScriptEnabled: false });
    const plain = await context.newPage();
    await plain.goto(`${site.server.url}insights/`);
    const figures = await plain.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('figure[data-chart]')].map((figure) => ({
        name: figure.dataset.figure,
        rows: figure.querySelectorAll('table tbody tr[data-key]').length,
        chartHidden: figure.querySelector<HTMLElement>('.chart-box')!.hidden,
      })),
    );
    assert.equal(figures.length, 9);
    for (const figure of figures) {
      assert.ok(figure.rows > 0, `${figure.name}: table rows rendered on the site.server`);
      assert.ok(figure.chartHidden, `${figure.name}: the empty canvas stays hidden`);
    }
    await context.close();
  });

  it('is readable on a 390 px phone in the dark theme', async () => {
    const phone = await site.browser.newPage({ viewport: { width: 390, height: 844 }, colorScheme: 'dark' });
    await phone.goto(`${site.server.url}insights/`);
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
    const other = await site.browser.newPage();
    const recorder = recordScripts(other);
    for (const path of ['', 'postmortems/', `postmortems/${published[0].id}/`, 'follow-ups/']) {
      await other.goto(`${site.server.url}${path}`);
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
    const sub = await site.browser.newPage();
    await sub.goto(`${site.server.url}categories/${category}/`);
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
