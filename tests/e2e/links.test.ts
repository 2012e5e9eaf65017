/**
 * Link integrity: a crawler walks the built site from its home page, served by a plain static
 * server at the root (dist/) and under the sub-path /kb/ (a build of its own), following every
 * internal link. It finds no broken link, no #fragment without its target id, no missing asset
 * (scripts, styles, images, icons, the feed, the JSON export, the sitemap, the search bundle),
 * no link that leaves the base path, and no built page that no link reaches.
 */
import { after, before, describe, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { astroBuild, PROJECT_ROOT } from '../helpers/astro.ts';
import { serveStatic, type StaticServer } from '../helpers/static-server.ts';

const DIST = join(PROJECT_ROOT, 'dist');
/** The `site` the build writes into absolute URLs (feed, sitemap, export); mapped to the test server. */
const SITE_ORIGIN = 'https://postmortems.example.com';

interface Reference {
  /** Page the reference is on. */
  from: string;
  /** Absolute URL, fragment included. */
  url: string;
  /** Followed as a page (a link) or only fetched (an asset). */
  kind: 'page' | 'asset';
}

interface CrawlReport {
  pages: number;
  links: number;
  assets: number;
  fragments: number;
  external: number;
  problems: string[];
  /** Paths (below the base) of every HTML page reached. */
  reached: Set<string>;
}

const ENTITIES: Record<string, string> = { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>', nbsp: '\u00a0' };
const decode = (text: string) =>
  text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) =>
    name[0] === '#'
      ? String.fromCodePoint(name[1].toLowerCase() === 'x' ? parseInt(name.slice(2), 16) : Number(name.slice(1)))
      : (ENTITIES[name.toLowerCase()] ?? whole),
  );

const TAG = /<([a-zA-Z][\w-]*)\b((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
const ATTRIBUTE = /([^\s=/"'>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;

/** Tags of an HTML document with their attributes; script and style bodies are skipped, not read as markup. */
function tags(html: string): { name: string; attributes: Map<string, string> }[] {
  const markup = html.replace(/(<(script|style|template)\b[^>]*>)[\s\S]*?(<\/\2>)/gi, '$1$3');
  return [...markup.matchAll(TAG)].map((match) => ({
    name: match[1].toLowerCase(),
    attributes: new Map(
      [...match[2].matchAll(ATTRIBUTE)].map((attribute) => [
        attribute[1].toLowerCase(),
        decode(attribute[2] ?? attribute[3] ?? attribute[4] ?? ''),
      ]),
    ),
  }));
}

/** Where a page points: links to follow and assets to fetch. */
function referencesOf(html: string, pageUrl: string): { refs: Reference[]; ids: Set<string> } {
  const refs: Reference[] = [];
  const ids = new Set<string>();
  const add = (value: string | undefined, kind: Reference['kind']) => {
    if (value === undefined || value.trim() === '') return;
    refs.push({ from: pageUrl, url: new URL(value.trim(), pageUrl).href, kind });
  };
  for (const { name, attributes } of tags(html)) {
    const id = attributes.get('id');
    if (id) ids.add(id);
    if (name === 'a' && attributes.has('name')) ids.add(attributes.get('name')!);
    if (name === 'a' || name === 'area') add(attributes.get('href'), 'page');
    if (name === 'link') {
      const rel = attributes.get('rel') ?? '';
      add(attributes.get('href'), /\b(prev|next|canonical)\b/.test(rel) ? 'page' : 'asset');
    }
    if (name === 'form') add(attributes.get('action'), 'page');
    if (['script', 'img', 'source', 'iframe', 'audio', 'video', 'track', 'embed'].includes(name))
      add(attributes.get('src'), 'asset');
    for (const candidate of (attributes.get('srcset') ?? '').split(',')) add(candidate.trim().split(/\s+/)[0], 'asset');
    if (name === 'object') add(attributes.get('data'), 'asset');
    // The search code loads these at runtime from the folder the page names.
    const bundle = attributes.get('data-bundle');
    if (bundle) for (const file of ['pagefind-entry.json', 'pagefind.js']) add(bundle + file, 'asset');
    // And the search vocabulary and word list, below the site base (src/lib/site/routes.ts).
    if (bundle && attributes.has('data-base'))
      for (const file of ['search/vocabulary.json', 'search/words.txt'])
        add(attributes.get('data-base') + file, 'asset');
    if (attributes.has('data-search-page')) add(attributes.get('data-search-page'), 'page');
    if (attributes.has('data-base')) add(attributes.get('data-base'), 'page');
  }
  return { refs, ids };
}

/** Absolute URLs the build wrote with its `site` (feed, sitemap, export), pointed at the test server. */
const localize = (url: string, origin: string) =>
  url.startsWith(SITE_ORIGIN) ? origin + url.slice(SITE_ORIGIN.length) : url;

/** Published files no page links to: the feed, the export and the sitemap. */
const PUBLISHED = ['rss.xml', 'api/postmortems.json', 'sitemap-index.xml'];

async function crawl(server: StaticServer, base: string, published = PUBLISHED): Promise<CrawlReport> {
  const report: CrawlReport = {
    pages: 0,
    links: 0,
    assets: 0,
    fragments: 0,
    external: 0,
    problems: [],
    reached: new Set(),
  };
  const pageIds = new Map<string, Set<string> | null>();
  const assetStatus = new Map<string, number>();
  const fragmentChecks: { from: string; url: string }[] = [];
  const queue: Reference[] = [
    { from: '(start)', url: server.url, kind: 'page' },
    ...published.map((path): Reference => ({ from: '(start)', url: server.url + path, kind: 'asset' })),
  ];
  const internal = (url: URL) => url.origin === server.origin;

  const fetchText = async (url: string) => {
    const response = await fetch(url, { redirect: 'manual' });
    return { status: response.status, type: response.headers.get('content-type') ?? '', text: await response.text() };
  };

  while (queue.length > 0) {
    const ref = queue.shift()!;
    const url = new URL(ref.url);
    if (!['http:', 'https:'].includes(url.protocol) || !internal(url)) {
      if (url.protocol === 'javascript:' || url.protocol === 'data:')
        report.problems.push(`${ref.from}: link to ${ref.url}`);
      report.external++;
      continue;
    }
    if (!url.pathname.startsWith(new URL(server.url).pathname)) {
      report.problems.push(`${ref.from}: ${url.pathname} is outside the base ${base}`);
      continue;
    }
    if (url.hash.length > 1) fragmentChecks.push({ from: ref.from, url: url.href });
    url.hash = '';
    const key = url.href;
    if (ref.kind === 'page') report.links++;
    else report.assets++;
    if (pageIds.has(key) || assetStatus.has(key)) continue;

    const { status, type, text } = await fetchText(key);
    if (status !== 200) {
      report.problems.push(`${ref.from}: ${key} answers ${status}`);
      assetStatus.set(key, status);
      continue;
    }
    if (type.startsWith('text/html')) {
      report.pages++;
      report.reached.add(url.pathname.slice(new URL(server.url).pathname.length));
      const { refs, ids } = referencesOf(text, key);
      pageIds.set(key, ids);
      queue.push(...refs);
    } else {
      assetStatus.set(key, status);
      if (type.startsWith('text/css')) {
        for (const match of text.matchAll(/url\(\s*(['"]?)([^'")]+)\1\s*\)/g)) {
          if (!match[2].startsWith('data:')) queue.push({ from: key, url: new URL(match[2], key).href, kind: 'asset' });
        }
      } else if (key.endsWith('.xml')) {
        for (const match of text.matchAll(/<(?:link|loc|guid)\b[^>]*>([^<]+)</g)) {
          const target = localize(decode(match[1].trim()), server.origin);
          queue.push({ from: key, url: target, kind: target.endsWith('.xml') ? 'asset' : 'page' });
        }
      } else if (key.endsWith('.json') && !key.includes('/pagefind/')) {
        for (const match of text.matchAll(/"(?:url|href)":"([^"]+)"/g)) {
          queue.push({ from: key, url: localize(match[1], server.origin), kind: 'page' });
        }
      }
    }
  }

  for (const { from, url } of fragmentChecks) {
    report.fragments++;
    const target = new URL(url);
    const id = decodeURIComponent(target.hash.slice(1));
    target.hash = '';
    const ids = pageIds.get(target.href);
    if (ids === undefined) continue; // its page failed and is reported already
    if (!ids?.has(id)) report.problems.push(`${from}: ${url} has no element with id "${id}"`);
  }
  return report;
}

/** Paths (below the build folder) of every built HTML page, as the server serves them. */
function builtPages(root: string): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.html'))
    .map((name) => name.replace(/\\/g, '/').replace(/(^|\/)index\.html$/, '$1'))
    .sort();
}

function check(t: TestContext, report: CrawlReport, root: string) {
  t.diagnostic(
    `${report.reached.size} built pages crawled (${report.pages} page URLs with their queries), ${report.links} internal links, ` +
      `${report.fragments} #fragment links and ${report.assets} asset references checked; ${report.external} external links not followed`,
  );
  assert.deepEqual(report.problems, []);
  // The 404 page is served for missing paths, never linked.
  const orphans = builtPages(root).filter((page) => page !== '404.html' && !report.reached.has(page));
  assert.deepEqual(orphans, [], 'built pages that no link reaches');
  assert.ok(report.pages > 50 && report.fragments > 0 && report.assets > report.pages);
}

describe('links, anchors and assets of the site served at the root (dist/)', () => {
  let server: StaticServer;
  before(async () => {
    assert.ok(existsSync(join(DIST, 'index.html')), 'run `npm run build` first (npm test does)');
    server = await serveStatic(DIST);
  });
  after(async () => server?.close());

  test('a crawl from the home page finds nothing broken', async (t) => {
    check(t, await crawl(server, '/'), DIST);
  });

  test('the crawler notices a broken link, a missing anchor, a missing asset and a link out of the base', async () => {
    // A tiny site that breaks each rule once: the crawler must report every one.
    const root = mkdtempSync(join(tmpdir(), 'kb-links-broken-'));
    try {
      mkdirSync(join(root, 'about'));
      writeFileSync(
        join(root, 'index.html'),
        '<a href="about/#team">ok</a><a href="no-such-page/">broken</a><a href="about/#no-such-id">anchor</a>' +
          '<img src="no-such.png"><a href="/elsewhere/">outside</a><a href="https://example.com/">external</a>',
      );
      writeFileSync(join(root, 'about', 'index.html'), '<h2 id="team">Team</h2>');
      const site = await serveStatic(root, '/kb/');
      try {
        const report = await crawl(site, '/kb/', []);
        assert.deepEqual(report.problems.map((problem) => problem.replaceAll(site.origin, '')).sort(), [
          '/kb/: /elsewhere/ is outside the base /kb/',
          '/kb/: /kb/about/#no-such-id has no element with id "no-such-id"',
          '/kb/: /kb/no-such-page/ answers 404',
          '/kb/: /kb/no-such.png answers 404',
        ]);
        assert.equal(report.external, 1);
      } finally {
        await site.close();
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('links, anchors and assets of the site served under /kb/', () => {
  let outDir: string;
  let build: ReturnType<typeof astroBuild>;
  let server: StaticServer;
  before(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'kb-links-'));
    build = astroBuild({ outDir, base: '/kb/' });
    server = await serveStatic(outDir, '/kb/');
  });
  after(async () => {
    await server?.close();
    rmSync(outDir, { recursive: true, force: true });
  });

  test('a crawl from /kb/ finds nothing broken and never leaves /kb/', async (t) => {
    assert.equal(build.status, 0, build.output);
    check(t, await crawl(server, '/kb/'), outDir);
  });
});
