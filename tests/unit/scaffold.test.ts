/**
 * `npm run new` writes a draft that validates, with every field listed and the recommended
 * sections; without a terminal it never prompts, and it never overwrites a file.
 */
import { projectTempDir } from '../helpers/tmp.ts';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkCategory, checkService, parseStarted, scaffold, SECTIONS } from '../../src/lib/fields/scaffold.ts';
import { serviceCatalog, serviceCatalogSchema, type ServiceCatalogInput } from '../../src/lib/site/services.ts';
import { parse } from 'yaml';
import { postmortemSchema } from '../../src/lib/core/schema.ts';
import { walkFields } from '../../src/lib/core/fields.ts';
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

const catalog = serviceCatalog(
  serviceCatalogSchema.parse(parse(readFileSync('content/services.yaml', 'utf8')) as ServiceCatalogInput),
);

/** The scaffold with the `# ` taken off the comment lines from `from` (a heading line) to the next heading or the end. */
function uncomment(text: string, from: string, until?: string): string {
  const lines = text.split('\n');
  const start = lines.indexOf(`# ${from}`);
  assert.ok(start >= 0, `the scaffold has "# ${from}"`);
  const end = until ? lines.indexOf(`# ${until}`) : lines.indexOf('---', start);
  return [
    ...lines.slice(0, start),
    ...lines.slice(start + 1, end).map((line) => line.replace(/^# /, '')),
    ...lines.slice(end),
  ].join('\n');
}

function strict(fileName: string, text: string) {
  const checked = checkPostmortemSource({ file: fileName, name: fileName, text });
  assert.deepEqual(checked.problems, [], text);
  return reviewChecks({ ...checked, data: checked.data! });
}

test('the scaffold lists every schema field and every recommended section, and validates as a draft', () => {
  const result = scaffold(
    { title: 'Checkout outage', started: '2024-03-08 10:30 UTC', severity: 'SEV2', services: ['checkout-api'] },
    { catalog },
  );
  assert.ok(result.ok);
  assert.equal(result.fileName, '2024-03-08-checkout-outage.mdx');
  const written = new Set([...result.text.matchAll(/^#? ?(\w+):/gm)].map((match) => match[1]));
  // Every field the registry gives an example for, at any depth, is shown by its top-level key.
  const shown = new Set(walkFields(postmortemSchema).flatMap((field) => (field.meta.example ? [field.path[0]] : [])));
  for (const field of shown) assert.ok(written.has(field), `${field} is in the file`);
  for (const field of ['title', 'status', 'severity', 'services', 'started', 'review'])
    assert.ok(written.has(field), `${field} is in the file`);
  for (const [heading] of SECTIONS) assert.match(result.text, new RegExp(`^## ${heading}$`, 'm'));
  const checked = checkPostmortemSource({ file: result.fileName, name: result.fileName, text: result.text });
  assert.deepEqual(checked.problems, []);
  assert.equal(checked.data?.status, 'draft');
  assert.equal(checked.data?.severity, 'sev2');
  assert.ok(
    checked.data!.review.some((line) => line.startsWith('summary:')),
    'what is still missing is listed for review',
  );
  // Untouched, --strict names the facts still to write, and nothing of the scaffold's own.
  const advice = reviewChecks({ ...checked, data: checked.data! }).map((problem) => problem.field);
  assert.deepEqual(advice, RECOMMENDED_FIELDS);
});

test('what review asks for comes first, each field with a one-line prompt; filled in, --strict has nothing to say', () => {
  const result = scaffold({ title: 'Checkout outage', started: '2024-03-08 10:30 UTC', severity: 'sev2' });
  assert.ok(result.ok);
  const lines = result.text.split('\n');
  const toWrite = lines.slice(
    lines.findIndex((line) => line.startsWith('# Still to write')) + 1,
    lines.indexOf('# More fields, when they apply:'),
  );
  const tops = toWrite.flatMap((line) => /^# (\w+):/.exec(line)?.[1] ?? []);
  assert.deepEqual(tops, ['summary', 'impact', 'rootCause', 'resolution', 'timeline', 'actionItems']);
  for (const line of toWrite.filter((line) => /: \S/.test(line) && !line.endsWith(':')))
    assert.match(line, /^# +(- )?\w+: .+ {2}# .+\.$/, 'each field: an example, then its meaning in one line');
  // The author writes what review asks for (here: the examples) and leaves the body's prompts for later.
  const heading = lines.find((line) => line.startsWith('# Still to write'))!.slice(2);
  const filled = uncomment(result.text, heading, 'More fields, when they apply:').replace(/^review:\n.*\n/m, '');
  assert.deepEqual(strict(result.fileName, filled), [], 'no warning from the scaffold itself');
  // Every other field uncommented is valid YAML at its place, and a valid postmortem.
  const everything = uncomment(filled, 'More fields, when they apply:');
  assert.deepEqual(strict(result.fileName, everything), []);
  // Going to review with the prompts still there: the page would show empty headings.
  const inReview = filled.replace('status: draft', 'status: in-review');
  const advice = strict(result.fileName, inReview).map((problem) => problem.message);
  assert.equal(advice.length, 3, advice.join('\n'));
  assert.match(advice[0], /the "## What happened" section holds only its prompt/);
  assert.match(advice[2], /^no narrative/);
});

test('a group given in part gets the hints for the rest inside it', () => {
  const result = scaffold({
    title: 'Cert expiry',
    started: '2024-03-08 10:30 UTC',
    severity: 'sev2',
    categories: ['expiry'],
  });
  assert.ok(result.ok);
  assert.match(
    result.text,
    /^rootCause:\n {2}categories:\n {4}- expiry\n {2}# Still to write \(uncomment and edit\):\n {2}# description: /m,
  );
  const filled = result.text.replace(/^ {2}# (?!Still)/gm, '  ');
  const checked = checkPostmortemSource({ file: result.fileName, name: result.fileName, text: filled });
  assert.deepEqual(checked.problems, []);
  assert.equal(checked.data?.rootCause.trigger, 'The change or event that set it off.');
  assert.deepEqual(checked.data?.rootCause.categories, ['expiry']);
});

test('services and categories are checked against the catalog and the taxonomy, with "did you mean"', () => {
  const result = scaffold(
    {
      title: 'Checkout outage',
      started: '2024-03-08 10:30 UTC',
      severity: 'sev2',
      services: ['chekout-api', 'payments-gatway', 'Checkout API'],
      categories: ['certificate'],
    },
    { catalog },
  );
  assert.equal(result.ok, false);
  assert.deepEqual(result.ok ? [] : result.reasons, [
    '--services: "chekout-api" is not declared in services.yaml; did you mean "checkout-api" (Checkout API)? declare a new service there first',
    '--services: "payments-gatway" is not declared in services.yaml; did you mean "payments-gateway" (Payments gateway)? declare a new service there first',
    '--services: "Checkout API" must be lower-case words joined by hyphens; did you mean "checkout-api" (Checkout API)?',
    '--categories: "certificate" is not a root-cause category; did you mean "expiry" (Time / certificate expiry)?',
  ]);
  assert.deepEqual(checkService('checkout-api', catalog), { ok: true, slug: 'checkout-api' });
  assert.deepEqual(checkService('billing', catalog), {
    ok: false,
    reason: '"billing" is not declared in services.yaml; declare a new service there first',
  });
  assert.deepEqual(checkCategory('expiry'), { ok: true });
  // An alias is written as its service, and said so.
  const aliased = scaffold(
    { title: 'Login outage', started: '2024-03-08 10:30 UTC', severity: 'sev2', services: ['authentication-service'] },
    { catalog },
  );
  assert.ok(aliased.ok);
  assert.match(aliased.text, /^services:\n {2}- auth-service$/m);
  assert.deepEqual(aliased.notes, [
    '"authentication-service" is an alias of "auth-service" in services.yaml, so the file names "auth-service"',
  ]);
  // Without a catalog, any slug goes, as npm run validate does not check services then.
  assert.ok(scaffold({ title: 'X', started: '2024-03-08 10:30 UTC', severity: 'sev2', services: ['billing'] }).ok);
});

test('the scaffold refuses bad input with reasons instead of writing an invalid file', () => {
  const result = scaffold({ title: '', started: '2024-03-08 10:30', severity: 'sev9', services: ['Checkout API'] });
  assert.equal(result.ok, false);
  const reasons = result.ok ? [] : result.reasons.join('\n');
  assert.match(String(reasons), /--title must not be empty/);
  assert.match(String(reasons), /has no time zone/);
  assert.match(String(reasons), /--severity "sev9" is not one of sev1, sev2, sev3, sev4/);
  assert.match(String(reasons), /"Checkout API" must be lower-case words joined by hyphens; e\.g\. "checkout-api"/);
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

test('npm run new without a terminal refuses a misspelled service or category with "did you mean", writing nothing', () => {
  const root = projectTempDir('scaffold-catalog-');
  const dir = join(root, 'postmortems');
  mkdirSync(dir);
  copyFileSync('content/services.yaml', join(root, 'services.yaml'));
  try {
    const run = spawnSync(
      process.execPath,
      [
        'src/cli/new.ts',
        '--dir',
        dir,
        '--title',
        'Checkout outage',
        '--started',
        '2024-03-08 10:30 UTC',
        '--severity',
        'sev2',
        '--services',
        'chekout-api,payments-gatway',
        '--categories',
        'certificate',
      ],
      { encoding: 'utf8', env: { ...process.env, CI: 'true' } },
    );
    assert.equal(run.status, 2);
    assert.deepEqual(run.stderr.trim().split('\n'), [
      '--services: "chekout-api" is not declared in services.yaml; did you mean "checkout-api" (Checkout API)? declare a new service there first',
      '--services: "payments-gatway" is not declared in services.yaml; did you mean "payments-gateway" (Payments gateway)? declare a new service there first',
      '--categories: "certificate" is not a root-cause category; did you mean "expiry" (Time / certificate expiry)?',
    ]);
    assert.deepEqual(readdirSync(dir), []);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
