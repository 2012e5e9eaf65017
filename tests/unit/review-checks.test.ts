/**
 * `npm run validate -- --strict` warns about what a reviewer would ask for, and warnings
 * never fail the run.
 */
import { projectTempDir } from '../helpers/tmp.ts';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  blamesPeopleOnly,
  bodyHeadings,
  formatGithubAnnotation,
  MAX_SUMMARY_LENGTH,
  reviewChecks,
} from '../../src/lib/content/review-checks.ts';
import { checkPostmortemSource } from '../../src/lib/content/validation.ts';
import { RECOMMENDED_FIELDS } from '../helpers/postmortem.ts';
import { reviewLabel, unreviewedLabels } from '../../src/lib/content/review-points.ts';

function entry(frontmatter: string, body = '') {
  const name = '2024-01-05-probe.mdx';
  const text = `---\ntitle: Probe\nstatus: draft\nstarted: "2024-01-05T10:00:00Z"\n${frontmatter}---\n${body}`;
  const checked = checkPostmortemSource({ file: name, name, text });
  assert.deepEqual(checked.problems, [], 'the probe is valid');
  return reviewChecks({ ...checked, data: checked.data! });
}

const fields = (problems: ReturnType<typeof reviewChecks>) => problems.map((problem) => problem.field);

test('a bare draft is missing every recommended section and a narrative', () => {
  const problems = entry('');
  assert.deepEqual(fields(problems), [...RECOMMENDED_FIELDS, '(body)']);
  assert.match(problems[5].message, /^no narrative/);
  assert.ok(problems.every((problem) => problem.severity === 'warning'));
  assert.match(problems[0].message, /fill impact\.description or add a "## Impact" section/);
});

test('a section counts when the frontmatter field is filled or the body has its heading', () => {
  const fromFields = entry(
    'impact:\n  description: Users could not log in.\nrootCause:\n  description: A missing index.\nresolution: Added the index.\n',
    '\n## Timeline\n\n- 10:00 it broke\n\n### Follow-ups\n\n- add alerting\n',
  );
  assert.deepEqual(fields(fromFields), []);
  assert.deepEqual(
    bodyHeadings('# A\n\n```\n# not a heading\n```\n\n## B\n').map((h) => h.text),
    ['A', 'B'],
  );
});

test('open action items without an owner are named', () => {
  const problems = entry(
    [
      'actionItems:',
      '  - title: Add the index',
      '    owner: Database team',
      '  - title: Alert on slow logins',
      '  - title: Old idea',
      '    status: wont-do',
      '',
    ].join('\n'),
    '\n## Impact\n\nSome.\n\n## Timeline\n\nSome.\n\n## Root cause\n\nSome.\n\n## Resolution\n\nSome.\n',
  );
  assert.deepEqual(fields(problems), ['actionItems[1].owner']);
  assert.match(problems[0].message, /"Alert on slow logins" has no owner/);
  assert.equal(problems[0].line, 8, 'points at the item in the frontmatter');
});

test('an empty section does not count as written and is named; comments are not content', () => {
  const filled =
    'impact:\n  description: Users could not log in.\nrootCause:\n  description: A missing index.\nresolution: Added the index.\nactionItems:\n  - title: Add alerting\n    owner: SRE\n';
  const body =
    '\n## What happened\n\n{/* The story. */}\n\n## Timeline\n\n## Discussion\n\nWe had never tested the migration.\n';
  // In a draft, a section that holds only its prompt is still to write, not a mistake.
  const drafting = entry(filled, body);
  assert.deepEqual(fields(drafting), ['timeline', '(body)']);
  assert.match(drafting[1].message, /the "## Timeline" section is empty/);
  assert.equal(drafting[1].line, 19, 'points at the heading in the file');
  // Once in review, the page would show the heading with nothing under it.
  const name = '2024-01-05-probe.mdx';
  const text = `---\ntitle: Probe\nstatus: in-review\nsummary: Logins failed.\nstarted: "2024-01-05T10:00:00Z"\n${filled}---\n${body}`;
  const checked = checkPostmortemSource({ file: name, name, text });
  assert.deepEqual(checked.problems, []);
  const reviewing = reviewChecks({ ...checked, data: checked.data! });
  assert.deepEqual(fields(reviewing), ['timeline', '(body)', '(body)']);
  assert.match(reviewing[1].message, /the "## What happened" section holds only its prompt; write it or delete/);
  assert.equal(reviewing[1].line, 16);
  assert.match(reviewing[2].message, /the "## Timeline" section is empty/);
});

test('in a .md file a comment is text, shown on the page, so it counts as written', () => {
  const name = '2024-01-05-probe.md';
  const text = `---\ntitle: Probe\nstatus: draft\nstarted: "2024-01-05T10:00:00Z"\n---\n\n## What happened\n\n{/* The story. */}\n`;
  const checked = checkPostmortemSource({ file: name, name, text });
  const problems = reviewChecks({ ...checked, data: checked.data! });
  assert.deepEqual(fields(problems), RECOMMENDED_FIELDS);
});

test('a root cause that only blames people is flagged; one that names the system is not', () => {
  assert.equal(blamesPeopleOnly(['Human error.']), 'Human error');
  assert.equal(blamesPeopleOnly(['An engineer made a mistake while editing the config.']), 'engineer made a mistake');
  assert.equal(blamesPeopleOnly(['The operator was careless.']), 'operator was careless');
  assert.equal(
    blamesPeopleOnly(['Human error: the tool allowed a destructive command without a confirmation step.']),
    undefined,
  );
  assert.equal(blamesPeopleOnly(['A missing index made the query slow.']), undefined);
  const problems = entry(
    'rootCause:\n  description: Human error by the on-call engineer.\n',
    '\n## Impact\n\nA.\n\n## Timeline\n\nB.\n\n## Resolution\n\nC.\n\n## Action items\n\nD.\n',
  );
  assert.deepEqual(fields(problems), ['rootCause.description']);
  assert.match(problems[0].message, /say what in the system let the mistake happen/);
});

test('a summary over 300 characters is flagged', () => {
  const sections = ['Impact', 'Timeline', 'Root cause', 'Resolution', 'Action items']
    .map((heading) => `\n## ${heading}\n\nWritten.\n`)
    .join('');
  assert.deepEqual(fields(entry(`summary: ${'x'.repeat(MAX_SUMMARY_LENGTH)}\n`, sections)), []);
  const long = entry(`summary: ${'x'.repeat(MAX_SUMMARY_LENGTH + 1)}\n`, sections);
  assert.deepEqual(fields(long), ['summary']);
  assert.match(long[0].message, /summary is 301 characters/);
});

test('GitHub annotations escape what would end the command early', () => {
  const line = formatGithubAnnotation({
    file: 'content/a,b.mdx',
    line: 3,
    column: 5,
    field: 'rootCause.description',
    message: '50% done:\nnext',
    severity: 'error',
  });
  assert.equal(line, '::error file=content/a%2Cb.mdx,line=3,col=5,title=rootCause.description::50%25 done:%0Anext');
  assert.match(
    formatGithubAnnotation({ file: 'x.mdx', line: 1, column: 1, field: 'summary', message: 'm', severity: 'warning' }),
    /^::warning /,
  );
});

test('validate --strict prints warnings, keeps exit code 0, and annotates in GitHub Actions', () => {
  const dir = projectTempDir('strict-');
  try {
    const content = join(dir, 'content');
    mkdirSync(content);
    writeFileSync(
      join(content, '2024-01-05-probe.mdx'),
      '---\ntitle: Probe\nstatus: draft\nstarted: "2024-01-05T10:00:00Z"\nsummary: Short.\n---\n\nBody.\n',
    );
    const plain = spawnSync(process.execPath, ['src/cli/validate.ts', '--content-dir', content], {
      encoding: 'utf8',
      env: { ...process.env, GITHUB_ACTIONS: '' },
    });
    assert.equal(plain.status, 0);
    assert.doesNotMatch(plain.stdout, /warning:/);
    const strict = spawnSync(process.execPath, ['src/cli/validate.ts', '--content-dir', content, '--strict'], {
      encoding: 'utf8',
      env: { ...process.env, GITHUB_ACTIONS: 'true' },
    });
    assert.equal(strict.status, 0, 'warnings alone never fail');
    assert.match(strict.stdout, /2024-01-05-probe\.mdx:\d+:\d+  impact\.description  warning: no impact/);
    assert.match(
      strict.stdout,
      /^::warning file=.*2024-01-05-probe\.mdx,line=\d+,col=\d+,title=impact\.description::no impact/m,
    );
    assert.match(strict.stdout, /✓ 1 postmortem valid \([\d.]+ s, 5 review warnings\)/);

    writeFileSync(
      join(content, '2024-01-05-probe.mdx'),
      '---\ntitle: Probe\nstatus: draft\nstarted: "2024-01-05T10:00:00Z"\n---\n\n{process.env.HOME}\n',
    );
    const broken = spawnSync(process.execPath, ['src/cli/validate.ts', '--content-dir', content, '--strict'], {
      encoding: 'utf8',
      env: { ...process.env, GITHUB_ACTIONS: 'true' },
    });
    assert.equal(broken.status, 1);
    assert.match(broken.stdout, /^::error file=.*2024-01-05-probe\.mdx,line=7,col=1,title=\(body\)::the expression/m);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a published postmortem with open review points is valid, warned about, and its points named by field', () => {
  const name = '2024-01-05-probe.mdx';
  const sections = ['Impact', 'Timeline', 'Root cause', 'Resolution', 'Action items']
    .map((heading) => `\n## ${heading}\n\nWritten.\n`)
    .join('');
  const review = [
    'started: the frontmatter has no start time; "2024-01-05T10:00:00Z" was read from the text, check it',
    'severity: the source states no severity; choose sev1 (critical) to sev4 (low)',
    'line 12: "14:05" has no zone; UTC was assumed',
    'rootCause.categories: proposed capacity (matched "overload") from keywords in the summary',
  ];
  const text = `---\ntitle: Probe\nsummary: The queue stalled.\nstatus: published\nstarted: "2024-01-05T10:00:00Z"\nreview:\n${review.map((point) => `  - '${point}'`).join('\n')}\n---\n${sections}`;
  const checked = checkPostmortemSource({ file: name, name, text });
  assert.deepEqual(checked.problems, [], 'open points do not hold a published import back');
  const warnings = reviewChecks({ ...checked, data: checked.data! });
  assert.deepEqual(fields(warnings), ['review']);
  assert.match(
    warnings[0].message,
    /^lists 4 point\(s\) not yet reviewed \(start time, severity, times \(zone or date assumed\), root-cause category\)/,
  );
  assert.deepEqual(unreviewedLabels(review), [
    'start time',
    'severity',
    'times (zone or date assumed)',
    'root-cause category',
  ]);
  assert.equal(reviewLabel('actionItems[].owner'), 'action items');
});
