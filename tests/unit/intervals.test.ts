/**
 * Every interval the site shows contains its estimate: the bootstrap intervals of the median and
 * 90th percentile of durations, times to detect and times to mitigate (overall and broken down),
 * the Kaplan–Meier median time to close action items, and whatever interval a comparison of
 * periods carries. Checked over the seed content, the test fixtures (one spanning centuries) and
 * randomized collections, on every slice a reader can pick (each root cause and each year), by a
 * walk over the figures that finds intervals by their shape, so a figure added later is covered
 * too. Below them, the statistics themselves: a bootstrap interval and a Kaplan–Meier band hold
 * their estimate on random samples with ties, censoring and tiny sizes.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkPostmortemFiles } from '../../src/node/postmortem-files.ts';
import { factsOf, type IncidentRecord } from '../../src/lib/insights/records.ts';
import { incidentTimes } from '../../src/lib/incidents/timing.ts';
import { computeFigures, NO_FILTER, type Filter } from '../../src/lib/insights/figures.ts';
import { distributionFigure, MEASURE_KEYS } from '../../src/lib/insights/distributions.ts';
import { comparePeriods } from '../../src/lib/insights/comparison.ts';
import {
  keysOf,
  rootCauseCategories,
  severityOrder,
  actionItemTerms,
  actionItemTypes,
} from '../../src/lib/core/taxonomy.ts';
import { quantileInterval } from '../../src/lib/statistics/bootstrap.ts';
import { kaplanMeier } from '../../src/lib/statistics/kaplan-meier.ts';
import { createRandom, normalDeviate, randomInt, type Random } from '../../src/lib/statistics/random.ts';
import { PROJECT_ROOT } from '../helpers/astro.ts';
import { writeLongSpanCorpus } from '../fixtures/long-span/generate.ts';

const DAY = 86_400_000;
const NOW = Date.parse('2026-06-01T00:00:00Z');

interface Interval {
  path: string;
  estimate: number;
  low: number | null;
  high: number | null;
}

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const orNull = (value: unknown) => (isNumber(value) ? value : null);

/**
 * Every interval in a figure, found by shape: `{ value | estimate, low, high }` (a bootstrap
 * estimate) or `{ x, xLow, xHigh }` (a Kaplan–Meier median and its bounds). An interval whose
 * estimate is unknown is skipped; a bound that is unknown is an open end.
 */
function intervalsIn(node: unknown, path = ''): Interval[] {
  if (Array.isArray(node)) return node.flatMap((item, i) => intervalsIn(item, `${path}[${i}]`));
  if (node === null || typeof node !== 'object') return [];
  const object = node as Record<string, unknown>;
  const found: Interval[] = [];
  if ('low' in object && 'high' in object) {
    const estimate = object.value ?? object.estimate;
    if (isNumber(estimate)) found.push({ path, estimate, low: orNull(object.low), high: orNull(object.high) });
  }
  for (const key of Object.keys(object)) {
    const base = key.endsWith('Low') ? key.slice(0, -3) : undefined;
    if (base && `${base}High` in object && isNumber(object[base])) {
      found.push({
        path: `${path}.${base}`,
        estimate: object[base],
        low: orNull(object[key]),
        high: orNull(object[`${base}High`]),
      });
    }
  }
  for (const [key, value] of Object.entries(object)) found.push(...intervalsIn(value, `${path}.${key}`));
  return found;
}

function assertContained(intervals: Interval[], where: string) {
  for (const { path, estimate, low, high } of intervals) {
    assert.ok(
      (low === null || low <= estimate) && (high === null || estimate <= high),
      `${where} ${path}: ${low} ≤ ${estimate} ≤ ${high} does not hold`,
    );
  }
}

/** Every figure a reader can see for a collection: each slice, each breakdown, each comparison. */
function everyFigure(records: readonly IncidentRecord[]): { name: string; figure: unknown }[] {
  const years = [...new Set(records.flatMap((record) => (record.year === undefined ? [] : [record.year])))].sort();
  const filters: Filter[] = [
    NO_FILTER,
    ...keysOf(rootCauseCategories).map((category) => ({ years: null, category })),
    ...years.map((year) => ({ years: { from: year, to: year }, category: null })),
  ];
  const figures = filters.map((filter) => ({
    name: `figures ${JSON.stringify(filter)}`,
    figure: computeFigures(records, filter, { nowMs: NOW }),
  }));
  const breakdowns = MEASURE_KEYS.flatMap((measure) =>
    (['severity', 'category'] as const).map((groupBy) => ({
      name: `${measure} by ${groupBy}`,
      figure: distributionFigure(records, measure, groupBy),
    })),
  );
  const [a, b] = years.slice(-2);
  const comparisons =
    b === undefined
      ? []
      : [{ name: 'comparison', figure: comparePeriods(records, { from: a, to: a }, { from: b, to: b }) }];
  return [...figures, ...breakdowns, ...comparisons];
}

/** Checks every figure of a collection and returns how many intervals it checked. */
function checkCollection(records: readonly IncidentRecord[], where: string): number {
  let checked = 0;
  for (const { name, figure } of everyFigure(records)) {
    const intervals = intervalsIn(figure);
    assertContained(intervals, `${where}, ${name}:`);
    checked += intervals.length;
  }
  return checked;
}

function recordsOf(contentDir: string): IncidentRecord[] {
  const result = checkPostmortemFiles({ contentDir, production: true });
  assert.deepEqual(result.problems, [], `${contentDir} is valid`);
  return result.entries.map((entry) => factsOf(entry.id, entry.data!, incidentTimes(entry.data!)));
}

/** A random collection: skewed times with ties and unknowns, values present or not, items in every state. */
function randomRecords(random: Random, n: number): IncidentRecord[] {
  const pick = <T>(list: readonly T[]) => list[randomInt(random, list.length)];
  const categories = keysOf(rootCauseCategories);
  const time = (scale: number) => {
    const roll = random();
    if (roll < 0.15) return undefined;
    // Ties and zeros happen: times written to the minute, detection at once.
    if (roll < 0.25) return pick([0, 60_000, 3_600_000]);
    return Math.round(scale * Math.exp(1.5 * normalDeviate(random)));
  };
  return Array.from({ length: n }, () => {
    const startedMs = Date.UTC(2018 + randomInt(random, 8), randomInt(random, 12), 1 + randomInt(random, 28));
    const followUpFromMs = random() < 0.1 ? undefined : startedMs + DAY;
    return {
      year: random() < 0.1 ? undefined : new Date(startedMs).getUTCFullYear(),
      severity: random() < 0.3 ? undefined : pick(severityOrder),
      categories: random() < 0.3 ? [] : [...new Set([pick(categories), ...(random() < 0.2 ? [pick(categories)] : [])])],
      services: random() < 0.3 ? [] : [pick(['api', 'web', 'db'])],
      durationMs: time(3_600_000),
      timeToDetectMs: time(600_000),
      timeToMitigateMs: time(1_800_000),
      followUpFromMs,
      actionItems: Array.from({ length: randomInt(random, 5) }, () => {
        const status = pick(['open', 'in-progress', 'done', 'done', 'done', 'wont-do'] as const);
        const closedMs = (followUpFromMs ?? startedMs) + Math.round(Math.exp(3 * random())) * DAY;
        return {
          term: random() < 0.1 ? undefined : pick(keysOf(actionItemTerms)),
          type: random() < 0.1 ? undefined : pick(keysOf(actionItemTypes)),
          status,
          closed:
            status === 'done' && random() < 0.9 && closedMs < NOW
              ? new Date(closedMs).toISOString().slice(0, 10)
              : undefined,
        };
      }),
    };
  });
}

describe('every interval on the site contains its estimate', () => {
  it('finds intervals by their shape, and rejects one that runs backwards', () => {
    const found = intervalsIn({
      rows: [{ p90: { value: 5, low: 3, high: 8 }, median: 4, medianLow: 3, medianHigh: 2, other: { low: 1 } }],
    });
    assert.deepEqual(
      found.map((interval) => interval.path),
      ['.rows[0].median', '.rows[0].p90'],
    );
    assert.throws(() => assertContained(found, 'example'), /\.rows\[0\]\.median: 3 ≤ 4 ≤ 2 does not hold/);
  });

  it('over the seed content, every slice and breakdown', () => {
    const records = recordsOf(join(PROJECT_ROOT, 'content/postmortems'));
    // Seeds have durations, detection and action items: each kind of interval is exercised.
    assert.ok(checkCollection(records, 'seeds') > 100);
    const overall = computeFigures(records, NO_FILTER, { nowMs: NOW });
    assert.ok(
      overall.followThrough.byTerm.some((row) => row.medianLow !== null),
      'a follow-through interval',
    );
  });

  it('over the fixtures, the one spanning centuries included', () => {
    for (const fixture of ['site-content', 'hostile-content']) {
      checkCollection(recordsOf(join(PROJECT_ROOT, 'tests/fixtures', fixture)), fixture);
    }
    const previous = process.env.KB_EARLIEST_YEAR;
    process.env.KB_EARLIEST_YEAR = '1';
    const dir = mkdtempSync(join(tmpdir(), 'long-span-intervals-'));
    try {
      writeLongSpanCorpus(dir, 120);
      assert.ok(checkCollection(recordsOf(dir), 'long span') > 100);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      if (previous === undefined) delete process.env.KB_EARLIEST_YEAR;
      else process.env.KB_EARLIEST_YEAR = previous;
    }
  });

  it('over randomized collections from 1 to 60 incidents', () => {
    const random = createRandom(2026);
    let checked = 0;
    for (let trial = 0; trial < 40; trial++) {
      const n = 1 + randomInt(random, 60);
      checked += checkCollection(randomRecords(random, n), `random collection ${trial} (n = ${n})`);
    }
    assert.ok(checked > 1000, `${checked} intervals checked`);
  });
});

describe('the statistics behind the intervals', () => {
  it('a bootstrap interval of a quantile holds the quantile, ties and tiny samples included', () => {
    const random = createRandom(90);
    for (let trial = 0; trial < 400; trial++) {
      const n = 2 + randomInt(random, 40);
      const shape = trial % 3;
      const values = Array.from({ length: n }, () =>
        shape === 0
          ? Math.exp(2 * normalDeviate(random))
          : shape === 1
            ? randomInt(random, 4)
            : random() < 0.8
              ? 1
              : 1000,
      );
      for (const q of [0.1, 0.5, 0.9]) {
        const interval = quantileInterval(values, q, { seed: trial, level: 0.9, resamples: 500 })!;
        assert.ok(
          interval.low! <= interval.estimate && interval.estimate <= interval.high!,
          `n = ${n}, q = ${q}: ${interval.low} ≤ ${interval.estimate} ≤ ${interval.high}`,
        );
      }
    }
  });

  it('a Kaplan–Meier band holds its curve, and each quantile interval its quantile', () => {
    const random = createRandom(1963);
    for (let trial = 0; trial < 400; trial++) {
      const n = 1 + randomInt(random, 50);
      const curve = kaplanMeier(
        Array.from({ length: n }, () => ({
          time: randomInt(random, 30),
          event: random() < 0.2 + 0.6 * ((trial % 5) / 4),
        })),
      )!;
      for (const step of curve.steps) {
        assert.ok(
          (step.low === undefined || step.low <= step.survival) &&
            (step.high === undefined || step.survival <= step.high),
          `trial ${trial} at ${step.time}: ${step.low} ≤ ${step.survival} ≤ ${step.high}`,
        );
      }
      for (const p of [0.25, 0.5, 0.75, 0.9]) {
        const estimate = curve.quantile(p);
        const { low, high } = curve.quantileInterval(p);
        if (estimate === undefined) {
          assert.equal(high, undefined, `trial ${trial}, p = ${p}: no upper bound for an estimate never reached`);
          continue;
        }
        assert.ok(
          low !== undefined && low <= estimate && (high === undefined || estimate <= high),
          `trial ${trial}, p = ${p}: ${low} ≤ ${estimate} ≤ ${high}`,
        );
      }
    }
  });
});
