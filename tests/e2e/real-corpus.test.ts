/**
 * A site built from real public postmortems (the icco collection and the template corpus,
 * imported with --publish, plus the seeds) spanning 1628 to 2026, read in Chromium as a new
 * reader would: every page type at 1280 and 390 px in both themes has nothing past the
 * screen's edge and no text over other text; the search page's filters are in year order,
 * list only years with matches, name a filter from a link even when nothing matches, and sit
 * above the results on a phone. Set KB_SCREENSHOTS to a folder to keep a full-page screenshot
 * of each page.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser.ts';
import { astroBuild, PROJECT_ROOT } from '../helpers/astro.ts';
import { serveStatic, type StaticServer } from '../helpers/static-server.ts';
import { overlappingText, tooWide } from '../helpers/layout.ts';
import { chartsMissingData, ready } from '../helpers/figure-snapshot.ts';
import { parse } from 'yaml';
import { splitSource } from '../../src/lib/content/frontmatter.ts';

const CORPORA = ['tests/corpus/import/icco', 'tests/corpus/import/template'];
// Two levels below the project root, like content/postmortems, so the entries' component imports resolve.
const WORK = join(PROJECT_ROOT, 'tmp', `real-corpus-${process.pid}`);
const SOURCES = join(WORK, 'sources');
const CONTENT = join(WORK, 'content');
const DIST = join(WORK, 'dist');
const SHOTS = process.env.KB_SCREENSHOTS;

/** Waits for what a page draws after load, so the checks see the finished page. */
async function settle(page: Page, path: string) {
  if (path.startsWith('search/')) {
    await page.locator('kb-search-page[data-ready]').waitFor({ state: 'attached' });
    await page.waitForFunction(() => document.documentElement.dataset.searchState === 'settled');
  }
  if (path.startsWith('insights/')) {
    await page.waitForFunction(() => document.querySelector('[data-insights]')?.getAttribute('data-state') === 'ready');
    await page.locator('figure[data-chart] canvas').first().waitFor();
  }
}

/** The search page's year filter as the reader sees it: visible values and their counts. */
function yearFilter(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLLabelElement>('details[data-filter-name="year"] label')]
      .filter((label) => !label.hidden)
      .map((label) => ({
        year: label.querySelector('input')!.value,
        count: Number(label.querySelector('.count')!.textContent),
        checked: label.querySelector('input')!.checked,
      })),
  );
}

describe('a site of real postmortems from 1628 to 2026 (Chromium)', () => {
  let server: StaticServer;
  let browser: Browser;
  let pages: { name: string; path: string }[];

  before(
    async () => {
      mkdirSync(SOURCES, { recursive: true });
      for (const corpus of CORPORA)
        for (const name of readdirSync(join(PROJECT_ROOT, corpus)).filter(
          (f) => f.endsWith('.md') && f !== 'README.md',
        ))
          copyFileSync(join(PROJECT_ROOT, corpus, name), join(SOURCES, `${corpus.split('/').at(-1)}-${name}`));
      const imported = spawnSync(process.execPath, ['src/cli/import.ts', SOURCES, '--out', CONTENT, '--publish'], {
        cwd: PROJECT_ROOT,
        encoding: 'utf8',
        env: { ...process.env, CI: 'true', KB_EARLIEST_YEAR: '1' },
      });
      assert.equal(imported.status, 0, imported.stdout + imported.stderr);
      for (const name of readdirSync(join(PROJECT_ROOT, 'content/postmortems')))
        copyFileSync(join(PROJECT_ROOT, 'content/postmortems', name), join(CONTENT, name));
      const built = astroBuild({ outDir: DIST, contentDir: CONTENT, earliestYear: 1 });
      assert.equal(built.status, 0, built.output);

      const incidents = readdirSync(join(DIST, 'postmortems')).filter((name) => /^\d{4}-/.test(name));
      assert.ok(incidents.length >= 150, `${incidents.length} incident pages`);
      const oldest = incidents.find((name) => name.startsWith('1628-'));
      assert.ok(oldest, 'the oldest postmortem, from 1628, has a page');
      const service = readdirSync(join(DIST, 'services')).find((name) => !name.includes('.'));
      pages = [
        { name: 'home', path: '' },
        { name: 'list', path: 'postmortems/' },
        { name: 'categories', path: 'categories/' },
        { name: 'category', path: 'categories/software-bug/' },
        { name: 'service', path: `services/${service}/` },
        { name: 'year', path: 'years/1628/' },
        { name: 'postmortem', path: `postmortems/${oldest}/` },
        { name: 'search', path: 'search/' },
        { name: 'search with filters', path: 'search/?q=database&year=2021' },
        { name: 'search that matches nothing', path: 'search/?q=zzzzqx&year=1628' },
        { name: 'insights', path: 'insights/' },
        { name: 'follow-ups', path: 'follow-ups/' },
        { name: '404', path: 'postmortems/no-such-incident/' },
      ];
      server = await serveStatic(DIST);
      browser = await launchChromium();
    },
    { timeout: 600_000 },
  );
  after(async () => {
    await browser?.close();
    await server?.close();
    rmSync(WORK, { recursive: true, force: true });
  });

  for (const width of [1280, 390])
    for (const scheme of ['light', 'dark'] as const)
      test(`every page type at ${width} px (${scheme}): nothing past the edge, no text over text`, async () => {
        const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
        const page = await context.newPage();
        const problems: string[] = [];
        for (const { name, path } of pages) {
          await page.goto(server.url + path);
          await settle(page, path);
          for (const problem of await tooWide(page)) problems.push(`${name}: ${problem}`);
          for (const problem of await overlappingText(page)) problems.push(`${name}: ${problem}`);
          if (SHOTS) {
            mkdirSync(SHOTS, { recursive: true });
            const file = `${width}-${scheme}-${name.replaceAll(' ', '-')}.png`;
            await page.screenshot({ path: join(SHOTS, file), fullPage: true });
          }
        }
        await context.close();
        assert.deepEqual(problems, []);
      });

  test('every chart on the insights page and on facet pages draws what its table counts', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const service = pages.find((entry) => entry.name === 'service')!.path;
    for (const path of ['insights/', 'categories/software-bug/', service]) {
      await page.goto(server.url + path);
      await settle(page, path);
      assert.deepEqual(await chartsMissingData(page), [], path);
    }
    // The collection's entries name no category yet: its charts still draw every postmortem.
    await page.goto(`${server.url}insights/`);
    await settle(page, 'insights/');
    const stacks = await page.evaluate(() => {
      const canvas = document.querySelector('figure[data-figure="over-time"] canvas') as HTMLCanvasElement;
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const chart = (window as any).kbCharts.getChart(canvas);
      return chart.data.datasets.map((dataset: { label: string }) => dataset.label);
    });
    assert.ok(stacks.includes('Not categorised'), `over time stacks ${JSON.stringify(stacks)}`);
    // One severity per postmortem, or none: the severity bars add up to every postmortem.
    const severities = await page.evaluate(() => {
      const canvas = document.querySelector('figure[data-figure="severities"] canvas') as HTMLCanvasElement;
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const bars = (window as any).kbCharts.getChart(canvas).data.datasets[0].data as number[];
      const shown = document.querySelector('[data-stat="count"] dd')!.getAttribute('data-value');
      return { drawn: bars.reduce((a, b) => a + b, 0), postmortems: Number(shown) };
    });
    assert.equal(severities.drawn, severities.postmortems);
    // The uncategorised are a slice a reader can pick, kept in the URL like any root cause.
    const uncategorised = Number(
      await page
        .locator('table[data-table="categories"] tr[data-key="(none)"] td[data-col="count"]')
        .getAttribute('data-value'),
    );
    await page.selectOption('form[data-insights-filter] select[name="category"]', '(none)');
    await ready(page, uncategorised);
    assert.equal(new URL(page.url()).searchParams.get('category'), '(none)');
    assert.deepEqual(await chartsMissingData(page), [], 'insights/ without a category');
    await page.close();
  });

  test('postmortems without a category, severity or service are counted on home and on each facet index', async () => {
    const published = readdirSync(CONTENT)
      .map((name) => parse(splitSource(readFileSync(join(CONTENT, name), 'utf8')).yaml ?? '') ?? {})
      .filter((data) => data.status === 'published');
    const without = {
      categories: published.filter((data) => !data.rootCause?.categories?.length).length,
      severities: published.filter((data) => !data.severity).length,
      services: published.filter((data) => !data.services?.length).length,
    };
    assert.ok(without.categories > 0 && without.severities > 0, JSON.stringify(without));
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    for (const [segment, count] of Object.entries(without)) {
      await page.goto(`${server.url}${segment}/`);
      const rows = await page.evaluate(() =>
        [...document.querySelectorAll('tbody tr')].map((row) => Number(row.lastElementChild!.textContent)),
      );
      const none = await page.locator('tfoot tr[data-none]').evaluate((row) => ({
        label: row.querySelector('th')!.textContent!.trim(),
        count: Number(row.lastElementChild!.textContent),
      }));
      assert.equal(none.count, count, `${segment}: ${none.label}`);
      // A severity is one per postmortem: with those that have none, the rows count each once.
      if (segment === 'severities') assert.equal(rows.reduce((a, b) => a + b, 0) + none.count, published.length);
    }
    await page.goto(server.url);
    const chips = await page
      .locator('section[aria-labelledby="causes-heading"] ul.chips')
      .first()
      .evaluate((list) => [...list.querySelectorAll('li')].map((item) => item.textContent!.trim()));
    assert.ok(chips.includes(`Not categorised (${without.categories})`), JSON.stringify(chips));

    await page.goto(`${server.url}postmortems/`);
    const badges = await page.locator('.incident-list .badge').allTextContents();
    assert.ok(badges.length > 0);
    assert.ok(
      badges.every((text) => /^SEV[1-4]$|^No severity$/.test(text.trim())),
      `badges read as a severity or "No severity": ${JSON.stringify([...new Set(badges)])}`,
    );
    assert.ok(badges.some((text) => text.trim() === 'No severity'));
    await page.close();
  });

  test('the year filter lists only years with matches, newest first', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${server.url}search/?q=database`);
    await settle(page, 'search/');
    // The year group starts closed; opened, it counts the results shown.
    await page.locator('details[data-filter-name="year"] > summary').click();
    await page.locator('details[data-filter-name="year"][data-counted]').waitFor({ state: 'attached' });
    const years = await yearFilter(page);
    assert.ok(years.length >= 5, JSON.stringify(years));
    assert.ok(
      years.every((year) => year.count > 0),
      `no year without a match: ${JSON.stringify(years)}`,
    );
    // Results with no known start are offered last, under the facet's own label, so none goes uncounted.
    const unknown = years.filter((year) => !/^\d+$/.test(year.year));
    assert.deepEqual(
      unknown.map((year) => year.year),
      years.length > 0 && unknown.length > 0 ? [years.at(-1)!.year] : [],
      'the no-year value comes last',
    );
    const numbers = years.filter((year) => /^\d+$/.test(year.year)).map((year) => Number(year.year));
    assert.deepEqual(
      numbers,
      [...numbers].sort((a, b) => b - a),
      'newest first',
    );
    // Every year the results come from is offered, and no other.
    const shown = await page.evaluate(() => document.querySelector('[data-search-summary]')!.textContent!);
    const total = years.reduce((sum, year) => sum + year.count, 0);
    assert.match(shown, new RegExp(`^${total} results`), 'each match counted under one year');
    await page.close();
  });

  test('a filter from a link that matches nothing is named, and clearing it brings results back', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${server.url}search/?q=outage&year=1628`);
    const active = page.locator('[data-active-filters]');
    await active.waitFor();
    assert.match((await active.textContent()) ?? '', /Filtered by Year: 1628/);
    await page.waitForFunction(() => document.documentElement.dataset.searchState === 'settled');
    assert.match(
      (await page.locator('[data-search-summary]').textContent()) ?? '',
      /^No postmortem matches “outage” with these filters\.$/,
    );
    assert.ok(await active.isVisible(), 'the active filter is on screen with the empty result');
    await active.getByRole('button', { name: 'Clear filters' }).click();
    await page.waitForURL(/\/search\/\?q=outage$/);
    await page.locator('kb-search-page .kb-result').first().waitFor();
    await page.close();
  });

  test('on a phone the filters sit above the results, closed, and results start on the first screen', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${server.url}search/?q=database`);
    await page.locator('kb-search-page .kb-result').first().waitFor();
    const layout = await page.evaluate(() => {
      const top = (selector: string) => document.querySelector(selector)!.getBoundingClientRect().top + scrollY;
      return {
        input: top('kb-search-page input[name="q"]'),
        filters: top('.filters'),
        results: top('kb-search-page .kb-result'),
        open: document.querySelectorAll('kb-search-page details[open]').length,
      };
    });
    assert.ok(layout.input < layout.filters, `search box above the filters: ${JSON.stringify(layout)}`);
    assert.ok(layout.filters < layout.results, `filters above the results: ${JSON.stringify(layout)}`);
    assert.ok(layout.results < 844, `the first result on the first screen: ${JSON.stringify(layout)}`);
    assert.equal(layout.open, 0, 'every filter group starts closed');
    await page.close();
  });
});
