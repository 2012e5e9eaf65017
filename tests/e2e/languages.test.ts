/**
 * Postmortems in other languages: a French one and a Japanese one validate, render with their
 * own <html lang> (the site's chrome stays English), and are found from the English search
 * page and dialog by a query in their own language. Japanese needs an index of its own, in
 * which Pagefind cuts the text into words; a word inside a longer run of kanji and katakana
 * (携帯 in 携帯キャリア) is only found that way.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { PROJECT_ROOT } from '../helpers/astro.ts';
import { DIST, servedBuild } from '../helpers/served-build.ts';

const FRENCH = '2022-10-04-panne-electrique-entrepot-de-donnees';
const JAPANESE = '2025-05-19-waf-blocked-mobile-carrier-logins';
const MISSING_INDEX = '2024-03-08-authentication-outage-missing-index';
const EXPIRED_CERTIFICATE = '2021-03-17-mobile-api-outage-expired-cdn-certificate';

const html = (id: string) => readFileSync(join(DIST, 'postmortems', id, 'index.html'), 'utf8');

/**
 * Postmortem ids of the search results in `scope` (the search page, or the dialog), once the
 * search for `term` has settled: the page marks the results of its latest search (CONTRACTS.md).
 */
async function resultsFor(page: Page, scope: string, term: string): Promise<string[]> {
  await page.waitForFunction(
    ([scope, term]) => {
      const host = scope === 'kb-search-page' ? document.documentElement : document.querySelector<HTMLElement>(scope);
      return host?.dataset.searchState === 'settled' && host.dataset.searchQuery === term;
    },
    [scope, term] as const,
  );
  return (
    await page
      .locator(`${scope} li[data-result-url]`)
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-result-url') ?? ''))
  ).map((href) => href.replace(/\/$/, '').split('/').pop()!);
}

const DIALOG = 'dialog[data-search-dialog]';

describe('postmortems in French and Japanese', () => {
  const site = servedBuild('pagefind/pagefind-entry.json');
  const errors: string[] = [];

  const open = async (path: string) => {
    const page = await site.browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (error) => errors.push(`${path}: ${error.message}`));
    await page.goto(site.server.url + path);
    return page;
  };

  test('both validate, with their language recorded', () => {
    const run = spawnSync(process.execPath, ['src/cli/validate.ts'], { cwd: PROJECT_ROOT, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stdout + run.stderr);
    for (const [id, language] of [
      [FRENCH, 'fr'],
      [JAPANESE, 'ja'],
    ]) {
      const source = readFileSync(join(PROJECT_ROOT, 'content/postmortems', `${id}.mdx`), 'utf8');
      assert.match(source, new RegExp(`^language: ${language}$`, 'm'));
    }
  });

  test('each page declares its language; header and footer stay English', () => {
    for (const [id, language, title] of [
      [FRENCH, 'fr', 'Entrepôt de données indisponible'],
      [JAPANESE, 'ja', 'クレデンシャルスタッフィング対策のWAFルール'],
    ]) {
      const page = html(id);
      assert.match(page, new RegExp(`<html lang="${language}"`));
      assert.match(page, /<header[^>]*\blang="en"/);
      assert.match(page, /<footer[^>]*\blang="en"/);
      assert.ok(page.includes(`<h1>${title}`) || new RegExp(`<h1[^>]*>${title}`).test(page), `${id} shows its title`);
    }
    assert.match(html(MISSING_INDEX), /<html lang="en"/);
    assert.doesNotMatch(html(MISSING_INDEX), /<header[^>]*\blang=/, 'English pages need no lang on the chrome');
  });

  test('the search bundle has an English index and a Japanese one; French is stemmed with English', () => {
    const entry = JSON.parse(readFileSync(join(DIST, 'pagefind', 'pagefind-entry.json'), 'utf8'));
    assert.deepEqual(Object.keys(entry.languages).sort(), ['en', 'ja']);
    assert.equal(entry.languages.ja.page_count, 1);
  });

  test('the search page finds the French postmortem by "onduleur" and by inflected French words', async () => {
    const page = await open('search/?q=onduleur');
    assert.equal((await resultsFor(page, 'kb-search-page', 'onduleur'))[0], FRENCH);
    await page.goto(`${site.server.url}search/?q=${encodeURIComponent('coupures électriques')}`);
    assert.equal((await resultsFor(page, 'kb-search-page', 'coupures électriques'))[0], FRENCH);
    await page.close();
  });

  test('the search page finds the Japanese postmortem by words inside longer Japanese text', async () => {
    const page = await open('search/');
    await page.locator('kb-search-page[data-ready]').waitFor({ state: 'attached' });
    for (const term of ['携帯', '遮断', 'ログイン']) {
      await page.goto(`${site.server.url}search/?q=${encodeURIComponent(term)}`);
      assert.deepEqual(await resultsFor(page, 'kb-search-page', term), [JAPANESE], term);
    }
    // An English query still finds English postmortems first, from the same merged search.
    await page.goto(`${site.server.url}search/?q=missing%20index`);
    assert.equal((await resultsFor(page, 'kb-search-page', 'missing index'))[0], MISSING_INDEX);
    await page.close();
  });

  test('the dialog on the Japanese page searches every language, and links stay on the site', async () => {
    const page = await open(`postmortems/${JAPANESE}/`);
    await page.keyboard.press('/');
    await page.locator(`${DIALOG}[open]`).waitFor();
    await page.keyboard.type('onduleur');
    assert.equal((await resultsFor(page, DIALOG, 'onduleur'))[0], FRENCH);
    await page.locator(`${DIALOG}[open] input`).fill('携帯');
    assert.deepEqual(await resultsFor(page, DIALOG, '携帯'), [JAPANESE]);
    assert.equal(
      await page.locator(`${DIALOG} .kb-result-link`).first().getAttribute('href'),
      `/postmortems/${JAPANESE}/`,
    );
    // English postmortems too, though Pagefind made the Japanese index primary on this page.
    await page.locator(`${DIALOG}[open] input`).fill('expired certificates');
    assert.equal((await resultsFor(page, DIALOG, 'expired certificates'))[0], EXPIRED_CERTIFICATE);
    // The dialog is English chrome: its own words and lang, whatever the page's language.
    assert.equal(await page.locator(DIALOG).evaluate((dialog) => dialog.closest('[lang]')?.getAttribute('lang')), 'en');
    assert.match(
      (await page.locator(`${DIALOG} .kb-dialog-summary`).textContent())!,
      /^\d+ results? for “expired certificates”$/,
    );
    await page.close();
  });

  test('no page errors', () => {
    assert.deepEqual(errors, []);
  });
});
