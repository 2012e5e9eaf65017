/**
 * What the insights figures show in the browser: each figure's tables and chart read from the
 * page, and the assertions that a chart equals its table and a table equals the oracle.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { P_GRID, type ExpectedFigures } from './insights-oracle.ts';

export interface TableSnapshot {
  columns: string[];
  rows: { key: string; label: string; values: Record<string, number | null> }[];
}
export interface FigureSnapshot {
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

export async function snapshot(page: Page, root = 'main'): Promise<Record<string, FigureSnapshot>> {
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

export const column = (table: TableSnapshot, key: string) => table.rows.map((row) => row.values[key]);
export const close = (a: number | null | undefined, b: number | null | undefined) =>
  a === b || (a != null && b != null && Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b)));
export const assertClose = (actual: (number | null)[], expected: (number | null)[], message: string) =>
  assert.ok(
    actual.length === expected.length && actual.every((value, i) => close(value, expected[i])),
    `${message}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}`,
  );

export function assertDrawn(
  figure: FigureSnapshot | undefined,
  name: string,
): asserts figure is FigureSnapshot & { chart: NonNullable<FigureSnapshot['chart']> } {
  assert.ok(figure, `${name}: figure on the page`);
  assert.ok(figure.chart, `${name}: a chart is drawn on the canvas`);
  assert.ok(figure.inked > 500, `${name}: the canvas has ink (${figure.inked} pixels)`);
  assert.match(figure.name ?? '', /^\S+( \S+){5,}/, `${name}: the chart has an accessible name`);
}

/** Every chart equals its table, and every table equals the figures computed from the files. */
export function assertFigures(figures: Record<string, FigureSnapshot>, expected: ExpectedFigures) {
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

export async function stats(page: Page) {
  return page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll<HTMLElement>('main [data-stats] [data-stat]')].map((stat) => {
        const value = stat.querySelector('dd')!.dataset.value;
        return [stat.dataset.stat, value === '' ? null : Number(value)];
      }),
    ),
  );
}

export const ready = (page: Page, count: number) =>
  page.waitForFunction(
    (n) =>
      document.querySelector<HTMLElement>('[data-insights]')?.dataset.state === 'ready' &&
      document.querySelector('[data-stat="count"] dd')?.getAttribute('data-value') === String(n),
    count,
  );

/**
 * What each chart on the page fails to draw of its table, in words; empty when every chart
 * draws what its table counts. Closed `<details>` are opened first so their charts are drawn.
 * A chart reads the columns marked `data-series` of its tables; where those have rows, the
 * chart must exist and plot them: bars the same numbers row by row, curves one point per
 * known cell. A stacked chart's bars must also reach each row's total, so no postmortem it
 * counts is missing from the stack (as the uncategorised once were).
 */
export async function chartsMissingData(page: Page, root = 'main'): Promise<string[]> {
  await page.evaluate((rootSelector) => {
    for (const details of document.querySelector(rootSelector)!.querySelectorAll('details')) details.open = true;
  }, root);
  // Each figure marks what it did once drawn (or found nothing to draw): wait for all of them.
  await page.waitForFunction(
    (rootSelector) =>
      [...document.querySelector(rootSelector)!.querySelectorAll<HTMLElement>('figure[data-chart]')].every(
        (figure) => figure.dataset.drawn,
      ),
    root,
  );
  return page.evaluate((rootSelector) => {
    const problems: string[] = [];
    for (const figure of document.querySelector(rootSelector)!.querySelectorAll<HTMLElement>('figure[data-chart]')) {
      const name = figure.dataset.figure;
      const kind = figure.dataset.chart!;
      const tables = [...figure.querySelectorAll<HTMLTableElement>('table[data-table]')]
        .map((table) => {
          const series = [...table.tHead!.rows[0].cells].flatMap((cell) =>
            cell.hasAttribute('data-series') ? [cell.dataset.col!] : [],
          );
          const rows = [...table.tBodies[0].rows].filter((row) => row.dataset.key !== undefined);
          const value = (row: HTMLTableRowElement, key: string) => {
            const raw = row.querySelector<HTMLElement>(`td[data-col="${CSS.escape(key)}"]`)?.dataset.value;
            return raw === undefined || raw === '' ? null : Number(raw);
          };
          return { key: table.dataset.table!, series, rows, value };
        })
        .filter((table) => table.series.length > 0 && table.rows.length > 0);
      if (tables.length === 0) continue;
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const chart = (window as any).kbCharts.getChart(figure.querySelector('canvas'));
      if (!chart) {
        problems.push(`${name}: its table ${tables[0].key} has ${tables[0].rows.length} rows but nothing is drawn`);
        continue;
      }
      const datasets = chart.data.datasets as { label: string; data: unknown[] }[];
      const points = datasets.reduce((sum, dataset) => sum + dataset.data.length, 0);
      if (points === 0) problems.push(`${name}: the chart has no data`);
      const table = tables[0];
      if (['bars-h', 'bars-v', 'stacked', 'grouped-h', 'stacked-h'].includes(kind)) {
        table.rows.forEach((row, i) => {
          const counted = table.series.reduce((sum, key) => sum + (table.value(row, key) ?? 0), 0);
          const drawn = datasets.reduce((sum, dataset) => sum + (Number(dataset.data[i]) || 0), 0);
          if (drawn !== counted) problems.push(`${name} ${row.dataset.key}: table ${counted}, drawn ${drawn}`);
          const total = table.value(row, 'total');
          if (total !== null && drawn < total)
            problems.push(`${name} ${row.dataset.key}: ${total} counted, ${drawn} stacked`);
        });
      } else {
        // Curves: one dataset per series column, one point per known cell.
        table.series.forEach((key, j) => {
          const known = table.rows.filter((row) => table.value(row, key) !== null).length;
          if (datasets[j]?.data.length !== known)
            problems.push(`${name} ${key}: ${known} points in the table, ${datasets[j]?.data.length ?? 0} drawn`);
        });
      }
    }
    return problems;
  }, root);
}
