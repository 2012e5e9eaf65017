/**
 * The body pipeline (src/lib/content/body.ts): one parse, checks on that tree, sanitized HTML
 * out. What it accepts is rendered as shown here; what it refuses names the line and the rule.
 * The hostile corpus (tests/build/hostile-corpus.test.ts) covers the attacks one by one.
 */
import { describe, it, test } from 'node:test';
import assert from 'node:assert/strict';
import { isCommentOnly, processBody, type BodyFormat } from '../../src/lib/content/body.ts';
import { checkPostmortemSource } from '../../src/lib/content/validation.ts';
import { validFrontmatter } from '../helpers/postmortem.ts';
import { PAGE_IDS } from '../../src/lib/content/page-ids.ts';
import { LIMITS } from '../../src/lib/core/limits.ts';
import { incidentPage } from '../../src/lib/site/incident-page.ts';
import { postmortemSchema } from '../../src/lib/core/schema.ts';

test('prose, authoring components with string attributes, HTML and comments are rendered', () => {
  const body = [
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
    '<ActionItems term="long">',
    '',
    '- [ ] Move lookups to a replica',
    '',
    '</ActionItems>',
    '',
    '<details><summary>More</summary>Text <kbd>Ctrl</kbd></details>',
    '',
    '{/* a note for reviewers */}',
    '',
    '```js',
    'const x = { a: 1 }; import("y")',
    '```',
  ].join('\n');
  const { problems, rendered } = processBody(body, 'mdx');
  assert.deepEqual(problems, []);
  const html = rendered!.html;
  assert.match(html, /<h1 id="heading">Heading<\/h1>/);
  assert.match(
    html,
    /<aside class="callout" data-type="warning" aria-label="Open"><p class="callout-title" data-pagefind-ignore="">Open<\/p><div class="callout-body"><p>Markdown <strong>inside<\/strong>, with <code>\{code\}<\/code> and an escaped \{brace\}.<\/p><\/div><\/aside>/,
  );
  assert.match(
    html,
    /<section class="authoring-timeline" aria-label="Timeline"><p class="authoring-timeline-zone">Times in UTC<\/p>/,
  );
  assert.match(html, /<span class="authoring-actions-term">Long term<\/span>/);
  assert.match(html, /<details><summary>More<\/summary>Text <kbd>Ctrl<\/kbd><\/details>/);
  assert.match(html, /<code class="language-js">const x = \{ a: 1 \}; import\("y"\)/);
  assert.doesNotMatch(html, /reviewers/);
  assert.deepEqual(rendered!.headings, [{ depth: 1, slug: 'heading', text: 'Heading' }]);
});

test('Markdown keeps the HTML the sanitizer keeps, and comments', () => {
  const { problems, rendered } = processBody(
    'Press <kbd>K</kbd>.<br>\n\n<!-- reviewer note -->\n\n| a |\n| - |\n| <sup>1</sup> |\n',
    'md',
  );
  assert.deepEqual(problems, []);
  assert.match(rendered!.html, /<kbd>K<\/kbd>\.<br>/);
  assert.match(rendered!.html, /<td><sup>1<\/sup><\/td>/);
});

test('a comment is a comment only when the JavaScript tokenizer finds no token in it', () => {
  assert.equal(isCommentOnly('/* note */'), true);
  assert.equal(isCommentOnly('// note\n'), true);
  assert.equal(isCommentOnly('/* a */ // b\nprocess.env.HOME'), false);
  assert.equal(isCommentOnly('// a\u2028process.env.HOME'), false);
  assert.equal(isCommentOnly('/* unterminated'), false);
  assert.equal(isCommentOnly('"/* string */"'), false);
});

const REJECTED: [string, BodyFormat, string, string, RegExp, number][] = [
  [
    'a Node import',
    'mdx',
    "import fs from 'node:fs'",
    'esm',
    /is JavaScript.*remove it: postmortems import nothing/,
    1,
  ],
  [
    'the old component import',
    'mdx',
    "import Callout from '../../src/components/authoring/Callout.astro'",
    'esm',
    /work without an import/,
    1,
  ],
  ['an export', 'mdx', 'text\n\nexport const x = 1', 'esm', /a postmortem exports nothing/, 3],
  [
    'an expression',
    'mdx',
    'Home: {process.env.HOME}',
    'expression',
    /the expression \{process\.env\.HOME\} is code/,
    1,
  ],
  ['a comment hiding code', 'mdx', '{/* a */ // b\nprocess.env.HOME}', 'expression', /is code/, 1],
  ['an unknown component', 'mdx', '<Chart data="x" />', 'jsx-component', /<Chart> is not an authoring component/, 1],
  ['a fragment', 'mdx', '<>x</>', 'jsx-component', /fragment/, 1],
  ['a script element', 'mdx', 'a\n\n<script>alert(1)</script>', 'jsx-component', /<script> is not allowed/, 3],
  [
    'an attribute expression',
    'mdx',
    '<Callout title={x}>a</Callout>',
    'jsx-attribute',
    /title=\{x\}: attribute values must be quoted strings/,
    1,
  ],
  ['a directive', 'mdx', '<span set:html="x">a</span>', 'jsx-attribute', /directives/, 1],
  [
    'an unknown component attribute',
    'mdx',
    '<Callout kind="x">a</Callout>',
    'jsx-attribute',
    /<Callout> has no attribute kind/,
    1,
  ],
  ['a style attribute', 'mdx', '<div style="position:fixed;inset:0">x</div>', 'jsx-attribute', /style attribute/, 1],
  ['an event handler', 'md', '<img src="a.png" onerror="alert(1)">', 'raw-html', /event handler onerror/, 1],
  [
    'a self-closing meta refresh',
    'md',
    '<meta http-equiv="refresh" content="0;url=https://x" />',
    'raw-html',
    /<meta> is not allowed/,
    1,
  ],
  ['an id', 'md', '<span id="search">x</span>', 'raw-html', /has id="search"; remove it/, 1],
  ['a body start tag', 'md', 'x <body onload="alert(1)"> y', 'raw-html', /<body> cannot appear/, 1],
  ['a javascript: link', 'md', '[x](javascript:alert(1))', 'url', /link to "javascript:alert\(1\)"/, 1],
  ['an entity-encoded javascript: link', 'md', '[x](jav&#x61;script:alert(1))', 'url', /javascript:alert/, 1],
  ['a tab inside the scheme', 'md', '[x](java&#x09;script:alert(1))', 'url', /not allowed/, 1],
  ['a data: image in MDX', 'mdx', '![x](data:text/html,hi)', 'url', /image to "data:text\/html,hi"/, 1],
  [
    'a definition to vbscript:',
    'md',
    'text\n\n[x]: vbscript:msgbox(1)',
    'url',
    /link to "vbscript:msgbox\(1\)" is not allowed \(in this definition\)/,
    3,
  ],
  ['an unclosed comment', 'md', 'a\n\n<!-- never closed\n\n# Hidden', 'html-comment', /never closed/, 3],
  ['a syntax error', 'mdx', 'a\n\n<b>unclosed', 'syntax', /the MDX parser cannot read this/, 3],
];

describe('refused bodies name the line and the rule, and render nothing', () => {
  for (const [what, format, body, rule, message, line] of REJECTED) {
    it(what, () => {
      const { problems, rendered } = processBody(body, format);
      assert.equal(rendered, undefined);
      // Without rendering (validate), the first reading has no positions: the same problems, same lines.
      assert.deepEqual(processBody(body, format, { render: false }).problems, problems);
      const found = problems.find((problem) => problem.rule === rule && message.test(problem.message));
      assert.ok(found, JSON.stringify(problems));
      assert.equal(found.line, line);
    });
  }
});

test('body lines are reported as file lines, with the rule', () => {
  const text = [
    '---',
    'title: Probe',
    'status: draft',
    'started: "2024-01-05T10:00:00Z"',
    '---',
    '',
    'x {1 + 1}',
    '',
  ].join('\n');
  const checked = checkPostmortemSource({ file: 'a.mdx', name: '2024-01-05-probe.mdx', text });
  assert.equal(checked.rendered, undefined);
  assert.deepEqual(
    checked.problems.map((p) => [p.line, p.field, p.rule]),
    [[7, '(body)', 'expression']],
  );
});

test('plain Markdown yields only HTML the sanitizer keeps, so validate may skip rendering it', async () => {
  const { sanitizeAndCompare } = await import('../../src/lib/content/html-policy.ts');
  const { markdownToMdast } = await import('satteri');
  const { toHast } = await import('mdast-util-to-hast');
  const body = [
    '# H1',
    '## H2 *em* **strong** ~~del~~ `code`',
    '',
    'Setext',
    '------',
    '',
    '> quote',
    '',
    '- item',
    '  1. nested',
    '- [x] task',
    '',
    '| a | b |',
    '| :- | -: |',
    '| 1 | 2 |',
    '',
    '```ts',
    'const x = 1;',
    '```',
    '',
    '    indented',
    '',
    '***',
    '',
    'Text with a footnote[^1] and a hard',
    'break and "quotes" -- dashes...',
    '',
    '[^1]: The note.',
  ].join('\n');
  const tree = markdownToMdast(body, { features: { frontmatter: false, gfm: true, smartPunctuation: true } });
  const { findings } = sanitizeAndCompare(toHast(tree as never) as never);
  assert.deepEqual(findings, []);
  for (const format of ['md', 'mdx'] as const) {
    assert.deepEqual(processBody(body, format).problems, []);
  }
});

test('internal placeholder tags are refused wherever an author writes them; <Callout> still renders', () => {
  for (const [body, format, rule] of [
    ['<pm-callout type="constructor">x</pm-callout>\n', 'md', 'raw-html'],
    ['Inline <pm-timeline></pm-timeline> tag.\n', 'md', 'raw-html'],
    ['<PM-ACTION-ITEMS></PM-ACTION-ITEMS>\n', 'md', 'raw-html'],
    ['<pm-callout type="warning" title="t">\n\nx\n\n</pm-callout>\n', 'mdx', 'jsx-component'],
  ] as const) {
    const processed = processBody(body, format);
    assert.equal(processed.rendered, undefined, body);
    assert.deepEqual(
      processed.problems.map((p) => [p.line, p.rule]),
      [[1, rule]],
      body,
    );
  }
  const callout = processBody('<Callout type="warning" title="Still open">\n\nx\n\n</Callout>\n', 'mdx');
  assert.deepEqual(callout.problems, []);
  assert.match(callout.rendered!.html, /<aside class="callout" data-type="warning" aria-label="Still open">/);
  assert.doesNotMatch(callout.rendered!.html, /pm-/);
});

test("heading ids never take the page's own ids or the footnotes'", () => {
  const { rendered } = processBody(
    '# Main\n\n## Timeline heading\n\n## Footnote label\n\n## user-content-fn-1\n\nText[^1].\n\n## Main\n\n[^1]: A note.\n',
    'md',
  );
  assert.deepEqual(
    rendered!.headings.map((heading) => heading.slug),
    ['main-1', 'timeline-heading-1', 'footnote-label-1', 'user-content-fn-1-1', 'main-2'],
  );
  const ids = [...rendered!.html.matchAll(/ id="([^"]+)"/g)].map((match) => match[1]);
  assert.equal(new Set([...ids, ...PAGE_IDS]).size, ids.length + PAGE_IDS.length, ids.join(' '));
  assert.match(rendered!.html, /<h2 class="sr-only" id="footnote-label">Footnotes<\/h2>/);
});

test('the page ids a body may not take include every section of the incident page', () => {
  const { sections } = incidentPage(postmortemSchema.parse(validFrontmatter()), true);
  for (const section of sections) {
    assert.ok(PAGE_IDS.includes(section.id), section.id);
    assert.ok(PAGE_IDS.includes(`${section.id}-heading`), section.id);
  }
});

test('one set of limits, checked on the tree before rendering, whether or not the body is rendered', () => {
  const cases: [string, string, RegExp][] = [
    ['deep list', `${'- '.repeat(LIMITS.nestingDepth)}deep\n`, /nested more than 128 levels deep/],
    ['deep quote', `${'>'.repeat(LIMITS.nestingDepth)} deep\n`, /nested more than 128 levels deep/],
    [
      'wide table',
      `|${'c|'.repeat(101)}\n|${'-|'.repeat(101)}\n${'|x|\n'.repeat(99)}`,
      /100 rows of 101 columns \(10100 cells\); the limit is 10000 cells/,
    ],
    [
      'reference bomb',
      `[r]: https://example.com/${'a'.repeat(2000)}\n\n${'[x][r] '.repeat(60)}\n`,
      /the limit is 80000, beyond which the Markdown reader stops linking them/,
    ],
  ];
  for (const [name, body, message] of cases) {
    for (const render of [false, true]) {
      const processed = processBody(body, 'md', { render });
      assert.equal(processed.problems.length, 1, `${name}: ${JSON.stringify(processed.problems)}`);
      assert.equal(processed.problems[0].rule, 'limit', name);
      assert.match(processed.problems[0].message, message, name);
      assert.equal(processed.rendered, undefined, name);
    }
  }
  const atLimit = processBody(`|${'c|'.repeat(100)}\n|${'-|'.repeat(100)}\n${'|x|\n'.repeat(99)}`, 'md');
  assert.deepEqual(atLimit.problems, []);
  // Padded as rendered: 99 rows of 100 cells under the header.
  assert.equal(atLimit.rendered!.html.split('<td').length - 1, 9900);
});

test('a body satteri would abort the process on is read and refused like any other', () => {
  // satteri 0.10 panics (no exception, the process ends) on an MDX body ending inside an ESM line with a backslash.
  for (const body of ['import ```#)\\', 'Text.\n\nexport ```a\\']) {
    const { problems } = processBody(body, 'mdx');
    assert.ok(problems.length > 0, JSON.stringify(body));
    assert.ok(problems.every((problem) => problem.line >= 1));
  }
});

test('a character reference for a control character is refused in a component attribute as in text', () => {
  for (const render of [false, true]) {
    const { problems } = processBody('<Callout type="note" title="a&#x1b;b">Text</Callout>\n', 'mdx', { render });
    assert.deepEqual(
      problems.map((problem) => problem.rule),
      ['control-character'],
    );
  }
});
