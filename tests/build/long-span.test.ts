/**
 * The insights page built from postmortems spanning four centuries stays within its budgets
 * and aggregates by decade: the menus list periods with incidents, not every year since 1628.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { astroBuild } from '../helpers/astro.ts';
import { writeLongSpanCorpus } from '../fixtures/long-span/generate.ts';
import { decodeRecords } from '../../src/lib/insights/records.ts';

const HTML_BUDGET = 500 * 1024;

describe('insights over a long span of years (1628–2025)', () => {
  let dir: string;
  let build: ReturnType<typeof astroBuild>;
  let html: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'kb-long-span-'));
    writeLongSpanCorpus(join(dir, 'content'), 120);
    build = astroBuild({ outDir: join(dir, 'dist'), contentDir: join(dir, 'content'), earliestYear: 1600 });
    if (build.status === 0) html = readFileSync(join(dir, 'dist/insights/index.html'), 'utf8');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('builds', () => {
    assert.equal(build.status, 0, build.output);
  });

  it(`keeps /insights/ under ${HTML_BUDGET / 1024} KB of HTML`, () => {
    const size = statSync(join(dir, 'dist/insights/index.html')).size;
    console.log(`long-span /insights/: ${size} bytes of HTML`);
    assert.ok(size <= HTML_BUDGET, `${size} bytes`);
  });

  it('offers periods with incidents in its year menus, by decade over a long span', () => {
    const menu = /<select name="from"[^>]*>([\s\S]*?)<\/select>/.exec(html)![1];
    const options = [...menu.matchAll(/<option value="(\d+)"[^>]*>\s*([^<]+?)\s*<\/option>/g)].map((m) => m[2]);
    assert.ok(options.length <= 30, `${options.length} options`);
    assert.deepEqual(options.slice(0, 3), ['1620s', '1660s', '1750s']);
    assert.ok(options.includes('2020s'));
  });

  it('charts time by decade, with each empty stretch as one row', () => {
    const table = /<table data-table="over-time">([\s\S]*?)<\/table>/.exec(html)![1];
    const rows = [...table.matchAll(/<tr data-key="(\d+)-(\d+)"><th scope="row">([^<]+)<\/th>/g)];
    assert.ok(rows.length <= 59, `${rows.length} rows`);
    assert.equal(rows[0][3], '1620s');
    assert.equal(rows[1][3], '1630–1659 (none)');
    const counts = [...table.matchAll(/data-col="total" data-value="(\d+)"/g)].map((m) => Number(m[1]));
    assert.equal(
      counts.reduce((a, b) => a + b, 0),
      120,
    );
  });

  it('publishes every record for re-slicing, compactly', () => {
    const text = readFileSync(join(dir, 'dist/insights/records.json'), 'utf8');
    const records = decodeRecords(JSON.parse(text));
    assert.equal(records.length, 120);
    assert.equal(Math.min(...records.map((record) => record.year!)), 1628);
    assert.ok(text.length / records.length < 200, `${text.length / records.length} bytes per record`);
  });
});
