/**
 * Search in real Chromium against the production build in dist/ (run `npm run build` first;
 * `npm test` does), served by a plain static file server: no backend anywhere. A second build
 * under the base path /kb/ checks that search works on a sub-path too.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser.ts';
import { serveStatic, type StaticServer } from '../helpers/static-server.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const DIST = join(ROOT, 'dist');
const MISSING_INDEX = '2024-03-08-authentication-outage-missing-index';
const DEADLOCK = '2023-10-10-web-stack-outage-database-deadlock';
const PAYMENTS_DEADLOCK = '2023-07-27-payments-deadlock-refund-batch';

/** Postmortem ids of the results currently listed in `scope`, in order (CONTRACTS.md: li[data-result-url]). */
async function resultIds(page: Page, scope: string): Promise<string[]> {
  const urls = await page
    .locator(`${scope} li[data-result-url]`)
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-result-url') ?? ''));
  return urls.map((url) => url.replace(/\/$/, '').split('/').pop()!);
}

/**
 * Waits until the search page shows the results of exactly this search: settled, for `query`,
 * and (when given) for the whole query string `params` (words, filters and sort).
 */
async function settled(page: Page, query: string, params?: string) {
  await page.waitForFunction(
    ([query, params]) => {
      const { searchState, searchQuery, searchParams } = document.documentElement.dataset;
      return searchState === 'settled' && searchQuery === query && (params === null || searchParams === params);
    },
    [query, params ?? null] as const,
  );
}

/** Waits until the search dialog shows the results of `query`. */
async function dialogSettled(page: Page, query: string) {
  await page.waitForFunction((query) => {
    const dialog = document.querySelector<HTMLElement>('dialog[data-search-dialog]');
    return dialog?.dataset.searchState === 'settled' && dialog.dataset.searchQuery === query;
  }, query);
}

/** The number of matches the summary line reports. */
async function resultCount(page: Page): Promise<number> {
  const summary = (await page.locator('kb-search-page [data-search-summary]').textContent()) ?? '';
  return /^No postmortem/.test(summary) ? 0 : Number(/^(\d+) results?\b/.exec(summary.trim())![1]);
}

async function searchPageReady(page: Page) {
  await page.locator('kb-search-page[data-ready]').waitFor({ state: 'attached' });
}

const DIALOG = 'dialog[data-search-dialog]';
const CERTIFICATE = '2021-03-17-mobile-api-outage-expired-cdn-certificate';
const KUBERNETES = '2024-01-09-search-index-alias-swapped-by-reindex-script';

describe('search (production build in dist/)', () => {
  let server: StaticServer;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  before(async () => {
    assert.ok(
      existsSync(join(DIST, 'pagefind', 'pagefind.js')),
      'dist/ has no Pagefind bundle: run `npm run build` first',
    );
    server = await serveStatic(DIST);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  const open = async (path: string, options: { javaScriptEnabled?: boolean } = {}) => {
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, ...options });
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(server.url + path);
    return page;
  };

  test('only postmortem articles are indexed, with their filters', () => {
    const entry = JSON.parse(readFileSync(join(DIST, 'pagefind', 'pagefind-entry.json'), 'utf8'));
    const articles = readFileSync(join(DIST, 'postmortems', DEADLOCK, 'index.html'), 'utf8');
    assert.match(articles, /<article[^>]*data-pagefind-body/);
    const pages = Object.values(entry.languages as Record<string, { page_count: number }>).reduce(
      (sum, l) => sum + l.page_count,
      0,
    );
    const incidentPages = readdirSync(join(DIST, 'postmortems')).filter((name) => /^\d{4}-\d{2}-\d{2}-/.test(name));
    assert.ok(pages > 0);
    assert.equal(pages, incidentPages.length, 'one indexed page per published postmortem, no listing or home pages');
    const home = readFileSync(join(DIST, 'index.html'), 'utf8');
    assert.doesNotMatch(home, /data-pagefind-body/);
  });

  test('typing "missing index" on the search page ranks the authentication outage first', async () => {
    await open('search/');
    await searchPageReady(page);
    await page.locator('kb-search-page input[name="q"]').pressSequentially('missing index');
    await page.waitForURL(/\?q=missing%20index$/);
    await settled(page, 'missing index');
    assert.equal((await resultIds(page, 'kb-search-page'))[0], MISSING_INDEX);
    // Each row shows the incident's date, severity, duration and categories, and a highlighted excerpt.
    const first = page.locator('kb-search-page .kb-result').first();
    assert.match((await first.locator('.kb-result-facts').textContent())!, /SEV2.*2024-03-08.*4 h 15 min.*Database/);
    assert.match((await first.locator('.kb-result-excerpt mark').first().textContent())!, /missing|index/i);
    await page.close();
  });

  test('a category filter narrows the results, is written to the URL, and survives reload and back', async () => {
    await open('search/?q=outage');
    await searchPageReady(page);
    await settled(page, 'outage', '?q=outage');
    const before = await resultCount(page);
    const beforeIds = await resultIds(page, 'kb-search-page');
    await page.locator('kb-search-page input[name="category"][value="Database"]').check();
    await page.waitForURL(/\?q=outage&category=database$/);
    await settled(page, 'outage', '?q=outage&category=database');
    const narrowed = await resultCount(page);
    assert.ok(narrowed > 0 && narrowed < before, `${narrowed} of ${before}`);
    const narrowedIds = await resultIds(page, 'kb-search-page');
    for (const facts of await page.locator('kb-search-page .kb-result-facts').allTextContents())
      assert.match(facts, /Database/);

    await page.reload();
    await searchPageReady(page);
    await settled(page, 'outage', '?q=outage&category=database');
    assert.equal(await resultCount(page), narrowed);
    assert.deepEqual(await resultIds(page, 'kb-search-page'), narrowedIds);
    assert.equal(await page.locator('kb-search-page input[name="q"]').inputValue(), 'outage');
    assert.ok(await page.locator('kb-search-page input[name="category"][value="Database"]').isChecked());

    await page.goBack();
    await page.waitForURL(/\?q=outage$/);
    await settled(page, 'outage', '?q=outage');
    assert.equal(await resultCount(page), before);
    assert.deepEqual(await resultIds(page, 'kb-search-page'), beforeIds);
    assert.equal(await page.locator('kb-search-page input[name="category"][value="Database"]').isChecked(), false);
    await page.close();
  });

  test('a filter changed while a search is still debounced shows the latest search, never an earlier one', async () => {
    await open('search/');
    await searchPageReady(page);
    await page.locator('kb-search-page input[name="q"]').fill('database');
    await page.locator('kb-search-page input[name="category"][value="Database"]').check();
    await page.locator('kb-search-page input[name="q"]').fill('deadlock');
    await settled(page, 'deadlock', '?q=deadlock&category=database');
    const ids = await resultIds(page, 'kb-search-page');
    assert.ok(ids.includes(DEADLOCK), ids.join('\n'));
    for (const facts of await page.locator('kb-search-page .kb-result-facts').allTextContents())
      assert.match(facts, /Database/);
    await page.close();
  });

  test('sorting by newest is kept in the URL and orders results by date', async () => {
    await open('search/?q=database&sort=newest');
    await searchPageReady(page);
    await settled(page, 'database', '?q=database&sort=newest');
    assert.equal(await page.locator('kb-search-page select[data-sort]').inputValue(), 'newest');
    const dates = await page.locator('kb-search-page .kb-result .kb-fact').evaluateAll((facts) =>
      facts
        .map((fact) => fact.textContent ?? '')
        .filter((text) => /Date: /.test(text))
        .map((text) => text.replace('Date: ', '')),
    );
    assert.ok(dates.length > 1);
    assert.deepEqual(dates, [...dates].sort().reverse());
    await page.close();
  });

  test('one word no postmortem has does not empty the list: pages with the others follow a line that says so', async () => {
    await open('search/?q=deadlock%20frobnicate');
    await searchPageReady(page);
    await settled(page, 'deadlock frobnicate');
    const ids = await resultIds(page, 'kb-search-page');
    assert.ok(ids.slice(0, 2).includes(DEADLOCK), ids.join('\n'));
    assert.equal(
      await page.locator('kb-search-page [data-search-partial]').textContent(),
      'No postmortem has all of “deadlock”, “frobnicate”; these have most of them. Nothing has “frobnicate”.',
    );
    // "db deadlock": the abbreviation finds "database", so the deadlock postmortems have every word.
    await page.goto(`${server.url}search/?q=db%20deadlock`);
    await settled(page, 'db deadlock');
    assert.ok((await resultIds(page, 'kb-search-page')).slice(0, 2).includes(DEADLOCK));
    await page.close();
  });

  test('words written together or apart find each other: "connectionpool" and "dead lock"', async () => {
    // No postmortem has "connectionpool"; two words they have, written apart, are searched instead.
    await open('search/?q=connectionpool');
    await searchPageReady(page);
    await settled(page, 'connectionpool');
    assert.equal(
      (await resultIds(page, 'kb-search-page'))[0],
      '2021-11-26-checkout-api-connection-pool-exhaustion-black-friday',
    );
    assert.equal(await page.locator('kb-search-page [data-search-suggestion]').isHidden(), true);
    // "dead lock" also searches "deadlock": the deadlock postmortems have both words.
    await page.goto(`${server.url}search/?q=dead%20lock`);
    await settled(page, 'dead lock');
    const ids = await resultIds(page, 'kb-search-page');
    assert.ok(ids.slice(0, 2).includes(DEADLOCK) && ids.slice(0, 2).includes(PAYMENTS_DEADLOCK), ids.join('\n'));
    await page.close();
  });

  test('a misspelt word shows the results of the word the postmortems have, says so, and links to it', async () => {
    await open('search/?q=certficate');
    await searchPageReady(page);
    await settled(page, 'certficate');
    // Nothing has the typo, so the corrected word's pages are shown (never pages matching a fragment of it).
    assert.equal((await resultIds(page, 'kb-search-page'))[0], CERTIFICATE);
    assert.match(
      (await page.locator('kb-search-page [data-search-suggestion]').textContent())!,
      /No postmortem has “certficate”\. Showing results for certificate\./,
    );
    const suggestion = page.locator('kb-search-page [data-search-suggestion] a');
    assert.equal(await suggestion.textContent(), 'certificate');
    await suggestion.click();
    await page.waitForURL(/\?q=certificate$/);
    await settled(page, 'certificate');
    assert.equal((await resultIds(page, 'kb-search-page'))[0], CERTIFICATE);
    await page.close();
  });

  test('the search runs while the reader types, yet a word still being typed never fetches the word list', async () => {
    // The page's debounce is stretched to 3 s, so however slowly a busy machine delivers the
    // keystrokes, no search but the ones run ahead happens before the pause: the test waits on
    // the page's settled state, never on time.
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (error) => errors.push(error.message));
    await page.route('**/search/', async (route) => {
      const response = await route.fetch();
      const html = await response.text();
      assert.ok(html.includes('data-debounce="200"'), 'the search page states its debounce');
      await route.fulfill({ response, body: html.replace('data-debounce="200"', 'data-debounce="3000"') });
    });
    await page.goto(`${server.url}search/`);
    await searchPageReady(page);
    const wordList: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/search/words.txt')) wordList.push(request.url());
    });
    // "dea", "dead", "deadl"… are not whole words: a search run ahead stops rather than fetch the
    // list, and the finished word is one the index has, so the list is never needed.
    await page.locator('kb-search-page input[name="q"]').pressSequentially('deadlock', { delay: 40 });
    await settled(page, 'deadlock');
    assert.ok((await resultIds(page, 'kb-search-page')).slice(0, 2).includes(DEADLOCK));
    assert.deepEqual(wordList, []);
    // A misspelt word typed the same way still gets its correction once the reader pauses.
    await page.locator('kb-search-page input[name="q"]').fill('');
    await page.locator('kb-search-page input[name="q"]').pressSequentially('certficate', { delay: 40 });
    await settled(page, 'certficate');
    assert.equal((await resultIds(page, 'kb-search-page'))[0], CERTIFICATE);
    assert.match(
      (await page.locator('kb-search-page [data-search-suggestion]').textContent())!,
      /Showing results for certificate\./,
    );
    await page.close();
  });

  test('an abbreviation from content/vocabulary.yaml finds the postmortem that spells it out', async () => {
    await open('search/?q=k8s');
    await searchPageReady(page);
    await settled(page, 'k8s');
    assert.deepEqual(await resultIds(page, 'kb-search-page'), [KUBERNETES]);
    assert.match((await page.locator('kb-search-page .kb-result-excerpt mark').first().textContent())!, /kubernetes/i);
    await page.close();
  });

  test('excerpts quote the incident, never the facts panel, section labels or the import note', async () => {
    await open('search/?q=outage');
    await searchPageReady(page);
    await settled(page, 'outage');
    const excerpts = await page.locator('kb-search-page .kb-result-excerpt').allTextContents();
    assert.ok(excerpts.length > 3);
    for (const excerpt of excerpts)
      assert.doesNotMatch(excerpt, /Facts\.|Time to detect|Imported postmortem|Root cause\./);
    const content = await page.evaluate(async (bundle) => {
      const pagefind = await import(`${bundle}pagefind.js`);
      const search = await pagefind.search('deadlock');
      const data = await Promise.all(search.results.map((result: { data(): Promise<unknown> }) => result.data()));
      return (data as { url: string; content: string }[]).find((page) => page.url.includes('web-stack'))!.content;
    }, `${server.url}pagefind/`);
    assert.doesNotMatch(content, /\bFacts\b|Time to detect|\bSEV\d\b/);
    assert.match(content, /deadlock/);
    await page.close();
  });

  test('`/` opens the search dialog on an incident page; it finds incidents and Escape closes it', async () => {
    await open(`postmortems/${DEADLOCK}/`);
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    await page.locator('h1').click();
    await page.keyboard.press('/');
    const dialog = page.locator(`${DIALOG}[open]`);
    await dialog.waitFor();
    assert.ok(
      requested.some((url) => url.includes('/pagefind/pagefind.js')),
      'search code loads on first use',
    );
    await page.waitForFunction(() => document.activeElement?.closest('dialog[data-search-dialog]') !== null);
    await page.keyboard.type('missing index');
    await dialogSettled(page, 'missing index');
    assert.equal((await resultIds(page, DIALOG))[0], MISSING_INDEX);
    assert.match((await dialog.locator('.kb-dialog-footer a').getAttribute('href'))!, /\/search\/\?q=missing%20index$/);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    assert.equal(await page.locator(`${DIALOG}[open]`).count(), 0);
    await page.keyboard.press('Control+k');
    await dialog.waitFor();
    await page.close();
  });

  test('the header box opens the dialog with what was typed into it', async () => {
    await open('categories/');
    await page.locator('kb-search input[name="q"]').pressSequentially('d');
    await page.locator(`${DIALOG}[open]`).waitFor();
    await page.keyboard.type('eadlock');
    await dialogSettled(page, 'deadlock');
    assert.ok((await resultIds(page, DIALOG)).includes(DEADLOCK));
    assert.equal(await page.locator(`${DIALOG}[open] input`).inputValue(), 'deadlock');
    await page.close();
  });

  test('a summary is indexed once, as metadata: a word only in it still finds the postmortem', async () => {
    // "unsent" appears in this postmortem's summary and nowhere else in the corpus.
    const id = '2022-06-21-cloud-region-outage-notification-delays';
    page = await open(`postmortems/${id}/`);
    const found = await page.evaluate(async (bundle) => {
      const pagefind = await import(`${bundle}pagefind.js`);
      const search = await pagefind.search('unsent');
      const data = await Promise.all(search.results.map((result: { data(): Promise<unknown> }) => result.data()));
      return data as { url: string; content: string; meta: { summary?: string } }[];
    }, `${server.url}pagefind/`);
    assert.deepEqual(
      found.map((result) => result.url.replace(/\/$/, '').split('/').pop()),
      [id],
    );
    assert.match(found[0].meta.summary ?? '', /\bunsent\b/);
    assert.doesNotMatch(found[0].content, /\bunsent\b/, 'the summary paragraph is not indexed as page text too');
    await page.close();
  });

  test('an incident page ships at most ~10 KB of JavaScript before search is used, and nothing from Pagefind', async () => {
    const scripts: string[] = [];
    page = await browser.newPage();
    page.on('response', async (response) => {
      if (response.request().resourceType() === 'script') scripts.push(response.url());
    });
    await page.goto(`${server.url}postmortems/${DEADLOCK}/`, { waitUntil: 'networkidle' });
    let bytes = 0;
    for (const url of scripts) bytes += readFileSync(join(DIST, new URL(url).pathname)).length;
    bytes += (await page.locator('script:not([src])').allTextContents()).join('').length;
    assert.ok(!scripts.some((url) => url.includes('/pagefind/')), scripts.join('\n'));
    assert.ok(bytes <= 10 * 1024, `${bytes} bytes of JavaScript: ${scripts.join(', ')}`);
    await page.close();
  });

  test('without JavaScript the header search is a GET form to /search/?q=', async () => {
    await open(`postmortems/${DEADLOCK}/`, { javaScriptEnabled: false });
    await page.locator('kb-search input[name="q"]').fill('deadlock');
    await page.locator('kb-search input[name="q"]').press('Enter');
    await page.waitForURL(/\/search\/\?q=deadlock$/);
    assert.ok(await page.locator('noscript').count());
    await page.close();
  });

  test('similar incidents: the deadlock postmortem lists the other database deadlock, with a reason', async () => {
    await open(`postmortems/${DEADLOCK}/`);
    const section = page.locator('section.similar');
    const items = section.locator('li[data-similar]');
    assert.ok((await items.count()) <= 5);
    const hrefs = await items.locator('a').evaluateAll((links) => links.map((link) => link.getAttribute('href')));
    // Both are deadlocks under load in a relational database (judged by reading the two seeds).
    assert.ok(hrefs.includes(`/postmortems/${PAYMENTS_DEADLOCK}/`), hrefs.join('\n'));
    const row = items.filter({ has: page.locator(`a[href="/postmortems/${PAYMENTS_DEADLOCK}/"]`) });
    // The reason names terms the two write-ups share, never a word every postmortem uses.
    const reason = (await row.locator('[data-similar-reason]').textContent())!.trim();
    assert.match(reason, /^shared: [^;]+/);
    for (const generic of ['incident', 'customers', 'users', 'outage', 'impacted', 'database'])
      assert.ok(!reason.split(/[:,;]\s*/).includes(generic), reason);

    // The "search for similar root causes" link runs a search that finds this incident.
    await section.getByRole('link', { name: /Search for similar root causes/ }).click();
    await page.waitForURL(/\/search\/\?q=/);
    await searchPageReady(page);
    await settled(page, new URL(page.url()).searchParams.get('q')!.trim());
    assert.ok((await resultIds(page, 'kb-search-page')).includes(DEADLOCK));
    await page.close();
  });

  test('similar incidents leave out the postmortems the author already lists as related', async () => {
    // The payments deadlock names the web-stack deadlock as related; it is listed once, there.
    await open(`postmortems/${PAYMENTS_DEADLOCK}/`);
    const related = await page
      .locator('section[aria-labelledby="related-heading"] a[href^="/postmortems/"]')
      .evaluateAll((links) => links.map((link) => link.getAttribute('href')));
    assert.ok(related.includes(`/postmortems/${DEADLOCK}/`), related.join('\n'));
    const similar = await page
      .locator('section.similar li[data-similar] a')
      .evaluateAll((links) => links.map((link) => link.getAttribute('href')));
    assert.deepEqual(
      similar.filter((href) => related.includes(href)),
      [],
    );
    await page.close();
  });

  test('a missing index shows a notice instead of failing silently', async () => {
    page = await browser.newPage();
    page.on('pageerror', (error) => errors.push(error.message));
    await page.route('**/pagefind/**', (route) => route.fulfill({ status: 404, body: 'not found' }));
    await page.goto(`${server.url}postmortems/${DEADLOCK}/`);
    await page.keyboard.press('/');
    await page.locator('dialog.kb-search-notice[open]').waitFor();
    assert.match(
      (await page.locator('dialog.kb-search-notice').textContent())!,
      /could not be loaded from \/pagefind\//,
    );
    await page.close();
  });

  test('no page errors', () => {
    assert.deepEqual(errors, []);
  });
});

describe('search under a base path (KB_BASE=/kb/ build)', () => {
  const outDir = join(ROOT, 'tmp', 'e2e-search-kb');
  let server: StaticServer;
  let browser: Browser;

  before(async () => {
    rmSync(outDir, { recursive: true, force: true });
    // Runs Astro with this Node (24), whatever `node` is first on PATH.
    await promisify(execFile)(process.execPath, [join(ROOT, 'node_modules/.bin/astro'), 'build', '--outDir', outDir], {
      cwd: ROOT,
      env: { ...process.env, KB_BASE: '/kb/' },
      maxBuffer: 64 * 1024 * 1024,
    });
    server = await serveStatic(outDir, '/kb/');
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    rmSync(outDir, { recursive: true, force: true });
  });

  test('the dialog and the search page load the index from /kb/pagefind/ and link below /kb/', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${server.url}postmortems/${DEADLOCK}/`);
    await page.keyboard.press('/');
    await page.locator(`${DIALOG}[open]`).waitFor();
    await page.keyboard.type('missing index');
    await dialogSettled(page, 'missing index');
    assert.equal((await resultIds(page, DIALOG))[0], MISSING_INDEX);
    const href = await page.locator(`${DIALOG} .kb-result-link`).first().getAttribute('href');
    assert.equal(href, `/kb/postmortems/${MISSING_INDEX}/`);

    await page.goto(`${server.url}search/?q=deadlock&category=database`);
    await searchPageReady(page);
    await settled(page, 'deadlock', '?q=deadlock&category=database');
    const links = await page
      .locator('kb-search-page .kb-result-link')
      .evaluateAll((all) => all.map((a) => a.getAttribute('href') ?? ''));
    assert.ok(links.length > 0 && links.every((link) => link.startsWith('/kb/postmortems/')), links.join('\n'));
    await page.locator('kb-search-page .kb-result-link').first().click();
    await page.waitForURL(/\/kb\/postmortems\//);
    assert.deepEqual(errors, []);
    await page.close();
  });
});
