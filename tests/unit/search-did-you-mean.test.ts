import { test } from 'node:test';
import assert from 'node:assert/strict';
import { boundedEditDistance, closestKnownWord, replaceWord } from '../../src/lib/search/did-you-mean.ts';
import { stringsIn, wordListOf } from '../../src/lib/search/word-list.ts';
import { excerptHtml } from '../../src/lib/search/excerpt.ts';

test('a misspelt word is corrected to the closest word the postmortems have, the more common on a tie', () => {
  const known = ['certificate', 'certain', 'database', 'deadlock', 'dataset'];
  assert.equal(closestKnownWord('certficate', known), 'certificate');
  assert.equal(closestKnownWord('deadlcok', known), 'deadlock', 'a swap of two letters is one edit');
  assert.equal(closestKnownWord('datbase', known), 'database');
  assert.equal(closestKnownWord('frobnicate', known), undefined, 'nothing close: no suggestion');
  assert.equal(closestKnownWord('deadlock', known), undefined, 'a known word needs no correction');
  assert.equal(closestKnownWord('dns', ['dbs', 'dna']), 'dbs', 'equally close: the more common (earlier) one');
  assert.equal(closestKnownWord('xq', known), undefined, 'too short to guess');
  assert.equal(closestKnownWord('renewal', ['general']), undefined, 'a different first letter is a different word');
  assert.equal(closestKnownWord('renewal', ['reveal']), undefined, 'two edits away is too far for a short word');
});

test('edit distance stops early past its limit', () => {
  assert.equal(boundedEditDistance('kitten', 'sitting', 3), 3);
  assert.equal(boundedEditDistance('kitten', 'sitting', 1), 2);
  assert.equal(boundedEditDistance('a', 'abcdef', 2), 3);
});

test('the corrected query replaces only the misspelt word', () => {
  assert.equal(replaceWord('TLS certficate  renewal', 'certficate', 'certificate'), 'TLS certificate  renewal');
});

test('the word list holds words of prose, most common first, without ids, numbers or slugs', () => {
  const list = wordListOf([
    'Disk full on the primary database',
    'The database failed over; disk 2 of 50a576ca-3171 was replaced',
  ]);
  assert.deepEqual(list.slice(0, 3), ['database', 'disk', 'the']);
  assert.ok(!list.some((word) => /\d/.test(word)));
  assert.deepEqual(
    stringsIn({ title: 'Disk full', status: 'published', tags: ['config-change'], url: 'https://x.y' }),
    ['Disk full'],
  );
});

test('the excerpt is the stretch with most matched words, escaped, with them marked', () => {
  const content = 'a b c <script> d e f g h i j k l m n o p';
  assert.equal(excerptHtml(content, [3, 5], 4), '…c <mark>&lt;script&gt;</mark> d <mark>e</mark>…');
  assert.equal(excerptHtml('one two three', [], 2), 'one two…', 'no match: the start of the page');
});
