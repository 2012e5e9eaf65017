/**
 * Incident arithmetic: the durations a review talks about, from the times a postmortem records.
 *
 * - duration: started → resolved (how long the incident lasted)
 * - timeToDetect: started → detected
 * - timeToMitigate: started → mitigated (when user impact stopped)
 * - timeToResolve: detected → resolved (how long responders needed once they knew)
 *
 * A time may be exact, known to the hour or the day, or unknown (see TimeValue in
 * src/lib/core/time.ts). An instant is given only for times known at least to the hour; a
 * duration only between two exact times, so a date alone never becomes "0 s to detect".
 */
import type { Postmortem } from '../core/schema.ts';
import { formatDuration, readTimeValue, type KnownTime, type Precision, type TimeValue } from '../core/time.ts';

type TimeField = 'started' | 'detected' | 'mitigated' | 'resolved';

export interface IncidentTimes {
  /** How precisely each time is known: exact, hour, day or unknown. */
  precision: Record<TimeField, Precision>;
  /** Instants in UTC milliseconds, for times known to the hour or better. */
  startedMs?: number;
  detectedMs?: number;
  mitigatedMs?: number;
  resolvedMs?: number;
  /** The day the incident started as the author wrote it (`YYYY-MM-DD`), when known at least to the day. */
  startedDay?: string;
  /** A point in time to sort and bucket by (year, month): the start instant, or 00:00 UTC of its day. */
  sortMs?: number;
  /** True when the postmortem records no end at all (not even an unknown one). */
  open: boolean;
  durationMs?: number;
  timeToDetectMs?: number;
  timeToMitigateMs?: number;
  timeToResolveMs?: number;
}

type TimeFields = Partial<Record<TimeField, TimeValue>> & Pick<Postmortem, 'started'>;

const instantOf = (time: KnownTime | undefined) =>
  time && (time.precision === 'exact' || time.precision === 'hour') ? time.earliestMs : undefined;
const exactOf = (time: KnownTime | undefined) => (time?.precision === 'exact' ? time.earliestMs : undefined);
const between = (from: number | undefined, to: number | undefined) =>
  from === undefined || to === undefined ? undefined : to - from;

/** Times and durations of one incident; an open incident is measured up to `asOf` when given. */
export function incidentTimes(pm: TimeFields, asOf?: number): IncidentTimes {
  const read = (value: TimeValue | undefined) => {
    const time = readTimeValue(value);
    return time.known ? time : undefined;
  };
  const started = read(pm.started);
  const detected = read(pm.detected);
  const mitigated = read(pm.mitigated);
  const resolved = read(pm.resolved);
  const open = pm.resolved === undefined;
  const startExact = exactOf(started);
  const endExact = exactOf(resolved) ?? (open ? asOf : undefined);
  const sortMs = started
    ? started.precision === 'day'
      ? Date.parse(`${started.day}T00:00:00Z`) || started.earliestMs
      : started.earliestMs
    : undefined;
  return {
    precision: {
      started: started?.precision ?? 'unknown',
      detected: detected?.precision ?? 'unknown',
      mitigated: mitigated?.precision ?? 'unknown',
      resolved: resolved?.precision ?? 'unknown',
    },
    startedMs: instantOf(started),
    detectedMs: instantOf(detected),
    mitigatedMs: instantOf(mitigated),
    resolvedMs: instantOf(resolved),
    startedDay: started?.day,
    sortMs,
    open,
    durationMs: between(startExact, endExact),
    timeToDetectMs: between(startExact, exactOf(detected)),
    timeToMitigateMs: between(startExact, exactOf(mitigated)),
    timeToResolveMs: between(exactOf(detected), endExact),
  };
}

/** Year the incident started, as its author wrote the day; undefined when the start is unknown. */
export function startYear(times: Pick<IncidentTimes, 'startedDay'>): number | undefined {
  return times.startedDay ? Number(times.startedDay.slice(0, 4)) : undefined;
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

/** The duration as a list row shows it; "duration unknown" when the times do not give one. */
export function durationLabel(times: Pick<IncidentTimes, 'durationMs'>): string {
  return times.durationMs === undefined ? 'duration unknown' : formatDuration(times.durationMs);
}

/** Newest first by start; incidents with an unknown start sort after every dated one. */
export function compareNewestFirst(a: { sortMs?: number; id: string }, b: { sortMs?: number; id: string }): number {
  return (b.sortMs ?? -Infinity) - (a.sortMs ?? -Infinity) || a.id.localeCompare(b.id);
}
