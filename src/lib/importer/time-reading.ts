/**
 * Turns a time found in the text into an instant: a date taken from the section or the time
 * before it when the line gives none, a zone from the heading, the document, `--zone` or the
 * start when the line names none. Every such assumption is recorded for the review list.
 */
import { localDateOf, MINUTE, type WallTime } from '../core/time.ts';
import type { Moment } from './extracted.ts';
import { AMBIGUOUS_ZONES, toIso, type CalendarDay, type FoundTime } from './times.ts';

export function addDays(day: CalendarDay, days: number): CalendarDay {
  const date = new Date(Date.UTC(day.year, day.month - 1, day.day + days));
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

export function dayOf(iso: string): CalendarDay {
  const [year, month, day] = localDateOf(iso).split('-').map(Number);
  return { year, month, day };
}

/** `moment` moved by `ms`, written with the same offset as `moment`. */
export function shifted(moment: Moment, ms: number): ReturnType<typeof toIso> {
  // Wall-clock time in the moment's own offset, read through UTC getters.
  const wall = new Date(moment.epochMs + ms + offsetMinutes(moment.iso) * MINUTE);
  return toIso(
    {
      year: wall.getUTCFullYear(),
      month: wall.getUTCMonth() + 1,
      day: wall.getUTCDate(),
      hour: wall.getUTCHours(),
      minute: wall.getUTCMinutes(),
    },
    offsetOf(moment.iso),
  );
}

export function offsetOf(iso: string): string {
  const match = /(Z|[+-]\d{2}:\d{2})$/.exec(iso);
  return !match || match[1] === 'Z' ? 'UTC' : match[1];
}

export function offsetMinutes(iso: string): number {
  const zone = offsetOf(iso);
  if (zone === 'UTC') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  return sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
}

/** Where a time without a date or zone may take them from. */
export interface MomentContext {
  day?: CalendarDay;
  after?: Moment;
  tolerance?: number;
  /** A zone from a heading, or from a table's column header (`words`, e.g. "Date and Time in CET"). */
  sectionZone?: { zone: string; line: number; words?: string };
}

/** What resolving a time needs from the document: its stated zones and a place for notes. */
export interface TimeSource {
  readonly statedZone?: { zone: string; line: number; words: string };
  readonly optionZone?: string;
  note(message: string): void;
  assume(reason: string, line: number): void;
  firstDay(): { day: CalendarDay; line: number } | undefined;
  /** Ambiguous zone abbreviations already explained in a note. */
  readonly ambiguousZonesSeen: Set<string>;
}

/** The zone a time is in: as written, else the heading's, the document's, `--zone`'s or the start's. */
function zoneFor(source: TimeSource, found: FoundTime, line: number, context: MomentContext): string | undefined {
  if (found.zone) return found.zone;
  if (context.sectionZone) {
    const where = context.sectionZone.words
      ? `the column header "${context.sectionZone.words}"`
      : `the heading at line ${context.sectionZone.line}`;
    source.assume(`times without a zone ({lines}) were read in ${context.sectionZone.zone}, as ${where} says`, line);
    return context.sectionZone.zone;
  }
  if (source.statedZone) {
    source.assume(
      `times without a zone ({lines}) were read in ${source.statedZone.zone}, as line ${source.statedZone.line} states ("${source.statedZone.words}")`,
      line,
    );
    return source.statedZone.zone;
  }
  if (source.optionZone) {
    source.assume(`times without a zone ({lines}) were read in ${source.optionZone}, as --zone says; check them`, line);
    return source.optionZone;
  }
  if (context.after) {
    source.assume(
      `times without a zone ({lines}) were assumed to be in ${context.after.zone}, the zone of the start time; check them`,
      line,
    );
    return context.after.zone;
  }
  return undefined;
}

/** The calendar day of a time: as written, else the section's or the day of the time before it. */
function dayFor(
  source: TimeSource,
  found: FoundTime,
  line: number,
  context: MomentContext,
): { day: CalendarDay; explicit: boolean } | { problem: string } {
  if (found.day !== undefined && found.month !== undefined) {
    let year = found.year;
    if (year === undefined) {
      year = context.day?.year ?? (context.after ? dayOf(context.after.iso).year : source.firstDay()?.day.year);
      if (year === undefined)
        return { problem: `"${found.text}" (line ${line}) gives no year and no other date in the document does` };
      source.assume(`dates without a year ({lines}) were given the year of the incident's other dates`, line);
    }
    return { day: { year, month: found.month, day: found.day }, explicit: true };
  }
  const day = context.day ?? (context.after ? dayOf(context.after.iso) : undefined);
  if (!day) return { problem: `"${found.text}" (line ${line}) has no date` };
  if (!context.day)
    source.assume(
      `times without a date ({lines}) were placed on the first day they fall after the time before them; check the dates`,
      line,
    );
  return { day, explicit: false };
}

/**
 * An instant for a time found on `line`. A time without a date takes `day`, or the first
 * day on which it falls after `after` (allowing `tolerance` for entries listed out of
 * order); a time without a zone takes the zone the document states, `--zone`, or the
 * zone of `after`, and each such assumption is noted.
 */
export function resolveMoment(
  source: TimeSource,
  found: FoundTime,
  line: number,
  context: MomentContext,
): Moment | { problem: string } {
  if (found.hour === undefined) return { problem: `"${found.text}" has a date but no time of day` };
  if (found.ambiguousDate) {
    source.note(
      `line ${line}: "${found.ambiguousDate}" could be read day-first or month-first and nothing else in the document settles it, so that date was not used`,
    );
  }
  const zone = zoneFor(source, found, line, context);
  if (!zone) return { problem: `"${found.text}" (line ${line}) has no time zone and the document states none` };
  const upper = zone.toUpperCase();
  if (upper in AMBIGUOUS_ZONES && !source.ambiguousZonesSeen.has(upper)) {
    source.ambiguousZonesSeen.add(upper);
    source.note(
      `"${upper}" was read as ${AMBIGUOUS_ZONES[upper]}; correct the offsets if the author meant another zone`,
    );
  }
  const dated = dayFor(source, found, line, context);
  if ('problem' in dated) return dated;
  const wall = (d: CalendarDay): WallTime => ({
    ...d,
    hour: found.hour!,
    minute: found.minute ?? 0,
    second: found.second,
  });
  let converted = toIso(wall(dated.day), zone);
  if (!converted.ok) return { problem: `"${found.text}" (line ${line}): ${converted.reason}` };
  let epochMs = Date.parse(converted.iso);
  if (
    !dated.explicit &&
    !context.day &&
    context.after &&
    epochMs < context.after.epochMs - (context.tolerance ?? MINUTE)
  ) {
    // A time-only entry earlier than the one before it happened the next day.
    const next = toIso(wall(addDays(dated.day, 1)), zone);
    if (next.ok) {
      converted = next;
      epochMs = Date.parse(next.iso);
    }
  }
  return { iso: converted.iso, epochMs, line, zone: upper in AMBIGUOUS_ZONES || /^[A-Z]+$/.test(upper) ? upper : zone };
}
