/**
 * A public collection in one command: the 242 postmortems of icco/postmortems (Markdown with
 * YAML frontmatter) import with --publish into a content folder that a real `astro build`
 * turns into a site. Nothing fails, at least 235 entries are published (what is not yet
 * reviewed is shown on each page), at least 90 % carry a root-cause category, no page shows the
 * source's frontmatter, and the insights figures say how many incidents they leave out.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { ICCO_FACTORS } from '../../src/lib/importer/collection.ts';
import { basename, join } from 'node:path';

const ASTRO = 'node_modules/astro/bin/astro.mjs';
const CORPUS = 'tests/corpus/import/icco';
// Two levels below the project root, like content/postmortems, so the entries' component imports resolve.
const SOURCES = join('tmp', `icco-sources-${process.pid}`);
const CONTENT = join('tmp', `icco-${process.pid}`);
const OUT = join('tmp', `icco-${process.pid}-dist`);
const REPORT = join('tmp', `icco-${process.pid}-report.json`);

test('242 public postmortems import with --publish into a site that builds', { timeout: 600_000 }, (t) => {
  try {
    mkdirSync(SOURCES, { recursive: true });
    // The collection's README describes the corpus; it is not a postmortem.
    const names = readdirSync(CORPUS).filter((name) => /^[0-9a-f-]{36}\.md$/.test(name));
    assert.equal(names.length, 242);
    for (const name of names) copyFileSync(join(CORPUS, name), join(SOURCES, name));

    const imported = spawnSync(
      process.execPath,
      ['src/cli/import.ts', SOURCES, '--out', CONTENT, '--publish', '--report', REPORT],
      { encoding: 'utf8', env: { ...process.env, CI: 'true', KB_EARLIEST_YEAR: '1' } },
    );
    assert.equal(imported.status, 0, imported.stdout + imported.stderr);
    assert.match(imported.stdout, /Needs review\s+Entries/, 'the run ends with review counts by field');
    const report = JSON.parse(readFileSync(REPORT, 'utf8')) as Record<string, number> & {
      reviewByField: object;
      rows: { result: string; entry: string; review: string[] }[];
    };
    t.diagnostic(
      `published ${report.published}, draft ${report.draft}, failed ${report.failed}; review by field ${JSON.stringify(report.reviewByField)}`,
    );
    assert.equal(report.failed, 0);
    assert.ok(report.published >= 235, `${report.published} published`);
    assert.equal(report.published + report.draft, 242);

    const built = spawnSync(process.execPath, [ASTRO, 'build', '--outDir', OUT], {
      encoding: 'utf8',
      env: { ...process.env, KB_CONTENT_DIR: `./${CONTENT}`, KB_EARLIEST_YEAR: '1' },
    });
    const log = built.stdout + built.stderr;
    assert.equal(built.status, 0, log);
    assert.match(log, /242 postmortems valid/);
    const pages = readdirSync(join(OUT, 'postmortems')).filter((name) => /^\d{4}-/.test(name));
    assert.equal(pages.length, report.published, 'one page per published entry; drafts stay out');
    const insights = readFileSync(join(OUT, 'insights', 'index.html'), 'utf8');
    assert.match(insights, /\d+ of \d+ have no end time \(unknown or only approximate\) and are left out/);
    assert.match(insights, /\d+ of \d+ have no detection time \(unknown or only approximate\) and are left out/);
    // A bare date is not an instant: no "0 s to detect" from dates written as midnight.
    const exported = JSON.parse(readFileSync(join(OUT, 'api', 'postmortems.json'), 'utf8')) as {
      postmortems: {
        computed: { timeToDetectMs: number | null };
        rootCause: { categories: string[]; contributingFactors: (string | { factor: string })[] };
      }[];
    };
    // icco's categories reach the site as contributing factors, each factor with its page.
    const withFactor = exported.postmortems.filter((entry) =>
      entry.rootCause.contributingFactors.some((item) => typeof item !== 'string'),
    ).length;
    t.diagnostic(`${withFactor} of ${exported.postmortems.length} published carry a contributing factor`);
    assert.ok(withFactor >= 150, `${withFactor} with a contributing factor`);
    for (const factor of new Set(Object.values(ICCO_FACTORS)))
      assert.ok(existsSync(join(OUT, 'factors', factor, 'index.html')), `a page for ${factor}`);
    const detections = exported.postmortems.map((entry) => entry.computed.timeToDetectMs);
    assert.ok(
      detections.every((ms) => ms === null || ms > 0),
      `a time to detect is unknown or measured, never 0 from two bare dates: ${JSON.stringify(detections.filter((ms) => ms !== null))}`,
    );
    const categorised = exported.postmortems.filter((entry) => entry.rootCause.categories.length > 0).length;
    t.diagnostic(`${categorised} of ${exported.postmortems.length} published carry a root-cause category`);
    assert.ok(categorised / 242 >= 0.9, `${categorised} with a root-cause category`);

    // Each published page says what is not yet reviewed, and shows the original without its frontmatter.
    for (const row of report.rows.filter((r) => r.result === 'published')) {
      const id = basename(row.entry, '.mdx');
      const page = readFileSync(join(OUT, 'postmortems', id, 'index.html'), 'utf8');
      assert.doesNotMatch(page, /uuid:|\\---|source_fetched_at/, `${id}: no frontmatter in the page`);
      if (row.review.length > 0) assert.match(page, /Imported, not yet reviewed:<\/strong>/, `${id}: the notice`);
      else assert.doesNotMatch(page, /data-review-notice/, `${id}: no notice when nothing is left to review`);
    }
  } finally {
    for (const path of [SOURCES, CONTENT, OUT, REPORT]) rmSync(path, { recursive: true, force: true });
  }
});
