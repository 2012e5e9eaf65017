/**
 * Incident arithmetic: the durations a review talks about, from the times a postmortem records.
 *
 * - duration: started → resolved (how long the incident lasted)
 * - timeToDetect: started → detected
 * - timeToMitigate: started → mitigated (when user impact stopped)
 * - timeToResolve: detected → resolved (how long responders needed once they knew)
 */
import type { Postmortem } from '../core/schema.ts';
import { toEpochMs } from '../core/time.ts';

export interface IncidentTimes {
  startedMs: number;
  /** Undefined only for drafts that have not recorded detection yet. */
  detectedMs?: number;
  mitigatedMs?: number;
  resolvedMs?: number;
  /** True while the incident has no recorded end. */
  open: boolean;
  durationMs?: number;
  timeToDetectMs?: number;
  timeToMitigateMs?: number;
  timeToResolveMs?: number;
}

type TimeFields = Pick<Postmortem, 'started' | 'detected' | 'mitigated' | 'resolved'>;

/** Durations of one incident; open incidents have no duration unless `asOf` is given. */
export function incidentTimes(pm: TimeFields, asOf?: number): IncidentTimes {
  const startedMs = toEpochMs(pm.started);
  const detectedMs = pm.detected ? toEpochMs(pm.detected) : undefined;
  const mitigatedMs = pm.mitigated ? toEpochMs(pm.mitigated) : undefined;
  const resolvedMs = pm.resolved ? toEpochMs(pm.resolved) : undefined;
  const endMs = resolvedMs ?? asOf;
  return {
    startedMs,
    detectedMs,
    mitigatedMs,
    resolvedMs,
    open: resolvedMs === undefined,
    durationMs: endMs === undefined ? undefined : endMs - startedMs,
    timeToDetectMs: detectedMs === undefined ? undefined : detectedMs - startedMs,
    timeToMitigateMs: mitigatedMs === undefined ? undefined : mitigatedMs - startedMs,
    timeToResolveMs: endMs === undefined || detectedMs === undefined ? undefined : endMs - detectedMs,
  };
}

/** Year of the start in UTC, the bucket lists and charts group by. */
export function startYear(times: Pick<IncidentTimes, 'startedMs'>): number {
  return new Date(times.startedMs).getUTCFullYear();
}

/** Action items still owed: open or in progress. */
export function isOutstanding(status: string): boolean {
  return status === 'open' || status === 'in-progress';
}

/** Whether an outstanding item is past its due day at `nowMs`. */
export function isOverdue(item: { status: string; due?: string }, nowMs: number): boolean {
  if (!item.due || !isOutstanding(item.status)) return false;
  return Date.parse(`${item.due}T23:59:59Z`) < nowMs;
}
