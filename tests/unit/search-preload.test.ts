/** What is loaded while the reader types: src/lib/search/preload.ts. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { joinedPairs } from '../../src/lib/search/compounds.ts';
import { preloadSearches, stillTyped } from '../../src/lib/search/preload.ts';
import { parseQuery } from '../../src/lib/search/query.ts';
import { vocabularyOf } from '../../src/lib/search/vocabulary.ts';

const vocabulary = vocabularyOf({
  synonyms: [
    ['db', 'database'],
    ['oom', 'out of memory'],
  ],
  vague: ['after'],
});
const preloads = (query: string) => {
  const terms = parseQuery(query, vocabulary);
  return preloadSearches(terms, joinedPairs(terms));
};

test('every search a query will run is preloaded, with the joined spelling of neighbouring words', () => {
  assert.deepEqual(preloads('connection pool'), ['connection', 'pool', '"connectionpool"']);
});

test('synonyms are preloaded with the word typed, phrases as phrases', () => {
  assert.deepEqual(preloads('oom after deploy'), ['oom', '"out of memory"', 'after', 'deploy']);
  assert.deepEqual(preloads('"disk full"'), ['"disk full"']);
});

test('a word of one or two letters is still being typed, unless the vocabulary knows it', () => {
  assert.deepEqual(preloads('connection p'), ['connection']);
  assert.deepEqual(preloads('db'), ['db', 'database']);
  assert.deepEqual(preloads('c'), []);
});

test('a word of one or two letters the vocabulary does not know is still being typed', () => {
  const typed = (query: string) => parseQuery(query, vocabulary).map(stillTyped);
  assert.deepEqual(typed('connection p'), [false, true]);
  assert.deepEqual(typed('db oom'), [false, false]);
  assert.deepEqual(typed('"a b" dns'), [false, false]);
});
