/**
 * Each service's history (incidents over time, recurrence, open follow-ups, contributing
 * factors), computed once per build for the service pages and `/services/<slug>.json`.
 */
import { factorsOf } from '../lib/incidents/contributing-factors.ts';
import { serviceHistories, type HistoryEntry } from '../lib/site/service-history.ts';
import type { Incident } from './postmortems.ts';
import { getInsights } from './insights.ts';
import { perBuild } from './per-build.ts';

/** What the history reads of one postmortem, services as the catalog names them. */
export function historyEntryOf(incident: Incident): HistoryEntry {
  const { data } = incident.entry;
  return {
    id: incident.summary.id,
    title: data.title,
    startedMs: incident.times.sortMs,
    started: data.started,
    severity: data.severity,
    kind: data.kind,
    durationMs: incident.times.durationMs,
    categories: data.rootCause.categories,
    services: incident.summary.services,
    actionItems: data.actionItems,
    factors: factorsOf(data),
  };
}

/** Per service slug, its history. */
export const getServiceHistories = perBuild(async (kb) => {
  const { recurrences, nowMs } = await getInsights();
  return serviceHistories(kb.incidents.map(historyEntryOf), recurrences, nowMs);
});
