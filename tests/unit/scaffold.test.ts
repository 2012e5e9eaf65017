/**
 * `npm run new` writes a draft that validates, with every field listed and the recommended
 * sections; without a terminal it never prompts, and it never overwrites a file.
 */
import { projectTempDir } from '../helpers/tmp.ts';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseStarted, scaffold, SECTIONS } from '../../src/lib/fields/scaffold.ts';
import { postmortemSchema } from '../../src/lib/core/schema.ts';
import { checkPostmortemSource } from '../../src/lib/content/validation.ts';
import { reviewChecks } from '../../src/lib/content/review-checks.ts';
import { RECOMMENDED_FIELDS } from '../helpers/postmortem.ts';

test('parseStarted keeps ISO times, converts words with a zone and refuses times without one', () => {
  assert.deepEqual(parseStarted('2024-03-08T13:30:00+03:00'), { ok: true, iso: '2024-03-08T13:30:00+03:00' });
  assert.deepEqual(parseStarted('2024-03-08 10:30 UTC'), { ok: true, iso: '2024-03-08T10:30:00Z' });
  assert.deepEqual(parseStarted('March 8, 2024 1:30 PM EAT'), { ok: true, iso: '2024-03-08T13:30:00+03:00' });
  const bare = parseStarted('2024-03-08 10:30');
  assert.equal(bare.ok, false);
  assert.match(bare.ok ? '' : bare.reason, /has no time zone/);
  assert.equal(parseStarted('yesterday-ish').ok, false);
});

test('the scaffold lists every schema field and every recommended section, and validates as a draft', () => {
  const result = scaffold({
    title: 'Checkout outage',
    started: '2024-03-08 10:30 UTC',
    severity: 'SEV2',
    services: ['checkout-api'],
  });
  assert.ok(result.ok);
  assert.equal(result.fileName, '2024-03-08-checkout-outage.mdx');
  const written = new Set([...result.text.matchAll(/^#? ?(\w+):/gm)].map((match) => match[1]));
  for (const field of [
    'title',
    'status',
    'severity',
    'services',
    'started',
    'summary',
    'detected',
    'mitigated',
    'resolved',
    'impact',
    'detection',
    'rootCause',
    'resolution',
    'timeline',
    'actionItems',
    'review',
  ]) {
    assert.ok(written.has(field), `${field} is in the file`);
    assert.ok(field in postmortemSchema.shape, `${field} is a schema field`);
  }
  for (const [heading] of SECTIONS) assert.match(result.text, new RegExp(`^## ${heading}$`, 'm'));
  const checked = checkPostmortemSource({ file: result.fileName, name: result.fileName, text: result.text });
  assert.deepEqual(checked.problems, []);
  assert.equal(checked.data?.status, 'draft');
  assert.equal(checked.data?.severity, 'sev2');
  assert.ok(
    checked.data!.review.some((line) => line.startsWith('summary:')),
    'what is still missing is listed for review',
  );
  const advice = reviewChecks({ ...checked, data: checked.data! }).map((problem) => problem.field);
  // A fresh scaffold is not a finished postmortem: --strict names every section still to write.
  assert.deepEqual(
    advice,
    [...RECOMMENDED_FIELDS, '(body)', '(body)', '(body)'],
    'missing sections, the empty body sections and the missing narrative are all named',
  );
});

test('--near-miss writes kind: near-miss and asks what stopped it, and the draft validates', () => {
  const result = scaffold({
    title: 'Canary halted a bad limit',
    started: '2025-11-18 10:14 +10:00',
    severity: 'sev4',
    nearMiss: true,
  });
  assert.ok(result.ok, result.ok ? '' : result.reasons.join('\n'));
  const { data } = checkPostmortemSource({ file: result.fileName, name: result.fileName, text: result.text });
  assert.equal(data?.kind, 'near-miss');
  assert.ok(
    data?.review.some((point) => point.startsWith('preventedBy: this is a near miss; say what stopped the failure')),
    JSON.stringify(data?.review),
  );
  assert.match(result.text, /^# preventedBy: /m, 'the field is shown, commented, with its example and meaning');
  const incident = scaffold({ title: 'An outage', started: '2025-11-18 10:14 +10:00', severity: 'sev2' });
  assert.ok(incident.ok);
  assert.doesNotMatch(incident.text, /^kind:/m, 'an incident keeps the default');
});

test('the scaffold refuses bad input with reasons instead of writing an invalid file', () => {
  const result = scaffold({ title: '', started: '2024-03-08 10:30', severity: 'sev9', services: ['Checkout API'] });
  assert.equal(result.ok, false);
  const reasons = result.ok ? [] : result.reasons.join('\n');
  assert.match(String(reasons), /--title must not be empty/);
  assert.match(String(reasons), /has no time zone/);
  assert.match(String(reasons), /--severity "sev9" is not one of sev1, sev2, sev3, sev4/);
  assert.match(String(reasons), /"Checkout API" must be lower-case words joined by hyphens, e\.g\. "checkout-api"/);
  const future = scaffold({ title: 'Later', started: '2999-01-01 10:00 UTC', severity: 'sev3' });
  assert.equal(future.ok, false, 'validation problems (a start in the future) stop the write');
});

test('npm run new without a terminal: flags required, file written once, never overwritten', () => {
  const dir = projectTempDir('scaffold-');
  const run = (...args: string[]) =>
    spawnSync(process.execPath, ['src/cli/new.ts', '--dir', dir, ...args], {
      encoding: 'utf8',
      env: { ...process.env, CI: 'true' },
    });
  try {
    const missing = run('--title', 'Checkout outage');
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /Missing --started, --severity: without a terminal/);
    assert.deepEqual(readdirSync(dir), []);

    const created = run(
      '--title',
      'Checkout outage',
      '--started',
      '2024-03-08 10:30 UTC',
      '--severity',
      'sev2',
      '--services',
      'checkout-api,payments',
      '--summary',
      'Checkout failed for 30% of users.',
    );
    assert.equal(created.status, 0, created.stderr);
    assert.deepEqual(readdirSync(dir), ['2024-03-08-checkout-outage.mdx']);
    const file = join(dir, '2024-03-08-checkout-outage.mdx');
    const validate = spawnSync(process.execPath, ['src/cli/validate.ts', '--content-dir', dir], { encoding: 'utf8' });
    assert.equal(validate.status, 0, validate.stdout);

    writeFileSync(file, `${readFileSync(file, 'utf8')}\nMy notes.\n`);
    const again = run('--title', 'Checkout outage', '--started', '2024-03-08 10:30 UTC', '--severity', 'sev2');
    assert.equal(again.status, 1);
    assert.match(again.stderr, /already exists; it was not overwritten/);
    assert.match(readFileSync(file, 'utf8'), /My notes\./);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
