/**
 * The incident page and the follow-ups on a phone (issue 22), in Chromium against the production
 * build: the seed pages fit in 5,000 px at 390 px, the facts and done action items fold behind
 * one tap each, every misleading path is shown once, the first follow-up is on the first screen
 * (with the owner filter working with and without JavaScript), no table is cut at 1280 px, and
 * axe finds no violation of any impact in either theme at either width.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { servedBuild } from '../helpers/served-build.ts';
import { checkPostmortemSource } from '../../src/lib/content/validation.ts';
import type { Postmortem } from '../../src/lib/core/schema.ts';

const SEEDS = ['2024-03-08-authentication-outage-missing-index', '2023-10-10-web-stack-outage-database-deadlock'];
const PAGES = [...SEEDS.map((id) => `postmortems/${id}/`), 'follow-ups/'];
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };
const MAX_SEED_HEIGHT = 5000;

const source = (id: string): Postmortem => {
  const file = join('content/postmortems', `${id}.mdx`);
  const data = checkPostmortemSource({ file, name: `${id}.mdx`, text: readFileSync(file, 'utf8') }).data;
  assert.ok(data, `${file} is valid`);
  return data as Postmortem;
};

/** Tables whose box is wider than what shows them, and whether each can be scrolled by keyboard with a name. */
function cutTables(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('main table')].flatMap((table) => {
      const box = (table.closest('.table-scroll') ?? table.parentElement) as HTMLElement;
      if (box.scrollWidth <= box.clientWidth + 1) return [];
      const named = box.tabIndex >= 0 && Boolean(box.getAttribute('aria-label') || box.getAttribute('aria-labelledby'));
      return [{ caption: table.querySelector('caption')?.textContent?.trim() ?? '(no caption)', named }];
    }),
  );
}

describe('the incident page and the follow-ups on a phone (Chromium, production build)', () => {
  const site = servedBuild();

  test(`each seed incident page is at most ${MAX_SEED_HEIGHT} px tall at 390 px, facts and done items folded`, async (t) => {
    const context = await site.browser.newContext({ viewport: PHONE });
    const page = await context.newPage();
    for (const id of SEEDS) {
      await page.goto(`${site.server.url}postmortems/${id}/`);
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      t.diagnostic(`${id}: ${height} px at 390 px`);
      assert.ok(height <= MAX_SEED_HEIGHT, `${id} is ${height} px tall at 390 px`);

      // The four moments and the impact are shown; the rest is one tap away, by keyboard too.
      const shown = await page
        .locator('.facts > dl [data-fact]')
        .evaluateAll((facts) => facts.map((fact) => (fact as HTMLElement).dataset.fact));
      const data = source(id);
      for (const [label, value] of [
        ['Started', data.started],
        ['Detected', data.detected],
        ['Mitigated', data.mitigated],
        ['Resolved', data.resolved],
      ] as const)
        if (value) assert.ok(shown.includes(label), `${id}: ${label} shown first`);
      assert.ok(shown.includes('Users affected'), `${id}: the share of users shown first`);
      const more = page.locator('.facts details.more');
      assert.equal(await more.getAttribute('open'), null, 'the other facts are folded on a phone');
      assert.equal(await page.locator('.facts [data-fact="Services at fault"]').isVisible(), false);
      await more.locator('summary').focus();
      await page.keyboard.press('Enter');
      await page.locator('.facts [data-fact="Services at fault"]').waitFor({ state: 'visible' });

      // Action items grouped by status, with counts; done ones folded.
      const groups = await page.locator('[data-status-group]').evaluateAll((elements) =>
        elements.map((group) => ({
          status: (group as HTMLElement).dataset.statusGroup,
          folded: group.localName === 'details' && !(group as HTMLDetailsElement).open,
          count: Number(/\((\d+)\)/.exec(group.querySelector('h3, summary')?.textContent ?? '')?.[1]),
          items: group.querySelectorAll('li').length,
        })),
      );
      const expected = ['in-progress', 'open', 'done', 'wont-do'].filter((status) =>
        data.actionItems.some((item) => item.status === status),
      );
      assert.deepEqual(
        groups.map((group) => group.status),
        expected,
      );
      for (const group of groups) {
        assert.equal(group.count, group.items, `${id}: the ${group.status} count`);
        assert.equal(group.folded, group.status === 'done' || group.status === 'wont-do', `${id}: ${group.status}`);
      }
      assert.equal(
        groups.reduce((sum, group) => sum + group.items, 0),
        data.actionItems.length,
      );

      // Each misleading path once: under its timeline entry or under Response, never both. (An author
      // may also quote one as a lesson; that is their text, in its own section.)
      const text = (
        await page
          .locator('section[aria-labelledby="timeline-heading"], section[aria-labelledby="response-heading"]')
          .allInnerTexts()
      ).join('\n');
      for (const path of data.response.misleadingPaths)
        assert.equal(text.split(path).length - 1, 1, `${id}: "${path}" shown once`);
    }
    await context.close();
  });

  test('follow-ups: the first item is on the first screen at 390 x 844, with or without JavaScript', async () => {
    for (const javaScriptEnabled of [true, false]) {
      const context = await site.browser.newContext({ viewport: PHONE, javaScriptEnabled });
      const page = await context.newPage();
      await page.goto(`${site.server.url}follow-ups/`);
      const top = await page
        .locator('ul.items > li')
        .first()
        .evaluate((item) => item.getBoundingClientRect().top);
      assert.ok(top < PHONE.height, `first item at ${top} px (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`);
      // The owners: a folded list of links to each owner's items.
      const byOwner = page.locator('details.by-owner');
      assert.equal(await byOwner.getAttribute('open'), null);
      await byOwner.locator('summary').click();
      const link = byOwner.locator('tbody th a').first();
      const anchor = (await link.getAttribute('href'))!.split('#')[1];
      assert.ok(anchor && (await page.locator(`[id="${anchor}"]`).count()) === 1, 'owner link leads to its items');
      assert.equal(await page.locator('[data-owner-control]').isVisible(), javaScriptEnabled);
      await context.close();
    }
  });

  test("follow-ups: choosing an owner shows that owner's items only, and the choice survives a reload", async () => {
    const context = await site.browser.newContext({ viewport: PHONE });
    const page = await context.newPage();
    await page.goto(`${site.server.url}follow-ups/`);
    const sections = page.locator('section[data-owner-anchor]');
    const all = await sections.count();
    assert.ok(all > 1);
    const second = (await sections.nth(1).getAttribute('data-owner-anchor'))!;
    const owner = (await sections.nth(1).getAttribute('data-owner'))!;
    await page.locator('#owner-select').selectOption(second);
    await page.waitForURL(new RegExp(`[?&]owner=${second}`));
    await sections.first().waitFor({ state: 'hidden' });
    assert.deepEqual(
      await page
        .locator('section[data-owner-anchor]:visible')
        .evaluateAll((shown) => shown.map((section) => (section as HTMLElement).dataset.owner)),
      [owner],
    );
    await page.reload();
    await sections.first().waitFor({ state: 'hidden' });
    assert.equal(await page.locator('#owner-select').inputValue(), second);
    await page.locator('#owner-select').selectOption('');
    await sections.first().waitFor({ state: 'visible' });
    assert.equal(await page.locator('section[data-owner-anchor]:visible').count(), all);
    await context.close();
  });

  test('at 1280 px no table is cut: each fits, or scrolls in a focusable region with a name', async () => {
    const context = await site.browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    for (const path of PAGES) {
      await page.goto(site.server.url + path);
      // Folded tables count too.
      await page.evaluate(() => document.querySelectorAll('details').forEach((details) => (details.open = true)));
      const cut = await cutTables(page);
      assert.deepEqual(
        cut.filter((table) => !table.named),
        [],
        `${path}: cut tables`,
      );
    }
    // Beside the narrative there is room: the facts are all shown, with no fold to open.
    await page.goto(`${site.server.url}postmortems/${SEEDS[0]}/`);
    assert.ok(await page.locator('.facts [data-fact="Services at fault"]').isVisible());
    assert.equal(await page.locator('.facts details.more > summary').isVisible(), false);
    await context.close();
  });

  for (const viewport of [PHONE, DESKTOP]) {
    test(`axe: no violation of any impact on both seeds and the follow-ups, light and dark, ${viewport.width} px`, async () => {
      const problems: string[] = [];
      for (const theme of ['light', 'dark'] as const) {
        // The dark theme is picked with the site's toggle on a light system; it is remembered for the next pages.
        const context = await site.browser.newContext({ viewport, colorScheme: 'light' });
        const page = await context.newPage();
        for (const [index, path] of PAGES.entries()) {
          await page.goto(site.server.url + path, { waitUntil: 'networkidle' });
          if (theme === 'dark' && index === 0) await page.locator('[data-theme-toggle]').click();
          assert.equal(await page.evaluate(() => document.documentElement.dataset.theme ?? 'light'), theme);
          const results = await new AxeBuilder({ page }).analyze();
          for (const violation of results.violations)
            for (const node of violation.nodes)
              problems.push(`${path} (${theme}): ${violation.id} (${violation.impact}) at ${node.target.join(' ')}`);
        }
        await context.close();
      }
      assert.deepEqual(problems, []);
    });
  }
});
