/**
 * Everything the field readers share: the parsed document, the times found per leaf, the
 * document's stated zone and date order, and the notes that become the entry's `review` list.
 */
import { parseDocument, unwrapFencedDocument, type Leaf, type ParsedDocument, type Section } from './document.ts';
import type { ExtractOptions, Moment } from './extracted.ts';
import { FIELD_LABELS } from './labels.ts';
import { lineList } from './prose.ts';
import { readSourceFrontmatter } from './source-frontmatter.ts';
import { headerZone } from './tables.ts';
import { resolveMoment, type MomentContext, type TimeSource } from './time-reading.ts';
import {
  detectDateOrder,
  findTimes,
  isKnownZone,
  statedDocumentZone,
  type CalendarDay,
  type DateOrder,
  type FoundTime,
} from './times.ts';

/** Everything the extraction rules share: the parsed document, times per leaf, notes. */
/** Words just before a date that make it the report's date, not the incident's. */
const REPORT_DATE_BEFORE =
  /\b(due date|due|deadline|published(?: on)?|publication date|date of writing|report date|written on|prepared on|last updated|updated on|updated (?:between|at|around)|posted on|submitted on)\s*[:\-–—~]?\s*~?\s*$/i;

/** A sentence about the entries that follow: "all events happened on …", "all times below are on …". */
const EVENTS_ON = /\b(events|entries|everything|all times|times below)\b/i;
/** Words just before the day those entries are on. */
const DAY_OF_EVENTS = /\b(happened|occurred|took place|are|were|is)\s+on\s*$/i;

export class Reader implements TimeSource {
  readonly doc: ParsedDocument;
  readonly notes: string[] = [];
  readonly order: DateOrder;
  readonly statedZone?: { zone: string; line: number; words: string };
  readonly optionZone?: string;
  private readonly timesCache = new Map<Leaf, FoundTime[]>();
  private readonly statedDays = new Map<Section, CalendarDay | undefined>();
  private readonly assumed = new Map<string, number[]>();
  readonly ambiguousZonesSeen = new Set<string>();

  /** Title and date from a YAML frontmatter block the source document itself starts with. */
  readonly meta: { title?: string; date?: CalendarDay } = {};

  constructor(source: string, options: ExtractOptions) {
    const own = readSourceFrontmatter(source);
    if (own) {
      const data = own.data ?? {};
      if (typeof data.title === 'string') this.meta.title = data.title;
      const date = typeof data.date === 'string' ? /^(\d{4})-(\d{2})-(\d{2})/.exec(data.date) : undefined;
      if (date) this.meta.date = { year: Number(date[1]), month: Number(date[2]), day: Number(date[3]) };
      // Blank the block out (keeping its lines) so it is not read as a heading; a block that
      // is not YAML or TOML after all stays ordinary text.
      if (own.data) source = '\n'.repeat(own.lineCount) + own.body;
    }
    source = unwrapFencedDocument(source);
    this.doc = parseDocument(source);
    this.order = detectDateOrder(source);
    this.statedZone = statedDocumentZone(source);
    this.optionZone = options.zone;
  }

  /**
   * Times written in a leaf, without those a byline gives ("Due date: 18th December 2023"); for
   * text under a heading that is only a time ("#### 5:00:"), a timeline entry, that time.
   */
  times(leaf: Leaf): FoundTime[] {
    let found = this.timesCache.get(leaf);
    if (!found) {
      found = findTimes(leaf.text, this.order).filter(
        (time) => !REPORT_DATE_BEFORE.test(leaf.text.slice(Math.max(0, time.index - 40), time.index)),
      );
      if (found.length === 0) found = this.headingTime(leaf);
      this.timesCache.set(leaf, found);
    }
    return found;
  }

  private headingTime(leaf: Leaf): FoundTime[] {
    const section = leaf.sections.at(-1);
    if (!section) return [];
    const [time, ...others] = findTimes(section.label, this.order);
    if (!time || time.hour === undefined) return [];
    // "### 21:00 - Team alerted", "### 2022-06-02 10:00 - Problem starts": the time leads the heading.
    const leading =
      section.label.slice(0, time.index).trim() === '' &&
      /^\s*[-–—:|]/.test(section.label.slice(time.index + time.text.length));
    if (leading && !others.some((other) => other.hour !== undefined && !other.rangeEnd)) return [{ ...time, index: 0 }];
    if (others.length > 0) return [];
    const rest = section.label.slice(0, time.index) + section.label.slice(time.index + time.text.length);
    return /[\p{L}\p{N}]/u.test(rest) ? [] : [{ ...time, index: 0 }];
  }

  /**
   * The words of a timeline entry: for text under a heading that is a time ("### 21:00 - Team
   * alerted"), the heading's words too, which often say what happened at that time.
   */
  entryText(leaf: Leaf): string {
    const heading = leaf.sections.at(-1);
    if (!heading || findTimes(leaf.text, this.order).some((time) => time.hour !== undefined)) return leaf.text;
    const [time] = findTimes(heading.label, this.order);
    return time?.hour !== undefined && heading.label.slice(0, time.index).trim() === ''
      ? `${heading.label} ${leaf.text}`
      : leaf.text;
  }

  note(message: string): void {
    if (!this.notes.includes(message)) this.notes.push(message);
  }

  /** Records an assumption to report once, grouped by reason, with the lines it touched. */
  assume(reason: string, line: number): void {
    this.assumed.set(reason, [...(this.assumed.get(reason) ?? []), line]);
  }

  flushAssumptions(): void {
    for (const [reason, lines] of this.assumed) this.note(reason.replace('{lines}', lineList(lines)));
  }

  sections(pattern: RegExp): Section[] {
    return this.doc.sections.filter((section) => pattern.test(section.key));
  }

  labelled(pattern: RegExp): Leaf[] {
    return this.doc.leaves.filter((leaf) => leaf.key !== undefined && pattern.test(leaf.key));
  }

  leavesIn(section: Section): Leaf[] {
    return this.doc.leaves.filter((leaf) => leaf.sections.includes(section));
  }

  within(leaf: Leaf, pattern: RegExp): boolean {
    return leaf.sections.some((section) => pattern.test(section.key));
  }

  /**
   * The nearest calendar day written in an enclosing section's label ("### 12 March 2024");
   * with `exceptTitle`, not the document's title, which times after a dated start do not take.
   */
  sectionDay(leaf: Leaf, exceptTitle = false): CalendarDay | undefined {
    for (const section of [...leaf.sections].reverse()) {
      if (exceptTitle && section === this.doc.firstHeading) continue;
      const stated = this.statedDay(section);
      if (stated) return stated;
      const found = findTimes(section.label, this.order).find(
        (time) => time.day !== undefined && time.month !== undefined,
      );
      if (!found) continue;
      // "## May 12" under a report dated May 12 2025: the day heading takes the document's year.
      const year = found.year ?? (section === this.doc.firstHeading ? undefined : this.firstDay()?.day.year);
      if (year !== undefined) return { year, month: found.month!, day: found.day! };
    }
    return undefined;
  }

  /**
   * The day a section says its entries happened on, in a sentence of its own ("Unless otherwise
   * noted all events happened on 2019-10-21, and all times are in UTC."), like a day heading.
   */
  private statedDay(section: Section): CalendarDay | undefined {
    if (!this.statedDays.has(section)) {
      let stated: CalendarDay | undefined;
      for (const leaf of this.doc.leaves) {
        if (leaf.sections.at(-1) !== section || leaf.table || leaf.listItem || !EVENTS_ON.test(leaf.text)) continue;
        const found = findTimes(leaf.text, this.order).find(
          (time) =>
            time.year !== undefined &&
            time.day !== undefined &&
            time.hour === undefined &&
            DAY_OF_EVENTS.test(leaf.text.slice(Math.max(0, time.index - 30), time.index)),
        );
        if (found) stated = { year: found.year!, month: found.month!, day: found.day! };
        break;
      }
      this.statedDays.set(section, stated);
    }
    return this.statedDays.get(section);
  }

  /**
   * A zone named in the column header of the leaf's table ("Date and Time in CET") or in an
   * enclosing section's label ("## Timeline (WAT)", "Times in UTC").
   */
  sectionZone(leaf: Leaf): { zone: string; line: number; words?: string } | undefined {
    const column = leaf.table?.role === 'timeline' ? headerZone(leaf.table.header) : undefined;
    if (column) return { zone: column.zone, line: leaf.line, words: column.words };
    for (const section of [...leaf.sections].reverse()) {
      const token =
        /\(([A-Z]{2,5}|(?:UTC|GMT)[+\-−]\d{1,2}(?::?\d{2})?)\)|\b(?:times?|timeline)\s+(?:in\s+)?([A-Z]{2,5})\b/.exec(
          section.label,
        );
      const zone = token?.[1] ?? token?.[2];
      if (zone && isKnownZone(zone)) return { zone, line: section.line };
    }
    return undefined;
  }

  /** First date with a year anywhere in the document, for times that give no date. */
  firstDay(): { day: CalendarDay; line: number } | undefined {
    if (this.meta.date) return { day: this.meta.date, line: 2 };
    // The frontmatter's title is the document's first heading ("Update on the October 15, 2018 incident").
    const titled = this.meta.title
      ? findTimes(this.meta.title, this.order).find((time) => time.year !== undefined && time.day !== undefined)
      : undefined;
    if (titled) return { day: { year: titled.year!, month: titled.month!, day: titled.day! }, line: 2 };
    for (const section of this.doc.sections) {
      const found = findTimes(section.label, this.order).find(
        (time) => time.year !== undefined && time.day !== undefined,
      );
      if (found) return { day: { year: found.year!, month: found.month!, day: found.day! }, line: section.line };
    }
    for (const leaf of this.doc.leaves) {
      if (isReportDate(leaf)) continue;
      const found = this.times(leaf).find((time) => time.year !== undefined && time.day !== undefined);
      if (found) return { day: { year: found.year!, month: found.month!, day: found.day! }, line: leaf.line };
    }
    return undefined;
  }

  /** An instant for a time found on `line`; see resolveMoment in ./time-reading.ts. */
  resolve(found: FoundTime, line: number, context: MomentContext): Moment | { problem: string } {
    return resolveMoment(this, found, line, context);
  }

  firstMoment(
    leaves: readonly Leaf[],
    context: (leaf: Leaf) => MomentContext,
    pick: (found: FoundTime[], leaf: Leaf) => FoundTime | undefined = (found) =>
      found.find((time) => time.hour !== undefined && !time.rangeEnd),
  ): { moment?: Moment; problem?: string; leaf?: Leaf } {
    let problem: string | undefined;
    for (const leaf of leaves) {
      const found = pick(this.times(leaf), leaf);
      if (!found) continue;
      const resolved = this.resolve(found, leaf.line, { sectionZone: this.sectionZone(leaf), ...context(leaf) });
      if ('problem' in resolved) {
        problem ??= resolved.problem;
        continue;
      }
      return { moment: resolved, leaf };
    }
    return { problem };
  }

  /** Text blocks for a field: sections named like it, and `Label: value` leaves. */
  sources(pattern: RegExp): { text: string; line: number; lines: number[]; inTimeline: boolean; leaves: Leaf[] }[] {
    const found: { text: string; line: number; lines: number[]; inTimeline: boolean; leaves: Leaf[] }[] = [];
    const sections = this.sections(pattern);
    for (const section of sections) {
      const leaves = this.leavesIn(section);
      if (leaves.length === 0) continue;
      found.push({
        text: leaves.map((leaf) => leaf.text).join(' '),
        line: section.line,
        lines: leaves.map((leaf) => leaf.line),
        inTimeline: this.isTimeline(section),
        leaves,
      });
    }
    for (const leaf of this.labelled(pattern)) {
      if (!leaf.value || sections.some((section) => leaf.sections.includes(section))) continue;
      found.push({
        text: leaf.value,
        line: leaf.line,
        lines: [leaf.line],
        inTimeline: leaf.sections.some((s) => FIELD_LABELS.timeline.test(s.key)),
        leaves: [leaf],
      });
    }
    return found.sort((a, b) => a.line - b.line);
  }

  isTimeline(section: Section): boolean {
    for (let at: Section | undefined = section; at; at = at.parent) if (FIELD_LABELS.timeline.test(at.key)) return true;
    return false;
  }

  /**
   * The text for a field: every passage about it outside the timeline (a timeline passage
   * only when there is nothing else), joined in reading order so no statement is dropped.
   */
  best(field: string, pattern: RegExp): { text: string; line: number; leaves: Leaf[] } | undefined {
    const all = this.sources(pattern);
    if (all.length === 0) return undefined;
    const outside = all.filter((source) => !source.inTimeline);
    const pool = outside.length > 0 ? outside : all.slice(0, 1);
    const texts = [...new Set(pool.map((source) => source.text))];
    if (pool.length > 1) {
      this.note(
        `${field}: joined from the ${pool.length} passages at ${lineList(pool.map((source) => source.line))}; trim any repetition`,
      );
    }
    const skipped = all.filter((source) => !pool.includes(source));
    if (skipped.length > 0) {
      this.note(
        `${field}: taken from ${lineList(pool.map((source) => source.line))}; the timeline passage at ${lineList(skipped.map((source) => source.line))} says more about it`,
      );
    }
    return { text: texts.join(' '), line: pool[0].line, leaves: pool.flatMap((source) => source.leaves) };
  }
}

/** Every passage under sections named like `pattern`, and the values of `Label:` lines so named. */
export function listUnder(reader: Reader, pattern: RegExp): string[] {
  const sections = reader.sections(pattern);
  const items = sections.flatMap((section) => reader.leavesIn(section).map((leaf) => leaf.text));
  for (const leaf of reader.labelled(pattern)) if (leaf.value) items.push(leaf.value);
  return items.map((item) => item.trim()).filter(Boolean);
}

/** Whether a leaf is a byline or publication date rather than a fact about the incident. */
export function isReportDate(leaf: Leaf): boolean {
  return leaf.key !== undefined && FIELD_LABELS.reportDate.test(leaf.key);
}
