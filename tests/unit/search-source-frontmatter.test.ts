/**
 * An imported write-up that still starts with its source's frontmatter as text keeps it on the
 * page, but out of the search index and its excerpts (data-pagefind-ignore). The body is the
 * shape icco/postmortems entries had after import (tests/corpus/import/icco).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'parse5';
import { processBody } from '../../src/lib/content/body.ts';

type Node = { nodeName: string; attrs?: { name: string }[]; childNodes?: Node[]; value?: string };
const paragraphs = (node: Node): Node[] =>
  node.nodeName === 'p' ? [node] : (node.childNodes ?? []).flatMap((child) => paragraphs(child));
const text = (node: Node): string =>
  node.nodeName === '#text' ? (node.value ?? '') : (node.childNodes ?? []).map(text).join('');
const ignored = (node: Node) => Boolean(node.attrs?.some((attribute) => attribute.name === 'data-pagefind-ignore'));

const IMPORTED = `---

\\---
uuid: 50a576ca-3171-417a-b001-50093be2d910
url: https://gocardless.com/blog/zero-downtime-postgres-migrations-the-hard-parts/
categories:
\\- config-change
company: GoCardless
source_fetched_at: 2026-05-04T17:47:54.124528Z

\\---

In late January, GoCardless experienced approximately 15 seconds of unexpected API downtime.
`;

function rendered(body: string) {
  const html = processBody(body, 'md').rendered?.html;
  assert.ok(html, 'the body renders');
  return paragraphs(parse(html) as unknown as Node).map((p) => ({ text: text(p).trim(), ignored: ignored(p) }));
}

test('the source frontmatter and its closing fence are shown but not indexed; the prose is', () => {
  const shown = rendered(IMPORTED);
  assert.equal(shown.length, 3);
  assert.match(shown[0].text, /uuid: 50a576ca.*source_fetched_at/s);
  assert.deepEqual(
    shown.map((p) => p.ignored),
    [true, true, false],
  );
});

test('prose that merely starts with a dash, or a fence that is not followed by YAML, stays indexed', () => {
  assert.deepEqual(
    rendered('\\--- then the database failed over.\n\nMore.\n').map((p) => p.ignored),
    [false, false],
  );
  assert.deepEqual(
    rendered('\\---\nThe database failed over at noon and nobody noticed.\n').map((p) => p.ignored),
    [false],
  );
  assert.deepEqual(
    rendered('First the story.\n\n\\---\nuuid: x\nurl: y\n').map((p) => p.ignored),
    [false, false],
    'only at the start of the write-up',
  );
});
