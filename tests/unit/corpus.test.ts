import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DURATION_MEDIAN_MINUTES,
  DURATION_SIGMA,
  generateCorpus,
  type GeneratedPostmortem,
} from '../../bench/lib/corpus.ts';
import { writeCorpus } from '../../bench/generate.ts';
import { checkPostmortemFiles } from '../../src/node/postmortem-files.ts';
import { toEpochMs } from '../../src/lib/core/time.ts';
import { median } from '../../src/lib/statistics/quantiles.ts';

describe('synthetic corpus', () => {
  it('is deterministic for a seed, differs across seeds, and a smaller count is a prefix', () => {
    const a = generateCorpus({ count: 40, seed: 7 }).map((pm) => pm.text);
    const b = generateCorpus({ count: 40, seed: 7 }).map((pm) => pm.text);
    const c = generateCorpus({ count: 40, seed: 8 }).map((pm) => pm.text);
    const shorter = generateCorpus({ count: 25, seed: 7 }).map((pm) => pm.text);
    assert.deepEqual(a, b);
    assert.notDeepEqual(a, c);
    assert.deepEqual(shorter, a.slice(0, 25));
  });

  describe('200 files on disk', () => {
    let dir: string;
    let corpus: GeneratedPostmortem[];
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'kb-corpus-'));
      corpus = writeCorpus(dir, 200, 42);
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('pass the validator with zero problems, production rules included', () => {
      const result = checkPostmortemFiles({ contentDir: dir, production: true });
      assert.equal(result.fileCount, 200);
      assert.deepEqual(result.problems, []);
    });

    it('have unique ids, related links to earlier ids, and MDX-safe bodies', () => {
      assert.equal(new Set(corpus.map((pm) => pm.id)).size, 200);
      const seen = new Set<string>();
      let links = 0;
      for (const pm of corpus) {
        for (const id of pm.data.related as string[]) {
          assert.ok(seen.has(id), `${pm.id} relates to ${id}, which is not earlier`);
          links++;
        }
        seen.add(pm.id);
        const body = pm.text.slice(pm.text.indexOf('\n---\n') + 5);
        assert.doesNotMatch(body, /[{}<>]/, `${pm.id} body has a character MDX would parse`);
      }
      assert.ok(links > 50, `only ${links} related links`);
    });

    it('are about the size of the seeds', () => {
      const words = corpus.map((pm) => pm.bodyWords);
      const mean = words.reduce((sum, n) => sum + n, 0) / words.length;
      assert.ok(mean > 420 && mean < 600, `mean body is ${mean} words`);
      assert.ok(Math.min(...words) > 250, `shortest body is ${Math.min(...words)} words`);
    });

    it('have roughly log-normal durations around the configured median', () => {
      const minutes = corpus.map(
        (pm) => (toEpochMs(pm.data.resolved as string) - toEpochMs(pm.data.started as string)) / 60_000,
      );
      const logs = minutes.map(Math.log);
      const mid = median(minutes)!;
      assert.ok(
        mid > DURATION_MEDIAN_MINUTES * 0.75 && mid < DURATION_MEDIAN_MINUTES * 1.33,
        `median duration ${mid} min`,
      );
      // Log-normal: the log is symmetric (mean ≈ log of the median) with about 68% within one sigma.
      const meanLog = logs.reduce((sum, x) => sum + x, 0) / logs.length;
      assert.ok(Math.abs(meanLog - Math.log(mid)) < 0.25, `mean of log ${meanLog} vs log median ${Math.log(mid)}`);
      const within =
        logs.filter((x) => Math.abs(x - Math.log(DURATION_MEDIAN_MINUTES)) < DURATION_SIGMA).length / logs.length;
      assert.ok(within > 0.55 && within < 0.8, `${within} within one sigma`);
      // A long right tail: the longest incident is many times the median.
      assert.ok(Math.max(...minutes) > mid * 8);
    });

    it('skew services and categories: a few dominate, many appear', () => {
      const serviceCounts = new Map<string, number>();
      const categoryCounts = new Map<string, number>();
      for (const pm of corpus) {
        for (const service of pm.data.services as string[])
          serviceCounts.set(service, (serviceCounts.get(service) ?? 0) + 1);
        for (const category of (pm.data.rootCause as { categories: string[] }).categories)
          categoryCounts.set(category, (categoryCounts.get(category) ?? 0) + 1);
      }
      const services = [...serviceCounts.values()].sort((x, y) => y - x);
      assert.ok(services.length >= 30, `${services.length} services`);
      assert.ok(services[0] >= 4 * median(services)!, `top service ${services[0]} vs median ${median(services)}`);
      const categories = [...categoryCounts.values()].sort((x, y) => y - x);
      assert.ok(categories[0] >= 4 * categories[categories.length - 1], `categories ${categories.join(',')}`);
    });
  });
});
