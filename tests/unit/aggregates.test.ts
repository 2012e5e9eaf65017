import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  binIndex,
  buildCube,
  computeFigures,
  DURATION_BINS,
  factsOf,
  figuresFromCube,
  filterFacts,
  fullFilter,
  hashId,
  type Figures,
  type IncidentFacts,
} from '../../src/lib/insights/aggregates.ts';
import { escapeHtml, statsModel, tableHtml, tableModels } from '../../src/lib/insights/figure-tables.ts';
import { incidentTimes } from '../../src/lib/incidents/timing.ts';
import { postmortemSchema } from '../../src/lib/core/schema.ts';
import { validFrontmatter } from '../helpers/postmortem.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const at = (iso: string) => Date.parse(iso);
/** 2024-06-01 00:00 UTC: the "build time" of the fixture. */
const NOW = at('2024-06-01T00:00:00Z');

function fact(
  id: string,
  started: string,
  minutes: { duration?: number; detect: number },
  rest: Pick<IncidentFacts, 'severity' | 'categories' | 'services' | 'actionItems'>,
): IncidentFacts {
  const startedMs = at(started);
  const durationMs = minutes.duration === undefined ? undefined : minutes.duration * MIN;
  return {
    id,
    title: `Incident ${id}`,
    startedMs,
    durationMs,
    timeToDetectMs: minutes.detect * MIN,
    timeToResolveMs: durationMs === undefined ? undefined : durationMs - minutes.detect * MIN,
    actionsFromMs: startedMs + (durationMs ?? 0),
    ...rest,
  };
}

/**
 * Six incidents whose figures are worked out by hand below. Durations (min): 10, 45, 120,
 * 300, 5760 and one still open; times to detect (min): 2, 5, 30, 60, 0, 10.
 */
const FIXTURE: IncidentFacts[] = [
  fact(
    'a',
    '2022-03-10T10:00:00Z',
    { duration: 10, detect: 2 },
    {
      severity: 'sev1',
      categories: ['database'],
      services: ['api', 'db'],
      actionItems: [
        { term: 'short', status: 'open' },
        { term: 'mid', status: 'done' },
      ],
    },
  ),
  fact(
    'b',
    '2022-03-20T10:00:00Z',
    { duration: 45, detect: 5 },
    {
      severity: 'sev2',
      categories: ['database', 'capacity'],
      services: ['api'],
      actionItems: [
        { term: 'short', status: 'done' },
        { term: 'long', status: 'wont-do' },
      ],
    },
  ),
  fact(
    'c',
    '2023-07-01T08:00:00Z',
    { duration: 120, detect: 30 },
    {
      severity: 'sev2',
      categories: ['config-change'],
      services: ['web'],
      actionItems: [{ term: 'mid', status: 'in-progress', due: '2023-08-01' }],
    },
  ),
  // 23:00 UTC on New Year's Eve: December in UTC whatever the author's offset.
  fact(
    'd',
    '2023-12-31T23:00:00Z',
    { duration: 300, detect: 60 },
    {
      severity: 'sev3',
      categories: ['network-dns'],
      services: ['api', 'web'],
      actionItems: [],
    },
  ),
  fact(
    'e',
    '2024-02-01T00:00:00Z',
    { duration: 4 * 24 * 60, detect: 0 },
    {
      severity: 'sev1',
      categories: ['database'],
      services: ['db'],
      actionItems: [{ term: 'short', status: 'open', due: '2024-12-31' }],
    },
  ),
  fact(
    'f',
    '2024-05-01T00:00:00Z',
    { detect: 10 },
    {
      severity: 'sev4',
      categories: ['unknown'],
      services: ['api'],
      actionItems: [{ term: 'short', status: 'open' }],
    },
  ),
];

const counts = (rows: { key: string; count: number }[]) => rows.map((row) => [row.key, row.count]);

describe('duration bins', () => {
  it('puts a bound in the bin above it', () => {
    assert.equal(binIndex(DURATION_BINS, 15 * MIN - 1), 0);
    assert.equal(binIndex(DURATION_BINS, 15 * MIN), 1);
    assert.equal(binIndex(DURATION_BINS, 3 * DAY), 6);
    assert.equal(binIndex(DURATION_BINS, 400 * DAY), 6);
  });
});

describe('figures of the fixture, computed by hand', () => {
  const cube = buildCube(FIXTURE, { nowMs: NOW });
  const all = figuresFromCube(cube, fullFilter(cube));

  it('spans every year from the first incident to the last', () => {
    assert.deepEqual(cube.years, [2022, 2023, 2024]);
    assert.equal(all.count, 6);
    assert.equal(all.ended, 5);
  });

  it('counts categories, most first, ties in taxonomy order', () => {
    assert.deepEqual(counts(all.categories), [
      ['database', 3],
      ['config-change', 1],
      ['capacity', 1],
      ['network-dns', 1],
      ['unknown', 1],
    ]);
  });

  it('bins durations and reports exact percentiles, not a mean', () => {
    assert.deepEqual(
      all.durationBins.map((row) => row.count),
      [1, 1, 1, 1, 0, 0, 1],
    );
    // Sorted: 10, 45, 120, 300, 5760 min. p75 at rank 3; p90 at rank 3.6 = 300 + 0.6 × 5460.
    assert.equal(all.stats.medianDurationMs, 120 * MIN);
    assert.equal(all.stats.p75DurationMs, 300 * MIN);
    assert.equal(all.stats.p90DurationMs, 3576 * MIN);
    // Detect: 0, 2, 5, 10, 30, 60 → (5 + 10) / 2. Resolve: 8, 40, 90, 240, 5760.
    assert.equal(all.stats.medianDetectMs, 7.5 * MIN);
    assert.equal(all.stats.medianResolveMs, 90 * MIN);
  });

  it('counts postmortems per month, per category, from the first to the last month', () => {
    assert.equal(all.months.months.length, 27);
    assert.equal(all.months.months[0], '2022-03');
    assert.equal(all.months.months.at(-1), '2024-05');
    assert.deepEqual(all.months.categories, ['config-change', 'database', 'capacity', 'network-dns', 'unknown']);
    assert.deepEqual(all.months.counts[0], [0, 2, 1, 0, 0]);
    assert.equal(all.months.totals[0], 2);
    const december = all.months.months.indexOf('2023-12');
    assert.deepEqual(all.months.counts[december], [0, 0, 0, 1, 0]);
    assert.equal(
      all.months.totals.reduce((a, b) => a + b, 0),
      6,
    );
  });

  it('plots every resolved incident, newest first', () => {
    assert.deepEqual(
      all.scatter.points.map((point) => [point.id, point.timeToDetectMs / MIN, point.timeToResolveMs / MIN]),
      [
        ['e', 0, 5760],
        ['d', 60, 240],
        ['c', 30, 90],
        ['b', 5, 40],
        ['a', 2, 8],
      ],
    );
    assert.equal(all.scatter.eligible, 5);
  });

  it('counts severities in scale order and services most named first', () => {
    assert.deepEqual(counts(all.severities), [
      ['sev1', 2],
      ['sev2', 2],
      ['sev3', 1],
      ['sev4', 1],
    ]);
    assert.deepEqual(counts(all.services), [
      ['api', 4],
      ['db', 2],
      ['web', 2],
    ]);
  });

  it('counts action items outstanding and done by term and by age, and what is overdue', () => {
    assert.deepEqual(
      all.actionsByTerm.map((row) => [row.key, row.open, row.done]),
      [
        ['short', 3, 1],
        ['mid', 1, 1],
        ['long', 0, 0],
      ],
    );
    // Ages at 2024-06-01: a, b > 2 years; c 6–12 months; e 3–6 months; f (still open) 30–90 days.
    assert.deepEqual(
      all.actionsByAge.map((row) => [row.key, row.open, row.done]),
      [
        ['under-30d', 0, 0],
        ['30d-90d', 1, 0],
        ['90d-180d', 1, 0],
        ['180d-1y', 1, 0],
        ['1y-2y', 0, 0],
        ['over-2y', 1, 2],
      ],
    );
    assert.deepEqual(all.actions, { open: 4, done: 2, wontDo: 1, overdue: 1 });
  });

  it('re-slices by year range with exact percentiles for that range', () => {
    const later = figuresFromCube(cube, { from: 2023, to: 2024, category: null });
    assert.equal(later.count, 4);
    // 120, 300, 5760 min.
    assert.equal(later.stats.medianDurationMs, 300 * MIN);
    assert.equal(later.stats.p75DurationMs, 3030 * MIN);
    assert.equal(later.stats.p90DurationMs, 4668 * MIN);
    assert.equal(later.months.months[0], '2023-07');
    assert.deepEqual(
      later.scatter.points.map((point) => point.id),
      ['e', 'd', 'c'],
    );
  });

  it('re-slices by category, counting what else those postmortems name', () => {
    const database = figuresFromCube(cube, { from: 2022, to: 2024, category: 'database' });
    assert.equal(database.count, 3);
    assert.deepEqual(counts(database.categories), [
      ['database', 3],
      ['capacity', 1],
    ]);
    assert.equal(database.stats.medianDurationMs, 45 * MIN);
    assert.deepEqual(database.months.months, all.months.months.slice(0, all.months.months.indexOf('2024-02') + 1));
    assert.deepEqual(
      database.scatter.points.map((point) => point.id),
      ['e', 'b', 'a'],
    );
  });

  it('gives every slice the same figures as computing that slice from scratch', () => {
    const strip = ({ filter: _filter, ...rest }: Figures) => rest;
    for (const from of cube.years) {
      for (const to of cube.years.filter((year) => year >= from)) {
        for (const category of [null, ...cube.categories]) {
          const filter = { from, to, category };
          const direct = computeFigures(filterFacts(FIXTURE, filter), { nowMs: NOW, services: cube.services });
          assert.deepEqual(strip(figuresFromCube(cube, filter)), strip(direct), JSON.stringify(filter));
        }
      }
    }
  });

  it('has empty figures for an empty set', () => {
    const none = computeFigures([], { nowMs: NOW });
    assert.equal(none.count, 0);
    assert.equal(none.stats.medianDurationMs, null);
    assert.deepEqual(none.months.months, []);
    assert.deepEqual(none.categories, []);
  });
});

describe('scatter sampling', () => {
  const many = Array.from({ length: 500 }, (_, i) =>
    fact(
      `incident-${i}`,
      `20${10 + (i % 10)}-01-01T00:00:00Z`,
      { duration: 60 + i, detect: 1 + (i % 30) },
      {
        severity: 'sev3',
        categories: ['database'],
        services: ['api'],
        actionItems: [],
      },
    ),
  );

  it('caps the points and keeps the same sample whatever the input order', () => {
    const cube = buildCube(many, { nowMs: NOW, scatterCap: 120 });
    const shuffled = buildCube([...many].reverse(), { nowMs: NOW, scatterCap: 120 });
    const figures = figuresFromCube(cube, fullFilter(cube));
    assert.equal(figures.scatter.points.length, 120);
    assert.equal(figures.scatter.eligible, 500);
    assert.deepEqual(cube.points, shuffled.points);
    const lowest = many
      .map((f) => f.id)
      .sort((a, b) => hashId(a) - hashId(b))
      .slice(0, 120)
      .sort();
    assert.deepEqual(cube.points.map((p) => p.id).sort(), lowest);
  });

  it('keeps per-bin data independent of the number of incidents', () => {
    const small = JSON.stringify(buildCube(many.slice(0, 50), { nowMs: NOW, scatterCap: 0 }).cells);
    const large = JSON.stringify(buildCube(many, { nowMs: NOW, scatterCap: 0 }).cells);
    // Same years and categories: only the digits of the counts may grow.
    assert.ok(large.length < small.length * 1.3, `${small.length} → ${large.length}`);
  });
});

describe('facts of a validated postmortem', () => {
  it('takes durations from the incident times and ages items from the resolution', () => {
    const data = postmortemSchema.parse(validFrontmatter());
    const facts = factsOf('x', data, incidentTimes(data))!;
    assert.equal(facts.durationMs, 40 * MIN);
    assert.equal(facts.timeToDetectMs, 4 * MIN);
    assert.equal(facts.timeToResolveMs, 36 * MIN);
    assert.equal(facts.actionsFromMs, at('2024-05-02T07:50:00Z'));
    assert.deepEqual(facts.actionItems, [{ term: 'short', status: 'open', due: '2024-06-01' }]);
  });
});

describe('figure tables', () => {
  const cube = buildCube(FIXTURE, { nowMs: NOW });
  const figures = figuresFromCube(cube, fullFilter(cube));
  const models = tableModels(figures, (id) => `/postmortems/${id}/`);

  it('holds the same numbers as the figures, with readable text', () => {
    assert.deepEqual(
      models.durations.rows.map((row) => row.cells[0].value),
      figures.durationBins.map((bin) => bin.count),
    );
    assert.deepEqual(
      models.percentiles.rows.map((row) => row.cells[0].text),
      ['2 h', '5 h', '2 d 12 h'],
    );
    assert.deepEqual(models.months.columns.at(-1), { key: 'total', label: 'Postmortems', series: false });
    assert.equal(models.scatter.rows[0].href, '/postmortems/e/');
    assert.deepEqual(
      statsModel(figures).map((stat) => [stat.key, stat.text]),
      [
        ['count', '6'],
        ['median-duration', '2 h'],
        ['p90-duration', '2 d 12 h'],
        ['median-detect', '8 min'],
        ['median-resolve', '1 h 30 min'],
        ['open-actions', '4'],
        ['overdue-actions', '1'],
      ],
    );
  });

  it('renders the value of every cell for the chart, and escapes text', () => {
    const html = tableHtml({
      caption: 'A <b> & "c"',
      rowHeader: 'Row',
      columns: [{ key: 'n', label: 'N', series: true }],
      rows: [{ key: 'k', label: '<script>', cells: [{ value: 3, text: '3' }] }],
      empty: 'none',
    });
    assert.match(html, /<caption>A &lt;b&gt; &amp; &quot;c&quot;<\/caption>/);
    assert.match(html, /<th scope="col" data-col="n" data-series>N<\/th>/);
    assert.match(
      html,
      /<tr data-key="k"><th scope="row">&lt;script&gt;<\/th><td data-col="n" data-value="3">3<\/td><\/tr>/,
    );
    assert.equal(escapeHtml(`'`), '&#39;');
  });

  it('says so when a table has no rows', () => {
    const html = tableHtml({ ...models.categories, rows: [] });
    assert.match(html, /<td colspan="2" class="muted">No postmortems in this selection.<\/td>/);
  });
});
