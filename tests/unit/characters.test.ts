import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { escapeForLog, quoted, unsafeCharacterIndex, unsafeCharacters } from '../../src/lib/core/characters.ts';
import { formatProblem } from '../../src/lib/content/problems.ts';
import { checkPostmortemSource } from '../../src/lib/content/validation.ts';
import { processBody } from '../../src/lib/content/body.ts';
import { planCheck, readAll } from '../../src/node/content-folder.ts';
import { postmortemText, validFrontmatter } from '../helpers/postmortem.ts';
import { projectTempDir } from '../helpers/tmp.ts';

const NAME = '2024-05-02-checkout-pool.mdx';
const check = (text: string) => checkPostmortemSource({ file: `content/postmortems/${NAME}`, name: NAME, text });

describe('characters no text may hold', () => {
  it('finds C0 (not tab or line breaks), DEL, C1, lone surrogates and noncharacters, and nothing else', () => {
    for (const bad of [
      '\u0000',
      '\u0001',
      '\u001b',
      '\u000b',
      '\u000c',
      '\u007f',
      '\u0085',
      '\u009b',
      '\ud800',
      '\udfff',
      '\ufffe',
      '\uffff',
    ])
      assert.equal(unsafeCharacterIndex(`ab${bad}c`), 2, JSON.stringify(bad));
    for (const good of ['\t', '\n', '\r\n', '\u00a0', '\u200d', '\u2028', '\ud83d\udd25', 'é', '中文', '\u05e9'])
      assert.equal(unsafeCharacterIndex(`ab${good}c`), -1, JSON.stringify(good));
    assert.deepEqual(
      unsafeCharacters('ok\na\u0001b\u0002\nfine\n\u001b').map(({ line, column }) => [line, column]),
      [
        [2, 2],
        [4, 1],
      ],
    );
  });

  it('names the text field that holds one, raw or written as a YAML escape', () => {
    const data = validFrontmatter() as Record<string, any>;
    data.actionItems[0].owner = 'DB\u009bteam';
    const [written] = check(postmortemText(data)).problems;
    assert.equal(written.field, 'actionItems[0].owner');
    assert.equal(written.rule, 'control-character');
    assert.match(written.message, /^holds U\+009B \(a control character\) at column 15/);
    const escaped = check(postmortemText(validFrontmatter()).replace(/^title: (.*)$/m, 'title: "a\\x01b"'));
    assert.deepEqual(
      escaped.problems.map((p) => [p.line, p.field, p.rule, p.message.slice(0, 42)]),
      [[2, 'title', 'control-character', '"a\\u0001b" holds U+0001 (a control charact']],
    );
    const raw = check(postmortemText(validFrontmatter()).replace(/^title: (.*)$/m, 'title: a\u0001b'));
    assert.deepEqual(
      raw.problems.map((p) => [p.line, p.field, p.rule]),
      [[2, 'title', 'control-character']],
    );
    const body = check(`${postmortemText(validFrontmatter())}\nA \u001b[31mred\u001b[0m line.\n`);
    assert.equal(body.problems[0].field, '(body)');
    assert.equal(body.problems[0].rule, 'control-character');
  });
});

describe('messages show what an author wrote escaped, on one line', () => {
  it('quotes values as JSON, with DEL, C1 and line separators escaped too', () => {
    assert.equal(quoted('\u001b[2J\n::error::x'), '"\\u001b[2J\\n::error::x"');
    assert.equal(quoted('a\u0085\u2028b'), '"a\\u0085\\u2028b"');
    assert.equal(escapeForLog('plain text'), 'plain text');
  });

  it('prints no control character and no line that starts with ::', () => {
    const line = formatProblem({
      file: 'content/x\n::error file=README.md::spoofed\n.md',
      line: 1,
      column: 1,
      field: 'severity',
      message: 'text "\u001b[2J\n::error::spoofed\n" is not allowed',
      severity: 'error',
    });
    assert.equal(line.split('\n').length, 1);
    assert.equal(unsafeCharacterIndex(line), -1);
    assert.ok(!line.startsWith('::'));
    const severity = validFrontmatter() as Record<string, any>;
    severity.severity = '\u001b[2J\n::error::spoofed\n';
    for (const problem of check(postmortemText(severity)).problems) {
      const printed = formatProblem(problem);
      assert.equal(printed.split('\n').length, 1, printed);
      assert.equal(unsafeCharacterIndex(printed), -1, printed);
    }
    assert.equal(
      formatProblem({
        file: '::error::x.md',
        line: 1,
        column: 1,
        field: '(file)',
        message: 'm',
        severity: 'error',
      }).slice(0, 4),
      './::',
    );
  });

  it('names the real cause: UTF-16, CR-only line endings, a name that is not UTF-8', () => {
    const dir = resolve(projectTempDir('characters-'));
    try {
      const content = join(dir, 'content');
      mkdirSync(content);
      const text = postmortemText(validFrontmatter());
      writeFileSync(
        join(content, '2024-05-02-utf16.mdx'),
        Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
      );
      writeFileSync(join(content, '2024-05-02-utf16be.mdx'), Buffer.from(text, 'utf16le').swap16());
      writeFileSync(Buffer.from(join(content, '2024-05-02-d\u00e9p\u00f4t.mdx'), 'latin1'), text);
      const { unreadable } = readAll(planCheck({ contentDir: content, cwd: dir }));
      const plan = planCheck({ contentDir: content, cwd: dir });
      assert.deepEqual(
        unreadable.map((file) => file.problem.message),
        [
          'is UTF-16 text; postmortems are UTF-8: save it as UTF-8 (without a BOM)',
          'is UTF-16 text; postmortems are UTF-8: save it as UTF-8 (without a BOM)',
        ],
      );
      assert.deepEqual(
        plan.problems.map((p) => [p.file, p.message]),
        [
          [
            'content/2024-05-02-d\\xe9p\\xf4t.mdx',
            'has a file name that is not valid UTF-8; rename it (postmortem names are YYYY-MM-DD-some-slug.mdx)',
          ],
        ],
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const [cr] = check(postmortemText(validFrontmatter()).replace(/\n/g, '\r')).problems;
    assert.match(cr.message, /carriage returns only \(CR, classic Mac OS line endings\)/);
  });
});

describe('character references the reader would replace', () => {
  it('are refused instead of shown as U+FFFD, in prose and in raw HTML, rendered or not', () => {
    for (const [body, format] of [
      ['The review &#x1b;[2J confirmed.\n', 'md'],
      ['The review &#0; confirmed.\n', 'mdx'],
      ['The review <kbd>&#xD800;</kbd> confirmed.\n', 'md'],
    ] as const) {
      for (const render of [false, true]) {
        const processed = processBody(body, format, { render });
        assert.deepEqual(
          processed.problems.map((p) => p.rule),
          ['control-character'],
          body,
        );
      }
    }
    assert.deepEqual(processBody('Fine: &amp; &#x2014; &#128293;\n', 'md').problems, []);
  });
});
