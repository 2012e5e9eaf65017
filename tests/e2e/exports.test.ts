/**
 * The machine-readable exports of a production build: the JSON export (one entry per published
 * postmortem, none for drafts), the RSS feed (well-formed XML, newest first) and the sitemap.
 * Expected values come from the postmortem files, parsed here with `yaml`.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parse } from 'yaml';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../helpers/browser.ts';
import { astroBuild, PROJECT_ROOT } from '../helpers/astro.ts';

const DIST = join(PROJECT_ROOT, 'dist');
const SITE = 'https://postmortems.example.com';

interface Source {
  id: string;
  status: string;
  title: string;
  started: number;
  detected: number;
  mitigated?: number;
  resolved?: number;
}

function readSources(dir: string): Source[] {
  return readdirSync(dir)
    .filter((file) => /\.mdx?$/.test(file))
    .map((file) => {
      const data = parse(/^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(join(dir, file), 'utf8'))![1]);
      const time = (value: string | undefined) => (value ? Date.parse(value) : undefined);
      return {
        id: basename(file).replace(/\.mdx?$/, ''),
        status: data.status,
        title: data.title,
        started: Date.parse(data.started),
        detected: Date.parse(data.detected),
        mitigated: time(data.mitigated),
        resolved: time(data.resolved),
      };
    });
}

/** Parses the feed with Chromium's XML parser; a malformed feed yields `parsererror`. */
async function readFeed(browser: Browser, xml: string) {
  const page = await browser.newPage();
  try {
    return await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'application/xml');
      const error = doc.querySelector('parsererror')?.textContent ?? null;
      const items = [...doc.querySelectorAll('channel > item')].map((item) => ({
        title: item.querySelector('title')?.textContent ?? '',
        link: item.querySelector('link')?.textContent ?? '',
        guid: item.querySelector('guid')?.textContent ?? '',
        pubDate: item.querySelector('pubDate')?.textContent ?? '',
      }));
      return {
        error,
        root: doc.documentElement.nodeName,
        channelTitle: doc.querySelector('channel > title')?.textContent,
        items,
      };
    }, xml);
  } finally {
    await page.close();
  }
}

const newestFirst = (sources: Source[]) =>
  [...sources].sort((a, b) => b.started - a.started || a.id.localeCompare(b.id));

describe('exports of the production build', () => {
  let browser: Browser;
  const sources = readSources(join(PROJECT_ROOT, 'content/postmortems'));
  const published = sources.filter((source) => source.status === 'published');
  const unpublished = sources.filter((source) => source.status !== 'published');

  before(async () => {
    assert.ok(existsSync(join(DIST, 'api/postmortems.json')), 'run `npm run build` first (npm test does)');
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
  });

  it('exports exactly one entry per published postmortem and none for drafts', () => {
    const data = JSON.parse(readFileSync(join(DIST, 'api/postmortems.json'), 'utf8'));
    assert.equal(data.version, 3);
    assert.equal(data.count, data.postmortems.length);
    assert.ok(!Number.isNaN(Date.parse(data.generatedAt)));
    const ids: string[] = data.postmortems.map((entry: { id: string }) => entry.id);
    assert.equal(new Set(ids).size, ids.length, 'no postmortem twice');
    assert.deepEqual([...ids].sort(), published.map((source) => source.id).sort());
    for (const source of unpublished)
      assert.ok(!ids.includes(source.id), `${source.id} (${source.status}) is not exported`);
    assert.deepEqual(
      ids,
      newestFirst(published).map((source) => source.id),
      'newest incident first',
    );
  });

  it('gives each entry its frontmatter, page URL and durations in milliseconds', () => {
    const data = JSON.parse(readFileSync(join(DIST, 'api/postmortems.json'), 'utf8'));
    const byId = new Map(published.map((source) => [source.id, source]));
    for (const entry of data.postmortems) {
      const source = byId.get(entry.id)!;
      assert.equal(entry.title, source.title);
      assert.equal(entry.status, 'published');
      assert.equal(entry.url, `${SITE}/postmortems/${entry.id}/`);
      assert.equal(Date.parse(entry.started), source.started, 'times as the author wrote them');
      assert.ok(Array.isArray(entry.actionItems) && Array.isArray(entry.rootCause.categories), 'defaults filled in');
      const end = (value: number | undefined, from: number) => (value === undefined ? null : value - from);
      assert.deepEqual(entry.computed, {
        precision: {
          started: 'exact',
          detected: 'exact',
          mitigated: source.mitigated === undefined ? 'unknown' : 'exact',
          resolved: 'exact',
        },
        startedDay: entry.started.slice(0, 10),
        startedUtc: new Date(source.started).toISOString().replace('.000Z', 'Z'),
        detectedUtc: new Date(source.detected).toISOString().replace('.000Z', 'Z'),
        mitigatedUtc:
          source.mitigated === undefined ? null : new Date(source.mitigated).toISOString().replace('.000Z', 'Z'),
        resolvedUtc: new Date(source.resolved!).toISOString().replace('.000Z', 'Z'),
        durationMs: end(source.resolved, source.started),
        timeToDetectMs: source.detected - source.started,
        timeToMitigateMs: end(source.mitigated, source.started),
        timeToResolveMs: end(source.resolved, source.detected),
      });
    }
  });

  it('publishes a well-formed RSS feed, newest postmortem first', async () => {
    const feed = await readFeed(browser, readFileSync(join(DIST, 'rss.xml'), 'utf8'));
    assert.equal(feed.error, null, 'the feed parses as XML');
    assert.equal(feed.root, 'rss');
    assert.equal(feed.items.length, Math.min(50, published.length));
    const newest = newestFirst(published)[0];
    assert.equal(feed.items[0].title, newest.title);
    assert.equal(feed.items[0].link, `${SITE}/postmortems/${newest.id}/`);
    const dates = feed.items.map((item) => Date.parse(item.pubDate));
    assert.deepEqual(
      dates,
      [...dates].sort((a, b) => b - a),
      'items newest first',
    );
    assert.equal(dates[0], newest.started);
    const links = feed.items.map((item) => item.link);
    for (const source of unpublished)
      assert.ok(!links.some((link) => link.includes(source.id)), `${source.id} not in the feed`);
  });

  it('links the feed from the head of every page', () => {
    for (const page of [
      'index.html',
      'insights/index.html',
      'follow-ups/index.html',
      `postmortems/${published[0].id}/index.html`,
    ]) {
      const head = readFileSync(join(DIST, page), 'utf8').split('</head>')[0];
      assert.match(head, /<link rel="alternate" type="application\/rss\+xml" title="[^"]+" href="\/rss\.xml">/, page);
    }
  });

  it('writes a sitemap of the pages, without drafts or re-sorted copies', () => {
    const index = readFileSync(join(DIST, 'sitemap-index.xml'), 'utf8');
    assert.match(index, new RegExp(`<loc>${SITE}/sitemap-0\\.xml</loc>`));
    const urls = [...readFileSync(join(DIST, 'sitemap-0.xml'), 'utf8').matchAll(/<loc>([^<]+)<\/loc>/g)].map(
      (match) => match[1],
    );
    for (const path of [
      '',
      'insights/',
      'follow-ups/',
      'postmortems/',
      ...published.map((source) => `postmortems/${source.id}/`),
    ]) {
      assert.ok(urls.includes(`${SITE}/${path}`), `${path || 'home'} in the sitemap`);
    }
    assert.ok(!urls.some((url) => url.includes('/sort/')));
    for (const source of unpublished) assert.ok(!urls.some((url) => url.includes(source.id)));
  });
});

describe('exports of a fixture site with a draft, under /kb/', () => {
  let outDir: string;
  let build: ReturnType<typeof astroBuild>;
  let browser: Browser;
  const sources = readSources(join(PROJECT_ROOT, 'tests/fixtures/site-content'));

  before(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'kb-exports-'));
    build = astroBuild({ outDir, contentDir: join(PROJECT_ROOT, 'tests/fixtures/site-content'), base: '/kb/' });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    rmSync(outDir, { recursive: true, force: true });
  });

  it('leaves the draft out of the JSON export and the feed', async () => {
    assert.equal(build.status, 0, build.output);
    const drafts = sources.filter((source) => source.status !== 'published');
    assert.ok(drafts.length > 0, 'the fixture has a draft');
    const published = newestFirst(sources.filter((source) => source.status === 'published'));
    const data = JSON.parse(readFileSync(join(outDir, 'api/postmortems.json'), 'utf8'));
    assert.deepEqual(
      data.postmortems.map((entry: { id: string }) => entry.id),
      published.map((source) => source.id),
    );
    assert.equal(data.postmortems[0].url, `${SITE}/kb/postmortems/${published[0].id}/`);
    const feed = await readFeed(browser, readFileSync(join(outDir, 'rss.xml'), 'utf8'));
    assert.equal(feed.error, null);
    assert.deepEqual(
      feed.items.map((item) => item.link),
      published.map((source) => `${SITE}/kb/postmortems/${source.id}/`),
    );
    assert.match(
      readFileSync(join(outDir, 'index.html'), 'utf8'),
      /<link rel="alternate" type="application\/rss\+xml" title="[^"]+" href="\/kb\/rss\.xml">/,
    );
  });
});
