/**
 * No text is lost in an import: every non-blank line of the source (after a frontmatter block
 * the importer read into fields) appears in the entry's body, on its own line and in order, equal to the source once Markdown escapes are read
 * (`\{` is `{`, `&lt;` is `<`, `&#105;` is `i`), and the body is accepted by the MDX compiler's parser.
 * Checked for every fixture and for generated documents full of what breaks MDX.
 */
import { test } from 'node:test';
import { createRandom } from '../../src/lib/statistics/random.ts';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importDocument } from '../../src/lib/importer/index.ts';
import { checkMdxBody } from '../../src/lib/content/mdx-safety.ts';
import { splitSource } from '../../src/lib/content/frontmatter.ts';
import { readSourceFrontmatter } from '../../src/lib/importer/source-frontmatter.ts';

const FIXTURES = 'tests/fixtures/import';

/**
 * What a Markdown reader shows for a line: backslash escapes and character references resolved,
 * and backticks dropped (a reference to a local file that is not there is kept as a code span).
 */
function shown(line: string): string {
  return line
    .replace(/`/g, '')
    .replace(/ {2,}/g, ' ')
    .replace(/\\([!-/:-@[-`{-~])/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_, code: string) => String.fromCodePoint(parseInt(code, 16)));
}

/** Checks one source; returns the number of source lines compared. */
function checkLossless(source: string, name: string): number {
  const result = importDocument(source, { sourceName: name });
  assert.ok(result.ok, `${name}: ${result.ok ? '' : result.reason}`);
  const { body, bodyStartLine } = splitSource(result.text);
  const problems = checkMdxBody(body);
  assert.deepEqual(
    problems,
    [],
    `${name}: the body must compile (file line ${problems[0] ? problems[0].line + bodyStartLine - 1 : 0})`,
  );

  // A frontmatter block the importer could read is mapped to fields; the body is the rest.
  const plain = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const front = readSourceFrontmatter(plain);
  const sourceLines = (front?.data ? front.body : plain).split('\n');
  const bodyLines = body.split('\n');
  // The original is the tail of the body, after the import note and a "---" rule.
  const start = bodyLines.length - 1 - sourceLines.length;
  assert.equal(bodyLines[start - 2], '---', `${name}: the original starts after the rule`);
  let compared = 0;
  sourceLines.forEach((line, index) => {
    if (line.trim() === '') return;
    compared++;
    const out = bodyLines[start + index];
    assert.equal(shown(out), shown(line), `${name}: source line ${index + 1} "${line}" became "${out}"`);
  });
  return compared;
}

test('every line of every fixture survives the import', (t) => {
  let lines = 0;
  const names = readdirSync(FIXTURES).sort();
  assert.ok(names.length >= 17, 'at least fifteen fixtures besides the two seeds');
  for (const name of names) lines += checkLossless(readFileSync(join(FIXTURES, name), 'utf8'), name);
  t.diagnostic(`${names.length} fixtures, ${lines} non-blank lines compared`);
});

/** A seeded generator, so a failure can be replayed from its seed. */
const random = createRandom;

const PIECES = [
  '{',
  '}',
  '{process.env.HOME}',
  '<',
  '>',
  '<div>',
  '</div>',
  '<br>',
  '<Callout>',
  '<!-- note -->',
  '<https://example.com/a?b=1>',
  '`code {x}`',
  '``a ` b``',
  '\\',
  '\\{',
  '\\\\',
  '&amp;',
  '&#123;',
  '*',
  '**',
  '_',
  '|',
  '$x$',
  ':::',
  '[link](https://x.example)',
  '![img](a.png)',
  'text',
  'the alert fired',
  '14:05 UTC',
  'escalated to the DB team',
  '50% of users',
  '🔥',
  'é',
  '—',
  '"',
  "'",
  '#',
  '\t',
  'import',
  'export',
  '=>',
  'root cause',
  '<a href="javascript:alert(1)">x</a>',
  '<script>alert(1)</script>',
  '${x}',
  '%',
  '[x]',
];

const STARTS = [
  '',
  '# ',
  '## ',
  '- ',
  '* ',
  '1. ',
  '> ',
  '    ',
  '| ',
  '**',
  '- [ ] ',
  'import ',
  'export ',
  '```',
  '~~~',
  '---',
  '===',
  '<',
  '{',
  '  - ',
];

function randomDocument(next: () => number): string {
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)];
  const lines = [
    `Start time: 2023-0${1 + Math.floor(next() * 9)}-1${Math.floor(next() * 9)} 1${Math.floor(next() * 9)}:05 UTC`,
  ];
  const count = 3 + Math.floor(next() * 30);
  for (let i = 0; i < count; i++) {
    if (next() < 0.12) {
      lines.push('');
      continue;
    }
    const words = Array.from({ length: 1 + Math.floor(next() * 6) }, () => pick(PIECES));
    lines.push(pick(STARTS) + words.join(next() < 0.5 ? ' ' : ''));
  }
  return lines.join(next() < 0.1 ? '\r\n' : '\n');
}

test('every line of generated documents survives the import and compiles', (t) => {
  let lines = 0;
  const documents = 300;
  // PROPERTY_SEED=n checks another window of documents; a failure names the seed to replay.
  const first = Number(process.env.PROPERTY_SEED ?? 1);
  for (let seed = first; seed < first + documents; seed++) {
    const source = randomDocument(random(seed));
    lines += checkLossless(source, `generated-${seed}.md`);
  }
  t.diagnostic(`${documents} generated documents, ${lines} non-blank lines compared`);
});
