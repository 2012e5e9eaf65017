import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vocabularyProblems } from '../../src/node/vocabulary.ts';
import { parseVocabulary, vocabularyOf, VocabularyError } from '../../src/lib/search/vocabulary.ts';
import { parseQuery } from '../../src/lib/search/query.ts';

const FILE = 'content/vocabulary.yaml';

test("the project's vocabulary is valid and maps the abbreviations on-call engineers type", () => {
  const vocabulary = vocabularyOf(parseVocabulary(readFileSync(FILE, 'utf8'), FILE));
  const alternatives = (query: string) => parseQuery(query, vocabulary).map((term) => term.alternatives);
  assert.ok(alternatives('k8s')[0].includes('kubernetes'));
  assert.ok(alternatives('kubernetes')[0].includes('k8s'));
  assert.ok(alternatives('OOM')[0].includes('"out of memory"'));
  assert.ok(alternatives('out of memory')[0].includes('oom'));
  assert.ok(alternatives('cert')[0].includes('certificate'));
  assert.ok(alternatives('SSL')[0].includes('tls'));
  assert.ok(alternatives('db')[0].includes('database'));
  assert.ok(alternatives('LB')[0].includes('"load balancer"'));
  assert.ok(alternatives('ulimit')[0].includes('"file descriptors"'));
  assert.ok(alternatives('split brain')[0].includes('"network partition"'));
  assert.ok(alternatives('bluescreen')[0].includes('bsod'));
});

test('a group with one member names the file and its line', () => {
  const text = 'synonyms:\n  - [k8s, kubernetes]\n  - [oom]\n';
  assert.throws(
    () => parseVocabulary(text, FILE),
    (error: unknown) =>
      error instanceof VocabularyError &&
      error.line === 3 &&
      error.message === `${FILE}:3: a group needs two or more words that mean the same, got 1`,
  );
});

test('a word in two groups is an error on the second, naming the first', () => {
  const text = 'synonyms:\n  - [db, database]\n  - [pg, postgres]\n  - [Database, datastore]\n';
  assert.throws(
    () => parseVocabulary(text, FILE),
    /content\/vocabulary\.yaml:4: "Database" is already in the group on line 2/,
  );
});

test('a wrong shape or broken YAML says what would be right', () => {
  assert.throws(
    () => parseVocabulary('synonyms: k8s\n', FILE),
    /vocabulary\.yaml:1: "synonyms" must be a list of groups/,
  );
  assert.throws(() => parseVocabulary('words:\n  - [a, b]\n', FILE), /vocabulary\.yaml:1: unknown key "words"/);
  assert.throws(() => parseVocabulary('- [a, b]\n', FILE), /vocabulary\.yaml:1: the vocabulary must have "synonyms"/);
  assert.deepEqual(parseVocabulary('vague: [broke]\n', FILE), { synonyms: [], vague: ['broke'] });
  assert.throws(() => parseVocabulary('synonyms:\n  - k8s\n', FILE), /vocabulary\.yaml:2: each entry under "synonyms"/);
  assert.throws(
    () => parseVocabulary('synonyms:\n  - [k8s, 8]\n', FILE),
    /vocabulary\.yaml:2: a synonym must be a word or phrase, got 8/,
  );
  // A status code or version written bare is read by YAML as a number: the error says to quote it.
  assert.throws(
    () => parseVocabulary('synonyms:\n  - [502, bad gateway]\n', FILE),
    /vocabulary\.yaml:2: .*YAML reads 502 unquoted as a number: write "502" in quotes/,
  );
  assert.throws(
    () => parseVocabulary('synonyms:\n  - [a, b]\nvague: [broke, true]\n', FILE),
    /vocabulary\.yaml:3: a vague word must be one word, got true; YAML reads true unquoted as a boolean/,
  );
  // A key the vocabulary does not have (a typo of "vague") is an error, not words silently unused.
  assert.throws(
    () => parseVocabulary('synonyms:\n  - [a, b]\nvauge: [broke]\n', FILE),
    /vocabulary\.yaml:3: unknown key "vauge"; did you mean "vague"\?/,
  );
  assert.throws(() => parseVocabulary('synonyms: [a, b\n', FILE), /vocabulary\.yaml:\d+: not valid YAML/);
  assert.deepEqual(parseVocabulary('# nothing yet\n', FILE), { synonyms: [], vague: [] });
});

test('vague words are single words, listed once, never a synonym, and each says where it is', () => {
  const file = (vague: string) => `synonyms:\n  - [db, database]\nvague:\n${vague}`;
  assert.deepEqual(parseVocabulary(file('  - broke\n  - After\n'), FILE), {
    synonyms: [['db', 'database']],
    vague: ['broke', 'after'],
  });
  assert.throws(
    () => parseVocabulary(file('  broke\n'), FILE),
    /vocabulary\.yaml:4: "vague" must be a list of single words/,
  );
  assert.throws(
    () => parseVocabulary(file('  - broke\n  - went down\n'), FILE),
    /vocabulary\.yaml:5: a vague word must be one word, got "went down"/,
  );
  assert.throws(
    () => parseVocabulary(file('  - broke\n  - broke\n'), FILE),
    /vocabulary\.yaml:5: "broke" is already a vague word on line 4/,
  );
  assert.throws(
    () => parseVocabulary(file('  - db\n'), FILE),
    /vocabulary\.yaml:4: "db" is a synonym on line 2; a word in a group says what failed/,
  );
  const vocabulary = vocabularyOf(parseVocabulary(readFileSync(FILE, 'utf8'), FILE));
  const vague = parseQuery('dns broke after the EKS upgrade', vocabulary).map((term) => [term.written, !!term.vague]);
  assert.deepEqual(vague, [
    ['dns', false],
    ['broke', true],
    ['after', true],
    ['the', true],
    ['eks', false],
    ['upgrade', false],
  ]);
});

test('npm run validate reports a broken vocabulary beside the content folder with its file and line', () => {
  const root = mkdtempSync(join(tmpdir(), 'kb-vocabulary-'));
  try {
    mkdirSync(join(root, 'content', 'postmortems'), { recursive: true });
    writeFileSync(join(root, 'content', 'vocabulary.yaml'), 'synonyms:\n  - [k8s, kubernetes]\n  - [oom]\n');
    assert.deepEqual(vocabularyProblems('content/postmortems', root), [
      {
        file: join('content', 'vocabulary.yaml'),
        line: 3,
        column: 1,
        field: 'synonyms',
        message: 'a group needs two or more words that mean the same, got 1',
        severity: 'error',
      },
    ]);
    writeFileSync(join(root, 'content', 'vocabulary.yaml'), 'synonyms:\n  - [k8s, kubernetes]\n');
    assert.deepEqual(vocabularyProblems('content/postmortems', root), []);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
