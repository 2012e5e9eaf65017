/**
 * MDX postmortems may hold prose, the authoring components and plain HTML, nothing that
 * runs code; the validator names the file line of anything else.
 */
import { describe, it, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AUTHORING_COMPONENTS,
  authoringImport,
  checkMarkdownBody,
  checkMdxBody,
  isCommentOnly,
} from '../../src/lib/content/mdx-safety.ts';
import { checkPostmortemSource } from '../../src/lib/content/validation.ts';
import { existsSync } from 'node:fs';

const FRONTMATTER = ['---', 'title: Probe', 'status: draft', 'started: "2024-01-05T10:00:00Z"', '---', ''].join('\n');

test('prose, authoring components with string attributes, HTML and comments are allowed', () => {
  const body = [
    authoringImport('Callout'),
    "import Timeline from '../../src/components/authoring/Timeline.astro'",
    '',
    '# Heading',
    '',
    '<Callout type="warning" title="Open">',
    '',
    'Markdown **inside**, with `{code}` and an escaped \\{brace\\}.',
    '',
    '</Callout>',
    '',
    '<Timeline zone="UTC">',
    '',
    '- **14:02** errors',
    '',
    '</Timeline>',
    '',
    '<details><summary>More</summary>Text <kbd>Ctrl</kbd></details>',
    '',
    '{/* a note for reviewers */}',
    '',
    '```js',
    'const x = { a: 1 }; import("y")',
    '```',
  ].join('\n');
  assert.deepEqual(checkMdxBody(body), []);
});

test('every authoring component exists where the allowed import points', () => {
  for (const name of AUTHORING_COMPONENTS) {
    assert.ok(existsSync(`src/components/authoring/${name}.astro`), name);
    assert.equal(authoringImport(name), `import ${name} from '../../src/components/authoring/${name}.astro';`);
  }
});

const REJECTED: [string, string, RegExp, number][] = [
  ['a Node import', "import fs from 'node:fs'", /import of "node:fs" is not allowed/, 1],
  [
    'a relative import of other code',
    "import x from '../../src/lib/time.ts'",
    /import of "..\/..\/src\/lib\/time.ts" is not allowed/,
    1,
  ],
  [
    'a renamed component import',
    "import Box from '../../src/components/authoring/Callout.astro'",
    /under its own name/,
    1,
  ],
  ['a named import', "import { Callout } from '../../src/components/authoring/Callout.astro'", /is not allowed/, 1],
  ['an export', 'export const x = 1', /may not export anything/, 1],
  ['an expression', 'Home is {process.env.HOME}.', /the expression \{process\.env\.HOME\} is code/, 1],
  ['a flow expression', '\n{fetch("https://x.example")}', /the expression \{fetch/, 2],
  ['an attribute expression', '<span title={process.env.SECRET}>x</span>', /title=\{process\.env\.SECRET\}/, 1],
  ['a spread attribute', '<span {...props}>x</span>', /spreads an expression/, 1],
  ['an event handler', '<img src="a.png" onerror="alert(1)" />', /event handler onerror/, 1],
  ['a directive', '<div set:html="<b>x</b>" />', /directive set:html/, 1],
  ['a javascript: URL', '<a href="javascript:alert(1)">x</a>', /only http\(s\), relative and mailto/, 1],
  ['a script element', '<script>{"alert(1)"}</script>', /<script> is not allowed/, 1],
  ['an iframe', '<iframe src="https://x.example"></iframe>', /<iframe> is not allowed/, 1],
  ['an unknown component', '<Chart data="x" />', /<Chart> is not an authoring component/, 1],
  ['a component used without import', '<Callout>x</Callout>', /used but not imported/, 1],
  ['a syntax error', 'Text\n\na <b> without end and {', /the MDX compiler cannot read this/, 3],
];

for (const [what, body, message, line] of REJECTED) {
  test(`rejects ${what}, naming the line`, () => {
    const problems = checkMdxBody(body);
    assert.ok(problems.length > 0, 'rejected');
    assert.match(problems[0].message, message);
    assert.equal(problems[0].line, line);
  });
}

test('isCommentOnly tells comments from code', () => {
  assert.ok(isCommentOnly('/* note */'));
  assert.ok(isCommentOnly(' // note\n /* two */ '));
  assert.ok(!isCommentOnly('/* note */ process.env.HOME'));
  assert.ok(!isCommentOnly('1'));
});

test('the validator reports unsafe MDX at the line of the file, and ignores .md bodies', () => {
  const text = `${FRONTMATTER}\nIntro line.\n\nimport fs from 'node:fs'\n\nHome: {process.env.HOME}\n`;
  const mdx = checkPostmortemSource({
    file: 'content/postmortems/2024-01-05-probe.mdx',
    name: '2024-01-05-probe.mdx',
    text,
  });
  const body = mdx.problems.filter((problem) => problem.field === '(body)');
  const lineOf = (start: string) => text.split('\n').findIndex((line) => line.startsWith(start)) + 1;
  assert.deepEqual(
    body.map((problem) => problem.line),
    [lineOf('import fs'), lineOf('Home:')],
  );
  assert.ok(
    body.every(
      (problem) => problem.severity === 'error' && problem.file === 'content/postmortems/2024-01-05-probe.mdx',
    ),
  );
  const md = checkPostmortemSource({
    file: 'content/postmortems/2024-01-05-probe.md',
    name: '2024-01-05-probe.md',
    text,
  });
  assert.deepEqual(md.problems, [], 'plain Markdown shows braces and import lines as text');
});

describe('script and data URLs in Markdown links', () => {
  it('rejects javascript:, vbscript: and data: links and images in MDX, naming the line', () => {
    const problems = checkMdxBody(
      'Intro.\n\n[click](javascript:alert(1))\n\n![x](data:image/svg+xml,abc)\n\n[ok](https://example.com)\n',
    );
    assert.deepEqual(
      problems.map((p) => p.line),
      [3, 5],
    );
    assert.match(problems[0].message, /link to "javascript:alert\(1\)" is not allowed/);
  });
});

describe('checkMarkdownBody (.md postmortems)', () => {
  it('accepts plain Markdown and harmless HTML', () => {
    assert.deepEqual(
      checkMarkdownBody(
        '## Timeline\n\n<details><summary>Logs</summary>\n\nText <kbd>Ctrl</kbd>\n\n</details>\n\n<!-- a note -->\n',
      ),
      [],
    );
  });

  it('rejects scripts, event handlers, styles and script URLs in raw HTML with their line', () => {
    const body =
      'Text.\n\n<script>alert(1)</script>\n\n<img src="x.png" onerror="alert(1)">\n\n<a href="javascript:alert(1)">x</a>\n\n<p style="position:fixed">x</p>\n\n[y](javascript:void(0))\n';
    const problems = checkMarkdownBody(body);
    assert.deepEqual(
      problems.map((p) => p.line),
      [3, 5, 7, 9, 11],
    );
    assert.match(problems[0].message, /<script> is not allowed/);
    assert.match(problems[1].message, /event handler onerror/);
  });
});
