import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeRecords, encodeRecords, factsOf, type IncidentFacts } from '../../src/lib/insights/records.ts';
import { periodsOf } from '../../src/lib/insights/periods.ts';
import { distributionFigure, measured, P_GRID } from '../../src/lib/insights/distributions.ts';
import { followThroughFigure, AGE_GRID_DAYS } from '../../src/lib/insights/follow-through.ts';
import { comparePeriods } from '../../src/lib/insights/comparison.ts';
import { findRecurrences } from '../../src/lib/insights/recurrence.ts';
import { applyFilter, computeFigures, NO_FILTER } from '../../src/lib/insights/figures.ts';
import { NO_VALUE } from '../../src/lib/insights/no-value.ts';
import { figureNotes, statsModel, tableModels } from '../../src/lib/insights/figure-tables.ts';
import { incidentTimes } from '../../src/lib/incidents/timing.ts';
import { postmortemSchema } from '../../src/lib/core/schema.ts';
import { quantile } from '../../src/lib/statistics/quantiles.ts';
import { createRandom, normalDeviate } from '../../src/lib/statistics/random.ts';
import { validFrontmatter } from '../helpers/postmortem.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const NOW = Date.parse('2024-06-01T00:00:00Z');

let serial = 0;
function fact(overrides: Partial<IncidentFacts> = {}): IncidentFacts {
  const startedMs = overrides.startedMs ?? Date.parse('2023-03-01T00:00:00Z');
  return {
    id: `pm-${serial++}`,
    title: 'An incident',
    startedMs,
    year: new Date(startedMs).getUTCFullYear(),
    severity: 'sev2',
    categories: ['database'],
    services: ['api'],
    durationMs: HOUR,
    timeToDetectMs: 5 * MIN,
    timeToMitigateMs: 30 * MIN,
    followUpFromMs: startedMs + HOUR,
    actionItems: [],
    ...overrides,
  };
}

describe('records', () => {
  it('take every time from the incident times and survive the compact encoding unchanged', () => {
    const data = postmortemSchema.parse({
      ...validFrontmatter(),
      actionItems: [
        { title: 'Fix it.', term: 'short', type: 'prevent', status: 'done', closed: '2024-05-10' },
        { title: 'Watch it.', term: 'mid', type: 'detect', status: 'open', due: '2024-06-30' },
      ],
    });
    const facts = factsOf('x', data, incidentTimes(data));
    assert.equal(facts.durationMs, 40 * MIN);
    assert.equal(facts.timeToDetectMs, 4 * MIN);
    assert.equal(facts.timeToMitigateMs, 31 * MIN);
    assert.equal(facts.year, 2024);
    assert.equal(facts.actionItems[0].closed, '2024-05-10');
    const { id: _id, title: _title, startedMs: _started, ...record } = facts;
    assert.deepEqual(decodeRecords(JSON.parse(JSON.stringify(encodeRecords([facts])))), [record]);
  });

  it('keep unknown times unknown', () => {
    const unknown = fact({
      year: undefined,
      durationMs: undefined,
      timeToDetectMs: undefined,
      followUpFromMs: undefined,
    });
    const [decoded] = decodeRecords(encodeRecords([unknown]));
    assert.equal(decoded.year, undefined);
    assert.equal(decoded.durationMs, undefined);
    assert.equal(decoded.timeToDetectMs, undefined);
    assert.equal(decoded.timeToMitigateMs, 30 * MIN);
  });
});

describe('periods', () => {
  it('are years over a short span', () => {
    const { width, periods } = periodsOf([2021, 2024, 2024, 2022]);
    assert.equal(width, 1);
    assert.deepEqual(
      periods.map((p) => [p.label, p.gap]),
      [
        ['2021', false],
        ['2022', false],
        ['2023', true],
        ['2024', false],
      ],
    );
  });

  it('widen to decades or centuries over a long span, with empty stretches as one gap', () => {
    const years = [1628, 1969, 1980, ...Array.from({ length: 30 }, (_, i) => 1995 + i)];
    const { width, periods } = periodsOf(years);
    assert.equal(width, 10);
    assert.ok(periods.length <= 2 * 30);
    assert.deepEqual(
      periods.slice(0, 3).map((p) => [p.label, p.gap]),
      [
        ['1620s', false],
        ['1630–1959', true],
        ['1960s', false],
      ],
    );
    assert.equal(periodsOf(Array.from({ length: 400 }, (_, i) => 1600 + i)).width, 100);
  });
});

describe('distributions', () => {
  const records = [10, 20, 30, 40, 50, 60, 70, 80, 90].map((minutes) => fact({ durationMs: minutes * MIN }));
  records.push(fact({ durationMs: undefined }), fact({ durationMs: undefined }));

  it('leave out and count incidents whose time is unknown', () => {
    assert.equal(measured(records, 'duration').missing, 2);
    const figure = distributionFigure(records, 'duration');
    assert.equal(figure.rows[0].n, 9);
    assert.equal(figure.rows[0].missing, 2);
    const figures = computeFigures(records, NO_FILTER, { nowMs: NOW });
    assert.equal(
      figureNotes(figures).duration,
      '2 of 11 have no end time (unknown or only approximate) and are left out.',
    );
  });

  it('give the median and p90 of what is known, inside their bootstrap intervals, reproducibly', () => {
    const [row] = distributionFigure(records, 'duration').rows;
    assert.equal(row.median.value, 50 * MIN);
    assert.equal(row.p90.value, 82 * MIN);
    assert.ok(row.median.low! <= row.median.value! && row.median.value! <= row.median.high!);
    assert.ok(row.median.low! < row.median.high!, 'a real interval');
    assert.deepEqual(distributionFigure(records, 'duration').rows[0], row, 'seeded: same interval every build');
    assert.equal(row.quantiles.length, P_GRID.length);
    assert.equal(row.quantiles[0], 10 * MIN);
    assert.equal(row.quantiles.at(-1), 90 * MIN);
  });

  it('break down by severity in scale order, leaving out severities without incidents', () => {
    const mixed = [fact({ severity: 'sev3' }), fact({ severity: 'sev1' }), fact({ severity: 'sev1' })];
    assert.deepEqual(
      distributionFigure(mixed, 'duration', 'severity').rows.map((row) => [row.key, row.n]),
      [
        ['sev1', 2],
        ['sev3', 1],
      ],
    );
  });
});

describe('follow-through (Kaplan–Meier)', () => {
  const from = Date.parse('2024-01-01T00:00:00Z');
  const records = [
    fact({
      followUpFromMs: from,
      actionItems: [
        { term: 'short', type: 'prevent', status: 'done', closed: '2024-01-11' },
        { term: 'short', type: 'detect', status: 'done', closed: '2024-01-21' },
        { term: 'long', type: 'prevent', status: 'open', due: '2024-03-01' },
        { term: 'long', type: 'prevent', status: 'in-progress' },
        { term: 'mid', type: 'process', status: 'done' },
        { term: 'mid', type: 'process', status: 'wont-do' },
      ],
    }),
  ];

  it('censors open items at their age instead of dropping them, and counts what it cannot place', () => {
    const figure = followThroughFigure(records, NOW);
    const [all] = figure.byTerm;
    assert.deepEqual([all.n, all.closed, all.open], [4, 2, 2]);
    assert.equal(figure.wontDo, 1);
    assert.equal(figure.doneWithoutDate, 1);
    // Closed at 10 and 20 days, two still open at 152 days: half are closed by day 20.
    assert.equal(all.median, 20 * DAY);
    const naive = quantile([10, 20], 0.5)! * DAY;
    assert.ok(naive < all.median!, 'a median of closed items only is biased low');
    assert.equal(all.stillOpen[AGE_GRID_DAYS.indexOf(14)], 0.75);
    assert.equal(all.stillOpen[AGE_GRID_DAYS.indexOf(120)], 0.5);
    assert.equal(all.stillOpen[AGE_GRID_DAYS.indexOf(365)], null, 'nothing is known past the oldest item');
  });

  it('counts outstanding items past due', () => {
    assert.deepEqual(followThroughFigure(records, NOW).pastDue, { outstanding: 2, withDue: 1, pastDue: 1 });
  });
});

describe('comparing two periods', () => {
  const random = createRandom(7);
  const lognormal = (median: number) => median * Math.exp(1.2 * normalDeviate(random));
  const year = (y: number, n: number, median: number) =>
    Array.from({ length: n }, () => fact({ year: y, durationMs: lognormal(median) }));

  it('says no detectable change for a real 10% improvement at a dozen incidents a year, and what would be', () => {
    const { rows } = comparePeriods(
      [...year(2023, 12, HOUR), ...year(2024, 12, 0.9 * HOUR)],
      { from: 2023, to: 2023 },
      { from: 2024, to: 2024 },
      ['duration'],
    );
    assert.equal(rows[0].detectable, false);
    assert.match(
      rows[0].verdict,
      /^No detectable change at this sample size; only a change of about \d+(\.\d+)?× or more/,
    );
    assert.ok(rows[0].minimumDetectableRatio! >= 1.5);
  });

  it('detects a tenfold change', () => {
    const { rows } = comparePeriods(
      [...year(2023, 40, HOUR), ...year(2024, 40, 10 * HOUR)],
      { from: 2023, to: 2023 },
      { from: 2024, to: 2024 },
      ['duration'],
    );
    assert.equal(rows[0].detectable, true);
    assert.match(rows[0].verdict, /^2024 is \d+\.\d× longer than 2023/);
  });

  it('refuses to compare too few incidents', () => {
    const { rows } = comparePeriods(
      [...year(2023, 2, HOUR), ...year(2024, 5, HOUR)],
      { from: 2023, to: 2023 },
      { from: 2024, to: 2024 },
      ['duration'],
    );
    assert.match(rows[0].verdict, /^Too few/);
  });
});

describe('recurrence', () => {
  it('marks an incident matching category and service of an earlier one whose follow-ups were all done', () => {
    const earlier = fact({ id: 'earlier', startedMs: Date.parse('2022-01-01'), actionItems: [{ status: 'done' }] });
    const undone = fact({ id: 'undone', startedMs: Date.parse('2022-06-01'), actionItems: [{ status: 'open' }] });
    const later = fact({ id: 'later', startedMs: Date.parse('2023-01-01') });
    const otherService = fact({ id: 'elsewhere', startedMs: Date.parse('2023-02-01'), services: ['web'] });
    assert.deepEqual(findRecurrences([later, undone, earlier, otherService]), [
      { id: 'later', earlierId: 'earlier', categories: ['database'], services: ['api'] },
      { id: 'undone', earlierId: 'earlier', categories: ['database'], services: ['api'] },
    ]);
  });
});

describe('figures of a slice', () => {
  const records = [
    fact({ year: 2022, categories: ['database'] }),
    fact({ year: 2023, categories: ['capacity'] }),
    fact({ year: undefined, categories: ['database'] }),
  ];

  it('keep incidents of unknown year only when no year range is chosen', () => {
    assert.equal(applyFilter(records, NO_FILTER).length, 3);
    assert.equal(applyFilter(records, { years: { from: 2000, to: 2100 }, category: null }).length, 2);
    assert.equal(applyFilter(records, { years: null, category: 'database' }).length, 2);
    const figures = computeFigures(records, NO_FILTER, { nowMs: NOW });
    assert.equal(figures.unknownYear, 1);
    assert.deepEqual(figures.overTime.totals, [1, 1]);
    assert.equal(figureNotes(figures)['over-time'], '2 of 3 have a known start year; the other 1 are left out.');
  });

  it('fill every table with the figures’ numbers', () => {
    const figures = computeFigures(records, NO_FILTER, { nowMs: NOW });
    const models = tableModels(figures);
    assert.deepEqual(
      models['summary-duration'].rows[0].cells.slice(0, 3).map((cell) => cell.value),
      [3, 0, HOUR],
    );
    assert.deepEqual(
      models['over-time'].rows.map((row) => row.label),
      ['2022', '2023'],
    );
    assert.equal(statsModel(figures).find((stat) => stat.key === 'median-duration')!.text, '1 h');
  });
});

describe('figures of postmortems that state no category, severity or service', () => {
  // As an import of a public collection gives them: some with every value, most with none.
  const records = [
    fact({ year: 2021, categories: ['database'], severity: 'sev1', services: ['api'] }),
    fact({ year: 2021, categories: ['database', 'capacity'], severity: 'sev2', services: ['api'] }),
    ...Array.from({ length: 5 }, (_, i) =>
      fact({ year: 2021 + (i % 3), categories: [], severity: undefined, services: [] }),
    ),
    fact({ year: undefined, categories: [], severity: undefined, services: [] }),
  ];
  const figures = computeFigures(records, NO_FILTER, { nowMs: NOW });
  const models = tableModels(figures);

  it('count them in a row of their own in every count, so each chart draws what its table counts', () => {
    assert.deepEqual(
      figures.categories.map((row) => [row.key, row.label, row.count]),
      [
        ['database', 'Database', 2],
        ['capacity', 'Capacity / resource exhaustion', 1],
        [NO_VALUE, 'Not categorised', 6],
      ],
    );
    assert.deepEqual(
      figures.severities.map((row) => [row.key, row.count]),
      [
        ['sev1', 1],
        ['sev2', 1],
        ['sev3', 0],
        ['sev4', 0],
        [NO_VALUE, 6],
      ],
    );
    assert.deepEqual(figures.severities.at(-1)!.label, 'No severity');
    assert.deepEqual(
      figures.services.map((row) => [row.key, row.count]),
      [
        ['api', 2],
        [NO_VALUE, 6],
      ],
    );
    // Each postmortem is in at least one row of each count.
    for (const rows of [figures.categories, figures.severities, figures.services]) {
      assert.ok(rows.reduce((sum, row) => sum + row.count, 0) >= records.length);
    }
  });

  it('label services as the catalog names them, here and when the browser re-computes from the records file', () => {
    const names: Record<string, string> = { api: 'Public API' };
    const named = computeFigures(records, NO_FILTER, { nowMs: NOW, serviceName: (slug) => names[slug] ?? slug });
    assert.equal(named.services[0].label, 'Public API');
    assert.equal(figures.services[0].label, 'api', 'without a catalog, the slug');
    const encoded = JSON.parse(JSON.stringify(encodeRecords(records, (slug) => names[slug] ?? slug)));
    assert.deepEqual([encoded.services, encoded.serviceNames], [['api'], ['Public API']]);
  });

  it('stack the uncategorised in the over-time chart, so every period’s stack reaches its total', () => {
    const table = models['over-time'];
    const series = table.columns.flatMap((column, i) => (column.series ? [i] : []));
    assert.deepEqual(
      series.map((i) => table.columns[i].key),
      ['database', 'capacity', NO_VALUE],
    );
    assert.equal(table.columns[series.at(-1)!].label, 'Not categorised');
    for (const row of table.rows) {
      const stacked = series.reduce((sum, i) => sum + (row.cells[i].value ?? 0), 0);
      const total = row.cells.at(-1)!.value!;
      assert.ok(stacked >= total, `${row.label}: stacked ${stacked} < total ${total}`);
    }
    assert.deepEqual(
      table.rows.map((row) => row.cells.map((cell) => cell.value)),
      [
        [2, 1, 2, 4],
        [0, 0, 2, 2],
        [0, 0, 1, 1],
      ],
    );
  });

  it('add no such row or column when every postmortem has a value', () => {
    const complete = computeFigures([fact(), fact({ severity: 'sev1' })], NO_FILTER, { nowMs: NOW });
    for (const rows of [complete.categories, complete.severities, complete.services]) {
      assert.ok(rows.every((row) => row.key !== NO_VALUE));
    }
    assert.equal(complete.overTime.uncategorised, null);
    assert.ok(tableModels(complete)['over-time'].columns.every((column) => column.key !== NO_VALUE));
  });

  it('can be sliced to the postmortems that name no category', () => {
    const uncategorised = computeFigures(records, { years: null, category: NO_VALUE }, { nowMs: NOW });
    assert.equal(uncategorised.count, 6);
    assert.deepEqual(
      uncategorised.categories.map((row) => [row.key, row.count]),
      [[NO_VALUE, 6]],
    );
    assert.equal(applyFilter(records, { years: { from: 2021, to: 2021 }, category: NO_VALUE }).length, 2);
  });

  it('say so under the follow-through figure when no postmortem lists an action item', () => {
    assert.equal(figureNotes(figures)['follow-through'], 'No postmortem in this selection lists an action item.');
    assert.deepEqual(models['km-summary-term'].rows, [], 'no rows of zeros');
  });
});

describe('follow-through interval', () => {
  const from = Date.parse('2024-01-01T00:00:00Z');
  const closedAfter = (days: number) => new Date(from + days * DAY).toISOString().slice(0, 10);
  const itemsClosedAfter = (days: number[], open: number) => [
    fact({
      followUpFromMs: from,
      actionItems: [
        ...days.map((d) => ({ term: 'short' as const, status: 'done' as const, closed: closedAfter(d) })),
        ...Array.from({ length: open }, () => ({ term: 'short' as const, status: 'open' as const })),
      ],
    }),
  ];
  const summary = (records: IncidentFacts[]) =>
    tableModels(computeFigures(records, NO_FILTER, { nowMs: NOW }))
      ['km-summary-term'].rows[0].cells.slice(3)
      .map((cell) => cell.text);

  it('runs from where the lower band crosses one half to where the upper band does, around the median', () => {
    const records = itemsClosedAfter([3, 5, 8, 10, 14, 14, 20, 25, 30, 40, 60], 4);
    const [all] = followThroughFigure(records, NOW).byTerm;
    assert.deepEqual([all.medianLow, all.median, all.medianHigh], [10 * DAY, 25 * DAY, 60 * DAY]);
    assert.deepEqual(summary(records), ['25 d', '10 d', '60 d']);
  });

  it('is open above when the upper band never falls to one half', () => {
    // Half closed within 20 days, the other half still open at 150 days: the median is 20 days,
    // but the data cannot rule out that it is much later.
    const records = itemsClosedAfter([2, 4, 6, 10, 15, 20], 6);
    const [all] = followThroughFigure(records, NOW).byTerm;
    assert.equal(all.median, 20 * DAY);
    assert.ok(all.medianLow !== null && all.medianLow <= all.median);
    assert.equal(all.medianHigh, null);
    assert.equal(summary(records)[2], 'not reached');
  });
});
