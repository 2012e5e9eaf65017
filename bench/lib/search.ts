/**
 * Search in real Chromium over a built site, served by the plain static server the tests
 * use. Two measurements, each in a fresh browser context (empty cache):
 *
 * - Pagefind's JS API: import `${base}pagefind/pagefind.js`, run `search(q)` and load the
 *   first five results' data, timed in the page. Works on any site with a Pagefind bundle.
 * - The site's search page, when it has one: type into the Pagefind Component UI input and
 *   wait until result links render. This includes the input's debounce, reported alongside.
 *
 * Bytes count what a gzip-serving host would send for search: every response below
 * `${base}pagefind/`, text files at their gzip size and Pagefind's own (already compressed)
 * index files at their size. The static server does not compress, so raw bytes are larger.
 */
import type { Browser, Page, Response } from 'playwright-core';
import { launchChromium } from '../../tests/helpers/browser.ts';
import { serveStatic } from '../../tests/helpers/static-server.ts';
import { gzipBytes } from './weight.ts';

export interface QueryTiming {
  query: string;
  /** Until the first five results are there: API — search plus their data; UI — their links rendered. */
  ms: number;
  /** UI only: until the first result link appeared. */
  firstResultMs?: number;
  /** Results found (API) or result links rendered (UI). */
  results: number;
  /** UI only: when the results were complete, in ms since the epoch by the page's clock. */
  endedAt?: number;
}

export interface SearchRun {
  first: QueryTiming;
  /** Bytes for search from the start of the first query until its results were there. */
  firstBytes: number;
  /** Same, before compression (what the uncompressed test server sent). */
  firstRawBytes: number;
  firstRequests: number;
  later: QueryTiming[];
  /** Median of the later queries. */
  laterMedianMs: number;
  laterMaxMs: number;
}

export interface SearchReport {
  api?: SearchRun;
  ui?: SearchRun & { debounceMs?: number; page: string };
  /** Why a measurement is missing. */
  notes: string[];
}

export const FIRST_QUERY = 'connection pool';
export const LATER_QUERIES = ['deadlock', 'certificate expired', 'retry storm', 'dns', 'feature flag', 'disk full'];

const TEXT_TYPES = /javascript|css|json|html|text\//i;

/**
 * Collects the search responses of a page while a measurement runs. `stop(until)` counts only
 * the requests that started by `until` (ms since the epoch, the page's clock): the measurement
 * ends when the results are on screen, and what the page fetches after that (the filter
 * counts' own Pagefind worker, say) is not part of that search, however soon the tracker stops.
 */
function trackBytes(page: Page, prefix: string) {
  const seen: Promise<{ startedAt: number; bytes: number; raw: number }>[] = [];
  let active = false;
  const onResponse = (response: Response) => {
    if (!active || !response.url().startsWith(prefix)) return;
    const startedAt = response.request().timing().startTime;
    seen.push(
      response
        .body()
        .then((body) => ({
          startedAt,
          raw: body.length,
          bytes: TEXT_TYPES.test(response.headers()['content-type'] ?? '') ? gzipBytes(body) : body.length,
        }))
        .catch(() => ({ startedAt, raw: 0, bytes: 0 })),
    );
  };
  page.on('response', onResponse);
  return {
    start() {
      active = true;
    },
    async stop(until = Infinity) {
      active = false;
      page.off('response', onResponse);
      const counted = (await Promise.all(seen)).filter((response) => response.startedAt <= until);
      return {
        bytes: counted.reduce((sum, response) => sum + response.bytes, 0),
        raw: counted.reduce((sum, response) => sum + response.raw, 0),
        requests: counted.length,
      };
    },
  };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** The Pagefind JS API, loaded and queried from a page of the site. */
async function measureApi(browser: Browser, siteUrl: string, base: string): Promise<SearchRun> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(siteUrl, { waitUntil: 'load' });
    const bundle = `${new URL(siteUrl).origin}${base}pagefind/`;
    const tracker = trackBytes(page, bundle);
    tracker.start();
    const first = await page.evaluate(
      async ({ bundle, query }) => {
        const started = performance.now();
        const pagefind = await import(`${bundle}pagefind.js`);
        await pagefind.init?.();
        const search = await pagefind.search(query);
        await Promise.all(search.results.slice(0, 5).map((result: { data(): Promise<unknown> }) => result.data()));
        (window as unknown as { __benchPagefind: unknown }).__benchPagefind = pagefind;
        return { ms: performance.now() - started, results: search.results.length as number };
      },
      { bundle, query: FIRST_QUERY },
    );
    const { bytes, raw, requests } = await tracker.stop();
    const later: QueryTiming[] = [];
    for (const query of LATER_QUERIES) {
      const timing = await page.evaluate(async (query) => {
        const pagefind = (
          window as unknown as {
            __benchPagefind: { search(q: string): Promise<{ results: { data(): Promise<unknown> }[] }> };
          }
        ).__benchPagefind;
        const started = performance.now();
        const search = await pagefind.search(query);
        await Promise.all(search.results.slice(0, 5).map((result) => result.data()));
        return { ms: performance.now() - started, results: search.results.length };
      }, query);
      later.push({ query, ...timing });
    }
    return {
      first: { query: FIRST_QUERY, ...first },
      firstBytes: bytes,
      firstRawBytes: raw,
      firstRequests: requests,
      later,
      laterMedianMs: median(later.map((t) => t.ms)),
      laterMaxMs: Math.max(...later.map((t) => t.ms)),
    };
  } finally {
    await context.close();
  }
}

export const INPUT_SELECTOR = 'kb-search-page input[name="q"], pagefind-input input, pagefind-searchbox input';
export const RESULT_SELECTOR = 'pagefind-results a[href], .pf-result-link[href], .kb-result-link[href]';

/**
 * Types a query and resolves with the ms from the keystroke until result links differing
 * from the previous ones render, measured with the page's clock by a MutationObserver.
 * It first waits until the results are quiet, so a render left over from page load or the
 * previous query is not mistaken for this one.
 */
async function typeAndWait(page: Page, query: string, timeoutMs: number): Promise<QueryTiming> {
  type State = {
    armed: boolean;
    before: string;
    at?: number;
    doneAt?: number;
    count: number;
    lastChange: number;
    observer: MutationObserver;
  };
  await page.evaluate((selector) => {
    const w = window as unknown as { __bench?: State };
    w.__bench?.observer.disconnect();
    const signature = () => [...document.querySelectorAll<HTMLAnchorElement>(selector)].map((a) => a.href).join('\n');
    const state: State = {
      armed: false,
      before: '',
      count: 0,
      lastChange: performance.now(),
      observer: new MutationObserver(() => {
        state.lastChange = performance.now();
        if (!state.armed || state.doneAt !== undefined) return;
        const now = signature();
        if (now === '' || now === state.before) return;
        state.at ??= performance.now();
        // Complete when the first five results (as many as were found, if fewer) show a link,
        // like the API measurement; results further down load lazily as they scroll into view.
        const links = document.querySelectorAll(selector).length;
        const items = document.querySelectorAll('pagefind-results li').length || links;
        if (links >= Math.min(5, items)) {
          state.doneAt = performance.now();
          state.count = links;
        }
      }),
    };
    state.observer.observe(document.body, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ['href', 'aria-busy'],
    });
    w.__bench = state;
  }, RESULT_SELECTOR);
  await page.waitForFunction(
    () => {
      const state = (window as unknown as { __bench: State }).__bench;
      return performance.now() - state.lastChange > 400 && !document.querySelector('[aria-busy="true"]');
    },
    undefined,
    { timeout: timeoutMs, polling: 50 },
  );
  const input = page.locator(INPUT_SELECTOR).first();
  await input.click();
  const typedAt = await page.evaluate((selector) => {
    const state = (window as unknown as { __bench: State }).__bench;
    state.before = [...document.querySelectorAll<HTMLAnchorElement>(selector)].map((a) => a.href).join('\n');
    state.armed = true;
    return performance.now();
  }, RESULT_SELECTOR);
  await input.fill(query);
  await page.waitForFunction(() => (window as unknown as { __bench: State }).__bench.doneAt !== undefined, undefined, {
    timeout: timeoutMs,
  });
  const { at, doneAt, count, origin } = await page.evaluate(() => {
    const state = (window as unknown as { __bench: State }).__bench;
    state.observer.disconnect();
    return { at: state.at!, doneAt: state.doneAt!, count: state.count, origin: performance.timeOrigin };
  });
  return { query, ms: doneAt - typedAt, firstResultMs: at - typedAt, results: count, endedAt: origin + doneAt };
}

/** The site's own search page, through its Component UI. */
async function measureUi(
  browser: Browser,
  siteUrl: string,
  base: string,
  pagePath: string,
): Promise<SearchReport['ui']> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const bundle = `${new URL(siteUrl).origin}${base}pagefind/`;
    const tracker = trackBytes(page, bundle);
    // Bytes count from navigation: the page may load the index eagerly, before the first keystroke.
    tracker.start();
    await page.goto(`${siteUrl}${pagePath}`, { waitUntil: 'load' });
    await page.locator(INPUT_SELECTOR).first().waitFor({ state: 'visible', timeout: 15_000 });
    const debounce = await page.evaluate((selector) => {
      // Our page's input says its debounce (data-debounce); Pagefind's Component UI input on its host.
      const input = document.querySelector<HTMLElement>(selector);
      const value = input?.dataset.debounce ?? input?.closest('pagefind-input')?.getAttribute('debounce');
      return value ? Number(value) : undefined;
    }, INPUT_SELECTOR);
    const first = await typeAndWait(page, FIRST_QUERY, 30_000);
    const { bytes, raw, requests } = await tracker.stop(first.endedAt);
    const later: QueryTiming[] = [];
    for (const query of LATER_QUERIES) later.push(await typeAndWait(page, query, 30_000));
    return {
      page: pagePath,
      debounceMs: debounce ?? 300,
      first,
      firstBytes: bytes,
      firstRawBytes: raw,
      firstRequests: requests,
      later,
      laterMedianMs: median(later.map((t) => t.ms)),
      laterMaxMs: Math.max(...later.map((t) => t.ms)),
    };
  } finally {
    await context.close();
  }
}

/** Serves `outDir` at `base` and runs both measurements (the UI one only if `searchPage` exists). */
export async function measureSearch(
  outDir: string,
  options: { base?: string; searchPage?: string } = {},
): Promise<SearchReport> {
  const base = options.base ?? '/';
  const server = await serveStatic(outDir, base);
  const notes: string[] = [];
  let browser: Browser | undefined;
  const report: SearchReport = { notes };
  try {
    browser = await launchChromium();
    try {
      report.api = await measureApi(browser, server.url, base);
    } catch (error) {
      notes.push(`Pagefind JS API: ${(error as Error).message.split('\n')[0]}`);
    }
    if (options.searchPage) {
      try {
        report.ui = await measureUi(browser, server.url, base, options.searchPage);
      } catch (error) {
        notes.push(`search page UI: ${(error as Error).message.split('\n')[0]}`);
      }
    } else {
      notes.push('no search page in the build; only the Pagefind JS API was measured');
    }
  } finally {
    await browser?.close();
    await server.close();
  }
  return report;
}
