/**
 * The period comparison on /insights/ in Chromium against the production build: both periods
 * live in the URL (a pasted link restores them, back and forward walk through the pairs
 * tried), every measure's N and medians for both periods equal those computed here from the
 * postmortem files, and a period in the link that the menus cannot show is named in an alert.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { PROJECT_ROOT } from '../helpers/astro.ts';
import { servedBuild } from '../helpers/served-build.ts';
import { parseFrontmatter, splitSource } from '../../src/lib/content/frontmatter.ts';

const CONTENT = join(PROJECT_ROOT, 'content/postmortems');
const FIELDS = { duration: 'resolved', detect: 'detected', mitigate: 'mitigated' } as const;
type Measure = keyof typeof FIELDS;

/**
 * Published seeds: UTC year of the start and each measure in ms (the seeds give exact times).
 * Near misses are left out, as the insights page counts them apart: they have no outage to time.
 */
function readIncidents() {
  return readdirSync(CONTENT).flatMap((file) => {
    const { yaml, yamlStartLine } = splitSource(readFileSync(join(CONTENT, file), 'utf8'));
    const data = parseFrontmatter(yaml!, yamlStartLine).data as Record<string, string>;
    if (data.status !== 'published' || data.kind === 'near-miss') return [];
    const started = Date.parse(data.started!);
    const times = Object.fromEntries(
      Object.entries(FIELDS).map(([measure, field]) => [
        measure,
        data[field] === undefined ? undefined : Date.parse(data[field]) - started,
      ]),
    ) as Record<Measure, number | undefined>;
    return [{ year: new Date(started).getUTCFullYear(), times }];
  });
}

/** The middle value, or the mean of the two middle values. */
function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const half = sorted.length >> 1;
  return sorted.length % 2 ? sorted[half]! : (sorted[half - 1]! + sorted[half]!) / 2;
}

type Row = Record<string, number | null>;

async function comparison(page: Page) {
  await page.waitForFunction(() => document.querySelector('[data-insights]')?.getAttribute('data-state') === 'ready');
  return page.evaluate(() => {
    const figure = document.querySelector('figure[data-comparison]')!;
    const value = (name: string) => Number(figure.querySelector<HTMLSelectElement>(`select[name="${name}"]`)!.value);
    const rows = Object.fromEntries(
      [...figure.querySelectorAll<HTMLTableRowElement>('table[data-table="comparison"] tbody tr')].map((row) => [
        row.dataset.key!,
        Object.fromEntries(
          [...row.querySelectorAll<HTMLElement>('td[data-col]')].map((td) => [
            td.dataset.col!,
            td.dataset.value === '' || td.dataset.value === undefined ? null : Number(td.dataset.value),
          ]),
        ),
      ]),
    );
    const error = figure.querySelector<HTMLElement>('[data-comparison-error]')!;
    return {
      a: { from: value('a-from'), to: value('a-to') },
      b: { from: value('b-from'), to: value('b-to') },
      rows: rows as Record<string, Row>,
      error: error.hidden ? '' : error.textContent!,
      search: location.search,
    };
  });
}

describe('period comparison in the URL (Chromium, production build)', () => {
  const site = servedBuild('insights/index.html');
  const incidents = readIncidents();
  const years = [...new Set(incidents.map((incident) => incident.year))].sort((a, b) => a - b);

  /** What the table must show for two year ranges, from the files. */
  const expected = (a: { from: number; to: number }, b: { from: number; to: number }) =>
    Object.fromEntries(
      (Object.keys(FIELDS) as Measure[]).map((measure) => {
        const values = (range: { from: number; to: number }) =>
          incidents
            .filter((incident) => incident.year >= range.from && incident.year <= range.to)
            .flatMap((incident) => (incident.times[measure] === undefined ? [] : [incident.times[measure]!]))
            // The comparison's log scale has no zero: under a second counts as one second.
            .map((ms) => Math.max(ms, 1000));
        const [inA, inB] = [values(a), values(b)];
        return [measure, { 'n-a': inA.length, 'median-a': median(inA), 'n-b': inB.length, 'median-b': median(inB) }];
      }),
    );
  const assertTable = (rows: Record<string, Row>, want: ReturnType<typeof expected>, context: string) => {
    for (const [measure, cells] of Object.entries(want)) {
      const row = rows[measure]!;
      assert.deepEqual([row['n-a'], row['n-b']], [cells['n-a'], cells['n-b']], `${context}: ${measure} N`);
      for (const key of ['median-a', 'median-b'] as const) {
        if (cells[key] === null || cells['n-a'] < 2 || cells['n-b'] < 2) continue;
        assert.ok(Math.abs(row[key]! - cells[key]!) < 1, `${context}: ${measure} ${key} ${row[key]} ≠ ${cells[key]}`);
      }
      if (row.ratio !== null) assert.ok(Math.abs(row.ratio - row['median-b']! / row['median-a']!) < 1e-9);
    }
  };

  before(() => {
    assert.ok(years.length >= 3, `the seeds span ${years.length} years`);
  });

  test('a pasted link restores both periods, with numbers from the files', async () => {
    const a = { from: years[0]!, to: years.at(-2)! };
    const b = { from: years.at(-1)!, to: years.at(-1)! };
    const page = await site.browser.newPage();
    await page.goto(`${site.server.url}insights/?a=${a.from}-${a.to}&b=${b.from}`);
    const shown = await comparison(page);
    assert.deepEqual([shown.a, shown.b, shown.error], [a, b, '']);
    assertTable(shown.rows, expected(a, b), 'pasted link');
    await page.close();
  });

  test('choosing periods writes them to the URL, and back and forward restore each pair', async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.server.url}insights/`);
    const initial = await comparison(page);
    assert.equal(initial.search, '', 'the default pair needs no parameters');
    assertTable(initial.rows, expected(initial.a, initial.b), 'default');

    await page.selectOption('select[name="a-from"]', String(years[0]));
    await page.waitForURL(new RegExp(`\\?a=${years[0]}-${initial.a.to}&b=`));
    const chosen = await comparison(page);
    assert.deepEqual(chosen.a, { from: years[0], to: initial.a.to });
    assertTable(chosen.rows, expected(chosen.a, chosen.b), 'chosen');

    await page.goBack();
    await page.waitForURL((url) => url.search === '');
    const back = await comparison(page);
    assert.deepEqual([back.a, back.b], [initial.a, initial.b]);
    assertTable(back.rows, expected(initial.a, initial.b), 'after back');

    await page.goForward();
    await page.waitForURL(/\?a=/);
    const forward = await comparison(page);
    assert.deepEqual(forward.a, chosen.a);
    assertTable(forward.rows, expected(chosen.a, chosen.b), 'after forward');
    await page.close();
  });

  for (const [given, reason] of [
    ['20x1', /“a=20x1”, is not a year or a range of years such as a=2012-2016/],
    [`${years.at(-1)}-${years[0]}`, /starts after it ends/],
    ['1700', /“a=1700”, is not one the menus offer\. The menus run from \d{4} to \d{4}/],
  ] as const) {
    test(`a link with a=${given} says what is wrong and shows the default`, async () => {
      const page = await site.browser.newPage();
      await page.goto(`${site.server.url}insights/`);
      const initial = await comparison(page);
      await page.goto(`${site.server.url}insights/?a=${given}`);
      const shown = await comparison(page);
      assert.match(shown.error, reason);
      assert.match(shown.error, /The default is shown instead\.$/);
      assert.ok(await page.locator('[data-comparison-error]').isVisible());
      assert.deepEqual([shown.a, shown.b], [initial.a, initial.b]);
      await page.close();
    });
  }
});
