/**
 * Time zones as incident reports write them: fixed offsets of abbreviations (WAT, PST, CET),
 * IANA zones with their daylight-saving rules, and a wall-clock time read in a zone. Split
 * from ./time.ts, which re-exports everything here.
 */
import { DAY, MINUTE, pad } from './time.ts';

/**
 * Fixed UTC offsets of zone abbreviations that incident reports use. Ambiguous
 * abbreviations (IST, CST) take the reading most common in postmortems; the importer
 * lists the zone it assumed so a reviewer can correct it.
 */
export const ZONE_ABBREVIATIONS: Readonly<Record<string, number>> = {
  UTC: 0,
  GMT: 0,
  Z: 0,
  WET: 0,
  WEST: 60,
  BST: 60,
  WAT: 60,
  CET: 60,
  CEST: 120,
  EET: 120,
  EEST: 180,
  CAT: 120,
  SAST: 120,
  EAT: 180,
  MSK: 180,
  GST: 240,
  PKT: 300,
  IST: 330,
  ICT: 420,
  SGT: 480,
  HKT: 480,
  AWST: 480,
  JST: 540,
  KST: 540,
  ACST: 570,
  AEST: 600,
  AEDT: 660,
  NZST: 720,
  NZDT: 780,
  AST: -240,
  ADT: -180,
  EST: -300,
  EDT: -240,
  CST: -360,
  CDT: -300,
  MST: -420,
  MDT: -360,
  PST: -480,
  PDT: -420,
  AKST: -540,
  AKDT: -480,
  HST: -600,
  BRT: -180,
  ART: -180,
};

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second?: number;
}

function formatWithOffset(wall: WallTime, offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const zone = offsetMinutes === 0 ? 'Z' : `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  return `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}T${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second ?? 0)}${zone}`;
}

/** Offset in minutes of an IANA zone at an instant, from the platform's time-zone database. */
export function ianaOffsetAt(zone: string, epochMs: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(epochMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - Math.floor(epochMs / 1000) * 1000) / MINUTE);
}

export function isIanaZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone.includes('/') || zone === 'UTC';
  } catch {
    return false;
  }
}

export type ZonedResult =
  { ok: true; iso: string; offsetMinutes: number } | { ok: false; reason: string; candidates?: string[] };

/**
 * Turns a wall-clock time in a named zone (an abbreviation such as `PDT`, an IANA name such
 * as `Europe/Paris`, or `+05:30`) into ISO 8601 with the offset in force. A wall time that
 * does not exist (skipped by a spring-forward) or exists twice (repeated by a fall-back) is
 * refused with the reason, never guessed.
 */
export function wallTimeInZone(wall: WallTime, zone: string): ZonedResult {
  const trimmed = zone.trim();
  const explicit = /^(?:UTC|GMT)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(trimmed);
  if (explicit) {
    const minutes = (explicit[1] === '-' ? -1 : 1) * (Number(explicit[2]) * 60 + Number(explicit[3] ?? 0));
    return { ok: true, iso: formatWithOffset(wall, minutes), offsetMinutes: minutes };
  }
  const upper = trimmed.toUpperCase();
  if (upper in ZONE_ABBREVIATIONS) {
    const minutes = ZONE_ABBREVIATIONS[upper];
    return { ok: true, iso: formatWithOffset(wall, minutes), offsetMinutes: minutes };
  }
  if (!isIanaZone(trimmed)) {
    return {
      ok: false,
      reason: `unknown time zone "${zone}"; use an offset such as +02:00 or an IANA name such as Europe/Paris`,
    };
  }
  const wallAsUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second ?? 0);
  // A zone's offset changes at most once within a day, so the offsets in force a day
  // either side cover every reading of this wall time.
  const offsets = new Set([ianaOffsetAt(trimmed, wallAsUtc - DAY), ianaOffsetAt(trimmed, wallAsUtc + DAY)]);
  const matches = [...offsets].filter((offset) => ianaOffsetAt(trimmed, wallAsUtc - offset * MINUTE) === offset);
  if (matches.length === 0) {
    return {
      ok: false,
      reason: `${formatWithOffset(wall, 0).slice(0, 16)} does not exist in ${trimmed}: clocks skipped it (daylight-saving start)`,
    };
  }
  if (matches.length > 1) {
    const candidates = matches.sort((a, b) => b - a).map((offset) => formatWithOffset(wall, offset));
    return {
      ok: false,
      reason: `${formatWithOffset(wall, 0).slice(0, 16)} happened twice in ${trimmed} (daylight-saving end): write ${candidates.join(' or ')}`,
      candidates,
    };
  }
  return { ok: true, iso: formatWithOffset(wall, matches[0]), offsetMinutes: matches[0] };
}
