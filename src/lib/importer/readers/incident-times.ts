/**
 * The incident's times: when impact started, when it was mitigated and when it was resolved.
 * Each is taken from a labelled line first and from weaker evidence (a range, the timeline,
 * the first time written) only with a note saying which line was used.
 */
import { localDateOf, MINUTE } from '../../core/time.ts';
import type { Leaf, Section } from '../document.ts';
import type { DayFact, Moment } from '../extracted.ts';
import { FIELD_LABELS, KIND, MISLEADING_MARKERS, PROBLEM_WORDS } from '../labels.ts';
import { isReportDate, type Reader } from '../reader.ts';
import { dayOf, type MomentContext } from '../time-reading.ts';
import { findTimes, type FoundTime } from '../times.ts';
import type { TimeValue } from '../../core/time.ts';
import { readDetection } from './detection.ts';

/** Leaves labelled like `pattern`, and every leaf under a section so named. */
export function labelledOrUnder(reader: Reader, pattern: RegExp): Leaf[] {
  return [...reader.labelled(pattern), ...reader.sections(pattern).flatMap((s) => reader.leavesIn(s))];
}

/**
 * Leaves of the timeline: rows of a timeline table, everything under a timeline heading, and
 * everything under day headings that follow it at its level ("## Timeline", "## May 12",
 * "### 20:15", "## May 13" …).
 */
export function timelineLeavesOf(reader: Reader): Leaf[] {
  const days = timelineDaySections(reader);
  return reader.doc.leaves.filter(
    (leaf) =>
      leaf.table?.role === 'timeline' ||
      leaf.sections.some((section) => reader.isTimeline(section) || days.has(section)),
  );
}

/** Whether a heading is only a date ("May 12", "15 May", "July 11, 2025"). */
function isDayHeading(reader: Reader, label: string): boolean {
  const found = findTimes(label, reader.order);
  if (found.length !== 1 || found[0].day === undefined || found[0].hour !== undefined) return false;
  const rest = label.slice(0, found[0].index) + label.slice(found[0].index + found[0].text.length);
  return !/[\p{L}\p{N}]/u.test(rest);
}

/** Day headings right after a timeline heading, at its level, up to the next other heading there. */
function timelineDaySections(reader: Reader): Set<Section> {
  const days = new Set<Section>();
  let level: number | undefined;
  for (const section of reader.doc.sections) {
    if (reader.isTimeline(section) && !section.parent?.key.match(FIELD_LABELS.timeline)) {
      level = section.level;
      continue;
    }
    if (level === undefined || section.level > level) continue;
    if (section.level === level && isDayHeading(reader, section.label)) days.add(section);
    else level = undefined;
  }
  return days;
}

/** Leaves that state a duration or window ("Duration: 14:00–15:30 UTC"), but not an end label. */
export function durationLeavesOf(reader: Reader): Leaf[] {
  return labelledOrUnder(reader, FIELD_LABELS.duration).filter((leaf) => !leaf.key || !FIELD_LABELS.end.test(leaf.key));
}

/**
 * The passage holding the first time of day the document writes. Only that one: when it
 * cannot be placed (no zone), a later time elsewhere (a pasted `Date:` header, a deadline) is
 * no better evidence of the start. Nor is a later timeline entry when the first gives no time.
 */
function firstTimeWritten(reader: Reader): Leaf[] {
  const timeline = new Set(timelineEntries(reader).length > 0 ? timelineLeavesOf(reader) : []);
  const first = reader.doc.leaves.find(
    (leaf) => !isReportDate(leaf) && !timeline.has(leaf) && reader.times(leaf).some((time) => time.hour !== undefined),
  );
  return first ? [first] : [];
}

/**
 * The entries of the timeline: its table rows (a row whose time reads "HH:mm" or "??" is an
 * entry whose time is not known) and the passages under it that give a date or time.
 */
function timelineEntries(reader: Reader): Leaf[] {
  return timelineLeavesOf(reader).filter((leaf) => leaf.table !== undefined || reader.times(leaf).length > 0);
}

/**
 * The first timeline entry that is not lead-up (a script created, a version gone live, a
 * change merged or scheduled, a proactive scale-up), and a review note when rows were skipped.
 */
function firstEntryLeaf(reader: Reader): { leaf?: Leaf; notes: string[] } {
  const entries = timelineEntries(reader);
  const leaf = entries.find((entry) => !LEAD_UP.test(reader.entryText(entry))) ?? entries[0];
  const notes =
    leaf && leaf !== entries[0]
      ? [
          `started: the timeline entries before line ${leaf.line} were taken as lead-up ("${LEAD_UP.exec(reader.entryText(entries[0]))?.[0]}"), not the start; check that user impact began at line ${leaf.line}`,
        ]
      : [];
  return { leaf, notes };
}

/**
 * The entry whose time is the first the timeline gives, as a list of at most one. When the
 * first entry gives only its day ("2024-03-13 HH:mm"), the first time given that same day; when
 * it gives no day either ("2021/22-??-??"), none: a later entry's time is not the start.
 */
function firstEntry(reader: Reader): { leaves: Leaf[]; notes: string[] } {
  const { leaf: first, notes } = firstEntryLeaf(reader);
  if (!first) return { leaves: [], notes };
  const times = reader.times(first);
  if (times.some((time) => time.hour !== undefined)) return { leaves: [first], notes };
  const day = times.find((time) => time.day !== undefined && time.year !== undefined);
  if (!day) return { leaves: [first], notes };
  const entries = timelineEntries(reader);
  const sameDay = entries
    .slice(entries.indexOf(first) + 1)
    .find((leaf) =>
      reader
        .times(leaf)
        .some(
          (time) =>
            time.hour !== undefined && time.day === day.day && time.month === day.month && time.year === day.year,
        ),
    );
  if (!sameDay) return { leaves: [first], notes };
  notes.push(
    `started: the timeline entry at line ${first.line} gives no time of day; the first time given that day (line ${sameDay.line}) was used, the incident may have begun earlier`,
  );
  return { leaves: [sameDay], notes };
}

/** The timeline's first entry past its lead-up, when it gives no day ("2021/22-??-?? HH:mm"). */
function undatedEntry(reader: Reader): Leaf | undefined {
  const { leaf } = firstEntryLeaf(reader);
  return leaf && !reader.times(leaf).some((time) => time.day !== undefined) ? leaf : undefined;
}

/** Words of a timeline entry that prepared the incident rather than began it. */
const LEAD_UP =
  /\b(created|merged|scheduled|went live|goes live|released|proactively|pull request (was )?(opened|merged)|(was|were) (merged|created|scheduled|introduced|written))\b/i;

/** Start: a "Start" label, a duration or range, the first timeline time, or the first time written. */
export function readStart(reader: Reader): { started?: Moment; problem?: string } {
  const { doc } = reader;
  const firstDay = reader.firstDay();
  const startContext = (leaf: Leaf) => ({ day: reader.sectionDay(leaf) ?? firstDay?.day });
  const timelineLeaves = timelineLeavesOf(reader);
  let startProblem: string | undefined;
  const entry = firstEntry(reader);
  for (const [leaves, how, pick] of [
    [labelledOrUnder(reader, FIELD_LABELS.start), undefined],
    [durationLeavesOf(reader), undefined],
    [doc.leaves.filter((leaf) => reader.times(leaf).some((time) => time.rangeEnd)), 'the time range at line {line}'],
    [startWordLeaves(reader), 'the time the sentence at line {line} says it started', startWordTime],
    [
      timelineLeaves.filter((leaf) => describesImpact(reader.entryText(leaf))),
      'the first timeline entry that describes impact (line {line}); the entries before it are taken as its lead-up',
    ],
    [entry.leaves, 'the first timeline entry (line {line})'],
    [firstTimeWritten(reader), 'the first time written in the document (line {line})'],
  ] as const) {
    const found = pick ? reader.firstMoment(leaves, startContext, pick) : reader.firstMoment(leaves, startContext);
    startProblem ??= found.problem;
    if (!found.moment) continue;
    if (how)
      reader.note(
        `started: the source has no start time; ${how.replace('{line}', String(found.moment.line))} was used, check that user impact began then`,
      );
    if (leaves === entry.leaves) entry.notes.forEach((note) => reader.note(note));
    if (
      !reader.times(found.leaf!).some((time) => time.day !== undefined) &&
      !reader.sectionDay(found.leaf!) &&
      firstDay
    ) {
      reader.note(`started: the start time gives no date; the date at line ${firstDay.line} was used`);
    }
    return { started: found.moment };
  }
  return { problem: startProblem };
}

/** Whether a timeline entry says users met the problem or a service failed them. */
function describesImpact(text: string): boolean {
  return KIND.impact.test(text) || PROBLEM_WORDS.test(text);
}

/** Words just before a time that make it the start: "starting at approximately 20:00 UTC", "beginning from UTC 05:13". */
const START_WORDS =
  /\b(start(?:ing|ed|s)?|began|begins?|beginning|since)\s+(?:at\s+|from\s+|around\s+|on\s+)?(?:approximately\s+|about\s+|around\s+|roughly\s+)?(?:(?:UTC|GMT|[A-Z]{2,5})\s+)?$/i;

/** Whether start words come just before `time` in `text`. */
function followsStartWords(text: string, time: FoundTime): boolean {
  return time.hour !== undefined && START_WORDS.test(text.slice(Math.max(0, time.index - 45), time.index));
}

/** Prose passages (not the timeline, not action items) where a time follows start words. */
function startWordLeaves(reader: Reader): Leaf[] {
  const timeline = new Set(timelineLeavesOf(reader));
  return reader.doc.leaves.filter(
    (leaf) =>
      !timeline.has(leaf) &&
      !reader.within(leaf, FIELD_LABELS.actions) &&
      reader.times(leaf).some((time) => followsStartWords(leaf.text, time)),
  );
}

/**
 * The time the start words point at, not the first in the passage: "At 01:38 the site went
 * down … builds were failing since 00:55" started at 00:55.
 */
function startWordTime(found: FoundTime[], leaf: Leaf): FoundTime | undefined {
  return found.find((time) => !time.rangeEnd && followsStartWords(leaf.text, time));
}

/** Times after the start take the start's day and zone when they give none. */
export function afterStart(reader: Reader, started: Moment) {
  // The title's date ("# 2022-01-27, pod limit reached") is no better than the start's day.
  return (leaf: Leaf) => ({ day: reader.sectionDay(leaf, true), after: started, tolerance: MINUTE });
}

/** End: an "End" label, the end of a range, or a resolution moment in the text. */
export function readResolved(reader: Reader, started: Moment): Moment | undefined {
  const after = afterStart(reader, started);
  const labelled = reader.firstMoment(labelledOrUnder(reader, FIELD_LABELS.end), after).moment;
  if (labelled) return labelled;
  const marked = markedMoment(reader, 'resolved', after);
  if (marked) return marked;
  const range = reader.firstMoment([...durationLeavesOf(reader), ...reader.doc.leaves], after, (found) =>
    found.find((time) => time.rangeEnd),
  );
  if (range.moment) {
    reader.note(
      `resolved: taken from the end of the time range at line ${range.moment.line}; check the incident was declared over then`,
    );
    return range.moment;
  }
  for (const { leaf, chosen } of closingTimes(reader)) {
    const moment = reader.resolve(chosen, leaf.line, { sectionZone: reader.sectionZone(leaf), ...after(leaf) });
    if ('problem' in moment) continue;
    reader.note(
      `resolved: taken from line ${moment.line} ("${leaf.text.slice(0, 80)}"); check the incident was declared over then`,
    );
    return moment;
  }
  return undefined;
}

/**
 * Words that say the incident is over: "resolved", "service operational", "working as
 * intended", "traffic returned to normal", "everything seems fine", "an action completed by".
 */
const CLOSING_WORDS =
  /\b(resolved|restored|recovered|recovery:|all[- ]clear|back (online|up|to normal|to working order|in service)|declared (over|resolved)|incident (closed|over|ended|ends)|(issue|problem|incident) (is |was |has been )?(closed|solved|fixed)|(issue|problem|error)s? (goes|went) away|(solved|fixed) the (issue|problem)|(working|operating|running) (normally|again|as (intended|expected))|confirmed working|(fully|verified|systems?|services?|now) operational|returned to normal|returns to normal|everything (is|was|seems|looks) (fine|ok|okay|good|normal)|service resume[sd]|fix(es)? deployed (on|to|in) prod(uction)?|completed by)(?=\W|$)/i;

/** Closing words said with a doubt ("appears to have recovered") do not end the incident. */
const HEDGED =
  /\b(appears?|appeared|seems?|seemed) to( have)?\s*$|\b(thought|assumed|hoped|expected) (it |that )?(was |had )?\s*$/i;

/** Google SRE book template markers: "INCIDENT ENDS" ends it, "OUTAGE MITIGATED" mitigates it. */
export const SRE_MARKERS = {
  resolved: /\bINCIDENT ENDS\b/,
  mitigated: /\bOUTAGE MITIGATED\b/,
} as const;

/** Times that closing words ("service restored") refer to, last statement first. */
function* closingTimes(reader: Reader, withDays = false): Generator<{ leaf: Leaf; chosen: FoundTime; at: number }> {
  const usable = (time: FoundTime) => time.hour !== undefined || (withDays && time.day !== undefined);
  const timeline = new Set(timelineLeavesOf(reader));
  const closing = reader.doc.leaves.filter(
    (leaf) => CLOSING_WORDS.test(reader.entryText(leaf)) && !reader.within(leaf, FIELD_LABELS.actions),
  );
  for (const leaf of closing.reverse()) {
    if (!CLOSING_WORDS.test(leaf.text)) {
      // The closing words are in the entry's heading ("### 21:24 - … and issue goes away"): its time.
      const [time] = reader.times(leaf);
      if (time && usable(time)) yield { leaf, chosen: time, at: 0 };
      continue;
    }
    // The time the closing words refer to: the first after them, else the last before them.
    const at = CLOSING_WORDS.exec(leaf.text)!.index;
    if (HEDGED.test(leaf.text.slice(Math.max(0, at - 30), at))) continue;
    const times = reader.times(leaf).filter(usable);
    // A timeline entry's own leading time ("July 23 4:10 AM … resolved") beats a time it quotes.
    const leading = timeline.has(leaf)
      ? times.find((time) => time.index < at && leaf.text.slice(0, time.index).trim() === '')
      : undefined;
    const chosen = times.find((time) => time.index >= at) ?? leading ?? times.filter((time) => time.index < at).at(-1);
    if (chosen) yield { leaf, chosen, at };
  }
}

/** The time of the timeline entry carrying a Google SRE template marker, noted as such. */
function markedMoment(
  reader: Reader,
  field: keyof typeof SRE_MARKERS,
  context: (leaf: Leaf) => MomentContext,
): Moment | undefined {
  const marker = SRE_MARKERS[field];
  for (const leaf of timelineLeavesOf(reader)) {
    const at = marker.exec(leaf.text)?.index;
    if (at === undefined) continue;
    // The entry's own time: the last written before the marker (rows run together when a table breaks).
    const times = reader.times(leaf).filter((time) => time.hour !== undefined);
    const chosen = times.filter((time) => time.index < at).at(-1) ?? times.find((time) => time.index > at);
    if (!chosen) continue;
    const moment = reader.resolve(chosen, leaf.line, { sectionZone: reader.sectionZone(leaf), ...context(leaf) });
    if ('problem' in moment) continue;
    reader.note(
      `${field}: taken from "${marker.source.replace(/\\b/g, '')}" at line ${leaf.line} (Google SRE template timeline)`,
    );
    return moment;
  }
  return undefined;
}

/** Mitigated: a labelled time, a template marker, or a fix / restore moment between the start and the end. */
export function readMitigated(reader: Reader, started: Moment, resolved: Moment | undefined): Moment | undefined {
  const after = afterStart(reader, started);
  const labelled = reader.firstMoment(labelledOrUnder(reader, FIELD_LABELS.mitigated), after).moment;
  if (labelled) return labelled;
  const marked = markedMoment(reader, 'mitigated', after);
  if (marked) return marked;
  const timelineLeaves = timelineLeavesOf(reader);
  const restoring = reader.doc.leaves.filter(
    (leaf) =>
      KIND.mitigation.test(leaf.text) &&
      !MISLEADING_MARKERS.test(leaf.text) &&
      !/\b(did not help|no change|continued|still failing)\b/i.test(leaf.text) &&
      (reader.within(leaf, FIELD_LABELS.resolution) || timelineLeaves.includes(leaf)) &&
      !reader.within(leaf, FIELD_LABELS.actions),
  );
  for (const leaf of restoring) {
    const found = reader.firstMoment([leaf], after);
    if (
      found.moment &&
      found.moment.epochMs > started.epochMs &&
      (!resolved || found.moment.epochMs < resolved.epochMs)
    ) {
      const words = KIND.mitigation.exec(leaf.text)![0];
      reader.note(
        `mitigated: line ${leaf.line} says "${words}" at ${found.moment.iso}; check that user impact stopped then`,
      );
      return found.moment;
    }
  }
  return undefined;
}

export interface IncidentMoments {
  started: Moment;
  detected?: Moment;
  mitigated?: Moment;
  resolved?: Moment;
}

/** Times out of order or in the future are dropped, with a note, rather than guessed between. */
export function dropImpossible(reader: Reader, times: IncidentMoments): IncidentMoments {
  let { detected, mitigated, resolved } = times;
  const { started } = times;
  if (detected && detected.epochMs < started.epochMs) {
    reader.note(
      `detected: ${detected.iso} (line ${detected.line}) is before the start ${started.iso}; it was left out, check both`,
    );
    detected = undefined;
  }
  if (resolved && resolved.epochMs === started.epochMs) {
    reader.note(
      `resolved: ${resolved.iso} (line ${resolved.line}) is the start time itself, a placeholder rather than a zero-length incident; it was left unknown, write when the incident ended`,
    );
    resolved = undefined;
  }
  if (resolved && resolved.epochMs < started.epochMs) {
    reader.note(
      `resolved: ${resolved.iso} (line ${resolved.line}) is before the start ${started.iso}; it was left out, check both`,
    );
    resolved = undefined;
  }
  if (mitigated && (mitigated.epochMs < started.epochMs || (resolved && mitigated.epochMs > resolved.epochMs))) {
    reader.note(
      `mitigated: ${mitigated.iso} (line ${mitigated.line}) is outside the incident's start and end; it was left out`,
    );
    mitigated = undefined;
  }
  const now = Date.now();
  const future = (name: string, moment: Moment | undefined) => {
    if (!moment || moment.epochMs <= now) return moment;
    reader.note(`${name}: ${moment.iso} (line ${moment.line}) is in the future; it was left out`);
    return undefined;
  };
  return {
    started,
    detected: future('detected', detected),
    mitigated: future('mitigated', mitigated),
    resolved: future('resolved', resolved),
  };
}

/** A `YYYY-MM-DD` day from a found time that names its day (the year may come from elsewhere). */
function dayText(found: FoundTime, fallbackYear: number | undefined): string | undefined {
  if (found.day === undefined || found.month === undefined) return undefined;
  const year = found.year ?? fallbackYear;
  if (year === undefined) return undefined;
  return `${String(year).padStart(4, '0')}-${String(found.month).padStart(2, '0')}-${String(found.day).padStart(2, '0')}`;
}

/**
 * The day the incident started when no exact start could be read (no time of day, or a time
 * with no zone): from the same places as the start, in the same order.
 */
export function readStartDay(reader: Reader, discovered?: (day: DayFact) => void): DayFact | undefined {
  const { doc } = reader;
  const year = reader.firstDay()?.day.year;
  const labelled = [...labelledOrUnder(reader, FIELD_LABELS.start), ...durationLeavesOf(reader)];
  // The timeline's first entry past its lead-up dates the start; when it gives no day, no other entry does.
  const { leaf: first, notes: leadUp } = firstEntryLeaf(reader);
  const timeline = new Set(first ? timelineLeavesOf(reader) : []);
  for (const leaves of [
    labelledOrUnder(reader, FIELD_LABELS.start),
    durationLeavesOf(reader),
    first ? [first] : timelineLeavesOf(reader),
    doc.leaves.filter((leaf) => !isReportDate(leaf) && !timeline.has(leaf)),
  ]) {
    for (const leaf of leaves) {
      if (isReportDate(leaf)) continue;
      for (const found of reader.times(leaf)) {
        if (found.rangeEnd) continue;
        const day = dayText(found, year);
        // "On 31st July 2018 a security researcher identified …": the day it was found, not the start.
        if (day && !labelled.includes(leaf) && DISCOVERY_WORDS.test(sentenceAt(leaf.text, found.index))) {
          discovered?.({ day, line: leaf.line });
          discovered = undefined;
          continue;
        }
        if (day) {
          if (leaf === first) leadUp.forEach((note) => reader.note(note));
          return { day, line: leaf.line };
        }
      }
      const section = reader.sectionDay(leaf);
      if (section && reader.times(leaf).some((found) => found.hour !== undefined))
        return { day: dayText({ ...section, text: '', index: 0 }, undefined)!, line: leaf.line };
    }
  }
  // A heading can carry the date too ("#### On August 15, 2024, at 00:00 hours, ...").
  for (const section of doc.sections) {
    const found = findTimes(section.label, reader.order).find((time) => time.day !== undefined && !time.rangeEnd);
    const day = found && dayText(found, year);
    if (day) return { day, line: section.line };
  }
  return undefined;
}

/** Words saying a problem was found on that day, by someone other than its cause. */
const DISCOVERY_WORDS =
  /\b(identified|discovered|reported|found|noticed|notified|spotted|uncovered|disclosed) (a|an|the|that|to|us)\b/i;

/** The sentence of `text` that holds the character at `index`. */
function sentenceAt(text: string, index: number): string {
  const start = Math.max(text.lastIndexOf('. ', index) + 1, 0);
  const end = text.indexOf('. ', index);
  return text.slice(start, end < 0 ? text.length : end);
}

/**
 * The day the incident ended when no exact end could be read: an end label, the end of a
 * range, or closing words, each with its own date, its section's, or the start's day.
 */
export function readEndDay(reader: Reader, start: DayFact | undefined): DayFact | undefined {
  const year = start ? Number(start.day.slice(0, 4)) : reader.firstDay()?.day.year;
  const dayOfLeaf = (leaf: Leaf, found: FoundTime) => {
    const section = reader.sectionDay(leaf);
    return (
      dayText(found, year) ??
      (section ? dayText({ ...section, text: '', index: 0 }, undefined) : undefined) ??
      (found.hour !== undefined ? start?.day : undefined)
    );
  };
  for (const leaf of labelledOrUnder(reader, FIELD_LABELS.end)) {
    const found = reader.times(leaf).find((time) => time.day !== undefined || time.hour !== undefined);
    const day = found && dayOfLeaf(leaf, found);
    if (day) return { day, line: leaf.line };
  }
  for (const leaf of [
    ...labelledOrUnder(reader, FIELD_LABELS.start),
    ...durationLeavesOf(reader),
    ...reader.doc.leaves,
  ]) {
    const found = reader.times(leaf).find((time) => time.rangeEnd);
    const day = found && dayOfLeaf(leaf, found);
    if (day) return { day, line: leaf.line };
  }
  const timeline = timelineLeavesOf(reader);
  for (const { leaf, chosen, at } of closingTimes(reader, true)) {
    // Only a timeline entry's own time (leading its line), or one after the closing words, dates the end.
    const entry = timeline.includes(leaf) || leaf.text.slice(0, chosen.index).trim() === '';
    if (chosen.index < at && !entry) continue;
    const day = dayOfLeaf(leaf, chosen);
    if (day) {
      reader.note(`resolved: the day was taken from line ${leaf.line} ("${leaf.text.slice(0, 80)}"); check it`);
      return { day, line: leaf.line };
    }
  }
  return undefined;
}

export interface IncidentTimeValues {
  started: TimeValue;
  detected?: TimeValue;
  mitigated?: TimeValue;
  resolved?: TimeValue;
  /** The exact start, which times without a date or zone take theirs from. */
  startMoment?: Moment;
  detectedMoment?: Moment;
  detection: { method?: string; source?: string };
}

/** Words saying a window of days is the problem's: "the token was exposed from … through …". */
const PROBLEM_WINDOW =
  /\b(exposed|exposure|affected|impacted|vulnerable|leaked|leak|broken|degraded|unavailable|down|fail\w*|errors?|outage|compromised)\b/i;

/**
 * A window of days the prose gives for the problem ("exposed from on or about 2025-02-10
 * through 2025-04-01") that holds the exact start and begins on an earlier day: the exact start
 * is then when the response began, and the problem's start is known only to the day.
 */
function earlierWindow(reader: Reader, started: Moment): DayFact | undefined {
  const timeline = new Set(timelineLeavesOf(reader));
  const startDay = localDateOf(started.iso);
  const year = dayOf(started.iso).year;
  for (const leaf of reader.doc.leaves) {
    if (timeline.has(leaf) || reader.within(leaf, FIELD_LABELS.actions) || isReportDate(leaf)) continue;
    const found = reader.times(leaf);
    for (const [index, first] of found.entries()) {
      const last = found[index + 1];
      if (first.hour !== undefined || first.rangeEnd || !last?.rangeEnd || last.hour !== undefined) continue;
      const [from, to] = [dayText(first, year), dayText(last, year)];
      if (!from || !to || !(from < startDay && startDay <= to)) continue;
      if (!PROBLEM_WINDOW.test(sentenceAt(leaf.text, first.index))) continue;
      return { day: from, line: leaf.line };
    }
  }
  return undefined;
}

/** Start, end, detection and mitigation as precisely as the source gives them, never more. */
export function readIncidentTimes(reader: Reader): IncidentTimeValues {
  const start = readStart(reader);
  const timelineLeaves = timelineLeavesOf(reader);
  if (start.started) {
    const started = start.started;
    const window = earlierWindow(reader, started);
    if (window)
      reader.note(
        `started: only the day is known: line ${window.line} says the problem began on ${window.day}, before the first time given (${started.iso}, line ${started.line}); add the time if known`,
      );
    const resolvedRead = readResolved(reader, started);
    const detection = readDetection(reader, started, timelineLeaves);
    const mitigatedRead = readMitigated(reader, started, resolvedRead);
    const { detected, mitigated, resolved } = dropImpossible(reader, {
      started,
      detected: detection.detected,
      mitigated: mitigatedRead,
      resolved: resolvedRead,
    });
    return {
      started: window?.day ?? started.iso,
      detected: detected?.iso,
      mitigated: mitigated?.iso,
      resolved: resolved?.iso,
      startMoment: started,
      detectedMoment: detected,
      detection: { method: detection.method, source: detection.source },
    };
  }
  let discovery: DayFact | undefined;
  const day = readStartDay(reader, (found) => (discovery = found));
  const why = start.problem ?? 'the source gives no time of day for the start';
  if (day)
    reader.note(
      `started: only the day is known (line ${day.line}): ${why}; add the time with its zone, or pass --zone`,
    );
  else if (discovery)
    reader.note(
      `started: unknown: the only date (line ${discovery.line}) is when the problem was found, not when it began; write when user impact began`,
    );
  else if (undatedEntry(reader)) {
    firstEntryLeaf(reader).notes.forEach((note) => reader.note(note));
    reader.note(
      `started: unknown: the timeline's first entry past its lead-up (line ${undatedEntry(reader)!.line}) gives no date or only a placeholder for it; write when user impact began`,
    );
  } else
    reader.note(
      `started: unknown: the source states no start date${start.problem ? ` (${start.problem})` : ''}; write when user impact began`,
    );
  const detectedDay = !day || (discovery && discovery.day >= day.day) ? discovery : undefined;
  if (detectedDay)
    reader.note(`detected: only the day is known (line ${detectedDay.line}), when the problem was found; add the time`);
  const endDay = readEndDay(reader, day);
  const resolved = endDay && (!day || endDay.day >= day.day) ? endDay : undefined;
  if (resolved) reader.note(`resolved: only the day is known (line ${resolved.line}); add the time with its zone`);
  const detection = readDetection(reader, undefined, timelineLeaves);
  return {
    started: day ? day.day : { unknown: 'the source states no start date' },
    detected: detectedDay?.day,
    resolved: resolved?.day,
    detection: { method: detection.method, source: detection.source },
  };
}
