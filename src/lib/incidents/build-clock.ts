/**
 * The moment a build judges "overdue" and action ages against. It is the start of the build's
 * UTC day, not the exact build time: due dates are whole days, so what is overdue does not
 * change within a day, and two builds of the same content on the same day write the same
 * bytes (deploys and caches only see what changed). SOURCE_DATE_EPOCH (seconds, the
 * reproducible-builds convention) pins it for a build that must be repeatable on any day.
 */

import { DAY } from '../core/time.ts';

export function buildClockMs(
  nowMs: number = Date.now(),
  sourceDateEpoch: string | undefined = process.env.SOURCE_DATE_EPOCH,
): number {
  if (sourceDateEpoch !== undefined && /^\d+$/.test(sourceDateEpoch.trim()))
    return Number(sourceDateEpoch.trim()) * 1000;
  return Math.floor(nowMs / DAY) * DAY;
}
