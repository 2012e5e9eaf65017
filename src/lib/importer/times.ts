/**
 * Finds the dates and times a free-form postmortem writes ("October 10, 2023, 14:00 UTC",
 * "2:45 PM (UTC)", "14h05 CET", "at 03:30 UTC on October 11") and turns them into ISO 8601
 * with the offset of the zone the author named. chrono-node reads the calendar words; the
 * zone is read here from the text with src/lib/core/time.ts, so "CET" means UTC+01:00 as the
 * project's zone table says, whatever the season.
 */
import * as chrono from 'chrono-node';
import { wallTimeInZone, ZONE_ABBREVIATIONS, type WallTime } from '../core/time.ts';
import { COMMA_DATE_TAG, englishDayFirst, englishMonthFirst, gapEndsRange, MILITARY_TAG } from './written-forms.ts';

/** Day-month order of numeric dates such as 03/04/2024, decided once per document. */
export type DateOrder = 'mdy' | 'dmy' | 'ambiguous';

export interface FoundTime {
  /** The words that gave the time, as written. */
  text: string;
  /** Offset of `text` in the searched string. */
  index: number;
  year?: number;
  month?: number;
  day?: number;
  hour?: number;
  minute?: number;
  second?: number;
  /** Zone as written (`UTC`, `PDT`, `+03:00`, `GMT+1`, `Europe/Paris`), when one was. */
  zone?: string;
  /** The numeric date could be read day-first or month-first, so its date was dropped. */
  ambiguousDate?: string;
  /** Second half of a range such as "14:10–14:45 UTC". */
  rangeEnd?: boolean;
}

/** Abbreviations with more than one common reading; the importer says which one it took. */
export const AMBIGUOUS_ZONES: Readonly<Record<string, string>> = {
  IST: 'India Standard Time (UTC+05:30), not Irish or Israel time',
  CST: 'US Central Standard Time (UTC-06:00), not China Standard Time',
  BST: 'British Summer Time (UTC+01:00)',
  AST: 'Atlantic Standard Time (UTC-04:00), not Arabia Standard Time',
  GST: 'Gulf Standard Time (UTC+04:00)',
};

const MONTH_WORD =
  /\b(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?|janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre)\b/i;
const FRENCH_MONTH =
  /\b(janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre)\b/i;
const NUMERIC_DATE = /\b\d{4}-\d{1,2}-\d{1,2}|\b\d{1,2}([/.-])\d{1,2}\1\d{2,4}\b/;
const CLOCK = /\d{1,2}\s*[:h.]\s*\d{2}|\b\d{1,2}\s*[ap]m\b|\bnoon\b|\bmidnight\b|\bmidi\b|\bminuit\b/i;
const SLASH_DATE = /\b(\d{1,2})([/.-])(\d{1,2})\2(\d{2,4})\b/g;

/** Whether numeric dates in a document are day-first: known once any day is above 12. */
export function detectDateOrder(text: string): DateOrder {
  let order: DateOrder = 'ambiguous';
  for (const match of text.matchAll(SLASH_DATE)) {
    const first = Number(match[1]);
    const second = Number(match[3]);
    if (first > 12 && second <= 12) order = 'dmy';
    else if (second > 12 && first <= 12) order = 'mdy';
    if (order !== 'ambiguous') return order;
  }
  return orderFromWords(text);
}

/**
 * "05/04/2020" settled by the same day written in words elsewhere ("Monday, May the 4th,
 * 2020"): month-first if the words name month 5 day 4, day-first if they name April 5.
 */
function orderFromWords(text: string): DateOrder {
  const slashes = [...text.matchAll(SLASH_DATE)].filter((m) => Number(m[1]) <= 12 && Number(m[3]) <= 12);
  if (slashes.length === 0) return 'ambiguous';
  const worded = chrono.en.casual
    .parse(normalise(text), REFERENCE)
    .filter((result) => MONTH_WORD.test(result.text) && result.start.isCertain('day'))
    .map((result) => ({ month: result.start.get('month'), day: result.start.get('day') }));
  for (const slash of slashes) {
    const [first, second] = [Number(slash[1]), Number(slash[3])];
    const monthFirst = worded.some((w) => w.month === first && w.day === second);
    const dayFirst = worded.some((w) => w.month === second && w.day === first);
    if (monthFirst !== dayFirst) return monthFirst ? 'mdy' : 'dmy';
  }
  return 'ambiguous';
}

const ZONE_TOKEN =
  /\b(?:(?:UTC|GMT)\s*[+\-−]\s*\d{1,2}(?::?\d{2})?|UTC|GMT)(?![\w+])|(?<![\w:.])[+\-−]\d{2}:?\d{2}\b|\b[A-Z]{2,5}\b|\b(?:Africa|America|Asia|Atlantic|Australia|Europe|Indian|Pacific)\/[A-Za-z_]+(?:\/[A-Za-z_]+)?/g;

/** A zone token the project can convert (see ZONE_ABBREVIATIONS in src/lib/core/time.ts). */
export function isKnownZone(token: string): boolean {
  return wallTimeInZone({ year: 2024, month: 1, day: 15, hour: 12, minute: 0 }, token.replace('−', '-')).ok;
}

function zoneIn(text: string): string | undefined {
  for (const match of text.matchAll(ZONE_TOKEN)) {
    const token = match[0].replace('−', '-').replace(/\s+/g, '');
    if (/^[A-Z]{2,5}$/.test(token) && !(token in ZONE_ABBREVIATIONS)) continue;
    if (isKnownZone(token)) return token;
  }
  return undefined;
}

function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/**
 * Zones written as names or places, as postmortems in the seeds' template write them, and the
 * abbreviation each stands for (see ZONE_ABBREVIATIONS in src/lib/core/time.ts).
 */
export const ZONE_NAMES: readonly [RegExp, string][] = [
  [/\bsouth africa(n)? (standard )?time\b/i, 'SAST'],
  [/\bwest africa(n)? (standard )?time\b|\b(lagos|nigeria(n)?|abuja|west african) time\b/i, 'WAT'],
  [/\bcentral africa(n)? (standard )?time\b|\b(kigali|rwanda(n)?|lusaka|harare|maputo|kinshasa) time\b/i, 'CAT'],
  [/\beast africa(n)? (standard )?time\b|\b(nairobi|kenya(n)?|kampala|addis ababa|dar es salaam) time\b/i, 'EAT'],
  [/\b(pacific|pacific standard|pacific daylight) time\b/i, 'America/Los_Angeles'],
  [/\b(eastern|eastern standard|eastern daylight) time\b/i, 'America/New_York'],
  [/\b(central european|paris|berlin) time\b/i, 'CET'],
  [/\b(coordinated universal|universal) time\b/i, 'UTC'],
  [/\b(greenwich mean|london) time\b/i, 'Europe/London'],
  [/\b(india(n)? standard|indian) time\b/i, 'IST'],
  [/\b(cairo|egypt(ian)?) time\b/i, 'EET'],
];

/** The zone a name or place stands for ("Kigali Time" → CAT), if the project knows it. */
export function namedZone(text: string): string | undefined {
  return ZONE_NAMES.find(([pattern]) => pattern.test(text))?.[1];
}

/** Same-length rewrites chrono reads better: "14h05" → "14:05", "p.m." → "pm", "2100hrs" → "21:00 ". */
function normalise(text: string): string {
  return (
    text
      .replace(
        /\b([01]\d|2[0-3])([0-5]\d)(\s?)(hrs|hours|h)\b/gi,
        (_, h: string, m: string, space: string, unit: string) => `${h}:${m}${' '.repeat(space.length + unit.length)}`,
      )
      .replace(
        /\b(\d{1,2}:\d{2})(\s?)(hrs|hours)\b/gi,
        (_, clock: string, space: string, unit: string) => `${clock}${' '.repeat(space.length + unit.length)}`,
      )
      // "May the 4th": chrono reads the date once "the" is out of the way.
      .replace(
        /\b(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(\s+)the(\s+)(?=\d{1,2}(?:st|nd|rd|th)?\b)/gi,
        (_, month: string, a: string, b: string) => `${month}${a}${' '.repeat(3 + b.length)}`,
      )
      // "On the morning of May 16th" hides the date from chrono; the part of day adds nothing.
      .replace(/\b(?:in the |on the )?(?:morning|afternoon|evening|night) of\b/gi, (words: string) =>
        ' '.repeat(words.length),
      )
      .replace(/\b(\d{1,2})\.(\d{2})(\s?[ap]m)\b/gi, '$1:$2$3')
      .replace(/\b(\d{1,2})h(\d{2})\b/g, '$1:$2')
      .replace(/\b(\d{1,2}) h (\d{2})\b/g, '$1:$2  ')
      .replace(/\b([ap])\.m\./gi, '$1m  ')
      .replace(/[–—]/g, '-')
      // "UTC−05:00" with a Unicode minus sign.
      .replace(/−/g, '-')
  );
}

const parsers = { mdy: englishMonthFirst, dmy: englishDayFirst, ambiguous: englishMonthFirst };
const REFERENCE = new Date(Date.UTC(2000, 0, 1));

function fromComponents(
  result: chrono.ParsedResult,
  components: chrono.ParsedComponents,
  source: string,
  order: DateOrder,
): FoundTime | undefined {
  const text = source.slice(result.index, result.index + result.text.length);
  const certain = (c: chrono.Component) => components.isCertain(c);
  const tags = components.tags();
  const following = source.slice(result.index + result.text.length, result.index + result.text.length + 60);
  const clockYear = yearThatIsAClock(text, following, components);
  let hasClock = ((CLOCK.test(text) || tags.has(MILITARY_TAG)) && certain('hour')) || clockYear !== undefined;
  const hasDate =
    certain('day') &&
    certain('month') &&
    (MONTH_WORD.test(text) || NUMERIC_DATE.test(text) || tags.has(COMMA_DATE_TAG));
  if (!hasClock && !hasDate) return undefined;
  const found: FoundTime = { text, index: result.index };
  if (hasDate) {
    const slash = /\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4})\b/.exec(text);
    if (slash && order === 'ambiguous' && Number(slash[1]) <= 12 && Number(slash[2]) <= 12 && slash[1] !== slash[2]) {
      found.ambiguousDate = slash[0];
    } else {
      found.day = components.get('day') ?? undefined;
      found.month = components.get('month') ?? undefined;
      if (certain('year') && clockYear === undefined) found.year = components.get('year') ?? undefined;
    }
  }
  if (clockYear) {
    found.hour = clockYear.hour;
    found.minute = clockYear.minute;
  } else if (hasClock) {
    found.hour = components.get('hour') ?? undefined;
    found.minute = components.get('minute') ?? 0;
    if (certain('second')) found.second = components.get('second') ?? undefined;
  }
  const iso = /T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.exec(text);
  const after = /^\s*\(?\s*([^\s()]+(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?)\s*\)?/.exec(following.slice(0, 20));
  // "(South African Standard Time, UTC+2)", "Kigali time": a zone named in words after the time.
  const inParentheses = /^\s*\(([^()]{1,50})\)/.exec(following)?.[1];
  const inWords = /^\s*(?:\(|,)?\s*([A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,3}\s+time)\b/i.exec(following)?.[1];
  found.zone =
    (iso ? (iso[1] === 'Z' ? 'UTC' : iso[1]) : undefined) ??
    zoneIn(text) ??
    (after ? zoneIn(after[1]) : undefined) ??
    (inParentheses ? (namedZone(inParentheses) ?? zoneIn(inParentheses)) : undefined) ??
    (inWords ? namedZone(inWords) : undefined) ??
    (certain('timezoneOffset') ? offsetText(components.get('timezoneOffset') ?? 0) : undefined) ??
    zoneBefore(source, result.index);
  if (
    hasClock &&
    !found.zone &&
    isDottedClock(text) &&
    !/\b(at|um|à|by|around|until|till)\s*$/i.test(source.slice(0, result.index))
  ) {
    // "version 1.13 to 1.14": a dotted number is a clock time only with a zone, am/pm or "at" by it.
    hasClock = false;
    delete found.hour;
    delete found.minute;
    delete found.second;
    if (!hasDate) return undefined;
  }
  return found;
}

/** "14.05" or "1.13" with no colon, am/pm or "h": as often a version or a decimal as a clock. */
function isDottedClock(text: string): boolean {
  return /\d{1,2}\.\d{2}/.test(text) && !/\d\s*:\s*\d|[ap]m\b|\d\s*h\s*\d/i.test(text);
}

/** A zone written just before the time: "beginning from UTC 05:13", "at PST 4:19". */
function zoneBefore(source: string, index: number): string | undefined {
  const token = /(?:^|[\s(])((?:UTC|GMT)(?:\s*[+\-−]\s*\d{1,2}(?::?\d{2})?)?|[A-Z]{2,5})\s*$/.exec(
    source.slice(Math.max(0, index - 12), index),
  )?.[1];
  return token ? zoneIn(token) : undefined;
}

/**
 * "Feb 7 1506 UTC": chrono takes the four digits after a day and month for a year, but with a
 * zone after them and a year no incident can have, they are a 24-hour clock time (15:06).
 */
function yearThatIsAClock(
  text: string,
  following: string,
  components: chrono.ParsedComponents,
): { hour: number; minute: number } | undefined {
  if (!components.isCertain('year') || components.isCertain('hour')) return undefined;
  const tail = /(?:^|[^\d,])(\d{4})\s*(\(?\s*(?:UTC|GMT|[A-Z]{2,5})\s*\)?)?\s*$/.exec(text);
  const digits = tail?.[1];
  if (!digits || Number(digits) !== components.get('year') || !MONTH_WORD.test(text)) return undefined;
  const [hour, minute] = [Number(digits.slice(0, 2)), Number(digits.slice(2))];
  if (hour > 23 || minute > 59) return undefined;
  const year = Number(digits);
  if (year >= 1900 && year <= new Date().getUTCFullYear() + 1) return undefined;
  const zoneAfter = /^\s*\(?\s*((?:UTC|GMT)(?:\s*[+\-−]\s*\d{1,2}(?::?\d{2})?)?|[A-Z]{2,5}|hrs|hours)\b/.exec(
    `${tail?.[2] ?? ''}${following}`,
  );
  if (!zoneAfter || (!/^(hrs|hours)$/i.test(zoneAfter[1]) && !zoneIn(zoneAfter[1]))) return undefined;
  return { hour, minute };
}

/** Whether chrono swapped a range whose end, as written, is earlier than its start ("9:35 PM until 10:42 AM"). */
function writtenSecond(result: chrono.ParsedResult, source: string, order: DateOrder): boolean {
  if (!result.end || !result.start.isCertain('hour') || !result.end.isCertain('hour')) return false;
  const written = source.slice(result.index, result.index + result.text.length);
  // The part before the second clock time holds the time written first.
  const second = [...written.matchAll(new RegExp(CLOCK.source, 'gi'))][1];
  if (!second) return false;
  const [first] = parsers[order].parse(written.slice(0, second.index), REFERENCE);
  if (!first || !first.start.isCertain('hour')) return false;
  const hour = first.start.get('hour');
  return hour === result.end.get('hour') && hour !== result.start.get('hour');
}

/** Marks `end` as the end of the range `start` begins; each takes the zone and date the other states. */
function joinRange(start: FoundTime, end: FoundTime): FoundTime {
  end.rangeEnd = true;
  end.zone ??= start.zone;
  start.zone ??= end.zone;
  if (start.day === undefined && end.day !== undefined && end.hour !== undefined && start.hour !== undefined) {
    // "from 3:00 PM to 6:30 PM on March 3": the date written once belongs to both ends.
    Object.assign(start, { year: end.year, month: end.month, day: end.day });
  }
  if (start.year === undefined && end.year !== undefined && start.day !== undefined) start.year = end.year;
  return end;
}

/**
 * Every date or time of day written in `text`, in order. Relative phrases ("after 30
 * minutes"), bare numbers and fractions ("3/4 of users") are not times and are skipped.
 */
export function findTimes(text: string, order: DateOrder = 'ambiguous'): FoundTime[] {
  const source = normalise(text);
  let results = parsers[order].parse(source, REFERENCE);
  // French reports ("12 mars 2024 à 14h05") are common enough to read their month names too.
  if (FRENCH_MONTH.test(source) || results.length === 0) {
    const french = chrono.fr.casual.parse(source, REFERENCE);
    if (french.some((result) => result.start.isCertain('day')) || results.length === 0) results = french;
  }
  const found: FoundTime[] = [];
  for (const result of results) {
    const start = fromComponents(result, result.start, source, order);
    if (!start) continue;
    start.text = text.slice(start.index, start.index + start.text.length);
    if (result.end) {
      const end = fromComponents(result, result.end, source, order);
      if (end && writtenSecond(result, source, order)) {
        // chrono puts the earlier time first; the author's order is what says which is the start.
        [start.hour, start.minute, end.hour, end.minute] = [end.hour, end.minute, start.hour, start.minute];
      }
      // A range of clock times, or of days ("September 28th to September 29th, 2023").
      if (end && (end.hour !== undefined || (start.hour === undefined && end.day !== undefined))) {
        found.push(start, joinRange(start, end));
        continue;
      }
    }
    const previous = found.at(-1);
    // "starting at 08:30 AM and ending at 10:15 AM UTC": two results that words make a range.
    if (
      previous &&
      !previous.rangeEnd &&
      previous.hour !== undefined &&
      start.hour !== undefined &&
      (gapEndsRange(text.slice(previous.index + previous.text.length, start.index)) ||
        (/^\s*and\s*$/i.test(text.slice(previous.index + previous.text.length, start.index)) &&
          /\bbetween\s*$/i.test(text.slice(0, previous.index))))
    ) {
      found.push(joinRange(previous, start));
      continue;
    }
    found.push(start);
  }
  // "Sunday, 12 Nov 2023 — 23:47 WAT" comes back as a date and a time: join them.
  const joined: FoundTime[] = [];
  for (const item of found) {
    const previous = joined.at(-1);
    const gap = previous ? text.slice(previous.index + previous.text.length, item.index) : '';
    if (
      previous &&
      previous.hour === undefined &&
      previous.day !== undefined &&
      item.day === undefined &&
      item.hour !== undefined &&
      /^[\s,\-@|/]*(?:at|à|from|between)?[\s,\-@|/]*$/i.test(gap)
    ) {
      joined[joined.length - 1] = {
        ...item,
        year: previous.year,
        month: previous.month,
        day: previous.day,
        index: previous.index,
        text: text.slice(previous.index, item.index + item.text.length),
      };
    } else {
      joined.push(item);
    }
  }
  return joined;
}

export interface CalendarDay {
  year: number;
  month: number;
  day: number;
}

/** ISO 8601 with the offset a zone token has at a wall time, or why it cannot be given one. */
export function toIso(wall: WallTime, zone: string): { ok: true; iso: string } | { ok: false; reason: string } {
  const result = wallTimeInZone(wall, zone.replace('−', '-'));
  return result.ok ? { ok: true, iso: result.iso } : { ok: false, reason: result.reason };
}

/** Whether a captured zone word is a zone the project knows, written as zones are (capitals). */
function isZoneToken(word: string): boolean {
  const token = word.replace(/\s+/g, '');
  return (
    !(/^[A-Za-z]{2,5}$/.test(token) && !(token.toUpperCase() in ZONE_ABBREVIATIONS)) &&
    isKnownZone(/^[a-z]{2,5}$/i.test(token) ? token.toUpperCase() : token)
  );
}

/** A known zone abbreviation in brackets: "Central European Time (CET)". */
function bracketedZone(text: string): string | undefined {
  const token = /\(([A-Z]{2,5}|(?:UTC|GMT)[+\-−]\d{1,2}(?::?\d{2})?)\)/.exec(text)?.[1];
  return token && isKnownZone(token) ? token : undefined;
}

/**
 * A sentence saying which zone the whole document uses: "All times are in UTC",
 * "Times in EAT", "Timezone: Europe/Paris", "(all times PDT)".
 */
export function statedDocumentZone(text: string): { zone: string; line: number; words: string } | undefined {
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    // "_All times in EDT_": emphasis marks are not part of the words.
    const line = lines[index].replace(/[_*]/g, ' ');
    const match =
      /\b(?:all\s+)?(?:times?|timestamps?)\b(?:\s+(?:below|above|shown|given|listed|used|here|in\s+this\s+(?:document|report|postmortem)))?\s+(?:are\s+|is\s+)?(?:(?:given|shown|written|expressed|listed)\s+)?(?:in\s+)?(?:local\s+)?\(?([A-Z][a-z]+\/[A-Za-z_]+|(?:UTC|GMT)(?:\s*[+\-−]\s*\d{1,2}(?::?\d{2})?)?|[A-Z]{2,5}\b)\)?/i.exec(
        line,
      ) ??
      /\btime\s*-?\s*zone\b\s*[:=-]?\s*\**\s*\(?([A-Z][a-z]+\/[A-Za-z_]+|(?:UTC|GMT)(?:\s*[+\-−]\s*\d{1,2}(?::?\d{2})?)?|[A-Z]{2,5}\b)\)?/i.exec(
        line,
      );
    if (!match || !isZoneToken(match[1])) {
      // "All times in Central European Time (CET)": a zone named in words, or in brackets.
      const words = /\b(?:all\s+)?(?:times?|timestamps?)\b[^.\n]{0,25}?\bin\b\s*([^.\n]{2,60})/i.exec(line);
      const named = words ? (namedZone(words[1]) ?? bracketedZone(words[1])) : undefined;
      if (words && named) return { zone: named, line: index + 1, words: words[0].trim() };
      if (!match) continue;
    }
    const token = match[1].replace(/\s+/g, '');
    const upper = /^[a-z]{2,5}$/i.test(token) ? token.toUpperCase() : token;
    // "times are higher" must not read as a zone: abbreviations must be written in capitals.
    if (/^[A-Za-z]{2,5}$/.test(token) && (token !== upper || !(upper in ZONE_ABBREVIATIONS))) continue;
    if (isKnownZone(upper)) return { zone: upper, line: index + 1, words: match[0].trim() };
  }
  return undefined;
}
