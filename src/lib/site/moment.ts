/**
 * How a recorded moment reads on a page: in the offset the incident was written in (so the
 * day matches the file name and id), with the exact UTC time for a hover title and the
 * machine-readable UTC instant for `<time datetime>`. Every page shows times through here.
 */
import { formatOffset, formatUtc, isoUtc, parseInstant } from '../core/time.ts';

export interface MomentDisplay {
  /** The day in the incident's own offset, `2024-09-03`. */
  day: string;
  /** Day and time in the incident's own offset, `2024-09-03 07:22 UTC+10:00`. */
  local: string;
  /** Time alone in the incident's own offset, `07:22 UTC+10:00`, where the day is already shown. */
  clock: string;
  /** Exact UTC, `2024-09-02 21:22 UTC`, for the hover title. */
  utc: string;
  /** For `<time datetime>`. */
  iso: string;
  /** `UTC+10:00`, or `UTC`. */
  offset: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A moment written as ISO 8601 with an offset, for display; undefined when it cannot be read. */
export function displayMoment(value: string): MomentDisplay | undefined {
  const parsed = parseInstant(value);
  if (!parsed.ok) return undefined;
  const { epochMs, offsetMinutes } = parsed.instant;
  const wall = new Date(epochMs + offsetMinutes * 60_000);
  const day = `${wall.getUTCFullYear()}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}`;
  const seconds = wall.getUTCSeconds();
  const clock = `${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}${seconds ? `:${pad(seconds)}` : ''}`;
  const offset = formatOffset(offsetMinutes);
  return {
    day,
    local: `${day} ${clock} ${offset}`,
    clock: `${clock} ${offset}`,
    utc: formatUtc(epochMs),
    iso: isoUtc(epochMs),
    offset,
  };
}
