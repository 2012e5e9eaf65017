/**
 * Hostile content and the Content-Security-Policy, in real Chromium.
 *
 * A fixture site (tests/fixtures/hostile-content/) has a valid postmortem whose every text field
 * carries markup meant to run: <script>, </title><script>, event handlers, javascript: and
 * data: URLs, quotes of both kinds, template syntax, and 5,000-character unbroken strings. Every
 * page that shows it must show it as text: no alert, no request to an injected image, no script
 * element the site did not write, no event-handler attribute, and no horizontal scrolling on a
 * 390 px phone. (Markdown links to javascript: or data: URLs are refused by the validator; see
 * tests/fixtures/bad-input/cases.ts.)
 *
 * The production build in dist/ ships a CSP that allows only the site's own scripts (and the
 * hashes of those Astro inlines); search, the dialog, the theme toggle and the charts work
 * under it without a single violation.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser.ts';
import { astroBuild, PROJECT_ROOT } from '../helpers/astro.ts';
import { serveStatic, type StaticServer } from '../helpers/static-server.ts';
import { DIST, servedBuild } from '../helpers/served-build.ts';

const FIXTURE = join(PROJECT_ROOT, 'tests/fixtures/hostile-content');
const HOSTILE = '2024-05-02-hostile-text-in-every-field';
const SITE_TITLE = 'Postmortem knowledge base';
const TITLE = `</title><script>alert("title")</script><img src=/pwned-title onerror=alert(1)> "double" 'single' & <b>bold</b>`;

/** Every page that shows the hostile postmortem's fields: its own, listings, facets, figures, search. */
const PAGES = [
  '',
  'postmortems/',
  `postmortems/${HOSTILE}/`,
  'postmortems/2024-03-08-authentication-outage-missing-index/',
  'categories/config-change/',
  'services/checkout-api/',
  'severities/sev2/',
  'years/2024/',
  'follow-ups/',
  'insights/',
  'search/?q=alert',
];

interface Sensors {
  dialogs: string[];
  pwned: string[];
  errors: string[];
}

/** Records what an injection would cause: dialogs, requests for the injected images, CSP violations. */
async function sensedContext(browser: Browser, sensors: Sensors, width: number): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  await context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __violations: string[] }).__violations = seen;
    document.addEventListener('securitypolicyviolation', (event) =>
      seen.push(
        `${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} at ${event.sourceFile}:${event.lineNumber}`,
      ),
    );
  });
  context.on('page', (page) => {
    page.on('dialog', (dialog) => {
      sensors.dialogs.push(`${page.url()}: ${dialog.type()} ${dialog.message()}`);
      void dialog.dismiss();
    });
    page.on('pageerror', (error) => sensors.errors.push(`${page.url()}: ${error.message}`));
  });
  context.on('request', (request) => {
    if (/pwned/i.test(request.url())) sensors.pwned.push(request.url());
  });
  return context;
}

/** What must be true of any page showing hostile text; returns the problems found. */
async function inertProblems(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const problems: string[] = [];
    const csp = document.querySelector('meta[http-equiv="content-security-policy"]')?.getAttribute('content') ?? '';
    for (const script of document.querySelectorAll('script')) {
      if (script.type === 'application/json') continue;
      if (script.src) {
        const url = new URL(script.src);
        if (url.origin !== location.origin || !/\/(_astro|pagefind)\//.test(url.pathname))
          problems.push(`foreign script ${script.src}`);
        continue;
      }
      // An inline script the site wrote has its hash in the page's policy; an injected one does not.
      const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(script.textContent ?? ''));
      const hash = btoa(String.fromCharCode(...new Uint8Array(digest)));
      if (!csp.includes(`'sha256-${hash}'`))
        problems.push(`injected inline script: ${(script.textContent ?? '').slice(0, 80)}`);
    }
    for (const element of document.querySelectorAll('*')) {
      for (const attribute of element.attributes) {
        if (/^on/i.test(attribute.name))
          problems.push(`<${element.localName} ${attribute.name}="${attribute.value.slice(0, 40)}">`);
      }
    }
    for (const element of document.querySelectorAll('iframe, object, embed, frame, base, main style, main link')) {
      problems.push(`injected <${element.localName}>`);
    }
    for (const element of document.querySelectorAll<HTMLElement>('[href], [src], [action]')) {
      const value = element.getAttribute('href') ?? element.getAttribute('src') ?? element.getAttribute('action') ?? '';
      if (/^\s*(javascript|vbscript|data):/i.test(value.replace(/[\u0000-\u001f]/g, '')))
        problems.push(`<${element.localName}> to ${value.slice(0, 40)}`);
    }
    if (getComputedStyle(document.body).display === 'none') problems.push('an injected style hid the page');
    return problems;
  });
}

async function horizontalOverflow(page: Page): Promise<string | undefined> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  return scrollWidth > innerWidth ? `${page.url()} is ${scrollWidth} px wide in a ${innerWidth} px window` : undefined;
}

async function settle(page: Page, path: string) {
  if (path.startsWith('search/')) await page.locator('kb-search-page .kb-result').first().waitFor();
  if (path.startsWith('insights/'))
    await page.locator('figure[data-chart] .chart-box:not([hidden]) canvas').first().waitFor();
}

describe('hostile text in every field is shown as text (fixture build, Chromium)', () => {
  let outDir: string;
  let build: ReturnType<typeof astroBuild>;
  let server: StaticServer;
  let browser: Browser;
  const sensors: Sensors = { dialogs: [], pwned: [], errors: [] };
  const violations: string[] = [];

  before(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'kb-hostile-'));
    build = astroBuild({ outDir, contentDir: FIXTURE });
    server = await serveStatic(outDir);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    rmSync(outDir, { recursive: true, force: true });
  });

  test('the fixture validates and builds', () => {
    assert.equal(build.status, 0, build.output);
    assert.ok(existsSync(join(outDir, 'postmortems', HOSTILE, 'index.html')));
  });

  for (const width of [390, 1280]) {
    test(`${PAGES.length} pages at ${width} px: nothing runs, nothing is injected, nothing scrolls sideways`, async () => {
      const context = await sensedContext(browser, sensors, width);
      const page = await context.newPage();
      const problems: string[] = [];
      for (const path of PAGES) {
        const response = await page.goto(server.url + path, { waitUntil: 'networkidle' });
        assert.equal(response?.status(), 200, path);
        await settle(page, path);
        problems.push(...(await inertProblems(page)).map((problem) => `/${path}: ${problem}`));
        const overflow = await horizontalOverflow(page);
        if (overflow) problems.push(overflow);
        violations.push(...(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)));
      }
      assert.deepEqual(problems, []);
      await context.close();
    });
  }

  test('the title is text everywhere: the tab, the heading, listings and search results', async () => {
    const context = await sensedContext(browser, sensors, 1280);
    const page = await context.newPage();
    await page.goto(`${server.url}postmortems/${HOSTILE}/`);
    assert.equal(await page.title(), `${TITLE} · ${SITE_TITLE}`);
    assert.equal(await page.locator('h1').textContent(), TITLE);
    assert.match(
      (await page.locator('.summary').textContent())!,
      /^<script>alert\('summary'\)<\/script> "quotes" and 'quotes' <\/p><img/,
    );
    assert.equal(
      await page
        .locator('meta[name="description"]')
        .getAttribute('content')
        .then((text) => text?.slice(0, 33)),
      `<script>alert('summary')</script>`,
    );
    await page.goto(`${server.url}postmortems/`);
    assert.ok((await page.locator('main a').allTextContents()).includes(TITLE));
    await page.goto(`${server.url}search/?q=alert`);
    await page.locator('kb-search-page .kb-result').first().waitFor();
    assert.ok((await page.locator('kb-search-page .kb-result-link').allTextContents()).includes(TITLE));
    violations.push(...(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)));
    await context.close();
  });

  test('the search dialog shows hostile results as text, on a phone', async () => {
    const context = await sensedContext(browser, sensors, 390);
    const page = await context.newPage();
    await page.goto(`${server.url}postmortems/${HOSTILE}/`);
    await page.keyboard.press('/');
    await page.locator('dialog[data-search-dialog][open]').waitFor();
    await page.keyboard.type('script alert');
    await page.locator('dialog[data-search-dialog] .kb-result').first().waitFor();
    assert.deepEqual(await inertProblems(page), []);
    assert.equal(await horizontalOverflow(page), undefined);
    const dialogWidth = await page
      .locator('dialog[data-search-dialog]')
      .evaluate((dialog) => dialog.scrollWidth - dialog.clientWidth);
    assert.ok(dialogWidth <= 0, `the dialog scrolls sideways by ${dialogWidth} px`);
    violations.push(...(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)));
    await context.close();
  });

  test('the feed and the JSON export carry the text unchanged and well-formed', async () => {
    const json = JSON.parse(readFileSync(join(outDir, 'api', 'postmortems.json'), 'utf8'));
    const entry = json.postmortems.find((p: { id: string }) => p.id === HOSTILE);
    assert.equal(entry.title, TITLE);
    const page = await browser.newPage();
    const feed = await page.evaluate(
      (xml) => {
        const doc = new DOMParser().parseFromString(xml, 'application/xml');
        return {
          error: doc.querySelector('parsererror')?.textContent ?? null,
          titles: [...doc.querySelectorAll('item > title')].map((title) => title.textContent),
          scripts: doc.getElementsByTagName('script').length,
        };
      },
      readFileSync(join(outDir, 'rss.xml'), 'utf8'),
    );
    assert.equal(feed.error, null);
    assert.ok(feed.titles.includes(TITLE), feed.titles.join('\n'));
    assert.equal(feed.scripts, 0);
    await page.close();
  });

  test('no alert, no request for an injected image, no CSP violation, no page error', () => {
    assert.deepEqual(sensors.dialogs, []);
    assert.deepEqual(sensors.pwned, []);
    assert.deepEqual(violations, []);
    assert.deepEqual(sensors.errors, []);
  });
});

describe('Content-Security-Policy of the production build (dist/)', () => {
  const site = servedBuild('pagefind/pagefind.js');

  test('every page has a policy before its first script or style, with no unsafe-inline scripts', () => {
    const pages = readdirSync(DIST, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.html'));
    assert.ok(pages.length > 50);
    for (const name of pages) {
      const html = readFileSync(join(DIST, name), 'utf8');
      const metas = [...html.matchAll(/<meta http-equiv="content-security-policy" content="([^"]*)"/g)];
      assert.equal(metas.length, 1, `${name}: one policy`);
      const at = metas[0].index;
      const firstActive = html.search(/<script|<style|<link rel="stylesheet"/);
      assert.ok(firstActive === -1 || at < firstActive, `${name}: the policy comes before the first script or style`);
      const directives = new Map(
        metas[0][1]
          .split(';')
          .map((part) => part.trim().split(/\s+/))
          .filter((words) => words[0])
          .map(([name, ...sources]) => [name, sources]),
      );
      assert.deepEqual(directives.get('default-src'), ["'self'"], name);
      assert.deepEqual(directives.get('object-src'), ["'none'"], name);
      assert.deepEqual(directives.get('base-uri'), ["'self'"], name);
      assert.deepEqual(directives.get('form-action'), ["'self'"], name);
      assert.deepEqual(directives.get('img-src'), ["'self'", 'data:'], name);
      const scripts = directives.get('script-src') ?? [];
      assert.ok(scripts.includes("'self'"), name);
      for (const source of scripts)
        assert.match(source, /^'(self|wasm-unsafe-eval|sha256-[A-Za-z0-9+/=]+)'$/, `${name}: script source ${source}`);
      assert.ok(!directives.has('script-src-attr') && !directives.has('script-src-elem'), name);
    }
  });

  test('an injected inline script, a javascript: link and an event handler do not run', async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.server.url}postmortems/2024-03-08-authentication-outage-missing-index/`);
    const ran = await page.evaluate(async () => {
      const flags = window as unknown as Record<string, boolean>;
      const script = document.createElement('script');
      script.textContent = 'window.__inline = true';
      document.body.append(script);
      const link = document.createElement('a');
      link.href = 'javascript:window.__link = true';
      link.textContent = 'x';
      document.body.append(link);
      link.click();
      const image = document.createElement('img');
      image.setAttribute('onerror', 'window.__handler = true');
      image.src = '/no-such-image.png';
      document.body.append(image);
      await new Promise((resolve) => setTimeout(resolve, 300));
      return [flags.__inline, flags.__link, flags.__handler].map(Boolean);
    });
    assert.deepEqual(ran, [false, false, false]);
    await page.close();
  });

  test('search, the dialog, the theme toggle and the charts work under it without a violation', async () => {
    const sensors: Sensors = { dialogs: [], pwned: [], errors: [] };
    const context = await sensedContext(site.browser, sensors, 1280);
    const consoleErrors: string[] = [];
    context.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    const page = await context.newPage();
    const violations = async () => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
    const seen: string[] = [];

    await page.goto(site.server.url);
    await page.keyboard.press('/');
    await page.locator('dialog[data-search-dialog][open]').waitFor();
    await page.keyboard.type('deadlock');
    await page.locator('dialog[data-search-dialog] .kb-result').first().waitFor();
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await page
      .locator('dialog[data-search-dialog][open]')
      .waitFor({ state: 'detached' })
      .catch(() => undefined);
    const before = await page.evaluate(() => document.documentElement.dataset.theme ?? null);
    await page.locator('[data-theme-toggle]').click();
    const themed = await page.evaluate(() => document.documentElement.dataset.theme);
    assert.ok(themed === 'dark' || themed === 'light');
    assert.notEqual(themed, before);
    seen.push(...(await violations()));

    await page.goto(`${site.server.url}search/?q=database&category=database`);
    await page.locator('kb-search-page .kb-result').first().waitFor();
    seen.push(...(await violations()));

    await page.goto(`${site.server.url}insights/`);
    await page.locator('figure[data-chart] .chart-box:not([hidden]) canvas').first().waitFor();
    const drawn = await page
      .locator('figure[data-chart] .chart-box:not([hidden]) canvas')
      .evaluateAll(
        (canvases) =>
          canvases.filter(
            (canvas) => (canvas as HTMLCanvasElement).width > 0 && (canvas as HTMLCanvasElement).height > 0,
          ).length,
      );
    assert.ok(drawn > 0, 'charts are drawn');
    seen.push(...(await violations()));

    assert.deepEqual(seen, []);
    assert.deepEqual(
      consoleErrors.filter((text) => /Content.Security.Policy|Refused/i.test(text)),
      [],
    );
    assert.deepEqual(sensors.errors, []);
    await context.close();
  });
});
