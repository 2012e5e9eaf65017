/**
 * Contributing factors: the one reader every consumer uses, the vocabulary in
 * content/factors.yaml (did-you-mean by slug, name and alias; suggestions from cues), and the
 * file held to the rules a postmortem is.
 */
import { after, before, describe, it, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { postmortemSchema } from '../../src/lib/core/schema.ts';
import { factorSlugsOf, factorsOf } from '../../src/lib/incidents/contributing-factors.ts';
import {
  factorHint,
  factorProblem,
  factorVocabulary,
  factorVocabularySchema,
} from '../../src/lib/incidents/factor-vocabulary.ts';
import { reviewChecks } from '../../src/lib/content/review-checks.ts';
import { readFactorVocabulary } from '../../src/node/factor-vocabulary.ts';
import { validFrontmatter } from '../helpers/postmortem.ts';
import { projectTempDir } from '../helpers/tmp.ts';

const withFactors = (contributingFactors: unknown[]) => {
  const data = validFrontmatter();
  (data.rootCause as Record<string, unknown>).contributingFactors = contributingFactors;
  return postmortemSchema.safeParse(data);
};

test('factorsOf reads classified factors and plain sentences one way, in the order written', () => {
  const parsed = withFactors([
    { factor: 'config-push', note: 'The flag reached every region at once.' },
    'No load test for pool changes.',
    { factor: 'config-push', note: 'The change skipped review.' },
  ]);
  assert.ok(parsed.success);
  assert.deepEqual(factorsOf(parsed.data), [
    { factor: 'config-push', note: 'The flag reached every region at once.' },
    { note: 'No load test for pool changes.' },
    { factor: 'config-push', note: 'The change skipped review.' },
  ]);
  assert.deepEqual(factorSlugsOf(parsed.data), ['config-push']);
});

test('the schema refuses an empty note, a slug that is no slug and a note without a factor', () => {
  for (const bad of [{ factor: 'config-push', note: '  ' }, { factor: 'Config Push', note: 'x' }, { note: 'x' }, '']) {
    assert.equal(withFactors([bad]).success, false, JSON.stringify(bad));
  }
  assert.equal(withFactors([{ factor: 'config-push', note: 'x', extra: 1 }]).success, false, 'unknown key');
  // A classified factor nobody has explained yet is valid: the sentence stays unknown, not invented.
  const classified = withFactors([{ factor: 'config-push' }]);
  assert.ok(classified.success);
  assert.deepEqual(factorsOf(classified.data), [{ factor: 'config-push' }]);
});

const vocabulary = factorVocabulary(
  factorVocabularySchema.parse({
    factors: {
      'retry-amplification': {
        name: 'Retry amplification',
        description: 'Retries multiplied the load.',
        aliases: ['retry storm', 'thundering herd'],
        cues: ['retry', 'retries', 'thundering herd'],
      },
      'config-push': {
        name: 'Config push',
        description: 'A configuration change spread the failure.',
        aliases: ['feature flag'],
        cues: ['config', 'feature flag'],
      },
    },
  }),
);

test('did-you-mean finds a factor by a typo of its slug, its name or an alias', () => {
  assert.deepEqual(vocabulary.didYouMean('retry-storm'), ['retry-amplification']);
  assert.deepEqual(vocabulary.didYouMean('config-psuh'), ['config-push']);
  assert.deepEqual(vocabulary.didYouMean('feature-flag'), ['config-push']);
  assert.deepEqual(vocabulary.didYouMean('kernel-panic'), []);
  assert.equal(vocabulary.get('constructor'), undefined, 'own properties only');
});

test('cues suggest factors as whole words, most cues first, never part of a word', () => {
  assert.deepEqual(vocabulary.suggest('Clients retried; the retries formed a thundering herd.'), [
    'retry-amplification',
  ]);
  assert.deepEqual(vocabulary.suggest('A feature flag in the config'), ['config-push']);
  assert.deepEqual(vocabulary.suggest('The configurator herded cats'), [], '"config" is not in "configurator"');
});

test('the vocabulary refuses a name claimed by two factors', () => {
  const result = factorVocabularySchema.safeParse({
    factors: {
      a: { name: 'A', description: 'A.', aliases: ['b'] },
      b: { name: 'B', description: 'B.' },
    },
  });
  assert.equal(result.success, false);
  assert.match(result.error!.issues[0].message, /"b" already names "b"/);
});

test('the project vocabulary is valid and declares the initial set the contract names', () => {
  const { vocabulary: project, problems } = readFactorVocabulary('content/postmortems');
  assert.deepEqual(problems, []);
  for (const slug of [
    'change-deploy',
    'config-push',
    'dependency',
    'capacity',
    'detection-gap',
    'runbook-gap',
    'alert-fatigue',
    'misleading-signal',
    'automation',
    'manual-step',
    'expired-credential',
    'time-handling',
    'retry-amplification',
    'missing-test',
    'single-point-of-failure',
    'communication-gap',
  ])
    assert.ok(project.get(slug), slug);
});

describe('factors.yaml is held to the rules of a postmortem', () => {
  let root: string;
  let content: string;
  const read = () => readFactorVocabulary(content, root);
  const write = (data: string | Buffer) => writeFileSync(join(root, 'factors.yaml'), data);
  const only = () => read().problems.map((p) => [p.line, p.field, p.rule, p.message]);
  before(() => {
    root = resolve(projectTempDir('factors-'));
    content = join(root, 'postmortems');
    mkdirSync(content);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('reports a missing description and an unknown field at their lines', () => {
    write('factors:\n  capacity:\n    name: Capacity\n    cue: [pool]\n');
    assert.deepEqual(only(), [
      [2, 'factors.capacity.description', 'catalog', 'is required'],
      [4, 'factors.capacity.cue', 'catalog', 'unknown field "cue"; did you mean "cues"?'],
    ]);
  });

  it('refuses tags, anchors, aliases and merge keys, non-UTF-8 text and control characters', () => {
    write('factors:\n  a: &a\n    name: A\n    description: !!js/function "x"\n  b:\n    <<: *a\n');
    assert.deepEqual(
      read().problems.map((p) => p.line),
      [2, 4, 6, 6],
    );
    write(Buffer.from('factors:\n  caf:\n    name: Caf\u00e9\n    description: d\n', 'latin1'));
    assert.match(only()[0][3] as string, /not valid UTF-8/);
    write('factors:\n  a:\n    name: "A\u001b[2J"\n    description: d\n');
    assert.deepEqual(
      only().map((p) => p[0]),
      [3],
    );
  });

  it('refuses a symbolic link; an empty file declares nothing; a valid one is read', () => {
    rmSync(join(root, 'factors.yaml'), { force: true });
    symlinkSync('/etc/hostname', join(root, 'factors.yaml'));
    assert.match(only()[0][3] as string, /is a symbolic link; commit the factor vocabulary itself/);
    rmSync(join(root, 'factors.yaml'));
    write('# none yet\n');
    assert.deepEqual(read().problems, []);
    assert.equal(read().vocabulary.declared, true);
    write('factors:\n  capacity:\n    name: Capacity\n    description: Load met a limit.\n');
    assert.equal(read().vocabulary.get('capacity')?.name, 'Capacity');
  });
});

test('an undeclared factor is an error naming what was meant; a plain sentence gets a hint, never a rewrite', () => {
  assert.equal(factorProblem('config-push', vocabulary), undefined);
  assert.equal(
    factorProblem('retry-storm', vocabulary),
    '"retry-storm" is not a factor in content/factors.yaml; did you mean "retry-amplification"? use a declared slug, or declare it there (name, description, aliases, cues)',
  );
  assert.equal(factorProblem('anything', factorVocabulary(undefined)), undefined, 'no vocabulary, no check');
  assert.match(
    factorHint('Clients retried in a thundering herd.', vocabulary)!,
    /suggest retry-amplification \(Retry amplification\): if one fits, write it as \{ factor: retry-amplification, note: <the sentence> \}/,
  );
  assert.equal(factorHint('The disk filled.', vocabulary), undefined);
});

/** What validate --strict says about the contributing factors of a parsed postmortem. */
function factorAdvice(data: ReturnType<typeof withFactors>) {
  assert.ok(data.success);
  return reviewChecks({
    file: 'x.md',
    data: data.data,
    body: '## What happened\n\nText.\n',
    bodyStartLine: 40,
    locate: (path) => ({ line: path.length, column: 1 }),
    factors: vocabulary,
  }).filter((p) => p.field.startsWith('rootCause.contributingFactors'));
}

test('validate --strict hints at a factor for a plain sentence, at its line, as a warning only', () => {
  const data = withFactors(['Clients retried in a thundering herd.', { factor: 'config-push', note: 'A flag.' }]);
  const problems = factorAdvice(data);
  assert.deepEqual(
    problems.map((p) => [p.field, p.severity, p.line]),
    [['rootCause.contributingFactors[0]', 'warning', 3]],
  );
});

test('validate --strict asks for the sentence of a classified factor that has none, as a warning only', () => {
  const data = withFactors([{ factor: 'config-push' }, { factor: 'config-push', note: 'A flag.' }]);
  const problems = factorAdvice(data);
  assert.deepEqual(
    problems.map((p) => [p.field, p.severity, p.message]),
    [
      [
        'rootCause.contributingFactors[0].note',
        'warning',
        'factor "config-push" has no note; write how it played its part in this incident, or remove it if it did not',
      ],
    ],
  );
});
