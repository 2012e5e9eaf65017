/**
 * The reader on a phone and with the keyboard, in Chromium against the production build:
 * at 390 px nothing on the main pages is wider than the screen (tables become cards instead
 * of scrolling columns out of sight), and the search dialog hands focus back to where it was,
 * hints what Esc really does and shows one close button.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { READER_PAGES, settle } from '../helpers/reader-pages.ts';
import { servedBuild } from '../helpers/served-build.ts';
import { tooWide } from '../helpers/layout.ts';

describe('the reader on a phone and with the keyboard (Chromium, production build)', () => {
  const site = servedBuild();

  for (const scheme of ['light', 'dark'] as const) {
    test(`at 390 px (${scheme}) no element is wider than the screen`, async () => {
      const context = await site.browser.newContext({ viewport: { width: 390, height: 844 }, colorScheme: scheme });
      const page = await context.newPage();
      const problems: string[] = [];
      for (const { name, path } of READER_PAGES) {
        await page.goto(site.server.url + path);
        await settle(page, path);
        for (const problem of await tooWide(page)) problems.push(`${name}: ${problem}`);
      }
      await context.close();
      assert.deepEqual(problems, []);
    });
  }

  for (const width of [1280, 390]) {
    test(`the search dialog returns focus, hints "esc close" and has one close button (${width} px)`, async () => {
      const context = await site.browser.newContext({ viewport: { width, height: 844 } });
      const page = await context.newPage();
      await page.goto(`${site.server.url}postmortems/`);
      const dialog = page.locator('dialog[data-search-dialog]');

      // From a link focused with the keyboard: Ctrl-K, then Esc, and the link has focus again.
      const link = page.locator('.incident-list a').first();
      await link.focus();
      const href = await link.getAttribute('href');
      await page.keyboard.press('Control+k');
      await dialog.locator('input').first().waitFor();
      await page.waitForFunction(() => document.activeElement?.closest('dialog[data-search-dialog][open]') !== null);
      await page.keyboard.type('deadlock');
      await dialog.locator('.kb-result').first().waitFor();
      assert.match((await dialog.locator('.kb-dialog-hints').textContent()) ?? '', /esc close/);
      assert.equal(
        await dialog
          .locator('button:visible')
          .filter({ hasText: /×|close/i })
          .count(),
        1,
        'one close button',
      );
      await page.keyboard.press('Escape');
      await page.waitForFunction(() => !document.querySelector('dialog[data-search-dialog][open]'));
      await page.waitForFunction((href) => document.activeElement?.getAttribute('href') === href, href);

      // From the header box: click it, close with the close button, and the box has focus again.
      await page.locator('kb-search input[name="q"]').click();
      await dialog.locator('input').first().waitFor();
      await page.locator('dialog[data-search-dialog][open] .kb-dialog-close').click();
      await page.waitForFunction(() => !document.querySelector('dialog[data-search-dialog][open]'));
      await page.waitForFunction(() => document.activeElement?.matches('kb-search input[name="q"]') ?? false);
      await context.close();
    });
  }

  test('the search page names a filter from a pasted link and can clear it', async () => {
    const page = await site.browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${site.server.url}search/?q=index&category=database`);
    const active = page.locator('[data-active-filters]');
    await active.waitFor();
    assert.match((await active.textContent()) ?? '', /Filtered by Root cause: Database/);
    await page.locator('kb-search-page .kb-result').first().waitFor();
    assert.equal(
      await page.locator('[data-result-limit]').isVisible(),
      false,
      'no "only the 50 best" above a short list',
    );
    await active.getByRole('button', { name: 'Clear filters' }).click();
    await page.waitForURL(/\/search\/\?q=index$/);
    await active.waitFor({ state: 'hidden' });
    await page.close();
  });

  test('the 404 page offers a search for the words of the address', async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.server.url}postmortems/2024-03-08-auth-outage/`);
    await page.waitForFunction(
      () => (document.querySelector<HTMLInputElement>('[data-search-offer] input')?.value ?? '') === 'auth outage',
    );
    await page.close();
  });
});
