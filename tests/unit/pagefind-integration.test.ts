import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AstroIntegrationLogger } from 'astro';
import pagefindIndex from '../../src/integrations/pagefind.ts';
import { AFTER_BUILD, SEARCH_INDEX_ENV, SearchIndexError } from '../../src/node/search-index.ts';

const messages: string[] = [];
const logger = { info: (message: string) => messages.push(message) } as unknown as AstroIntegrationLogger;

async function buildDone(dir: string) {
  const hook = pagefindIndex().hooks['astro:build:done']!;
  await hook({ dir: pathToFileURL(`${dir}/`), logger, pages: [], assets: new Map() });
}

test('indexes only the tagged article of built pages and writes the bundle with its Component UI', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kb-pagefind-'));
  try {
    mkdirSync(join(dir, 'postmortems', 'one'), { recursive: true });
    writeFileSync(
      join(dir, 'postmortems', 'one', 'index.html'),
      '<html lang="en"><body><nav>Site chrome</nav><article data-pagefind-body><h1>Disk full</h1>' +
        '<span data-pagefind-filter="category">Capacity</span><p>Debug logging filled the disk.</p></article></body></html>',
    );
    writeFileSync(join(dir, 'index.html'), '<html lang="en"><body><h1>Home</h1><p>Not a postmortem.</p></body></html>');
    await buildDone(dir);
    const entry = JSON.parse(readFileSync(join(dir, 'pagefind', 'pagefind-entry.json'), 'utf8'));
    assert.equal(entry.languages.en.page_count, 1);
    assert.ok(existsSync(join(dir, 'pagefind', 'pagefind-component-ui.js')));
    assert.match(messages.at(-1)!, /wrote pagefind\/ in \d+ ms: index \d+ KiB/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a build with nothing to index fails instead of shipping an empty search', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kb-pagefind-'));
  try {
    await assert.rejects(buildDone(dir), SearchIndexError);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('under npm run build the hook leaves the index to the step after Astro, and says so', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kb-pagefind-'));
  process.env[SEARCH_INDEX_ENV] = AFTER_BUILD;
  try {
    // Nothing to index would fail the in-process index (test above): here nothing runs.
    await buildDone(dir);
    assert.equal(existsSync(join(dir, 'pagefind')), false);
    assert.match(messages.at(-1)!, /written once Astro has exited/);
  } finally {
    delete process.env[SEARCH_INDEX_ENV];
    rmSync(dir, { recursive: true, force: true });
  }
});

/** The text Pagefind stored for the only page of a bundle (fragments are gzip + a 12-byte signature). */
function indexedText(dir: string): string {
  const folder = join(dir, 'pagefind', 'fragment');
  const [name] = readdirSync(folder);
  return JSON.parse(
    gunzipSync(readFileSync(join(folder, name)))
      .subarray(12)
      .toString('utf8'),
  ).content;
}

test("the page's own labels are not indexed; what the author wrote around them is", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kb-pagefind-'));
  try {
    mkdirSync(join(dir, 'postmortems', 'one'), { recursive: true });
    writeFileSync(
      join(dir, 'postmortems', 'one', 'index.html'),
      '<html lang="en"><body><article data-pagefind-body><h1>Disk full</h1>' +
        '<section class="facts" data-pagefind-ignore><dl><div><dt>Time to detect <span class="hint">(started → detected)</span></dt><dd>4 min</dd></div></dl></section>' +
        '<ol class="timeline"><li><p class="when"><time datetime="2024-02-08T10:48:00Z">2024-02-08 10:48 UTC</time>' +
        '<span class="muted"> (−1 min)</span><span class="kind">Trigger</span></p><p class="event">Debug logging was left on.</p></li></ol>' +
        '<table class="action-items"><caption>Action items with term</caption><thead><tr><th>Owner</th></tr></thead>' +
        '<tbody><tr><td class="action">Rotate logs hourly <a href="/t/1">ticket</a></td><td data-label="Owner">alice</td></tr></tbody></table></article></body></html>',
    );
    await buildDone(dir);
    const text = indexedText(dir);
    for (const kept of ['Disk full', 'Debug logging was left on', 'Rotate logs hourly'])
      assert.ok(text.includes(kept), `${kept} in ${text}`);
    // The facts panel is marked data-pagefind-ignore by the page; the rest by the index's selectors.
    for (const label of [
      'Time to detect',
      '4 min',
      'started',
      '10:48',
      '−1 min',
      'Trigger',
      'Action items with term',
      'Owner',
      'alice',
      'ticket',
    ])
      assert.ok(!text.includes(label), `${label} not in ${text}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
