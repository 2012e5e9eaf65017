/**
 * The words a Similar incidents reason never names (src/lib/similarity/not-a-mechanism.json), held
 * to the evidence the list is kept by: each is a word of incident writing in general, used by at
 * least about 1 % of the documents of at least two unrelated collections of real postmortems, not the
 * subject of one collection. A rare technical word ("xid", "cooling") cannot be added by mistake.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSourceFrontmatter } from '../../src/lib/importer/source-frontmatter.ts';
import { createTokenizer, stem } from '../../src/lib/similarity/term-model.ts';
import {
  NOT_A_MECHANISM,
  NOT_A_MECHANISM_KINDS,
  NOT_A_MECHANISM_WORDS,
} from '../../src/lib/similarity/not-a-mechanism.ts';

const COLLECTIONS = {
  icco: 'tests/corpus/import/icco',
  template: 'tests/corpus/import/template',
  dfds: 'tests/corpus/search/dfds/sources',
};
// About one document in a hundred (one of the 102 template postmortems is 0.98 %).
const LEAST_SHARE = 0.009;
const LEAST_COLLECTIONS = 2;

/** Per collection, the share of its documents that use each stem (title, summary and body, as written). */
function shares(directory: string): Map<string, number> {
  const files = readdirSync(directory).filter((name) => name.endsWith('.md') && name !== 'README.md');
  const read = createTokenizer();
  const df = new Map<string, number>();
  for (const file of files) {
    const text = readFileSync(join(directory, file), 'utf8');
    const source = readSourceFrontmatter(text);
    const data = source?.data ?? {};
    const prose = [data.title, data.summary, source ? source.body : text].filter(
      (value): value is string => typeof value === 'string',
    );
    for (const token of new Set(read(prose.join('\n\n')).map((token) => token.stem))) {
      df.set(token, (df.get(token) ?? 0) + 1);
    }
  }
  return new Map([...df].map(([token, count]) => [token, count / files.length]));
}

test('every word is common to at least two unrelated collections of real postmortems', (t) => {
  const measured = Object.values(COLLECTIONS).map(shares);
  const lines: string[] = [];
  const lacking: string[] = [];
  for (const word of Object.keys(NOT_A_MECHANISM_WORDS)) {
    const values = measured.map((share) => share.get(stem(word)) ?? 0);
    lines.push(`${word}\t${values.map((value) => `${(value * 100).toFixed(1)} %`).join('\t')}`);
    if (values.filter((value) => value >= LEAST_SHARE).length < LEAST_COLLECTIONS) lacking.push(word);
  }
  t.diagnostic(`word\t${Object.keys(COLLECTIONS).join('\t')}\n${lines.join('\n')}`);
  assert.deepEqual(lacking, []);
});

test('every word has a kind the list explains, and is a plain lower-case word', () => {
  for (const [word, kind] of Object.entries(NOT_A_MECHANISM_WORDS)) {
    assert.ok(kind in NOT_A_MECHANISM_KINDS, `${word}: unknown kind ${kind}`);
    assert.match(word, /^[a-z]+$/, word);
  }
  assert.ok(NOT_A_MECHANISM.has(stem('rollout')) && NOT_A_MECHANISM.has(stem('services')));
});
