/**
 * `/services/<slug>.json`: one service's history as a catalog plugin (Backstage's entity page,
 * for example) can show it. Documented in docs/api.md; the numbers are those of the service's
 * page, computed by service-history.ts.
 */
import { isoUtc, MINUTE, type TimeValue } from '../core/time.ts';
import type { ServiceHistory } from './service-history.ts';
import { toDays } from './service-history.ts';
import type { Service } from './services.ts';

export interface ServiceExport {
  version: 1;
  /** Start of the build's UTC day, ISO 8601. */
  generatedAt: string;
  service: Service & { url: string };
  counts: { incidents: number; nearMisses: number; openFollowUps: number; overdueFollowUps: number };
  /** Newest first. */
  incidents: {
    id: string;
    title: string;
    url: string;
    /** As written: an instant with offset, a day, `{ at, precision }` or `{ unknown }`. */
    started: TimeValue;
    severity: string | null;
    kind: 'incident' | 'near-miss';
    /** Whole minutes from start to resolution, when both are exact. */
    durationMinutes?: number;
    categories: string[];
    /** Vocabulary slugs of the factors it names (classified ones only). */
    factors: string[];
  }[];
  openFollowUps: {
    postmortemId: string;
    title: string;
    owner: string | null;
    status: string;
    term: string | null;
    due: string | null;
    overdue: boolean;
  }[];
  /** Factors by the postmortems naming them, most first; `name` from content/factors.yaml. */
  factors: { factor: string; name: string; count: number; nearMisses: number }[];
  unclassifiedFactors: number;
  overTime: { from: number; to: number; label: string; incidents: number; nearMisses: number }[];
  recurrence: {
    dated: number;
    undated: number;
    /** Days between consecutive incidents, oldest first (one decimal). */
    gapsDays: { from: string; to: string; days: number }[];
    medianGapDays: number | null;
    shortestGapDays: number | null;
    within30Days: number;
    within90Days: number;
    afterFollowUps: { id: string; earlierId: string; categories: string[] }[];
  };
}

/** The export of one service; `urlOf` gives a postmortem's (or the service page's) URL. */
export function serviceExport(
  service: Service,
  history: ServiceHistory,
  urls: { service: string; postmortem: (id: string) => string },
  nowMs: number,
  factorName: (slug: string) => string = (slug) => slug,
): ServiceExport {
  const { recurrence } = history;
  const days = (ms: number | undefined) => (ms === undefined ? null : toDays(ms));
  return {
    version: 1,
    generatedAt: isoUtc(nowMs),
    service: { ...service, url: urls.service },
    counts: {
      incidents: history.incidents,
      nearMisses: history.nearMisses,
      openFollowUps: history.openFollowUps.length,
      overdueFollowUps: history.overdueFollowUps,
    },
    incidents: history.entries.map((entry) => ({
      id: entry.id,
      title: entry.title,
      url: urls.postmortem(entry.id),
      started: entry.started,
      severity: entry.severity ?? null,
      kind: entry.kind,
      ...(entry.durationMs !== undefined && { durationMinutes: Math.round(entry.durationMs / MINUTE) }),
      categories: [...entry.categories],
      factors: [...new Set(entry.factors.flatMap((factor) => (factor.factor ? [factor.factor] : [])))],
    })),
    openFollowUps: history.openFollowUps.map((followUp) => ({
      postmortemId: followUp.postmortemId,
      title: followUp.item.title,
      owner: followUp.item.owner?.trim() || null,
      status: followUp.item.status,
      term: followUp.item.term ?? null,
      due: followUp.item.due ?? null,
      overdue: followUp.overdue,
    })),
    factors: history.factors.map(({ factor, count, nearMisses }) => ({
      factor,
      name: factorName(factor),
      count,
      nearMisses,
    })),
    unclassifiedFactors: history.unclassifiedFactors,
    overTime: history.overTime.map(({ period, incidents, nearMisses }) => ({
      from: period.from,
      to: period.to,
      label: period.label,
      incidents,
      nearMisses,
    })),
    recurrence: {
      dated: recurrence.dated,
      undated: recurrence.undated,
      gapsDays: recurrence.gaps.map((gap) => ({ from: gap.fromId, to: gap.toId, days: toDays(gap.ms) })),
      medianGapDays: days(recurrence.medianGapMs),
      shortestGapDays: days(recurrence.shortestGapMs),
      within30Days: recurrence.within30Days,
      within90Days: recurrence.within90Days,
      afterFollowUps: recurrence.afterFollowUps.map(({ id, earlierId, categories }) => ({ id, earlierId, categories })),
    },
  };
}
