import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { checkCollection, checkPostmortemSource, formatProblem } from '../../src/lib/content/validation.ts';
import { checkPostmortemFiles } from '../../src/node/postmortem-files.ts';
import { postmortemText, validFrontmatter } from '../helpers/postmortem.ts';

const NAME = '2024-05-02-checkout-pool.mdx';

function check(text: string, name = NAME) {
  return checkPostmortemSource({ file: `content/postmortems/${name}`, name, text });
}

describe('checkPostmortemSource', () => {
  it('accepts a valid file, with CRLF line endings too', () => {
    const text = postmortemText(validFrontmatter());
    assert.deepEqual(check(text).problems, []);
    assert.deepEqual(check(text.replace(/\n/g, '\r\n')).problems, []);
  });

  it('accepts a byte-order mark before the frontmatter', () => {
    assert.deepEqual(check(`\uFEFF${postmortemText(validFrontmatter())}`).problems, []);
  });

  it('names the line and field of a missing required field', () => {
    const data = validFrontmatter();
    delete data.started;
    const [problem] = check(postmortemText(data)).problems;
    assert.equal(problem.field, 'started');
    assert.equal(problem.line, 2);
    assert.match(problem.message, /is required: when user impact began/);
    assert.equal(formatProblem(problem).split('  ')[0], `content/postmortems/${NAME}:2:1`);
  });

  it('points at the line of a bad nested value', () => {
    const text = postmortemText(validFrontmatter()).replace('- capacity', '- capacty');
    const [problem] = check(text).problems;
    const line = text.split('\n').findIndex((l) => l.includes('capacty')) + 1;
    assert.equal(problem.field, 'rootCause.categories[1]');
    assert.equal(problem.line, line);
    assert.match(problem.message, /did you mean "capacity"/);
  });

  it('reports an unknown field at its own line with a suggestion', () => {
    const text = postmortemText({ ...validFrontmatter(), severty: 'sev1' });
    const problem = check(text).problems.find((p) => p.field === 'severty');
    assert.ok(problem);
    assert.equal(problem.line, text.split('\n').findIndex((l) => l.startsWith('severty')) + 1);
    assert.match(problem.message, /did you mean "severity"/);
  });

  it('reads unquoted times and days as the text written, offset kept', () => {
    const text = postmortemText(validFrontmatter()).replace(/started: "?([^"\n]+)"?/, 'started: $1');
    assert.match(text, /^started: 2024-05-02T09:10:00\+02:00$/m);
    const checked = check(text);
    assert.deepEqual(checked.problems, []);
    assert.equal(checked.data?.started, '2024-05-02T09:10:00+02:00');
  });

  it('refuses an unquoted day that does not exist instead of rolling it over', () => {
    for (const [day, reason] of [
      ['2024-13-01', /"2024-13-01" has month 13; months run 01 to 12/],
      ['2024-02-30', /"2024-02-30" has day 30, but 2024-02 has 29 days/],
      ['2023-02-29', /"2023-02-29" has day 29, but 2023-02 has 28 days/],
    ] as const) {
      for (const key of ['due', 'closed']) {
        const data = validFrontmatter() as Record<string, any>;
        data.actionItems[0][key] = 'DAY';
        const text = postmortemText(data).replace(/"?DAY"?/, day);
        assert.match(text, new RegExp(`${key}: ${day}$`, 'm'));
        const problem = check(text).problems.find((p) => p.field === `actionItems[0].${key}`);
        assert.ok(problem, `${key}: ${day} is refused: ${JSON.stringify(check(text).problems)}`);
        assert.match(problem.message, reason);
        assert.equal(problem.line, text.split('\n').findIndex((l) => l.includes(`${key}: ${day}`)) + 1);
      }
    }
  });

  it('holds every form of time to the year floor, {at, precision} and closed included', () => {
    const cases: [string, (d: Record<string, any>) => void][] = [
      ['started.at', (d) => (d.started = { at: '0024-03-08T10:30:00Z', precision: 'hour' })],
      ['resolved.at', (d) => (d.resolved = { at: '0001-05-02T12:00:00Z', precision: 'day' })],
      ['actionItems[0].closed', (d) => (d.actionItems[0].closed = '0024-04-01')],
    ];
    for (const [field, change] of cases) {
      const data = validFrontmatter() as Record<string, any>;
      change(data);
      const problems = check(postmortemText(data)).problems;
      assert.ok(
        problems.some(
          (p) => p.rule === 'date-range' && p.field === field && /must fall between 1970 and 2100/.test(p.message),
        ),
        `${field}: ${JSON.stringify(problems)}`,
      );
    }
  });

  it('refuses a closed day in the future or before the incident started', () => {
    const future = validFrontmatter() as Record<string, any>;
    future.actionItems[0].closed = `${new Date().getUTCFullYear() + 1}-01-15`;
    const [late] = check(postmortemText(future)).problems;
    assert.equal(late.field, 'actionItems[0].closed');
    assert.match(late.message, /is in the future; write the day the work was done/);
    const early = validFrontmatter() as Record<string, any>;
    early.actionItems[0].closed = '1999-04-01';
    const [before] = check(postmortemText(early)).problems;
    assert.equal(before.field, 'actionItems[0].closed');
    assert.match(before.message, /closed \("1999-04-01"\) is before started \(2024-05-02T09:10:00\+02:00\)/);
    const sameDay = validFrontmatter() as Record<string, any>;
    sameDay.actionItems[0].closed = '2024-05-02';
    assert.deepEqual(check(postmortemText(sameDay)).problems, []);
  });

  it('reports broken YAML with its position', () => {
    const text = '---\ntitle: "unterminated\nsummary: x\n---\n';
    const [problem] = check(text).problems;
    assert.match(problem.message, /broken YAML/);
    assert.ok(problem.line >= 2);
  });

  it('reports a missing or unclosed frontmatter block', () => {
    assert.match(check('# Just a heading\n').problems[0].message, /must start with a frontmatter block/);
    assert.match(check('---\ntitle: x\n').problems[0].message, /never closed/);
    assert.match(check('---\n---\n').problems[0].message, /empty/);
    assert.match(check('').problems[0].message, /must start with a frontmatter block/);
  });

  it('reports duplicate keys', () => {
    const text = postmortemText(validFrontmatter()).replace('severity: sev2', 'severity: sev2\nseverity: sev1');
    assert.ok(check(text).problems.some((p) => /broken YAML/.test(p.message) && /unique|duplicate/i.test(p.message)));
  });

  it('enforces the file naming convention and its date', () => {
    const text = postmortemText(validFrontmatter());
    assert.match(check(text, 'Checkout Pool.mdx').problems[0].message, /must be YYYY-MM-DD-some-slug/);
    const wrongDate = check(text, '2024-05-03-checkout-pool.mdx').problems[0];
    assert.equal(wrongDate.field, 'started');
    assert.match(wrongDate.message, /rename the file to 2024-05-02-checkout-pool\.mdx/);
  });
});

describe('every rule runs on the fields that parse, in the same run as the field errors', () => {
  const lines = (data: Record<string, unknown>) =>
    check(postmortemText(data)).problems.map((p) => `${p.field}  ${p.message}`);

  it('reports times out of order beside a wrong value elsewhere', () => {
    const data = validFrontmatter();
    data.severity = 'critical';
    data.mitigated = '2024-05-02T08:00:00+02:00';
    const found = lines(data);
    assert.equal(found.length, 2, found.join('\n'));
    assert.match(found[0], /^severity {2}text "critical" is not allowed; .*\(did you mean "sev1"\?\)$/);
    assert.match(found[1], /^mitigated {2}mitigated \(2024-05-02T08:00:00\+02:00\) is before started/);
  });

  it('checks the items of a list that parse when one does not, at their own index', () => {
    const data = validFrontmatter();
    const item = (data.actionItems as Record<string, unknown>[])[0];
    data.actionItems = [
      { ...item, term: 'soon' },
      { ...item, closed: '2024-04-01' },
    ];
    const found = lines(data);
    assert.equal(found.length, 2, found.join('\n'));
    assert.match(found[0], /^actionItems\[0\]\.term {2}text "soon" is not allowed/);
    assert.match(found[1], /^actionItems\[1\]\.closed {2}closed \("2024-04-01"\) is before started/);
  });

  it('never calls a field that did not parse missing, nor asks for fields when the status is unreadable', () => {
    const data = validFrontmatter();
    data.summary = '';
    assert.deepEqual(lines(data), ['summary  must not be empty']);
    const drafting = validFrontmatter();
    drafting.status = 'drafting';
    delete drafting.summary;
    const found = lines(drafting);
    assert.equal(found.length, 1, found.join('\n'));
    assert.match(found[0], /^status {2}text "drafting" is not allowed; .*did you mean "draft"/);
  });

  it('reports a rule across fields once when every field parses (zod ran it)', () => {
    const data = validFrontmatter();
    data.status = 'in-review';
    delete data.summary;
    assert.deepEqual(lines(data), [
      'summary  is required once a postmortem is in-review; only drafts may leave it out: one paragraph: what broke, for whom, for how long and why',
    ]);
  });

  it('holds a near miss to its rule beside a field error', () => {
    const data = { ...validFrontmatter(), kind: 'near-miss', severity: 'sev0' };
    const found = lines(data);
    assert.equal(found.length, 2, found.join('\n'));
    assert.match(found[0], /^severity {2}/);
    assert.match(found[1], /^preventedBy {2}must be written for a near miss/);
  });

  it('keeps what parsed for the cross-file rules and the review advice', () => {
    const data = validFrontmatter();
    data.severity = 'sev9';
    data.services = ['checkout-api', 'Payments Gateway', 'checkout-api'];
    const checked = check(postmortemText(data));
    assert.equal(checked.data, undefined);
    assert.deepEqual(checked.readable?.unreadable, ['severity', 'services']);
    assert.equal(checked.readable?.data.title, data.title);
    assert.deepEqual(Object.keys(checked.readable!.data.services!), ['0', '2'], 'the bad item is a hole, indices kept');
    assert.ok(checked.problems.some((p) => p.field === 'services[2]' && /listed twice/.test(p.message)));
  });
});

describe('checkCollection', () => {
  const entry = (name: string, change: (d: Record<string, any>) => void = () => {}) => {
    const data = validFrontmatter() as Record<string, any>;
    change(data);
    return check(postmortemText(data), name);
  };

  it('reports every file that shares an id', () => {
    const problems = checkCollection([entry('2024-05-02-a.mdx'), entry('2024-05-02-a.md')]);
    assert.equal(problems.length, 2);
    assert.match(problems[0].message, /id "2024-05-02-a" is also used by/);
  });

  it('requires related ids to exist, naming the line', () => {
    const a = entry('2024-05-02-a.mdx', (d) => (d.related = ['2024-05-02-b', '2024-05-02-missing']));
    const b = entry('2024-05-02-b.mdx');
    const problems = checkCollection([a, b]);
    assert.equal(problems.length, 1);
    assert.equal(problems[0].field, 'related[1]');
    assert.match(problems[0].message, /no postmortem has id "2024-05-02-missing"/);
    assert.ok(problems[0].line > 2);
  });

  it('refuses self references, and published links to drafts in production', () => {
    const self = entry('2024-05-02-a.mdx', (d) => (d.related = ['2024-05-02-a']));
    assert.match(checkCollection([self])[0].message, /itself/);
    const published = entry('2024-05-02-p.mdx', (d) => (d.related = ['2024-05-02-d']));
    const draft = entry('2024-05-02-d.mdx', (d) => (d.status = 'draft'));
    assert.equal(checkCollection([published, draft]).length, 0);
    assert.match(
      checkCollection([published, draft], { production: true })[0].message,
      /is draft, so it is not on the published site/,
    );
  });
});

describe('checkPostmortemFiles on disk', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'kb-validate-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reports problems in several files in one run, plus stray files, binaries and escaping links', () => {
    const content = join(dir, 'content');
    mkdirSync(content);
    const bad = validFrontmatter();
    delete bad.started;
    writeFileSync(join(content, '2024-05-02-good.mdx'), postmortemText(validFrontmatter()));
    writeFileSync(join(content, '2024-05-02-no-start.mdx'), postmortemText(bad));
    writeFileSync(
      join(content, '2024-05-02-bad-severity.mdx'),
      postmortemText({ ...validFrontmatter(), severity: 'huge' }),
    );
    writeFileSync(join(content, 'notes.txt'), 'scratch');
    writeFileSync(join(content, '2024-05-02-binary.mdx'), Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0x00, 0x01]));
    writeFileSync(join(content, '2024-05-02-latin1.mdx'), Buffer.from('---\ntitle: caf\xe9\n---\n', 'latin1'));
    writeFileSync(join(dir, 'outside.mdx'), postmortemText(validFrontmatter()));
    symlinkSync(join(dir, 'outside.mdx'), join(content, '2024-05-02-link.mdx'));
    const result = checkPostmortemFiles({ contentDir: content, cwd: dir });
    const byFile = (name: string) =>
      result.problems
        .filter((p) => p.file.endsWith(name))
        .map((p) => p.message)
        .join(' | ');
    assert.equal(byFile('2024-05-02-good.mdx'), '');
    assert.match(byFile('no-start.mdx'), /is required/);
    assert.match(byFile('bad-severity.mdx'), /not allowed; use one of: sev1/);
    assert.match(byFile('notes.txt'), /not a postmortem/);
    assert.match(byFile('binary.mdx'), /binary/);
    assert.match(byFile('latin1.mdx'), /not valid UTF-8/);
    // Only regular files are read: a link is refused by name wherever it points.
    assert.match(byFile('link.mdx'), /is a symbolic link; the site reads only regular files/);
  });
});

describe('npm run validate', () => {
  const cli = (args: string[], cwd: string) =>
    spawnSync(process.execPath, [join(import.meta.dirname, '../../src/cli/validate.ts'), ...args], {
      cwd,
      encoding: 'utf8',
    });

  it('exits 0 with a one-line summary when clean, 1 with one line per problem otherwise', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kb-cli-'));
    try {
      const content = join(dir, 'content', 'postmortems');
      mkdirSync(content, { recursive: true });
      writeFileSync(join(content, '2024-05-02-good.mdx'), postmortemText(validFrontmatter()));
      const clean = cli([], dir);
      assert.equal(clean.status, 0, clean.stdout + clean.stderr);
      assert.match(clean.stdout.trim(), /^✓ 1 postmortem valid/);
      const bad = validFrontmatter();
      delete bad.started;
      writeFileSync(join(content, '2024-05-02-bad.mdx'), postmortemText(bad));
      const failed = cli([], dir);
      assert.equal(failed.status, 1);
      const lines = failed.stdout.trim().split('\n');
      assert.equal(
        lines[0],
        'content/postmortems/2024-05-02-bad.mdx:2:1  started  is required: when user impact began (time with offset, day, or unknown with reason); the file name starts with its day',
      );
      assert.match(lines.at(-1)!, /^✗ 1 problem in 1 file/);
      const only = cli(['content/postmortems/2024-05-02-good.mdx'], dir);
      assert.equal(only.status, 0, 'paths limit the report to the files named');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('frontmatter nesting', () => {
  it('names values nested past the limit instead of a stack overflow, and leaves brackets in text alone', () => {
    const deep = postmortemText(validFrontmatter()).replace(
      /^severity: (.*)$/m,
      `severity: $1\nnote: ${'['.repeat(5000)}${']'.repeat(5000)}`,
    );
    const [problem] = check(deep).problems;
    assert.match(problem.message, /values are nested more than 128 levels deep/);
    assert.equal(problem.line, deep.split('\n').findIndex((line) => line.startsWith('note:')) + 1);
    const text = validFrontmatter() as Record<string, any>;
    text.rootCause.contributingFactors = [`${'['.repeat(300)}${']'.repeat(300)}`];
    assert.deepEqual(check(postmortemText(text)).problems, []);
  });
});
