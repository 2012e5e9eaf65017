/**
 * The evaluation's search-page reader (bench/lib/search-quality/search-page.ts) on two small
 * pages in Chromium: one that follows the settled-state contract and shows a stale result list
 * first, one with the Component UI markup of today's page. The reader must return the results of
 * the query it asked for, in order, and say which markup it read.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../helpers/browser.ts';
import { serveStatic, type StaticServer } from '../helpers/static-server.ts';
import { projectTempDir } from '../helpers/tmp.ts';
import { openSearchTab, searchThroughPage } from '../../bench/lib/search-quality/search-page.ts';

// A page that shows a settled list for an older query, then settles with the results of the
// query in the URL once the "index" (results.json) answers. It counts how often a reader looks at
// its state, so the test can hold the index back until the reader has seen the stale list.
const CONTRACT = `<!doctype html><html data-search-state="settled" data-search-query="older query"><body>
<ol id="search-results"><li data-result-url="/postmortems/stale/">stale</li></ol>
<script>
  const root = document.documentElement;
  const has = root.hasAttribute.bind(root);
  window.looks = 0;
  root.hasAttribute = (name) => { window.looks++; return has(name); };
</script>
<script type="module">
  const root = document.documentElement;
  const query = new URL(location.href).searchParams.get('q');
  const ranked = await (await fetch('/results.json')).json();
  root.dataset.searchState = 'pending';
  root.dataset.searchQuery = query;
  document.getElementById('search-results').replaceChildren(...ranked.map((url) => {
    const item = document.createElement('li');
    item.dataset.resultUrl = url;
    item.textContent = url;
    return item;
  }));
  root.dataset.searchState = 'settled';
</script></body></html>`;

// Today's markup: Pagefind's Component UI renders a summary and result items with links.
const FALLBACK = `<!doctype html><html><body><pagefind-summary></pagefind-summary><pagefind-results></pagefind-results>
<script type="module">
  const ranked = await (await fetch('/results.json')).json();
  const query = new URL(location.href).searchParams.get('q');
  document.querySelector('pagefind-results').innerHTML = '<ul class="pf-results" aria-busy="false">' +
    ranked.map((url) => '<li><p><a class="kb-result-link" href="' + url + '">x</a></p></li>').join('') + '</ul>';
  document.querySelector('pagefind-summary').textContent = ranked.length + ' results for ' + query;
</script></body></html>`;

const RANKED = ['/postmortems/b/', '/postmortems/a/', '/postmortems/c/'];
let dir: string;
let server: StaticServer;
let browser: Browser;

function site(page: string): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'search'), { recursive: true });
  writeFileSync(join(dir, 'search', 'index.html'), page);
  writeFileSync(join(dir, 'results.json'), JSON.stringify(RANKED));
}

before(async () => {
  dir = projectTempDir('search-quality-reader');
  site(CONTRACT);
  server = await serveStatic(dir);
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('the contract reader waits for the settled state of its own query, not a stale list', async () => {
  site(CONTRACT);
  const tab = await openSearchTab(browser);
  // The index answers only once the reader has looked at the stale, settled list twice.
  await tab.route('**/results.json', async (route) => {
    await tab.waitForFunction(() => (window as unknown as { looks: number }).looks >= 2);
    await route.continue();
  });
  const result = await searchThroughPage(tab, server.url, 'db deadlock');
  assert.deepEqual(result, { reader: 'contract', paths: RANKED });
  await tab.close();
});

test("the fallback reader reads today's Component UI results in order", async () => {
  site(FALLBACK);
  const tab = await openSearchTab(browser);
  const result = await searchThroughPage(tab, server.url, 'db deadlock');
  assert.deepEqual(result, { reader: 'fallback', paths: RANKED });
  await tab.close();
});
