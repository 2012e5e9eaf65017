import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkPostmortemSource } from '../../src/lib/content/validation.ts';
import { previewLead, previewOf, previewRecordSchema, SOURCE_LINES_SHOWN } from '../../src/lib/content/preview.ts';
import { postmortemText, validFrontmatter } from '../helpers/postmortem.ts';

const NAME = '2024-05-02-checkout-pool.mdx';
const FILE = `content/postmortems/${NAME}`;

function check(text: string, options: { render?: boolean; preview?: boolean } = { render: true, preview: true }) {
  return checkPostmortemSource({ file: FILE, name: NAME, text }, options);
}

/** The preview of a file as the dev loader makes it: the validator's problems, the body it let through. */
function preview(text: string) {
  const checked = check(text);
  return previewOf({
    id: checked.id,
    file: FILE,
    text,
    problems: checked.problems,
    body: checked.rendered ?? checked.bodyPreview,
  });
}

describe('checkPostmortemSource with preview', () => {
  it('keeps the HTML of a clean body when only the frontmatter has problems', () => {
    const text = postmortemText(
      { ...validFrontmatter(), severity: 'sev5' },
      '\n## What happened\n\nThe **pool** ran dry.\n',
    );
    const checked = check(text);
    assert.equal(checked.rendered, undefined, 'nothing of a file with problems is published');
    assert.match(checked.bodyPreview!.html, /<strong>pool<\/strong>/);
  });

  it('keeps no HTML when the body itself has a problem, nor without being asked', () => {
    const bad = postmortemText({ ...validFrontmatter(), severity: 'sev5' }, '\n<script>alert(1)</script>\n');
    assert.equal(check(bad).bodyPreview, undefined);
    const clean = postmortemText({ ...validFrontmatter(), severity: 'sev5' });
    assert.equal(check(clean, { render: true }).bodyPreview, undefined);
  });

  it('gives a valid file its published HTML and no preview', () => {
    const checked = check(postmortemText(validFrontmatter()));
    assert.ok(checked.rendered);
    assert.equal(checked.bodyPreview, undefined);
  });
});

describe('previewOf', () => {
  it('lists every problem with the validator’s messages, and the frontmatter as written with its lines', () => {
    const text = postmortemText({ ...validFrontmatter(), severity: 'sev5', status: 'draft' });
    const checked = check(text);
    const record = preview(text);
    assert.equal(record.kind, 'invalid');
    assert.equal(record.title, validFrontmatter().title);
    assert.equal(record.status, 'draft');
    assert.deepEqual(
      record.problems.map((problem) => problem.message),
      checked.problems.map((problem) => problem.message),
    );
    const severity = record.problems.find((problem) => problem.field === 'severity')!;
    assert.equal(record.source.lines[severity.line - 1], 'severity: sev5', 'the problem’s line is the line shown');
    assert.equal(record.source.lines[0], '---');
    assert.equal(record.source.lines.at(-1), '---');
    assert.equal(record.source.more, 0);
    assert.ok(record.bodyShown);
    assert.doesNotThrow(() => previewRecordSchema.parse(record));
  });

  it('withholds a body with a problem, and says why', () => {
    const record = preview(postmortemText(validFrontmatter(), '\n<iframe src="https://example.com"></iframe>\n'));
    assert.equal(record.kind, 'invalid');
    assert.equal(record.bodyShown, false);
    assert.equal(record.body, undefined);
    assert.match(record.bodyWithheld!, /body .*has problems/);
  });

  it('shows review warnings about the body without withholding it', () => {
    const text = postmortemText({ ...validFrontmatter(), status: 'draft' }, '\n## Discussion\n');
    const checked = check(text);
    const record = previewOf({
      id: checked.id,
      file: FILE,
      text,
      problems: [
        { file: FILE, line: 40, column: 1, field: '(body)', message: 'the section is empty', severity: 'warning' },
      ],
      body: checked.rendered,
    });
    assert.equal(record.kind, 'unpublished');
    assert.ok(record.bodyShown);
    assert.equal(
      previewLead(record),
      'Draft — not published; a production build leaves it out until its status is "published".',
    );
  });

  it('reads no title from frontmatter the validator refused to read, and spells out control characters', () => {
    const text = `---\ntitle: !!binary aGVsbG8=\nstatus: draft\nsummary: "a\u001bb"\n---\n\nBody.\n`;
    const record = preview(text);
    assert.equal(record.kind, 'invalid');
    assert.equal(record.title, undefined, 'a tagged value is not read');
    assert.ok(record.source.lines.some((line) => line.includes('\\u001b')));
    assert.ok(record.source.lines.every((line) => !line.includes('\u001b')));
  });

  it('shows the first lines of a file without a frontmatter block, and counts the rest', () => {
    const lines = Array.from({ length: SOURCE_LINES_SHOWN + 5 }, (_, index) => `line ${index + 1}`);
    const record = preview(`title: no fences\n${lines.join('\n')}\n`);
    assert.equal(record.kind, 'invalid');
    assert.equal(record.source.lines.length, SOURCE_LINES_SHOWN);
    assert.equal(record.source.more, 7);
    assert.equal(record.bodyShown, false);
    assert.match(record.bodyWithheld!, /frontmatter block/);
  });

  it('shows only the problems of a file that could not be read as text', () => {
    const record = previewOf({
      id: '2024-05-02-binary',
      file: 'content/postmortems/2024-05-02-binary.mdx',
      text: undefined,
      problems: [
        {
          file: 'content/postmortems/2024-05-02-binary.mdx',
          line: 1,
          column: 1,
          field: '(file)',
          message: 'is a binary file',
          severity: 'error',
        },
      ],
    });
    assert.equal(record.kind, 'invalid');
    assert.deepEqual(record.source.lines, []);
    assert.equal(record.bodyShown, false);
    assert.match(record.bodyWithheld!, /could not be read/);
    assert.doesNotThrow(() => previewRecordSchema.parse(record));
  });

  it('names the number of problems in the lead of an invalid file', () => {
    const one = preview(postmortemText({ ...validFrontmatter(), severity: 'sev5' }));
    assert.equal(
      previewLead(one),
      'Not valid — not published; a production build stops on this file until this problem is fixed.',
    );
    const two = preview(postmortemText({ ...validFrontmatter(), severity: 'sev5', status: 'later' }));
    assert.match(previewLead(two), /until these 2 problems are fixed/);
  });
});
