/**
 * Every entry of the hostile-content corpus (tests/corpus/hostile/manifest.json) through
 * `npm run validate` and through a real `astro build` of a fixture content folder:
 *
 * - validate gives each entry its expected verdict, and for refusals its rule and line;
 * - the build refuses exactly what validate refuses, with the same lines (same verdict per file);
 * - a build of the accepted look-alikes succeeds and publishes a page for each;
 * - no build runs content code: the marker file the attacks try to write never appears.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { astroBuild, PROJECT_ROOT } from '../helpers/astro.ts';
import { readManifest, stageCorpus, type StagedEntry } from '../helpers/hostile-corpus.ts';
import { projectTempDir } from '../helpers/tmp.ts';
import { outputProblems } from '../helpers/well-formed.ts';
import { formatProblem, type Problem } from '../../src/lib/content/problems.ts';
import { escapeForLog } from '../../src/lib/core/characters.ts';

const REPORT_LINE = /^(.+?):(\d+):(\d+) {2}(\S+) {2}(.+)$/;

/** The marker file the corpus' attacks try to create (they read its path from the environment). */
const MARKER = resolve(PROJECT_ROOT, 'tmp', `hostile-marker-${process.pid}`);
process.env.KB_HOSTILE_MARKER = MARKER;

/** A problem as both tools print it: one line, the author's text escaped. */
const key = formatProblem;

describe(
  `hostile corpus: ${readManifest().length} entries through validate and the build`,
  { timeout: 600_000 },
  () => {
    let dir: string;
    let staged: StagedEntry[];
    let problems: Problem[];
    const errorsOf = (entry: StagedEntry) =>
      problems.filter((p) => p.severity === 'error' && p.file === join(dir, entry.staged));

    before(() => {
      rmSync(MARKER, { force: true });
      dir = projectTempDir('hostile-');
      staged = stageCorpus(dir);
      const validate = spawnSync(
        process.execPath,
        ['src/cli/validate.ts', '--content-dir', dir, '--production', '--json'],
        { cwd: PROJECT_ROOT, encoding: 'utf8', timeout: 120_000 },
      );
      assert.equal(validate.status, 1, `validate exits 1, without hanging or crashing: ${validate.stderr}`);
      problems = JSON.parse(validate.stdout);
    });
    after(() => {
      rmSync(dir, { recursive: true, force: true });
      rmSync(MARKER, { force: true });
    });

    it('validate gives every entry its expected verdict, rule and line', () => {
      const wrong: string[] = [];
      for (const entry of staged) {
        const errors = errorsOf(entry);
        const name = entry.file ?? `${entry.create}:${entry.name}`;
        if (entry.verdict === 'accept') {
          if (errors.length > 0) wrong.push(`${name}: expected accept, got ${errors.map(key).join(' | ')}`);
        } else if (!errors.some((p) => p.rule === entry.rule && (entry.line == null || p.line === entry.line))) {
          wrong.push(
            `${name}: expected ${entry.rule} at line ${entry.line}, got ${errors.map((p) => `${p.rule} ${key(p)}`).join(' | ') || 'accept'}`,
          );
        }
      }
      assert.deepEqual(wrong, []);
      const seeds = problems.filter((p) => !staged.some((entry) => p.file === join(dir, entry.staged)));
      assert.deepEqual(seeds, [], 'the seed postmortems beside the corpus stay valid');
    });

    it('the build refuses exactly what validate refuses, line for line, and runs no content code', () => {
      const build = astroBuild({ outDir: join(dir, '..', `${dir.split('/').pop()}-dist`), contentDir: `./${dir}` });
      rmSync(join(dir, '..', `${dir.split('/').pop()}-dist`), { recursive: true, force: true });
      assert.notEqual(build.status, 0, 'the build fails');
      assert.match(build.output, /problems? in \d+ postmortem files?; nothing was built/, build.output.slice(-1500));
      const built = new Set(
        build.output.split('\n').flatMap((text) => (REPORT_LINE.test(text.trim()) ? [text.trim()] : [])),
      );
      const validated = new Set(problems.filter((p) => p.severity === 'error').map(key));
      assert.deepEqual([...built].sort(), [...validated].sort());
      for (const entry of staged) {
        const inBuild = [...built].some((line) => line.startsWith(`${escapeForLog(join(dir, entry.staged))}:`));
        assert.equal(inBuild ? 'reject' : 'accept', entry.verdict, `${entry.file ?? entry.name}: build verdict`);
      }
      assert.ok(!existsSync(MARKER), 'no content code ran during the build');
    });

    it('the accepted look-alikes build in a 2 GB heap, each to its own page, and run no content code', () => {
      const accepted = projectTempDir('hostile-accept-');
      const out = `${accepted}-dist`;
      try {
        const entries = stageCorpus(accepted, (entry) => entry.verdict === 'accept');
        // The worst accepted inputs (at every limit of src/lib/core/limits.ts) build within a 2 GB heap.
        const build = astroBuild({ outDir: out, contentDir: `./${accepted}`, maxOldSpaceMb: 2048 });
        assert.equal(build.status, 0, build.output.slice(-3000));
        for (const entry of entries) {
          const page = join(out, 'postmortems', entry.staged.replace(/\.mdx?$/, ''), 'index.html');
          assert.ok(existsSync(page), `${entry.file} is published`);
        }
        const components = readFileSync(
          join(
            out,
            'postmortems',
            entries.find((e) => e.file?.includes('authoring-components'))!.staged.replace(/\.mdx$/, ''),
            'index.html',
          ),
          'utf8',
        );
        assert.match(components, /<aside class="callout" data-type="warning" aria-label="Still open">/);
        // Every page, the feed, the sitemap and the JSON API read back without a character error.
        assert.deepEqual(outputProblems(out), []);
        assert.ok(!existsSync(MARKER), 'no content code ran during the build');
      } finally {
        rmSync(accepted, { recursive: true, force: true });
        rmSync(out, { recursive: true, force: true });
      }
    });
  },
);
