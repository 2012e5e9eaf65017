/**
 * The site's lists and figures on a phone and on a desktop, in Chromium against the production
 * build: at 390 px a list's filters are one folded line above its results, the insights page
 * stays under 9,000 px with every table still there one tap away, and at 1280 px the filters and
 * tables are open and no table is cut at a box's edge.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { settle } from '../helpers/reader-pages.ts';
import { servedBuild } from '../helpers/served-build.ts';
import { cutTables } from '../helpers/layout.ts';

/** Pages with a list of postmortems and filters beside it. */
const LISTS = [
  { name: 'list', path: 'postmortems/' },
  { name: 'facet', path: 'categories/database/' },
];
/** The pages whose tables must not be cut at 1280 px (incident pages and follow-ups are checked by their own suite). */
const TABLE_PAGES = [
  { name: 'home', path: '' },
  ...LISTS,
  { name: 'facet index', path: 'categories/' },
  { name: 'service', path: 'services/auth-service/' },
  { name: 'search', path: 'search/?q=database' },
  { name: 'insights', path: 'insights/' },
];
const INSIGHTS_MAX_HEIGHT = 9000;

const filtersAndFirstResult = (page: Page) =>
  page.evaluate(() => {
    const filters = document.querySelector('aside.facets');
    const folded = document.querySelector<HTMLDetailsElement>('aside.facets > details');
    const result = document.querySelector('.incident-list > li');
    return {
      filtersTop: filters?.getBoundingClientRect().top ?? NaN,
      filtersHeight: filters?.getBoundingClientRect().height ?? NaN,
      resultTop: result?.getBoundingClientRect().top ?? NaN,
      open: folded?.open ?? null,
      summary: folded?.querySelector('summary')?.textContent?.replace(/\s+/g, ' ').trim() ?? null,
      values: folded?.querySelectorAll('li a').length ?? 0,
      current: [...document.querySelectorAll('aside.facets a[aria-current="page"]')].map((a) => a.textContent?.trim()),
    };
  });

describe('lists and figures on a phone and a desktop (Chromium, production build)', () => {
  const site = servedBuild('insights/index.html');

  for (const { name, path } of LISTS) {
    test(`${name}: at 390 px the filters are one folded line above the first result, and open with a tap`, async () => {
      const context = await site.browser.newContext({ viewport: { width: 390, height: 844 } });
      const page = await context.newPage();
      await page.goto(site.server.url + path);
      const layout = await filtersAndFirstResult(page);
      assert.ok(
        layout.filtersTop < layout.resultTop,
        `filters at ${layout.filtersTop} px, first result at ${layout.resultTop} px`,
      );
      assert.equal(layout.open, false, 'folded on a phone');
      assert.ok(layout.filtersHeight < 80, `one line: ${layout.filtersHeight} px`);
      assert.match(layout.summary!, /^Filter by root cause, severity, service, year\b/);
      // A facet's page shows its figures first; the list of all postmortems starts with its results.
      if (name === 'list')
        assert.ok(layout.resultTop < 844, `the first result is on the first screen (${layout.resultTop} px)`);
      await page.locator('aside.facets > details > summary').click();
      assert.equal((await filtersAndFirstResult(page)).open, true);
      assert.ok(await page.locator('aside.facets a').first().isVisible());
      await context.close();
    });

    test(`${name}: at 1280 px the filters are open beside the results, first in reading order`, async () => {
      const context = await site.browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await page.goto(site.server.url + path);
      const layout = await filtersAndFirstResult(page);
      assert.equal(layout.open, true);
      assert.ok(layout.values > 10, `${layout.values} filter links`);
      assert.ok(Math.abs(layout.filtersTop - layout.resultTop) < 80, 'side by side');
      const before = await page.evaluate(() => {
        const [filters, results] = [document.querySelector('aside.facets'), document.querySelector('.incident-list')];
        return Boolean(
          filters && results && filters.compareDocumentPosition(results) & Node.DOCUMENT_POSITION_FOLLOWING,
        );
      });
      assert.ok(before, 'the filters come before the results in the page, for a keyboard and a screen reader');
      if (name === 'facet')
        assert.deepEqual(layout.current, ['Database'], 'the listed value is marked as the current page');
      await context.close();
    });
  }

  test(`/insights/ at 390 px is at most ${INSIGHTS_MAX_HEIGHT} px tall, with every table one tap away`, async (t) => {
    const context = await site.browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${site.server.url}insights/`);
    await settle(page, 'insights/');
    await page.waitForFunction(
      () => document.querySelectorAll('figure[data-chart] .chart-box:not([hidden])').length >= 9,
    );
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    t.diagnostic(`insights at 390 px: ${height} px`);
    assert.ok(height <= INSIGHTS_MAX_HEIGHT, `${height} px`);

    const tables = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLTableElement>('main table[data-table]')].map((table) => {
        const details = table.closest('details');
        const region = table.closest('[role="region"]');
        return {
          key: table.dataset.table!,
          rows: table.tBodies[0]?.rows.length ?? 0,
          folded: details ? !details.open : false,
          summary: details?.querySelector('summary')?.textContent?.trim() ?? '',
          label: region?.getAttribute('aria-label') ?? '',
        };
      }),
    );
    assert.ok(tables.length >= 15, `${tables.length} tables`);
    for (const table of tables) {
      assert.ok(table.rows > 0, `${table.key}: its rows are in the page`);
      if (table.key === 'recurrences') continue;
      assert.ok(table.folded, `${table.key}: folded on a phone`);
      assert.match(table.summary, /^Table: /, `${table.key}: its fold is named as a table`);
      assert.match(table.label, /^Table: /, `${table.key}: a named region`);
    }
    // Each chart still says where its numbers are, and they are right below it, one tap away.
    const charts = await page.evaluate(() =>
      [...document.querySelectorAll('figure[data-chart]')].map((figure) => ({
        label: figure.querySelector('canvas')?.getAttribute('aria-label') ?? '',
        tableAfterCanvas: Boolean(
          figure.querySelector('canvas')!.compareDocumentPosition(figure.querySelector('table')!) &
          Node.DOCUMENT_POSITION_FOLLOWING,
        ),
      })),
    );
    for (const chart of charts) {
      assert.match(chart.label, /The numbers are in the table below\.$/);
      assert.ok(chart.tableAfterCanvas);
    }
    const summary = page.locator('figure[data-figure="categories"] details > summary');
    await summary.click();
    assert.ok(await page.locator('figure[data-figure="categories"] table').isVisible());
    // A table of one number per row fits the phone as a table, rather than a card per row.
    const fits = await page.locator('figure[data-figure="categories"] .table-scroll').evaluate((box) => ({
      scroll: box.scrollWidth,
      client: box.clientWidth,
      display: getComputedStyle(box.querySelector('tr')!).display,
    }));
    assert.equal(fits.display, 'table-row');
    assert.ok(fits.scroll <= fits.client, `${fits.scroll} > ${fits.client}`);
    await context.close();
  });

  test('/insights/ at 1280 px shows the tables open, with no fold line above them', async () => {
    const context = await site.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${site.server.url}insights/`);
    await settle(page, 'insights/');
    const folds = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLDetailsElement>('details.fold-on-phone')].map((details) => ({
        open: details.open,
        summaryShown: details.querySelector('summary')!.getBoundingClientRect().height > 0,
      })),
    );
    assert.ok(folds.length >= 9, `${folds.length} tables folded on a phone`);
    assert.ok(folds.every((fold) => fold.open && !fold.summaryShown));
    await context.close();
  });

  for (const width of [1280, 390]) {
    test(`no table is cut at ${width} px: each fits, or scrolls in a named region the keyboard reaches`, async () => {
      const context = await site.browser.newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      const problems: string[] = [];
      for (const { name, path } of TABLE_PAGES) {
        await page.goto(site.server.url + path);
        await settle(page, path);
        for (const problem of await cutTables(page)) problems.push(`${name}: ${problem}`);
      }
      assert.deepEqual(problems, []);
      await context.close();
    });
  }
});
