/**
 * A service's history: postmortems per period (near misses apart, unknown starts counted), how
 * soon it broke again, open follow-ups, factors, and the JSON a catalog plugin reads.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HOUR, MINUTE } from '../../src/lib/core/time.ts';
import { historyTable, serviceHistories, type HistoryEntry } from '../../src/lib/site/service-history.ts';
import { serviceExport } from '../../src/lib/site/service-export.ts';

const at = (day: string) => Date.parse(`${day}T00:00:00Z`);
const entry = (id: string, fields: Partial<HistoryEntry>): HistoryEntry => ({
  id,
  title: `Title of ${id}`,
  started: fields.startedMs === undefined ? { unknown: 'not stated' } : new Date(fields.startedMs).toISOString(),
  kind: 'incident',
  categories: ['database'],
  services: ['ledger'],
  actionItems: [],
  factors: [],
  ...fields,
});

const entries: HistoryEntry[] = [
  entry('c', { startedMs: at('2023-05-01'), kind: 'near-miss', factors: [{ factor: 'config-push', note: 'A push.' }] }),
  entry('e', {
    startedMs: at('2020-03-01'),
    durationMs: 90 * MINUTE + 20_000,
    factors: [
      { factor: 'config-push', note: 'The push went everywhere.' },
      { factor: 'config-push', note: 'Twice.' },
      { note: 'Nobody was on call.' },
    ],
    actionItems: [
      { title: 'Stage config pushes', status: 'open', term: 'short', due: '2020-04-01', owner: 'Ledger team' },
      { title: 'Write the runbook', status: 'done', term: 'short', closed: '2020-03-10' },
    ],
  }),
  entry('b', {
    startedMs: at('2020-01-11'),
    services: ['ledger', 'payments'],
    factors: [{ factor: 'detection-gap', note: 'No alert.' }],
    actionItems: [{ title: 'Add an alert', status: 'in-progress', term: 'mid' }],
  }),
  entry('d', { startedMs: undefined }),
  entry('a', { startedMs: at('2020-01-01') + 6 * HOUR, severity: 'sev2' }),
];
const nowMs = at('2026-12-07');
const recurrences = [
  { id: 'e', earlierId: 'a', categories: ['database'], services: ['ledger'] },
  { id: 'z', earlierId: 'y', categories: ['network-dns'], services: ['payments'] },
];
const histories = serviceHistories(entries, recurrences, nowMs);
const ledger = histories.get('ledger')!;

test('every service named gets a history of its own postmortems, in the order given', () => {
  assert.deepEqual([...histories.keys()], ['ledger', 'payments']);
  assert.deepEqual(
    ledger.entries.map((e) => e.id),
    ['c', 'e', 'b', 'd', 'a'],
  );
  assert.deepEqual(
    histories.get('payments')!.entries.map((e) => e.id),
    ['b'],
  );
  assert.deepEqual([ledger.incidents, ledger.nearMisses], [4, 1]);
});

test('postmortems per period: incidents and near misses apart, an empty stretch one gap, unknown starts counted', () => {
  assert.deepEqual(
    ledger.overTime.map(({ period, incidents, nearMisses }) => [period.label, period.gap, incidents, nearMisses]),
    [
      ['2020', false, 3, 0],
      ['2021–2022', true, 0, 0],
      ['2023', false, 0, 1],
    ],
  );
  assert.equal(ledger.undatedEntries, 1);
  const table = historyTable(ledger, 'Ledger');
  assert.deepEqual(
    table.rows.map((row) => [row.label, ...row.cells.map((cell) => cell.value)]),
    [
      ['2020', 3, 0],
      ['2021–2022 (none)', 0, 0],
      ['2023', 0, 1],
    ],
  );
  assert.deepEqual(
    table.columns.map((column) => column.key),
    ['incidents', 'near-misses'],
  );
});

test('how soon it broke again: gaps between incidents with a known start, near misses never count', () => {
  const { recurrence } = ledger;
  assert.deepEqual(
    recurrence.gaps.map((gap) => [gap.fromId, gap.toId, gap.ms / HOUR]),
    [
      ['a', 'b', 10 * 24 - 6],
      ['b', 'e', 50 * 24],
    ],
  );
  assert.deepEqual([recurrence.dated, recurrence.undated], [3, 1]);
  assert.equal(recurrence.medianGapMs, ((234 + 1200) / 2) * HOUR);
  assert.equal(recurrence.shortestGapMs, 234 * HOUR);
  assert.deepEqual([recurrence.within30Days, recurrence.within90Days], [1, 2]);
  assert.deepEqual(
    recurrence.afterFollowUps.map((r) => r.id),
    ['e'],
  );
  assert.deepEqual(
    histories.get('payments')!.recurrence.afterFollowUps.map((r) => r.id),
    ['z'],
  );
  const single = histories.get('payments')!.recurrence;
  assert.deepEqual([single.gaps, single.medianGapMs, single.shortestGapMs], [[], undefined, undefined]);
});

test('open follow-ups are the items still owed, oldest incident first, overdue by the build day', () => {
  assert.deepEqual(
    ledger.openFollowUps.map((f) => [f.postmortemId, f.item.title, f.overdue]),
    [
      ['b', 'Add an alert', false],
      ['e', 'Stage config pushes', true],
    ],
  );
  assert.equal(ledger.overdueFollowUps, 1);
});

test('factors count the postmortems naming them (near misses apart); sentences without a factor are counted', () => {
  assert.deepEqual(ledger.factors, [
    { factor: 'config-push', count: 2, nearMisses: 1 },
    { factor: 'detection-gap', count: 1, nearMisses: 0 },
  ]);
  assert.equal(ledger.unclassifiedFactors, 1);
});

test('the per-service JSON carries the same numbers, in days and minutes', () => {
  const json = serviceExport(
    { slug: 'ledger', name: 'Ledger', ref: 'component:default/ledger' },
    ledger,
    { service: '/services/ledger/', postmortem: (id) => `/postmortems/${id}/` },
    nowMs,
    (slug) => (slug === 'config-push' ? 'Config push' : slug),
  );
  assert.deepEqual(json.factors[0], { factor: 'config-push', name: 'Config push', count: 2, nearMisses: 1 });
  assert.equal(json.generatedAt, '2026-12-07T00:00:00Z');
  assert.deepEqual(json.service, {
    slug: 'ledger',
    name: 'Ledger',
    ref: 'component:default/ledger',
    url: '/services/ledger/',
  });
  assert.deepEqual(json.counts, { incidents: 4, nearMisses: 1, openFollowUps: 2, overdueFollowUps: 1 });
  const e = json.incidents.find((incident) => incident.id === 'e')!;
  assert.deepEqual([e.url, e.durationMinutes, e.factors, e.kind], ['/postmortems/e/', 90, ['config-push'], 'incident']);
  assert.equal('durationMinutes' in json.incidents.find((incident) => incident.id === 'a')!, false);
  assert.deepEqual(json.incidents.find((incident) => incident.id === 'd')!.started, { unknown: 'not stated' });
  assert.deepEqual(json.recurrence.gapsDays, [
    { from: 'a', to: 'b', days: 9.8 },
    { from: 'b', to: 'e', days: 50 },
  ]);
  assert.deepEqual([json.recurrence.medianGapDays, json.recurrence.shortestGapDays], [29.9, 9.8]);
  assert.deepEqual(json.openFollowUps[1], {
    postmortemId: 'e',
    title: 'Stage config pushes',
    owner: 'Ledger team',
    status: 'open',
    term: 'short',
    due: '2020-04-01',
    overdue: true,
  });
  assert.deepEqual(json.overTime[1], { from: 2021, to: 2022, label: '2021–2022', incidents: 0, nearMisses: 0 });
});
