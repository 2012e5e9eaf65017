/**
 * Runs a query through the built site's `/search/?q=` page in Chromium and reads the results in
 * rank order. Contract markup (CONTRACTS.md): wait for `html[data-search-state=settled]` with
 * `data-search-query` equal to the query, then read `#search-results li[data-result-url]`.
 * LABELLED FALLBACK for the page before that contract (Pagefind's Component UI): wait until
 * `pagefind-summary` reports and the result list is no longer busy, then read the first link of
 * each `pagefind-results li`. Each query is a fresh page load, so whatever the summary reports
 * belongs to this query.
 */
import type { Browser, Page } from 'playwright-core';

export interface PageResults {
  reader: 'contract' | 'fallback';
  /** Result paths as linked, best first. */
  paths: string[];
}

/** How many results the fallback waits to see rendered (lazy loading renders on scroll). */
const FALLBACK_DEPTH = 10;

export async function openSearchTab(browser: Browser): Promise<Page> {
  // A tall viewport so the component UI renders the first results without scrolling.
  return browser.newPage({ viewport: { width: 1280, height: 8000 } });
}

export async function searchThroughPage(
  page: Page,
  siteUrl: string,
  query: string,
  timeoutMs = 30_000,
): Promise<PageResults> {
  await page.goto(`${siteUrl}search/?q=${encodeURIComponent(query)}`, { waitUntil: 'load' });
  // One wait for whichever markup the page has: a page that exposes the settled state (or the
  // #search-results list) is read by the contract only, never by the fallback.
  const ready = await page.waitForFunction(
    ({ expected, depth }) => {
      const root = document.documentElement;
      if (root.hasAttribute('data-search-state') || document.getElementById('search-results')) {
        return root.dataset.searchState === 'settled' && root.dataset.searchQuery === expected ? 'contract' : false;
      }
      const summary = document.querySelector('pagefind-summary')?.textContent?.trim() ?? '';
      if (summary === '') return false;
      if (/^no results/i.test(summary)) return 'fallback';
      const list = document.querySelector('pagefind-results ul');
      if (!list || list.getAttribute('aria-busy') !== 'false') return false;
      const items = [...document.querySelectorAll('pagefind-results li')];
      return items.length > 0 && items.slice(0, depth).every((item) => item.querySelector('a[href]'))
        ? 'fallback'
        : false;
    },
    { expected: query, depth: FALLBACK_DEPTH },
    { timeout: timeoutMs, polling: 50 },
  );
  const reader = (await ready.jsonValue()) as 'contract' | 'fallback';
  if (reader === 'contract') {
    const paths = await page.$$eval('#search-results li[data-result-url]', (items) =>
      items.map((item) => item.getAttribute('data-result-url')!),
    );
    return { reader, paths };
  }
  const paths = await page.$$eval('pagefind-results li', (items) =>
    items.flatMap((item) => {
      const href = item.querySelector('a[href]')?.getAttribute('href');
      return href ? [href] : [];
    }),
  );
  return { reader, paths };
}
