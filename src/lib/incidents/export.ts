/**
 * The machine-readable export at `/api/postmortems.json`: every published postmortem's
 * frontmatter plus the durations computed from its times. Documented in docs/api.md;
 * bump EXPORT_VERSION whenever a field is renamed, removed or changes meaning.
 */
import type { Postmortem } from '../core/schema.ts';
import type { IncidentTimes } from './timing.ts';
import { isoUtc } from '../core/time.ts';

export const EXPORT_VERSION = 3;

/**
 * Durations in milliseconds and the four times in UTC, so consumers need no date parsing.
 * A time known only to the day, or unknown, has no UTC instant (null) and gives no duration;
 * `precision` says how precisely each time is known.
 */
export interface ComputedTimes {
  precision: IncidentTimes['precision'];
  /** The day the incident started, `YYYY-MM-DD` as written; null when unknown. */
  startedDay: string | null;
  /** `started` in UTC, e.g. `2024-03-08T10:30:00Z`, when known at least to the hour. */
  startedUtc: string | null;
  /** Null when not recorded or not known to the hour; likewise below. */
  detectedUtc: string | null;
  mitigatedUtc: string | null;
  resolvedUtc: string | null;
  /** started → resolved. */
  durationMs: number | null;
  /** started → detected. */
  timeToDetectMs: number | null;
  /** started → mitigated. */
  timeToMitigateMs: number | null;
  /** detected → resolved. */
  timeToResolveMs: number | null;
}

/** One postmortem: its frontmatter (after defaults) with `id`, `url` and `computed` added. */
export type PostmortemExportEntry = Postmortem & {
  /** File name without extension; the page lives at `postmortems/<id>/`. */
  id: string;
  /** Absolute URL of the postmortem's page. */
  url: string;
  computed: ComputedTimes;
};

export interface PostmortemsExport {
  version: typeof EXPORT_VERSION;
  /** The build's clock (start of its UTC day, see build-clock.ts), ISO 8601 UTC. */
  generatedAt: string;
  /** Number of entries in `postmortems`. */
  count: number;
  /** Published postmortems, newest incident first. */
  postmortems: PostmortemExportEntry[];
}

const orNull = <T>(value: T | undefined): T | null => (value === undefined ? null : value);

export function exportEntry(id: string, url: string, data: Postmortem, times: IncidentTimes): PostmortemExportEntry {
  return {
    id,
    url,
    ...data,
    computed: {
      precision: times.precision,
      startedDay: orNull(times.startedDay),
      startedUtc: times.startedMs === undefined ? null : isoUtc(times.startedMs),
      detectedUtc: times.detectedMs === undefined ? null : isoUtc(times.detectedMs),
      mitigatedUtc: times.mitigatedMs === undefined ? null : isoUtc(times.mitigatedMs),
      resolvedUtc: times.resolvedMs === undefined ? null : isoUtc(times.resolvedMs),
      durationMs: orNull(times.durationMs),
      timeToDetectMs: orNull(times.timeToDetectMs),
      timeToMitigateMs: orNull(times.timeToMitigateMs),
      timeToResolveMs: orNull(times.timeToResolveMs),
    },
  };
}

export function postmortemsExport(entries: PostmortemExportEntry[], nowMs: number): PostmortemsExport {
  return { version: EXPORT_VERSION, generatedAt: isoUtc(nowMs), count: entries.length, postmortems: entries };
}
