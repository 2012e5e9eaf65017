/**
 * The insights figures computed here from the postmortem files, parsed with `yaml` and not with
 * the site's code: order statistics, counts, exclusions and Kaplan–Meier curves by hand;
 * bootstrap intervals from the unit-tested statistics library with the page's seeds.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'yaml';
import { PROJECT_ROOT } from './astro.ts';
import { quantileInterval } from '../../src/lib/statistics/bootstrap.ts';
import { seedFrom } from '../../src/lib/statistics/random.ts';

const CONTENT = join(PROJECT_ROOT, 'content/postmortems');
const DAY = 86_400_000;
export const SEVERITIES = ['sev1', 'sev2', 'sev3', 'sev4'];
export const P_GRID = Array.from({ length: 21 }, (_, i) => i / 20);
const AGES = [1, 2, 3, 5, 7, 10, 14, 21, 30, 45, 60, 90, 120, 180, 270, 365, 545, 730, 1095, 1825, 3650];

interface Item {
  term?: string;
  type?: string;
  status: string;
  due?: string;
  closed?: string;
  owner?: string;
}
export interface Pm {
  id: string;
  status: string;
  /** incident or near-miss; near misses are in no insights figure. */
  kind: string;
  severity: string;
  categories: string[];
  services: string[];
  year: number;
  duration?: number;
  detect?: number;
  mitigate?: number;
  from: number;
  actionItems: Item[];
}

const dayText = (value: unknown) => (value instanceof Date ? value.toISOString().slice(0, 10) : (value as string));

export function readPostmortems(): Pm[] {
  return readdirSync(CONTENT)
    .filter((file) => /\.mdx?$/.test(file))
    .map((file) => {
      const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(join(CONTENT, file), 'utf8'));
      assert.ok(front, `${file} has frontmatter`);
      const data = parse(front[1]);
      const at = (value: unknown) => (value ? Date.parse(value as string) : undefined);
      const started = at(data.started)!;
      const since = (value: unknown) => (at(value) === undefined ? undefined : at(value)! - started);
      return {
        id: basename(file).replace(/\.mdx?$/, ''),
        status: data.status,
        kind: data.kind ?? 'incident',
        severity: data.severity,
        categories: data.rootCause?.categories ?? [],
        services: data.services ?? [],
        year: new Date(started).getUTCFullYear(),
        duration: since(data.resolved),
        detect: since(data.detected),
        mitigate: since(data.mitigated),
        from: at(data.resolved) ?? started,
        actionItems: (data.actionItems ?? []).map((item: Record<string, unknown>) => ({
          term: item.term,
          type: item.type,
          status: (item.status as string) ?? 'open',
          due: dayText(item.due),
          closed: dayText(item.closed),
          owner: item.owner as string | undefined,
        })),
      };
    });
}

/** Linear interpolation between closest ranks, as spreadsheets do. */
export function percentile(values: number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (sorted.length - 1) * q;
  const low = Math.floor(rank);
  return sorted[low] + (sorted[Math.ceil(rank)] - sorted[low]) * (rank - low);
}

/** Kaplan–Meier share still open at each age, by hand: closures before censorings at a tie. */
function stillOpen(observations: { time: number; closed: boolean }[]): (number | null)[] {
  const sorted = [...observations].sort((a, b) => a.time - b.time || Number(b.closed) - Number(a.closed));
  const last = sorted.at(-1)?.time ?? -1;
  return AGES.map((age) => {
    if (age > last) return null;
    let survival = 1;
    let atRisk = sorted.length;
    for (let i = 0; i < sorted.length && sorted[i].time <= age;) {
      const time = sorted[i].time;
      let closed = 0;
      let all = 0;
      for (; i < sorted.length && sorted[i].time === time; i++, all++) if (sorted[i].closed) closed++;
      survival *= (atRisk - closed) / atRisk;
      atRisk -= all;
    }
    return survival;
  });
}

const FIELDS = { duration: 'duration', detect: 'detect', mitigate: 'mitigate' } as const;

export function expectedFigures(all: Pm[], nowMs: number, slice: { from?: number; to?: number; category?: string }) {
  const pms = all.filter(
    (pm) =>
      (slice.from === undefined || pm.year >= slice.from) &&
      (slice.to === undefined || pm.year <= slice.to) &&
      (slice.category === undefined || pm.categories.includes(slice.category)),
  );
  const tally = (keys: string[]) => {
    const counts = new Map<string, number>();
    for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
    return counts;
  };
  const distribution = (measure: keyof typeof FIELDS, members = pms, key = 'all') => {
    const values = members.flatMap((pm) => (pm[measure] !== undefined && pm[measure]! >= 0 ? [pm[measure]!] : []));
    const interval = (q: number, name: string) => {
      const result = quantileInterval(values, q, {
        seed: seedFrom(`${measure}|${key}|${name}`),
        level: 0.9,
        resamples: 2000,
      });
      return [result?.estimate ?? null, result?.low ?? null, result?.high ?? null];
    };
    return {
      n: values.length,
      missing: members.length - values.length,
      median: interval(0.5, 'median'),
      p90: interval(0.9, 'p90'),
      quantiles: P_GRID.map((p) => percentile(values, p)),
    };
  };
  const items = pms.flatMap((pm) => pm.actionItems.map((item) => ({ ...item, from: pm.from })));
  const placed = items.filter((item) => item.status !== 'wont-do' && !(item.status === 'done' && !item.closed));
  const observe = (group: typeof placed) =>
    group.map((item) => ({
      time: Math.max(0, (item.status === 'done' ? Date.parse(`${item.closed}T00:00:00Z`) : nowMs) - item.from) / DAY,
      closed: item.status === 'done',
    }));
  const km = (dimension: 'term' | 'type', keys: string[]) =>
    new Map(
      [['all', placed] as const, ...keys.map((key) => [key, placed.filter((item) => item[dimension] === key)] as const)]
        .filter(([, group]) => group.length > 0)
        .map(([key, group]) => [
          key,
          {
            n: group.length,
            closed: group.filter((i) => i.status === 'done').length,
            curve: stillOpen(observe(group)),
          },
        ]),
    );
  const outstanding = items.filter((item) => item.status === 'open' || item.status === 'in-progress');
  return {
    count: pms.length,
    pms,
    categories: tally(pms.flatMap((pm) => pm.categories)),
    severities: SEVERITIES.map((severity) => pms.filter((pm) => pm.severity === severity).length),
    distribution,
    kmTerm: km('term', ['short', 'mid', 'long']),
    kmType: km('type', ['prevent', 'mitigate', 'detect', 'process']),
    outstanding: outstanding.length,
    pastDue: outstanding.filter((item) => item.due && Date.parse(`${item.due}T23:59:59Z`) < nowMs).length,
    yearTotals: tally(pms.map((pm) => String(pm.year))),
  };
}

export type ExpectedFigures = ReturnType<typeof expectedFigures>;
