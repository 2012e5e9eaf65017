/**
 * The validator's verdict cache never changes a verdict: over the hostile corpus plus clean
 * postmortems, `npm run validate` gives exactly the same report with the cache cold, warm and
 * turned off; clean files are reused, and an edit (or a file that turns bad) is checked again.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isUtf8 } from 'node:buffer';
import { stageCorpus } from '../helpers/hostile-corpus.ts';
import { bytesAsText } from '../../src/node/content-folder.ts';
import { projectTempDir } from '../helpers/tmp.ts';

const SITE_CONTENT = 'tests/fixtures/site-content';

describe('validate: the verdict cache', { timeout: 300_000 }, () => {
  let dir: string;
  let cache: string;
  const validate = (...args: string[]) => {
    const run = spawnSync(process.execPath, ['src/cli/validate.ts', '--content-dir', dir, '--production', ...args], {
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, KB_CACHE_DIR: cache, GITHUB_ACTIONS: '' },
    });
    assert.ok(run.status === 0 || run.status === 1, `validate ran to the end: ${run.stderr}`);
    return run;
  };

  before(() => {
    dir = projectTempDir('verdicts-');
    cache = projectTempDir('verdict-cache-');
    stageCorpus(dir);
    for (const name of readdirSync(SITE_CONTENT).filter((name) => /\.mdx?$/.test(name)))
      copyFileSync(join(SITE_CONTENT, name), join(dir, name));
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(cache, { recursive: true, force: true });
  });

  it('reports the same problems with the cache off, cold and warm, and reuses clean verdicts', () => {
    const uncached = validate('--json', '--no-cache');
    const cold = validate('--json');
    const warm = validate('--json');
    assert.equal(cold.stdout, uncached.stdout);
    assert.equal(warm.stdout, uncached.stdout);
    assert.equal(warm.status, uncached.status);
    const problems = JSON.parse(uncached.stdout) as { file: string }[];
    assert.ok(problems.length > 100, 'the hostile corpus is refused');
    // Every file without a problem was taken from the cache on the warm run, and only those.
    const summary = validate();
    const reused =
      /; (\d+) unchanged since they passed the same per-file checks, so that verdict still holds and was reused \(--no-cache checks them again\)$/m.exec(
        summary.stdout,
      );
    assert.ok(reused, summary.stdout);
    // Names as the validator shows them: one that is not UTF-8 with its other bytes as \xNN.
    const names = readdirSync(dir, { encoding: 'buffer' }).map((name) =>
      isUtf8(name) ? name.toString() : bytesAsText(name),
    );
    const clean = names.filter(
      (name) => /\.mdx?$/.test(name) && !name.startsWith('.') && !problems.some((p) => p.file.endsWith(`/${name}`)),
    );
    assert.ok(clean.length >= 3);
    assert.equal(Number(reused[1]), clean.length);
  });

  it('checks an edited file again: a clean file that turns bad is reported, with or without the cache', () => {
    const name = readdirSync(SITE_CONTENT).find((file) => file.startsWith('2024-03-08'))!;
    const path = join(dir, name);
    writeFileSync(path, readFileSync(path, 'utf8').replace(/^severity: \S+$/m, 'severity: sev9'));
    const cached = validate('--json');
    const uncached = validate('--json', '--no-cache');
    assert.equal(cached.stdout, uncached.stdout);
    const problems = JSON.parse(cached.stdout) as { file: string; field: string }[];
    assert.ok(
      problems.some((p) => p.file.endsWith(name) && p.field === 'severity'),
      cached.stdout,
    );
  });
});
