import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../helpers/astro.ts';
import type { BenchResult } from '../../bench/lib/report.ts';

describe('benchmark smoke run (30 postmortems)', () => {
  let results: string;
  let run: ReturnType<typeof spawnSync>;
  before(() => {
    results = mkdtempSync(join(tmpdir(), 'kb-bench-smoke-'));
    run = spawnSync(
      process.execPath,
      [join(PROJECT_ROOT, 'bench/run.ts'), '--count', '30', '--smoke', '--results', results],
      {
        cwd: PROJECT_ROOT,
        encoding: 'utf8',
        timeout: 5 * 60_000,
        maxBuffer: 64 * 1024 * 1024,
      },
    );
  });
  after(() => rmSync(results, { recursive: true, force: true }));

  it('completes and writes the Markdown and JSON reports', () => {
    assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
    assert.ok(existsSync(join(results, '30.md')));
    assert.ok(existsSync(join(results, '30.json')));
    assert.equal(readFileSync(join(results, '30.md'), 'utf8'), `${String(run.stdout).trimEnd()}\n`);
  });

  it('measures every target row', () => {
    const report = JSON.parse(readFileSync(join(results, '30.json'), 'utf8')) as BenchResult;
    const names = report.targets.map((t) => t.name);
    for (const expected of [
      'Full build vs bare baseline, wall time',
      'Full build peak memory (process tree RSS)',
      'Rebuild after editing one postmortem',
      '`npm run validate` over the corpus, caches empty',
      '`npm run validate` after editing one postmortem (verdict cache)',
      'First search: bytes (Pagefind JS API)',
      'First search: latency (Pagefind JS API)',
      'Later searches: latency, median (Pagefind JS API)',
      'Postmortem page JavaScript (gzip)',
      'Insights page JavaScript (gzip)',
      'Largest HTML file (no unpaginated list may grow with N)',
    ]) {
      assert.ok(names.includes(expected), `missing row: ${expected}`);
    }
    assert.deepEqual(
      report.targets.filter((t) => t.status === 'not measured').map((t) => t.name),
      [],
    );
  });

  it('records plausible numbers for both builds, the edit and every page type', () => {
    const report = JSON.parse(readFileSync(join(results, '30.json'), 'utf8')) as BenchResult;
    assert.equal(report.meta.count, 30);
    assert.ok(report.meta.machine.cpus >= 1 && report.meta.machine.totalMemoryBytes > 0);
    assert.ok(report.ours!.cold.wallMs > 0 && report.ours!.cold.peakRssBytes > 50 * 1024 * 1024);
    assert.ok(report.baseline!.wallMs > 0 && report.baseline!.pages === 30);
    // Where GNU time is installed (Debian's \`time\`), both builds' CPU seconds are in the report.
    if (existsSync('/usr/bin/time')) {
      assert.ok(report.ours!.cold.cpuMs! > 0 && report.baseline!.build.cpuMs! > 0 && report.baseline!.index.cpuMs! > 0);
      assert.match(
        readFileSync(join(results, '30.md'), 'utf8'),
        /\| Cold build, CPU time \(user \+ system\) \| [\d.]+ s \| [\d.]+ s \(build /,
      );
    }
    assert.ok(report.ours!.rebuild!.editVisible, 'the edited postmortem shows the edit after the rebuild');
    assert.ok(report.validate!.exitCode === 0);
    assert.ok(report.search!.api!.first.results > 0, 'the first query finds postmortems');
    for (const weight of report.ours!.weights.filter((w) =>
      ['home', 'list page', 'postmortem page'].includes(w.page),
    )) {
      assert.ok(weight.file && weight.cssGzip > 0, `${weight.page} has CSS`);
    }
    const markdown = readFileSync(join(results, '30.md'), 'utf8');
    for (const heading of [
      '## Targets',
      '## Builds',
      '## Search',
      '## JavaScript and CSS per page type (gzip)',
      '## Largest HTML files',
    ]) {
      assert.ok(markdown.includes(heading), heading);
    }
  });
});
