import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AstroIntegrationLogger } from 'astro';
import pagefindIndex from '../../src/integrations/pagefind.ts';
import {
  forSearchIndex,
  mergedSearchLanguages,
  primaryIndexLanguage,
  searchIndexLanguage,
  withSharedStemmer,
  DEFERRED_BODY_ATTRIBUTE,
  indexedAsServed,
} from '../../src/lib/search/languages.ts';

test('languages written with spaces share the English index; Japanese, Chinese and Thai get their own', () => {
  assert.equal(searchIndexLanguage('en'), 'en');
  assert.equal(searchIndexLanguage('fr'), 'en');
  assert.equal(searchIndexLanguage('de-CH'), 'en');
  assert.equal(searchIndexLanguage(undefined), 'en');
  assert.equal(searchIndexLanguage('ja'), 'ja');
  assert.equal(searchIndexLanguage('JA-jp'), 'ja');
  assert.equal(searchIndexLanguage('zh-Hant-TW'), 'zh');
  assert.equal(searchIndexLanguage('th'), 'th');
});

test('the indexer reads a page with its search language as <html lang>, other attributes kept', () => {
  assert.deepEqual(forSearchIndex('<!DOCTYPE html><html lang="fr" data-x><body>Panne</body></html>'), {
    html: '<!DOCTYPE html><html lang="en" data-x><body>Panne</body></html>',
    language: 'en',
  });
  assert.deepEqual(forSearchIndex("<html data-a lang='ja-JP'><body>遮断</body></html>"), {
    html: '<html data-a lang="ja"><body>遮断</body></html>',
    language: 'ja',
  });
  assert.equal(forSearchIndex('<html><body>x</body></html>').html, '<html lang="en"><body>x</body></html>');
  // Only the root element's lang: a lang further down the page is content.
  assert.equal(forSearchIndex('<html lang="ja"><body><p lang="fr">x</p></body></html>').language, 'ja');
});

const entry = {
  en: { hash: 'en_1', wasm: 'en', page_count: 13 },
  ja: { hash: 'ja_1', wasm: null, page_count: 1 },
};

test('the search UI merges every index but the one Pagefind loads for the page', () => {
  assert.equal(primaryIndexLanguage(entry, 'en'), 'en');
  assert.equal(primaryIndexLanguage(entry, 'ja'), 'ja');
  assert.equal(primaryIndexLanguage(entry, 'ja-JP'), 'ja');
  // French has no index of its own: Pagefind falls back to the largest, English.
  assert.equal(primaryIndexLanguage(entry, 'fr'), 'en');
  assert.deepEqual(mergedSearchLanguages(entry, 'en'), ['ja']);
  assert.deepEqual(mergedSearchLanguages(entry, 'fr'), ['ja']);
  assert.deepEqual(mergedSearchLanguages(entry, 'ja'), ['en']);
  assert.deepEqual(mergedSearchLanguages({ en: entry.en }, 'en'), []);
});

test('every index is searched with the English WebAssembly', () => {
  const shared = withSharedStemmer({ version: '1.6.0', languages: entry });
  assert.deepEqual(
    Object.values(shared.languages).map((index) => index.wasm),
    ['en', 'en'],
  );
  assert.equal(shared.version, '1.6.0');
  assert.deepEqual(withSharedStemmer({ languages: { ja: entry.ja } }).languages.ja.wasm, null);
});

test('the build writes one bundle: an English index (English and French pages) and a Japanese one', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kb-pagefind-lang-'));
  // As the incident page renders them: a French page defers its body marker to be rewritten.
  const page = (lang: string, words: string) =>
    `<html lang="${lang}"><body><article ${indexedAsServed(lang) ? 'data-pagefind-body' : DEFERRED_BODY_ATTRIBUTE}><h1>${words}</h1><p>${words}</p></article></body></html>`;
  try {
    for (const [name, lang, words] of [
      ['en', 'en', 'Disk full after debug logging'],
      ['fr', 'fr', 'Un onduleur n’a pas pris le relais'],
      ['ja', 'ja', '携帯キャリア経由の正規ログインを遮断'],
    ]) {
      mkdirSync(join(dir, 'postmortems', name), { recursive: true });
      writeFileSync(join(dir, 'postmortems', name, 'index.html'), page(lang, words));
    }
    writeFileSync(join(dir, 'index.html'), '<html lang="en"><body><h1>Home</h1></body></html>');
    const messages: string[] = [];
    const logger = { info: (message: string) => messages.push(message) } as unknown as AstroIntegrationLogger;
    await pagefindIndex().hooks['astro:build:done']!({
      dir: pathToFileURL(`${dir}/`),
      logger,
      pages: [],
      assets: new Map(),
    });
    const written = JSON.parse(readFileSync(join(dir, 'pagefind', 'pagefind-entry.json'), 'utf8'));
    assert.deepEqual(
      Object.fromEntries(
        Object.entries(written.languages as Record<string, { page_count: number; wasm: string }>).map(([k, v]) => [
          k,
          [v.page_count, v.wasm],
        ]),
      ),
      { en: [2, 'en'], ja: [1, 'en'] },
    );
    assert.match(messages.at(-1)!, /read 3 incident pages, indexed 3 \(en 1 added after rewriting\)/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
