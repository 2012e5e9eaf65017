/**
 * Instants as postmortems write them: ISO 8601 with an explicit offset, so that
 * "14:00" always means one moment whatever machine builds the site.
 */
import { quoted } from './characters.ts';

/** `2024-03-08T10:30Z`, `2024-03-08T10:30:00+03:00`, `2024-03-08T10:30:00.250-07:00`. */
export const ISO_WITH_OFFSET =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})$/;

export interface Instant {
  /** Milliseconds since the Unix epoch. */
  epochMs: number;
  /** Offset from UTC in minutes that the author wrote, e.g. 180 for `+03:00`. */
  offsetMinutes: number;
  /** The string as written. */
  source: string;
}

export type ParseResult = { ok: true; instant: Instant } | { ok: false; reason: string };

/** Durations in milliseconds, the unit every time computation in the project uses. */
export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/**
 * Years an incident time may fall in. An organisation's own postmortems start in 1970 or
 * later, so an earlier year is almost certainly a typo (0024 for 2024) and is refused. A
 * knowledge base of public history (icco's collection holds a ship that sank in 1628) sets
 * KB_EARLIEST_YEAR to its first year. The ceiling is the current year, and the schema refuses
 * any instant later than now. The validator, the build and the importer all read this.
 */
export const INCIDENT_YEARS = {
  earliest: (): number => {
    const configured = Number.parseInt(globalThis.process?.env?.KB_EARLIEST_YEAR ?? '', 10);
    return Number.isInteger(configured) && configured >= 1 ? configured : 1970;
  },
  latest: (): number => new Date().getUTCFullYear(),
} as const;

/** `Date.UTC` for any year: `Date.UTC` itself reads years 0–99 as 1900–1999. */
export function utcMs(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): number {
  // Every postmortem time takes this branch, which allocates no Date (the validator reads thousands
  // per second). The other keeps its one quirk: a time of day past 24 h does not move the day.
  const timeOfDayInRange =
    hour >= 0 && hour < 24 && minute >= 0 && minute < 60 && second >= 0 && second < 60 && ms >= 0 && ms < 1000;
  if (year >= 100 && timeOfDayInRange) return Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, second, ms));
  date.setUTCFullYear(year, month - 1, day);
  return date.getTime();
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in `month` (1–12) of `year`, by the proleptic Gregorian rule that `Date` follows too. */
function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : MONTH_DAYS[month - 1];
}

/** Reads `value` as ISO 8601 with an offset; the reason says what is wrong in words. */
export function parseInstant(value: string): ParseResult {
  const match = ISO_WITH_OFFSET.exec(value);
  if (!match) {
    if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value)) {
      return {
        ok: false,
        reason: `${quoted(value)} has no UTC offset; add one, e.g. ${quoted(`${value.replace(' ', 'T')}Z`)} for UTC or "+02:00"`,
      };
    }
    return {
      ok: false,
      reason: `${quoted(value)} is not an ISO 8601 time with an offset, e.g. "2024-03-08T10:30:00Z" or "2024-03-08T13:30:00+03:00"`,
    };
  }
  const [, y, mo, d, h, mi, s = '0', frac = '0', zone] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12) return { ok: false, reason: `${quoted(value)} has month ${mo}; months run 01 to 12` };
  if (day < 1 || day > daysInMonth(year, month)) {
    return { ok: false, reason: `${quoted(value)} has day ${d}, but ${y}-${mo} has ${daysInMonth(year, month)} days` };
  }
  if (hour > 23 || minute > 59 || second > 59) {
    return { ok: false, reason: `${quoted(value)} is not a time of day; hours run 00-23, minutes and seconds 00-59` };
  }
  let offsetMinutes = 0;
  if (zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const oh = Number(zone.slice(1, 3));
    const om = Number(zone.slice(4, 6));
    offsetMinutes = sign * (oh * 60 + om);
    // Offsets in use on Earth run from UTC-12 (Baker Island) to UTC+14 (Line Islands).
    if (om > 59 || offsetMinutes < -12 * 60 || offsetMinutes > 14 * 60) {
      return { ok: false, reason: `${quoted(value)} has offset ${zone}; offsets run from -12:00 to +14:00` };
    }
  }
  const millis = Math.floor(Number(`0.${frac}`) * 1000);
  const wallMs = utcMs(year, month, day, hour, minute, second, millis);
  return { ok: true, instant: { epochMs: wallMs - offsetMinutes * MINUTE, offsetMinutes, source: value } };
}

/** Epoch milliseconds of a valid ISO-with-offset string; throws on anything else. */
export function toEpochMs(value: string): number {
  const parsed = parseInstant(value);
  if (!parsed.ok) throw new RangeError(parsed.reason);
  return parsed.instant.epochMs;
}

/** The date part as the author wrote it (`2024-03-08`), used for file names. */
export function localDateOf(value: string): string {
  return value.slice(0, 10);
}

export function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Exact UTC rendering for fact panels: `2023-10-10 14:00 UTC` (seconds when not zero). */
export function formatUtc(epochMs: number): string {
  const d = new Date(epochMs);
  const seconds = d.getUTCSeconds();
  const base = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  return `${base}${seconds ? `:${pad(seconds)}` : ''} UTC`;
}

/** Machine-readable UTC for `<time datetime>`. */
export function isoUtc(epochMs: number): string {
  return new Date(epochMs).toISOString().replace('.000Z', 'Z');
}

/** `+03:00` style label for an offset in minutes; `UTC` for zero. */
export function formatOffset(offsetMinutes: number): string {
  if (offsetMinutes === 0) return 'UTC';
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `UTC${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/**
 * A duration in the units an on-call engineer reads at a glance:
 * `45 s`, `12 min`, `4 h 15 min`, `2 d 3 h`. Precision drops as durations grow.
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return 'unknown';
  const sign = ms < 0 ? '−' : '';
  const abs = Math.abs(ms);
  if (abs < MINUTE) return `${sign}${Math.round(abs / 1000)} s`;
  if (abs < HOUR) return `${sign}${Math.round(abs / MINUTE)} min`;
  if (abs < DAY) {
    const totalMinutes = Math.round(abs / MINUTE);
    const h = Math.floor(totalMinutes / 60);
    const m = totalMinutes % 60;
    return `${sign}${h} h${m ? ` ${m} min` : ''}`;
  }
  const totalHours = Math.round(abs / HOUR);
  const d = Math.floor(totalHours / 24);
  const h = totalHours % 24;
  return `${sign}${d} d${h ? ` ${h} h` : ''}`;
}

export * from './zones.ts';

/**
 * A time as a postmortem may record it: an instant with offset (exact), a calendar day
 * `YYYY-MM-DD` (known to the day, zone unknown), `{ at, precision }` (an instant known only
 * to the hour or the day), or `{ unknown: reason }`. Plain JSON values, so frontmatter and
 * exports carry them as written; this module does the arithmetic.
 */
export type TimeValue = string | { at: string; precision: 'hour' | 'day' } | { unknown: string };

/** How precisely a time is known; `unknown` when it is absent or recorded as unknown. */
export type Precision = 'exact' | 'hour' | 'day' | 'unknown';

export const CALENDAR_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export type KnownTime = {
  known: true;
  precision: Exclude<Precision, 'unknown'>;
  /** Earliest UTC instant the time can be: the instant itself, or 00:00 UTC of the day. */
  earliestMs: number;
  /** Latest UTC instant it can be (a day in an unknown zone spans UTC-12 to UTC+14). */
  latestMs: number;
  /** The calendar day as the author wrote it, `YYYY-MM-DD`. */
  day: string;
  year: number;
  /** The instant, for exact and hour precision. */
  instant?: Instant;
};

export type ReadTime = KnownTime | { known: false; reason?: string; problem?: string };

/** Reads a calendar day `YYYY-MM-DD`; the reason says what is wrong. */
export function parseCalendarDay(
  value: string,
): { ok: true; year: number; month: number; day: number } | { ok: false; reason: string } {
  const match = CALENDAR_DAY.exec(value);
  if (!match) return { ok: false, reason: `${quoted(value)} is not a date written YYYY-MM-DD` };
  const [year, month, day] = match.slice(1).map(Number);
  if (month < 1 || month > 12)
    return { ok: false, reason: `${quoted(value)} has month ${match[2]}; months run 01 to 12` };
  if (day < 1 || day > daysInMonth(year, month))
    return {
      ok: false,
      reason: `${quoted(value)} has day ${match[3]}, but ${match[1]}-${match[2]} has ${daysInMonth(year, month)} days`,
    };
  return { ok: true, year, month, day };
}

/**
 * The year a recorded time or day falls in, whatever its form (an instant, a day, `{ at,
 * precision }`), read from the text as written; undefined when it has no year (unknown, unreadable).
 */
export function recordedYear(value: unknown): number | undefined {
  const text =
    typeof value === 'string'
      ? value
      : value !== null && typeof value === 'object' && typeof (value as { at?: unknown }).at === 'string'
        ? (value as { at: string }).at
        : undefined;
  const match = text === undefined ? null : /^[+-]?(\d{4,6})-/.exec(text);
  return match ? Number(match[1]) * (text!.startsWith('-') ? -1 : 1) : undefined;
}

/** What a recorded time says: how precisely it is known and the span of instants it allows. */
export function readTimeValue(value: TimeValue | undefined): ReadTime {
  if (value === undefined) return { known: false };
  if (typeof value === 'object' && 'unknown' in value) return { known: false, reason: value.unknown };
  const text = typeof value === 'string' ? value : value.at;
  const precision = typeof value === 'string' ? undefined : value.precision;
  if (typeof value === 'string' && CALENDAR_DAY.test(value)) {
    const day = parseCalendarDay(value);
    if (!day.ok) return { known: false, problem: day.reason };
    const midnight = utcMs(day.year, day.month, day.day);
    return {
      known: true,
      precision: 'day',
      earliestMs: midnight - 14 * HOUR,
      latestMs: midnight + DAY + 12 * HOUR,
      day: value,
      year: day.year,
    };
  }
  const parsed = parseInstant(text);
  if (!parsed.ok) return { known: false, problem: parsed.reason };
  const at = parsed.instant.epochMs;
  const span = precision === 'day' ? DAY : precision === 'hour' ? HOUR : 0;
  // A day-precision instant spans its local day: from local midnight in the offset written.
  const wallMs = at + parsed.instant.offsetMinutes * MINUTE;
  const startOfSpan = precision === 'day' ? at - (((wallMs % DAY) + DAY) % DAY) : at;
  return {
    known: true,
    precision: precision ?? 'exact',
    earliestMs: startOfSpan,
    latestMs: startOfSpan + span,
    day: localDateOf(text),
    year: Number(text.slice(0, 4)),
    instant: parsed.instant,
  };
}

/**
 * Why a recorded time is not acceptable (unreadable, in the future), if it is not. Years before
 * INCIDENT_YEARS.earliest() are reported by the validator's date-range check, with its rule.
 */
export function timeValueProblem(value: TimeValue, nowMs = Date.now()): string | undefined {
  const read = readTimeValue(value);
  if (read.known === false) return read.problem;
  if (read.earliestMs > nowMs)
    return `${typeof value === 'string' ? quoted(value) : read.day} is in the future; postmortems describe past incidents`;
  return undefined;
}

/** How a recorded time reads on a page: exact UTC, "about 14:00 UTC", a day, or "unknown". */
export function formatTimeValue(value: TimeValue | undefined): string {
  const read = readTimeValue(value);
  if (!read.known) return read.reason ? `unknown (${read.reason})` : 'unknown';
  if (read.precision === 'day') return read.day;
  if (read.precision === 'hour') return `${formatUtc(read.earliestMs).slice(0, 13)}:00 UTC (to the hour)`;
  return formatUtc(read.earliestMs);
}

/**
 * The date an entry's file name starts with: the day the incident started, as written. An
 * entry whose start is unknown starts with `0000-00-00` ("undated"): still the date shape
 * every id has, never a real day, and it sorts before every dated file in a folder listing.
 */
export const UNDATED = '0000-00-00';

export function fileDateOf(started: TimeValue): string {
  const read = readTimeValue(started);
  return read.known ? read.day : UNDATED;
}
