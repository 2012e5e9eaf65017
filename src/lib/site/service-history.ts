/**
 * A service's history: its incidents over time, how often and how soon it broke again, the
 * follow-ups its postmortems still owe and the contributing factors they name. Computed once per
 * build for every service with a page; the service page and `/services/<slug>.json` show it.
 * Near misses are counted apart from incidents everywhere, and never as the service breaking.
 * Pure: the data layer hands in each postmortem's facts.
 */
import type { ActionItem } from '../core/schema.ts';
import { DAY, type TimeValue } from '../core/time.ts';
import { followUpBoard, type FollowUp } from '../incidents/follow-ups.ts';
import { periodsOf, type Period } from '../insights/periods.ts';
import type { Recurrence } from '../insights/recurrence.ts';
import type { TableModel } from '../insights/table-html.ts';
import { median } from '../statistics/quantiles.ts';

/** What the history reads of one postmortem. */
export interface HistoryEntry {
  id: string;
  title: string;
  /** The start to order and bucket by: its instant, or 00:00 UTC of its day; undefined when unknown. */
  startedMs?: number;
  /** `started` as written. */
  started: TimeValue;
  severity?: string;
  /** `near-miss` when the failure was stopped before it reached users. */
  kind: 'incident' | 'near-miss';
  durationMs?: number;
  categories: readonly string[];
  /** The services it names, aliases resolved. */
  services: readonly string[];
  actionItems: readonly ActionItem[];
  /** Its contributing factors: classified (`factor` is a vocabulary slug) or the author's sentence alone. */
  factors: readonly { factor?: string; note?: string }[];
}

/** The time from one incident of the service to the next. */
export interface Gap {
  fromId: string;
  toId: string;
  ms: number;
}

export interface ServiceRecurrence {
  /** Incidents (not near misses) with a known start: the gaps are between consecutive ones. */
  dated: number;
  /** Incidents whose start is unknown, left out of the gaps and counted. */
  undated: number;
  gaps: Gap[];
  medianGapMs?: number;
  shortestGapMs?: number;
  /** Incidents that started within 30 and within 90 days of the service's previous one. */
  within30Days: number;
  within90Days: number;
  /** Incidents of this service with the same root cause as an earlier one whose follow-ups were all done. */
  afterFollowUps: Recurrence[];
}

export interface FactorCount {
  factor: string;
  /** Postmortems naming it. */
  count: number;
  /** Of those, near misses. */
  nearMisses: number;
}

export interface ServiceHistory {
  slug: string;
  /** Its postmortems in the order given (newest first). */
  entries: HistoryEntry[];
  incidents: number;
  nearMisses: number;
  /** Postmortems per period of their start, incidents and near misses apart (empty stretches are gaps). */
  overTime: { period: Period; incidents: number; nearMisses: number }[];
  /** Postmortems whose start year is unknown, left out of `overTime` and counted. */
  undatedEntries: number;
  recurrence: ServiceRecurrence;
  /** Action items still owed (open or in progress), oldest incident first. */
  openFollowUps: FollowUp[];
  overdueFollowUps: number;
  /** Factors by the number of postmortems naming them, most first. */
  factors: FactorCount[];
  /** Contributing factors written as a sentence without a vocabulary factor. */
  unclassifiedFactors: number;
}

const yearOf = (ms: number) => new Date(ms).getUTCFullYear();

/** The history of each service named in `entries` (in the order the services first appear). */
export function serviceHistories(
  entries: readonly HistoryEntry[],
  recurrences: readonly Recurrence[],
  nowMs: number,
): Map<string, ServiceHistory> {
  const byService = new Map<string, HistoryEntry[]>();
  for (const entry of entries)
    for (const service of entry.services) byService.set(service, [...(byService.get(service) ?? []), entry]);
  return new Map(
    [...byService].map(([slug, own]) => [
      slug,
      serviceHistory(
        slug,
        own,
        recurrences.filter((recurrence) => recurrence.services.includes(slug)),
        nowMs,
      ),
    ]),
  );
}

/** One service's history from its own postmortems and the recurrences that name it. */
export function serviceHistory(
  slug: string,
  entries: readonly HistoryEntry[],
  recurrences: readonly Recurrence[],
  nowMs: number,
): ServiceHistory {
  const dated = entries.filter((entry) => entry.startedMs !== undefined);
  const { periods } = periodsOf(dated.map((entry) => yearOf(entry.startedMs!)));
  const overTime = periods.map((period) => {
    const inPeriod = dated.filter((entry) => {
      const year = yearOf(entry.startedMs!);
      return year >= period.from && year <= period.to;
    });
    return {
      period,
      incidents: inPeriod.filter((entry) => entry.kind === 'incident').length,
      nearMisses: inPeriod.filter((entry) => entry.kind === 'near-miss').length,
    };
  });
  const incidents = entries.filter((entry) => entry.kind === 'incident');
  const timed = incidents
    .filter((entry): entry is HistoryEntry & { startedMs: number } => entry.startedMs !== undefined)
    .sort((a, b) => a.startedMs - b.startedMs || a.id.localeCompare(b.id));
  const gaps = timed.slice(1).map((entry, i) => ({
    fromId: timed[i].id,
    toId: entry.id,
    ms: entry.startedMs - timed[i].startedMs,
  }));
  const board = followUpBoard(
    entries.map((entry) => ({
      id: entry.id,
      title: entry.title,
      startedMs: entry.startedMs,
      started: entry.started,
      actionItems: entry.actionItems,
    })),
    nowMs,
  );
  const openFollowUps = board.owners
    .flatMap((owner) => owner.terms.flatMap((term) => term.items))
    .sort(
      (a, b) =>
        (a.startedMs ?? Infinity) - (b.startedMs ?? Infinity) ||
        a.postmortemId.localeCompare(b.postmortemId) ||
        a.item.title.localeCompare(b.item.title),
    );
  const factorCounts = new Map<string, FactorCount>();
  let unclassifiedFactors = 0;
  for (const entry of entries) {
    for (const factor of new Set(entry.factors.flatMap((f) => (f.factor ? [f.factor] : [])))) {
      const count = factorCounts.get(factor) ?? { factor, count: 0, nearMisses: 0 };
      count.count++;
      if (entry.kind === 'near-miss') count.nearMisses++;
      factorCounts.set(factor, count);
    }
    unclassifiedFactors += entry.factors.filter((f) => !f.factor).length;
  }
  const gapMs = gaps.map((gap) => gap.ms);
  return {
    slug,
    entries: [...entries],
    incidents: incidents.length,
    nearMisses: entries.length - incidents.length,
    overTime,
    undatedEntries: entries.length - dated.length,
    recurrence: {
      dated: timed.length,
      undated: incidents.length - timed.length,
      gaps,
      medianGapMs: median(gapMs),
      shortestGapMs: gapMs.length ? Math.min(...gapMs) : undefined,
      within30Days: gapMs.filter((ms) => ms <= 30 * DAY).length,
      within90Days: gapMs.filter((ms) => ms <= 90 * DAY).length,
      afterFollowUps: recurrences.filter((recurrence) => recurrence.services.includes(slug)),
    },
    openFollowUps,
    overdueFollowUps: board.overdue,
    factors: [...factorCounts.values()].sort((a, b) => b.count - a.count || a.factor.localeCompare(b.factor)),
    unclassifiedFactors,
  };
}

/** The table the history chart draws: postmortems per period, incidents and near misses as two series. */
export function historyTable(history: ServiceHistory, serviceName: string): TableModel {
  return {
    caption: `Postmortems of ${serviceName} per period of their start (UTC)`,
    rowHeader: 'Period',
    columns: [
      { key: 'incidents', label: 'Incidents', series: true },
      { key: 'near-misses', label: 'Near misses', series: true },
    ],
    rows: history.overTime.map(({ period, incidents, nearMisses }) => ({
      key: String(period.from),
      label: period.gap ? `${period.label} (none)` : period.label,
      cells: [
        { value: incidents, text: String(incidents) },
        { value: nearMisses, text: String(nearMisses) },
      ],
    })),
    empty: 'No postmortem of this service has a known start.',
  };
}

/** Days to one decimal, the unit of the per-service JSON. */
export const toDays = (ms: number) => Math.round((ms / DAY) * 10) / 10;
