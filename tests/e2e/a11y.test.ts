/**
 * Accessibility in real Chromium against the production build: axe-core finds no violation of
 * any impact level on the main kinds of page and the open search dialog, in the light and the
 * dark theme, whether the theme comes from the system (colorScheme emulation) or from the site's
 * toggle (data-theme, remembered in localStorage), on a desktop and on a phone; and search, the
 * insights filters and the charts' tables can be used with the keyboard alone.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import type { BrowserContext, Page } from 'playwright-core';
import { READER_PAGES, settle } from '../helpers/reader-pages.ts';
import { servedBuild } from '../helpers/served-build.ts';

interface Mode {
  name: string;
  system: 'light' | 'dark';
  /** Theme picked with the site's toggle, if any. */
  toggled?: 'light' | 'dark';
  width: number;
}

/** Both themes, from the system and from the toggle, at both widths. */
const MODES: Mode[] = [
  { name: 'light system theme', system: 'light', width: 1280 },
  { name: 'dark system theme', system: 'dark', width: 1280 },
  { name: 'dark picked with the toggle on a light system', system: 'light', toggled: 'dark', width: 1280 },
  { name: 'light picked with the toggle on a dark system', system: 'dark', toggled: 'light', width: 1280 },
  { name: 'phone, light system theme', system: 'light', width: 390 },
  { name: 'phone, dark picked with the toggle on a light system', system: 'light', toggled: 'dark', width: 390 },
];

/** Pages held to every impact level (minor and moderate too): all of them, since issue 22. */
const STRICT = new Set(READER_PAGES.map((page) => page.name));
const PAGES = READER_PAGES.map((page) => ({ ...page, strict: STRICT.has(page.name) }));

async function violations(page: Page, label: string, strict: boolean): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => strict || violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) =>
      violation.nodes.map(
        (node) => `${label}: ${violation.id} (${violation.impact}) at ${node.target.join(' ')}: ${violation.help}`,
      ),
    );
}

/** The theme in effect and the page's background colour, to prove each mode really differs. */
function themeOf(page: Page) {
  return page.evaluate(() => ({
    attribute: document.documentElement.dataset.theme ?? null,
    dark: matchMedia('(prefers-color-scheme: dark)').matches,
    background: getComputedStyle(document.documentElement).backgroundColor,
  }));
}

describe('accessibility (axe-core, Chromium, production build)', () => {
  const site = servedBuild();
  const backgrounds = new Map<string, string>();
  let audits = 0;

  test('every page of the strict set is one the sweep visits', () => {
    for (const name of STRICT)
      assert.ok(
        READER_PAGES.some((page) => page.name === name),
        name,
      );
  });

  for (const mode of MODES) {
    test(`${PAGES.map((p) => `${p.name}${p.strict ? '' : ' (serious and critical)'}`).join(', ')}, the search dialog: no violation (${mode.name}, ${mode.width} px)`, async () => {
      const context = await site.browser.newContext({
        colorScheme: mode.system,
        viewport: { width: mode.width, height: 900 },
      });
      const page = await context.newPage();
      const problems: string[] = [];
      for (const [index, { name, path, strict }] of PAGES.entries()) {
        await page.goto(site.server.url + path, { waitUntil: 'networkidle' });
        if (mode.toggled && index === 0) {
          // The toggle flips the theme shown and remembers the choice for the next pages.
          await page.locator('[data-theme-toggle]').click();
        }
        const theme = await themeOf(page);
        assert.equal(theme.attribute, mode.toggled ?? null, `${name}: data-theme`);
        assert.equal(theme.dark, mode.system === 'dark', `${name}: emulated system theme`);
        backgrounds.set(mode.toggled ?? mode.system, theme.background);
        await settle(page, path);
        problems.push(...(await violations(page, `${name} (${mode.name})`, strict)));
        audits++;
      }
      // The search dialog, open over a page.
      await page.goto(site.server.url);
      await page.keyboard.press('/');
      await page
        .locator('dialog[data-search-dialog][open] .kb-result, dialog[data-search-dialog][open] input')
        .first()
        .waitFor();
      await page.keyboard.type('deadlock');
      await page.locator('dialog[data-search-dialog][open] .kb-result').first().waitFor();
      problems.push(...(await violations(page, `search dialog (${mode.name})`, true)));
      audits++;
      assert.deepEqual(problems, []);
      await context.close();
    });
  }

  test('the themes really differ: light and dark have different backgrounds', (t) => {
    assert.ok(backgrounds.get('light') && backgrounds.get('dark'));
    assert.notEqual(backgrounds.get('light'), backgrounds.get('dark'));
    t.diagnostic(
      `${audits} axe audits: ${READER_PAGES.length} pages and the search dialog in ${MODES.length} theme and width modes`,
    );
  });
});

describe('keyboard alone (Chromium, production build)', () => {
  const site = servedBuild();
  let context: BrowserContext;
  let page: Page;

  before(async () => {
    context = await site.browser.newContext({ viewport: { width: 1280, height: 900 } });
  });

  /** Presses Tab until `selector` has focus; fails after `limit` presses. Returns the presses needed. */
  async function tabTo(selector: string, limit = 40): Promise<number> {
    for (let presses = 1; presses <= limit; presses++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate((selector) => document.activeElement?.matches(selector) ?? false, selector))
        return presses;
    }
    assert.fail(`${selector} was not reached in ${limit} presses of Tab`);
  }

  const focused = () =>
    page.evaluate(() => {
      const element = document.activeElement;
      return {
        tag: element?.localName,
        href: element?.getAttribute('href') ?? null,
        name: element?.getAttribute('name') ?? null,
      };
    });

  test('Tab to the header search, type, reach a result and open it', async () => {
    page = await context.newPage();
    await page.goto(site.server.url);
    await tabTo('kb-search input[name="q"]', 12);
    await page.keyboard.type('deadlock');
    await page.locator('dialog[data-search-dialog][open] .kb-result').first().waitFor();
    assert.equal(await page.locator('dialog[data-search-dialog][open] input').inputValue(), 'deadlock');
    await page.keyboard.press('ArrowDown');
    const result = await focused();
    assert.equal(result.tag, 'a');
    assert.match(result.href!, /^\/postmortems\/[\w-]+\/$/);
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`${result.href}$`));
    assert.match((await page.locator('h1').textContent())!, /deadlock/i);
    await page.close();
  });

  test('on the search page: type, tick a filter with Space, and Tab to a result', async () => {
    page = await context.newPage();
    await page.goto(`${site.server.url}search/`);
    await page.locator('kb-search-page[data-ready]').waitFor({ state: 'attached' });
    await tabTo('kb-search-page input[name="q"]');
    await page.keyboard.type('outage');
    await page.waitForURL(/\?q=outage$/);
    await page.locator('kb-search-page .kb-result').first().waitFor();
    await tabTo('kb-search-page input[name="category"][value="Database"]');
    await page.keyboard.press('Space');
    await page.waitForURL(/category=database/);
    await tabTo('kb-search-page .kb-result-link', 80);
    const result = await focused();
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`${result.href}$`));
    await page.close();
  });

  test('on /insights/: Tab reaches the filters, changes them, and reaches every data table', async () => {
    page = await context.newPage();
    await page.goto(`${site.server.url}insights/`);
    await page.locator('form[data-insights-filter]:not([hidden])').waitFor();
    for (const name of ['from', 'to', 'category']) await tabTo(`form[data-insights-filter] select[name="${name}"]`, 20);
    const before = await page.locator('form[data-insights-filter] output').textContent();
    await page.keyboard.press('ArrowDown');
    assert.notEqual(await page.locator('form[data-insights-filter] select[name="category"]').inputValue(), '');
    await page.waitForFunction(
      (before) => document.querySelector('form[data-insights-filter] output')?.textContent !== before,
      before,
    );
    await tabTo('form[data-insights-filter] button[type="reset"]', 3);

    // Every table is reached in turn: open ones as focusable regions, folded ones by their summary.
    const tables = await page.locator('figure[data-chart] table').count();
    const reached = new Set<string>();
    for (let presses = 0; presses < 60 && reached.size < tables; presses++) {
      await page.keyboard.press('Tab');
      const key = await page.evaluate(() => {
        const element = document.activeElement;
        const table = element?.matches('.table-scroll')
          ? element.querySelector('table')
          : element?.matches('summary')
            ? element.parentElement?.querySelector('table')
            : null;
        return table?.getAttribute('data-table') ?? null;
      });
      if (key) {
        reached.add(key);
        // A folded table opens with Enter, so its numbers can be read.
        if (await page.evaluate(() => document.activeElement?.matches('summary') ?? false)) {
          await page.keyboard.press('Enter');
          assert.ok(await page.evaluate(() => document.activeElement?.parentElement?.hasAttribute('open')));
        }
      }
    }
    assert.equal(reached.size, tables, `tables reached by Tab: ${[...reached].join(', ')}`);
    const region = await page
      .locator('.table-scroll')
      .first()
      .evaluate((element) => ({ role: element.getAttribute('role'), label: element.getAttribute('aria-label') }));
    assert.equal(region.role, 'region');
    assert.match(region.label!, /^Table: /);
    await page.close();
  });
});
