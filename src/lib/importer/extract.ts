/**
 * Reads the facts of a free-form postmortem into frontmatter fields. The rule throughout:
 * a value is taken only when the source states it. Whatever had to be inferred (a zone
 * assumed from the rest of the document, a date carried over from an earlier line, a
 * category proposed from keywords) is kept and explained in `notes`, and whatever cannot be
 * read is left out for the reviewer.
 */
import { parse as parseYaml } from 'yaml';
import { HOUR, localDateOf, MINUTE, type WallTime } from '../core/time.ts';
import { labelOf, severities } from '../core/taxonomy.ts';
import { slugOf } from '../core/slug.ts';
import { explainCategories, proposeCategories } from './category-rules.ts';
import { parseDocument, type Leaf, type ParsedDocument, type Section } from './document.ts';
import {
  AMBIGUOUS_ZONES,
  detectDateOrder,
  isKnownZone,
  findTimes,
  statedDocumentZone,
  toIso,
  type CalendarDay,
  type DateOrder,
  type FoundTime,
} from './times.ts';

export interface ExtractOptions {
  /** Zone for times written without one, given by the person importing (`--zone`). */
  zone?: string;
  /** File name of the source, used in messages and as a last-resort title. */
  sourceName: string;
}

export interface ExtractedActionItem {
  title: string;
  term?: 'short' | 'mid' | 'long';
  type?: 'prevent' | 'mitigate' | 'detect' | 'process';
  owner?: string;
  status?: 'open' | 'in-progress' | 'done' | 'wont-do';
  due?: string;
  tracker?: string;
  line: number;
}

export interface ExtractedTimelineEntry {
  at: string;
  kind: string;
  event: string;
}

export interface Extracted {
  title: string;
  summary?: string;
  severity?: string;
  authors: string[];
  teams: string[];
  services: string[];
  started: string;
  detected?: string;
  mitigated?: string;
  resolved?: string;
  impact: { description?: string; usersAffectedPercent?: number };
  detection: { method?: string; source?: string };
  rootCause: { categories: string[]; description?: string; trigger?: string; contributingFactors: string[] };
  resolution?: string;
  response: { misleadingPaths: string[]; escalations: { to: string; at?: string; reason?: string }[] };
  timeline: ExtractedTimelineEntry[];
  actionItems: ExtractedActionItem[];
  lessons: { wentWell: string[]; wentWrong: string[]; gotLucky: string[] };
}

export type ExtractResult = { ok: true; data: Extracted; notes: string[] } | { ok: false; reason: string };

/** Section and label names, matched against lower-case labels (see labelKey in document.ts). */
export const FIELD_LABELS = {
  title: /^(title|incident|incident title|incident name|name|titre)$/,
  start:
    /^(start|started|start time|start date|start date and time|started at|incident start|incident start time|impact start|impact start time|impact began|impact started|began|outage start|outage began|first impact|time started|beginning|début|debut|heure de début|heure de debut)$/,
  end: /^(end|ended|end time|end date|end date and time|ended at|incident end|incident end time|outage end|outage ended|resolved|resolved at|resolution time|time resolved|recovered|recovered at|all clear|closed|closed at|fin|heure de fin|resolved time)$/,
  detected:
    /^(detected|detected at|detection time|time detected|time of detection|detection|first alert|alerted at|détection|detection date)$/,
  mitigated:
    /^(mitigated|mitigated at|mitigation time|impact ended|impact end|impact end time|time mitigated|service restored|restored at)$/,
  duration: /^(duration|incident window|window|time window|period|durée|duree|when)$/,
  summary:
    /^(summary|executive summary|incident summary|issue summary|tl ?dr|overview|abstract|synopsis|résumé|resume)$/,
  severity: /^(severity|sev|severity level|incident severity|incident level|impact level|gravité|gravite|niveau)$/,
  priority: /^(priority|incident priority|p level)$/,
  services:
    /^(services?|affected services?|services? affected|impacted services?|services? impacted|systems? affected|affected systems?|impacted systems?|affected components?|components? affected|service names?|services? concernés|services concernes)$/,
  authors:
    /^(authors?|written by|prepared by|report author|postmortem authors?|postmortem owner|document owner|rédigé par|redige par|auteurs?)$/,
  teams: /^(teams?|teams involved|responders|responding teams?|participants|équipes?|equipes?)$/,
  impact:
    /^(impact|user impact|customer impact|business impact|impact on users|impact on customers|who was affected|scope|impact and scope|effects?|customer facing impact)$/,
  detection:
    /^(detection|how detected|how it was detected|how was it detected|how we detected it|how we found out|how it was found|detection method|detected by|discovery|how discovered|détection|detection source)$/,
  rootCause:
    /^(root cause|root causes|cause|causes|the cause|underlying cause|underlying causes|root cause analysis|rca|why it happened|technical cause|cause racine|causes racines|cause première|cause premiere)$/,
  rootCauseLoose: /^root causes?\b/,
  trigger:
    /^(trigger|triggers|triggering event|what triggered it|immediate cause|proximate cause|déclencheur|declencheur)$/,
  contributing:
    /^(contributing factors?|contributing causes?|contributors|aggravating factors?|facteurs aggravants|facteurs contributifs)$/,
  resolution:
    /^(resolution|resolution and recovery|recovery|fix|the fix|fixes applied|mitigation|mitigation and resolution|remediation|how it was fixed|how we fixed it|how it was resolved|resolution steps|résolution)$/,
  escalation: /^(escalations?|escalated to|escalation path|escalation and communication)$/,
  misleading:
    /(mislead|red herring|dead ends?|false leads?|wrong turns?|ruled out|hypothes[ei]s|pistes? (écartées|ecartees|trompeuses)|what we tried first)/,
  actions:
    /^(action items?|actions|follow ?ups?|follow ?up actions|follow ?up items|corrective actions|corrective and preventa?tive (measures|actions)|preventa?tive (measures|actions)|remediation items|remediations|next steps|tasks?|tasks to address (the|this) (issue|incident)|improvements?|improvements ?\/ ?fixes|fixes|to ?do|what we are changing|what were changing|actions correctives|plan d action|short term|mid term|medium term|long term|(short|mid|medium|long)[ -]term (actions|items|fixes|tasks))$/,
  timeline:
    /^(timeline|timeline of events|chronology|sequence of events|event timeline|detailed timeline|incident timeline|chronologie|déroulé|deroule|timeline utc|timeline \w+)$/,
  wentWell:
    /^(what went well|went well|things that went well|what worked|what worked well|successes|ce qui a bien fonctionné|ce qui a bien fonctionne)$/,
  wentWrong:
    /^(what went wrong|went wrong|what didnt go well|what did not go well|what could have gone better|what could have been better|things that went wrong|challenges|what could be improved|what didnt work|ce qui a mal fonctionné|ce qui a mal fonctionne)$/,
  gotLucky: /^(where we got lucky|got lucky|we got lucky|what was lucky|luck|lucky breaks?|where we were lucky)$/,
};

const USERS =
  /\b(users?|user base|userbase|customers?|accounts?|members?|merchants?|clients?|subscribers?|visitors?|players?|riders?|drivers?|shoppers?|sellers?|buyers?|tenants?|utilisateurs?|people|students?|patients?|learners?|logins?|sessions?)\b/i;
const PERCENT = /(\d{1,3}(?:[.,]\d+)?)\s*(?:%|percent\b|per cent\b|pour cent\b)/gi;

const DETECTION_RULES: readonly { method: string; words: RegExp }[] = [
  {
    method: 'synthetic-check',
    words:
      /\b(synthetic|canary|canaries|probes?|uptime (check|monitor)|pingdom|health ?checks?|end-to-end (check|test)s?|smoke tests?|blackbox)\b/gi,
  },
  {
    method: 'monitoring-alert',
    words:
      /\b(alerts?|alerting|alarms?|monitoring|pager(duty)?|paged|opsgenie|grafana|prometheus|datadog|new relic|threshold|slo burn)\b/gi,
  },
  {
    method: 'customer-report',
    words:
      /\b(customers? (reported|complained|contacted|called|wrote|noticed)|(players|patients|readers|shoppers|fans|users) reported|customer reports?|reported by (a |our )?(customers?|users?|clients?|merchants?|partners?)|support tickets?|tickets? from|complaints?|tweets?|social media|users? reported|clients? reported|customer support)\b/gi,
  },
  {
    method: 'engineer-noticed',
    words:
      /\b(engineer noticed|noticed by|spotted|by chance|dogfood(ing)?|an? (engineer|developer|employee) (noticed|saw|spotted)|internal users?|staff noticed)\b/gi,
  },
];
/** Someone "noticed" with no other clue: an insider noticing, the weakest reading. */
const NOTICED = /\bnoticed\b/gi;

const MISLEADING_MARKERS =
  /\b(misleading(ly)?|red herrings?|dead ends?|wrongly|mistakenly|incorrectly|assum(ed|ing|ptions?)|suspect(ed|ing)?|hypothes[ie]s|initially (thought|believed|suspected)|turned out (not|to be unrelated)|ruled out|did not yield|no leads|false leads?|wild goose)\b/i;

const TIMELINE_KINDS: readonly { kind: string; words: RegExp }[] = [
  {
    kind: 'resolution',
    words:
      /\b(resolved|resolution|all[- ]clear|incident (closed|over|ended)|declared (over|resolved)|closed the incident)\b/i,
  },
  { kind: 'misleading', words: MISLEADING_MARKERS },
  { kind: 'escalation', words: /\bescalat\w*|\b(brought in|pulled in|looped in|called in)\b/i },
  {
    kind: 'mitigation',
    words:
      /\b(mitigat\w*|restored|recover(s|ed|y)?|rolled back|roll ?back|revert(s|ed)?|pointed back|failover|failed over|back to normal|returned to normal|(error rates?|errors?) (drops?|dropped|falls?|fell|stops?|stopped)|(?:emergency |hot)?fix\b[^.]{0,60}\bdeployed|deployed\b[^.]{0,40}\bfix|hotfix)\b/i,
  },
  {
    kind: 'detection',
    words:
      /\b(detect\w*|alerts?|alerted|alarms?|noticed|reports?|reported|pages (the )?on-?call|paged|paging|pagerduty|fires|fired)\b/i,
  },
  {
    kind: 'communication',
    words:
      /\b(status ?page|customers? (were )?(notified|informed)|communicat\w*|announce\w*|tweet\w*|posted an update)\b/i,
  },
  {
    kind: 'impact',
    words:
      /\b(impact (begins?|began|starts?|started)|outage (begins?|began|starts?|started)|(errors?|error rate|failures?) (begins?|began|starts?|started|spikes?|spiked|rises?|rose|climbs?|climbed|pass(es|ed)?)|(start|starts|started|begin|begins|began) (receiving|seeing|getting|failing|timing out|rejecting)|latency (rose|spiked|increased)|went down|became unavailable|drops? to zero|wave)\b/i,
  },
];

const KIND = Object.fromEntries(TIMELINE_KINDS.map((rule) => [rule.kind, rule.words])) as Record<string, RegExp>;

interface Moment {
  iso: string;
  epochMs: number;
  line: number;
  zone: string;
}

function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+(?=[A-Z"“(‘'À-Ý])/)
    .map((sentence) => sentence.trim())
    .filter(Boolean);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function asSentence(text: string): string {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  return /[.!?…]$/.test(trimmed) ? capitalise(trimmed) : `${capitalise(trimmed)}.`;
}

function splitList(text: string): string[] {
  return text
    .split(/\s*(?:[,;]|\s+and\s+|\s+et\s+|\n)\s*/)
    .map((part) => part.replace(/^[@*_`]+|[*_`.]+$/g, '').trim())
    .filter(Boolean);
}

function lineList(lines: number[]): string {
  const unique = [...new Set(lines)].sort((a, b) => a - b);
  return `${unique.length === 1 ? 'line' : 'lines'} ${unique.join(', ')}`;
}

function addDays(day: CalendarDay, days: number): CalendarDay {
  const date = new Date(Date.UTC(day.year, day.month - 1, day.day + days));
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

function dayOf(iso: string): CalendarDay {
  const [year, month, day] = localDateOf(iso).split('-').map(Number);
  return { year, month, day };
}

/** Everything the extraction rules share: the parsed document, times per leaf, notes. */
class Reader {
  readonly doc: ParsedDocument;
  readonly notes: string[] = [];
  readonly order: DateOrder;
  readonly statedZone?: { zone: string; line: number; words: string };
  readonly optionZone?: string;
  private readonly timesCache = new Map<Leaf, FoundTime[]>();
  private readonly assumed = new Map<string, number[]>();
  private readonly ambiguousZonesSeen = new Set<string>();

  /** Title and date from a YAML frontmatter block the source document itself starts with. */
  readonly meta: { title?: string; date?: CalendarDay } = {};

  constructor(source: string, options: ExtractOptions) {
    const own = /^---[ \t]*\n([\s\S]*?)\n---[ \t]*(?:\n|$)/.exec(source);
    if (own) {
      try {
        const data = parseYaml(own[1]) as Record<string, unknown> | null;
        if (data && typeof data.title === 'string') this.meta.title = data.title;
        const date = typeof data?.date === 'string' ? /^(\d{4})-(\d{2})-(\d{2})/.exec(data.date) : undefined;
        if (date) this.meta.date = { year: Number(date[1]), month: Number(date[2]), day: Number(date[3]) };
      } catch {
        // Not YAML after all: it stays ordinary text.
      }
      // Blank the block out (keeping its lines) so it is not read as a heading.
      source = own[0].replace(/[^\n]/g, '') + source.slice(own[0].length);
    }
    this.doc = parseDocument(source);
    this.order = detectDateOrder(source);
    this.statedZone = statedDocumentZone(source);
    this.optionZone = options.zone;
  }

  times(leaf: Leaf): FoundTime[] {
    let found = this.timesCache.get(leaf);
    if (!found) {
      found = findTimes(leaf.text, this.order);
      this.timesCache.set(leaf, found);
    }
    return found;
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

  /** The nearest calendar day written in an enclosing section's label ("### 12 March 2024"). */
  sectionDay(leaf: Leaf): CalendarDay | undefined {
    for (const section of [...leaf.sections].reverse()) {
      const found = findTimes(section.label, this.order).find(
        (time) => time.day !== undefined && time.month !== undefined && time.year !== undefined,
      );
      if (found) return { year: found.year!, month: found.month!, day: found.day! };
    }
    return undefined;
  }

  /** A zone named in an enclosing section's label ("## Timeline (WAT)", "Times in UTC"). */
  sectionZone(leaf: Leaf): { zone: string; line: number } | undefined {
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
    for (const section of this.doc.sections) {
      const found = findTimes(section.label, this.order).find(
        (time) => time.year !== undefined && time.day !== undefined,
      );
      if (found) return { day: { year: found.year!, month: found.month!, day: found.day! }, line: section.line };
    }
    for (const leaf of this.doc.leaves) {
      const found = this.times(leaf).find((time) => time.year !== undefined && time.day !== undefined);
      if (found) return { day: { year: found.year!, month: found.month!, day: found.day! }, line: leaf.line };
    }
    return undefined;
  }

  /**
   * An instant for a time found on `line`. A time without a date takes `day`, or the first
   * day on which it falls after `after` (allowing `tolerance` for entries listed out of
   * order); a time without a zone takes the zone the document states, `--zone`, or the
   * zone of `after`, and each such assumption is noted.
   */
  resolve(
    found: FoundTime,
    line: number,
    context: { day?: CalendarDay; after?: Moment; tolerance?: number; sectionZone?: { zone: string; line: number } },
  ): Moment | { problem: string } {
    if (found.hour === undefined) return { problem: `"${found.text}" has a date but no time of day` };
    if (found.ambiguousDate) {
      this.note(
        `line ${line}: "${found.ambiguousDate}" could be read day-first or month-first and nothing else in the document settles it, so that date was not used`,
      );
    }
    let zone = found.zone;
    if (!zone && context.sectionZone) {
      zone = context.sectionZone.zone;
      this.assume(
        `times without a zone ({lines}) were read in ${zone}, as the heading at line ${context.sectionZone.line} says`,
        line,
      );
    } else if (!zone && this.statedZone) {
      zone = this.statedZone.zone;
      this.assume(
        `times without a zone ({lines}) were read in ${zone}, as line ${this.statedZone.line} states ("${this.statedZone.words}")`,
        line,
      );
    } else if (!zone && this.optionZone) {
      zone = this.optionZone;
      this.assume(`times without a zone ({lines}) were read in ${zone}, as --zone says; check them`, line);
    } else if (!zone && context.after) {
      zone = context.after.zone;
      this.assume(
        `times without a zone ({lines}) were assumed to be in ${zone}, the zone of the start time; check them`,
        line,
      );
    }
    if (!zone) return { problem: `"${found.text}" (line ${line}) has no time zone and the document states none` };
    const upper = zone.toUpperCase();
    if (upper in AMBIGUOUS_ZONES && !this.ambiguousZonesSeen.has(upper)) {
      this.ambiguousZonesSeen.add(upper);
      this.note(
        `"${upper}" was read as ${AMBIGUOUS_ZONES[upper]}; correct the offsets if the author meant another zone`,
      );
    }
    let day: CalendarDay | undefined;
    const explicitDay = found.day !== undefined && found.month !== undefined;
    if (explicitDay) {
      let year = found.year;
      if (year === undefined) {
        year = context.day?.year ?? (context.after ? dayOf(context.after.iso).year : this.firstDay()?.day.year);
        if (year === undefined)
          return { problem: `"${found.text}" (line ${line}) gives no year and no other date in the document does` };
        this.assume(`dates without a year ({lines}) were given the year of the incident's other dates`, line);
      }
      day = { year, month: found.month!, day: found.day! };
    } else {
      day = context.day ?? (context.after ? dayOf(context.after.iso) : undefined);
      if (!day) return { problem: `"${found.text}" (line ${line}) has no date` };
      if (!context.day)
        this.assume(
          `times without a date ({lines}) were placed on the first day they fall after the time before them; check the dates`,
          line,
        );
    }
    const wall = (d: CalendarDay): WallTime => ({
      ...d,
      hour: found.hour!,
      minute: found.minute ?? 0,
      second: found.second,
    });
    let converted = toIso(wall(day), zone);
    if (!converted.ok) return { problem: `"${found.text}" (line ${line}): ${converted.reason}` };
    let epochMs = Date.parse(converted.iso);
    if (
      !explicitDay &&
      !context.day &&
      context.after &&
      epochMs < context.after.epochMs - (context.tolerance ?? MINUTE)
    ) {
      // A time-only entry earlier than the one before it happened the next day.
      const next = toIso(wall(addDays(day, 1)), zone);
      if (next.ok) {
        converted = next;
        epochMs = Date.parse(next.iso);
      }
    }
    return {
      iso: converted.iso,
      epochMs,
      line,
      zone: upper in AMBIGUOUS_ZONES || /^[A-Z]+$/.test(upper) ? upper : zone,
    };
  }

  firstMoment(
    leaves: readonly Leaf[],
    context: (leaf: Leaf) => { day?: CalendarDay; after?: Moment; tolerance?: number },
    pick: (found: FoundTime[]) => FoundTime | undefined = (found) =>
      found.find((time) => time.hour !== undefined && !time.rangeEnd),
  ): { moment?: Moment; problem?: string; leaf?: Leaf } {
    let problem: string | undefined;
    for (const leaf of leaves) {
      const found = pick(this.times(leaf));
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

/** Text after a time written at the start of a line: "10:30 AM (UTC): The issue..." → "The issue...". */
function withoutLeadingTime(text: string, times: FoundTime[]): string {
  const first = times[0];
  if (!first || first.index > 3) return text;
  const rest = text.slice(first.index + first.text.length).replace(/^\s*\)?\s*[:\-–—|,]?\s*/, '');
  return rest;
}

function readSeverity(reader: Reader): string | undefined {
  for (const leaf of [
    ...reader.labelled(FIELD_LABELS.severity),
    ...reader.sections(FIELD_LABELS.severity).flatMap((s) => reader.leavesIn(s)),
  ]) {
    const value = leaf.key && FIELD_LABELS.severity.test(leaf.key) ? leaf.value : leaf.text;
    const numbered = /\b(?:sev(?:erity)?|level|niveau)?[\s-]*([0-9])\b/i.exec(value);
    const word = /\b(critical|critique|major|majeur|minor|mineur|low|near[- ]miss)\b/i.exec(value);
    if (numbered && Number(numbered[1]) >= 1 && Number(numbered[1]) <= 4) return `sev${numbered[1]}`;
    if (numbered) {
      reader.note(
        `severity: the source says "${value}", which is not on the sev1–sev4 scale; choose the matching level`,
      );
      return undefined;
    }
    if (word) {
      const key = word[1].toLowerCase();
      const level = /critical|critique/.test(key)
        ? 'sev1'
        : /major|majeur/.test(key)
          ? 'sev2'
          : /minor|mineur/.test(key)
            ? 'sev3'
            : 'sev4';
      reader.note(
        `severity: "${word[1]}" (line ${leaf.line}) was read as ${labelOf(severities, level)}; check it against the severity scale`,
      );
      return level;
    }
  }
  const inline = reader.doc.leaves.find((leaf) => /\bSEV[\s-]?[1-4]\b/.test(leaf.text));
  if (inline) {
    const level = /\bSEV[\s-]?([1-4])\b/.exec(inline.text)![1];
    return `sev${level}`;
  }
  for (const leaf of reader.labelled(FIELD_LABELS.priority)) {
    reader.note(
      `severity: the source gives priority "${leaf.value}" (line ${leaf.line}) but no severity; map it to sev1–sev4`,
    );
    return undefined;
  }
  return undefined;
}

function readPercent(reader: Reader, texts: { text: string; line: number }[]): number | undefined {
  const values = new Map<number, number>();
  for (const { text, line } of texts) {
    for (const sentence of sentences(text)) {
      if (!USERS.test(sentence)) continue;
      for (const match of sentence.matchAll(PERCENT)) {
        const value = Number(match[1].replace(',', '.'));
        if (value >= 0 && value <= 100 && !values.has(value)) values.set(value, line);
      }
    }
  }
  if (values.size === 1) return [...values.keys()][0];
  if (values.size > 1) {
    reader.note(
      `impact.usersAffectedPercent: the impact text gives several shares of users (${[...values.keys()].map((v) => `${v}%`).join(', ')}); enter the overall one`,
    );
  }
  return undefined;
}

function readDetection(
  reader: Reader,
  started: Moment,
  timelineLeaves: Leaf[],
): { method?: string; source?: string; detected?: Moment } {
  const detectionLeaves = [
    ...reader.sections(FIELD_LABELS.detection).flatMap((section) => reader.leavesIn(section)),
    ...reader.labelled(FIELD_LABELS.detection),
    ...reader.sections(FIELD_LABELS.detected).flatMap((section) => reader.leavesIn(section)),
    ...reader.labelled(FIELD_LABELS.detected),
  ];
  const unique = [...new Set(detectionLeaves)].sort((a, b) => a.line - b.line);
  const context = (leaf: Leaf) => ({ day: reader.sectionDay(leaf), after: started, tolerance: 12 * HOUR });
  let { moment: detected } = reader.firstMoment(unique, context);
  let timelineDetection: Leaf | undefined;
  if (!detected) {
    const fromTimeline = timelineLeaves.filter(
      (leaf) => KIND.detection.test(leaf.text) && !KIND.escalation.test(leaf.text),
    );
    const found = reader.firstMoment(fromTimeline, context);
    if (found.moment && found.leaf) {
      detected = found.moment;
      timelineDetection = found.leaf;
      reader.note(
        `detected: taken from the timeline entry at line ${found.leaf.line} ("${found.leaf.text.slice(0, 80)}"); check it is when the organisation first knew`,
      );
    }
  }
  // The source of detection: what the detection passage says once its time is taken off.
  const sourceLeaves = unique.filter(
    (leaf) =>
      !(
        leaf.key &&
        FIELD_LABELS.detected.test(leaf.key) &&
        withoutLeadingTime(leaf.value, findTimes(leaf.value, reader.order)) === ''
      ),
  );
  let source = sourceLeaves
    .map((leaf) => {
      const value =
        leaf.key && (FIELD_LABELS.detection.test(leaf.key) || FIELD_LABELS.detected.test(leaf.key))
          ? leaf.value
          : leaf.text;
      return withoutLeadingTime(value, findTimes(value, reader.order)).trim();
    })
    .filter((text) => text.length > 0 && /[a-z]{3}/i.test(text))
    .join(' ');
  if (!source && timelineDetection) {
    const value = timelineDetection.table
      ? timelineDetection.table.cells
          .filter((cell) => !findTimes(cell, reader.order).some((t) => t.text.trim() === cell.trim()))
          .join(' ')
      : timelineDetection.text;
    source = withoutLeadingTime(value, findTimes(value, reader.order)).trim();
    reader.note(
      `detection.source: taken from the timeline entry at line ${timelineDetection.line}; check it names the alert, report or check that noticed the incident`,
    );
  }
  if (!source) {
    const sentence = reader.doc.leaves
      .filter((leaf) => !reader.within(leaf, FIELD_LABELS.actions) && !reader.within(leaf, FIELD_LABELS.rootCause))
      .flatMap((leaf) => sentences(leaf.text).map((text) => ({ text, line: leaf.line })))
      .find((candidate) =>
        /\b(was|were|first) (detected|noticed|reported|spotted)\b|\b(detected|noticed) (by|through|via|when)\b/i.test(
          candidate.text,
        ),
      );
    if (sentence) {
      source = sentence.text;
      reader.note(
        `detection.source: taken from the sentence at line ${sentence.line}; check it names the alert, report or check that noticed the incident`,
      );
    }
  }
  let method: string | undefined;
  if (source) {
    // The clue written first wins: "players reported it, and the team paged on-call" is a customer report.
    const hits = DETECTION_RULES.flatMap((rule) =>
      [...source.matchAll(rule.words)].map((m) => ({ method: rule.method, index: m.index, word: m[0].toLowerCase() })),
    );
    if (hits.length === 0)
      hits.push(
        ...[...source.matchAll(NOTICED)].map((m) => ({
          method: 'engineer-noticed',
          index: m.index,
          word: m[0].toLowerCase(),
        })),
      );
    if (hits.length > 0) {
      method = hits.reduce((a, b) => (b.index < a.index ? b : a)).method;
      const words = [...new Set(hits.filter((hit) => hit.method === method).map((hit) => hit.word))];
      reader.note(
        `detection.method: ${method} because the detection text says ${words.map((w) => `"${w}"`).join(', ')}; check it`,
      );
    }
  }
  return { method, source: source ? asSentence(source) : undefined, detected };
}

function readEscalations(
  reader: Reader,
  started: Moment,
  detected: Moment | undefined,
): Extracted['response']['escalations'] {
  const escalations: (Extracted['response']['escalations'][number] & { line: number })[] = [];
  const escalationSections = reader.sections(FIELD_LABELS.escalation);
  const candidates = reader.doc.leaves.filter(
    (leaf) =>
      /\bescalat/i.test(leaf.text) &&
      !reader.within(leaf, FIELD_LABELS.actions) &&
      !reader.within(leaf, FIELD_LABELS.wentWrong) &&
      !reader.within(leaf, FIELD_LABELS.wentWell),
  );
  for (const leaf of candidates) {
    for (const sentence of sentences(leaf.value || leaf.text)) {
      const match =
        /\bescalated\s+(?:it\s+|this\s+|the (?:incident|issue|problem|outage)\s+)?to\s+(?:the\s+)?(.+?)(?=\s+(?:when|after|because|once|as soon as|as|since|due to|at|around|for|who|which|while|within|following|upon|on|by)\b|[,.;:(]|$)/i.exec(
          sentence,
        );
      if (!match) continue;
      const to = capitalise(match[1].trim());
      if (escalations.some((e) => e.to.toLowerCase() === to.toLowerCase())) continue;
      const rest = sentence.slice(match.index + match[0].length).trim();
      let reason: string | undefined;
      const because =
        /^(?:,\s*)?(?:as)\s+(.+)$/i.exec(rest) ?? /\b(?:when|because|since|once|as soon as|due to)\s+(.+)$/i.exec(rest);
      const after = /^(?:,\s*)?(after\s+.+)$/i.exec(rest);
      if (because) reason = asSentence(because[1].replace(/[.]+$/, ''));
      else if (after) reason = asSentence(after[1].replace(/[.]+$/, ''));
      // A time in the same passage ("This occurred at 15:30 UTC") is when it happened.
      const section = escalationSections.find((s) => leaf.sections.includes(s));
      const passage = section ? reader.leavesIn(section) : [leaf];
      const context = (l: Leaf) => ({ day: reader.sectionDay(l), after: started, tolerance: 12 * HOUR });
      const moment = reader.firstMoment(passage, context).moment;
      let at = moment?.iso;
      if (moment && moment.epochMs < started.epochMs) {
        reader.note(
          `response.escalations[${escalations.length}].at: ${moment.iso} (line ${moment.line}) is before the start; it was left out`,
        );
        at = undefined;
      }
      if (!at) {
        const relative = /\bafter\s+(\d+(?:\.\d+)?)\s*(minutes?|mins?|hours?|hrs?|h)\b/i.exec(sentence);
        if (relative) {
          const amount = Number(relative[1]) * (/^h/i.test(relative[2]) ? HOUR : MINUTE);
          const base = detected ?? started;
          const when = shifted(base, amount);
          if (when.ok) {
            at = when.iso;
            reader.note(
              `response.escalations[${escalations.length}].at: computed as ${relative[1]} ${relative[2]} after ${base === detected ? 'detection' : 'the start'} (line ${leaf.line} says "${relative[0]}"); check it`,
            );
          }
        }
      }
      escalations.push({ to, at, reason, line: leaf.line });
    }
  }
  for (const section of escalationSections) {
    if (!escalations.some((e) => reader.leavesIn(section).some((leaf) => leaf.line === e.line))) {
      reader.note(
        `response.escalations: the escalation passage at line ${section.line} does not say "escalated to …"; add who was brought in, when and why`,
      );
    }
  }
  return escalations.map(
    ({ line: _line, ...rest }) =>
      Object.fromEntries(
        Object.entries(rest).filter(([, v]) => v !== undefined),
      ) as Extracted['response']['escalations'][number],
  );
}

/** `moment` moved by `ms`, written with the same offset as `moment`. */
function shifted(moment: Moment, ms: number): ReturnType<typeof toIso> {
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

function offsetOf(iso: string): string {
  const match = /(Z|[+-]\d{2}:\d{2})$/.exec(iso);
  return !match || match[1] === 'Z' ? 'UTC' : match[1];
}

function offsetMinutes(iso: string): number {
  const zone = offsetOf(iso);
  if (zone === 'UTC') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  return sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
}

function readMisleading(reader: Reader): string[] {
  const paths: { text: string; line: number }[] = [];
  const labelledLines: number[] = [];
  for (const section of reader.sections(FIELD_LABELS.misleading)) {
    for (const leaf of reader.leavesIn(section)) {
      paths.push({ text: leaf.text, line: leaf.line });
      labelledLines.push(leaf.line);
    }
  }
  for (const leaf of reader.labelled(FIELD_LABELS.misleading)) {
    if (!paths.some((path) => path.line === leaf.line)) {
      paths.push({ text: leaf.value, line: leaf.line });
      labelledLines.push(leaf.line);
    }
  }
  const markerLines: number[] = [];
  const words = new Set<string>();
  const investigation =
    /timeline|actions? taken|response|investigation|what happened|chronolog|detection|escalation|troubleshoot|debug|diagnos|summary|d[ée]roul[ée]/;
  const excluded = new RegExp(
    `${FIELD_LABELS.rootCause.source}|${FIELD_LABELS.actions.source}|${FIELD_LABELS.wentWell.source}|${FIELD_LABELS.wentWrong.source}|${FIELD_LABELS.gotLucky.source}|${FIELD_LABELS.misleading.source}|${FIELD_LABELS.contributing.source}`,
  );
  for (const leaf of reader.doc.leaves) {
    if (
      !leaf.sections.some((section) => investigation.test(section.key)) ||
      leaf.sections.some((section) => excluded.test(section.key))
    )
      continue;
    if (leaf.table && leaf.table.role !== 'timeline') continue;
    for (const sentence of sentences(leaf.value || leaf.text)) {
      const marker = MISLEADING_MARKERS.exec(sentence);
      if (!marker) continue;
      if (paths.some((path) => path.text.includes(sentence))) continue;
      const text = withoutLeadingTime(sentence, findTimes(sentence, reader.order));
      paths.push({ text, line: leaf.line });
      markerLines.push(leaf.line);
      words.add(marker[0].toLowerCase());
    }
  }
  paths.sort((a, b) => a.line - b.line);
  if (markerLines.length > 0) {
    reader.note(
      `response.misleadingPaths: the sentences at ${lineList(markerLines)} were taken as wrong leads because they say ${[...words].map((w) => `"${w}"`).join(', ')}; remove any that were not`,
    );
  }
  return paths
    .map((path) => asSentence(path.text))
    .filter((text, index, all) => text.length > 1 && all.indexOf(text) === index);
}

const TERM_WORDS: readonly [RegExp, 'short' | 'mid' | 'long'][] = [
  [/\b(short)[- ]?term\b|^short$|\bcourt terme\b/i, 'short'],
  [/\b(mid|medium)[- ]?term\b|^(mid|medium)$|\bmoyen terme\b/i, 'mid'],
  [/\blong[- ]?term\b|^long$|\blong terme\b/i, 'long'],
];

const TYPE_WORDS: Readonly<Record<string, 'prevent' | 'mitigate' | 'detect' | 'process'>> = {
  prevent: 'prevent',
  prevention: 'prevent',
  preventive: 'prevent',
  preventative: 'prevent',
  mitigate: 'mitigate',
  mitigation: 'mitigate',
  detect: 'detect',
  detection: 'detect',
  process: 'process',
};

function termOf(text: string): 'short' | 'mid' | 'long' | undefined {
  return TERM_WORDS.find(([pattern]) => pattern.test(text))?.[1];
}

/** Reads one metadata token of an action item ("short term", "owner: SRE", "@sre", "due 2024-05-01"). */
function metadataToken(token: string, item: ExtractedActionItem): boolean {
  const text = token.trim();
  if (!text) return true;
  const term =
    /^(?:term\s*[:=]\s*)?((?:short|mid|medium|long)(?:[- ]?term)?|court terme|moyen terme|long terme)$/i.exec(text);
  if (term) return (item.term = termOf(term[1].length <= 6 ? `${term[1]} term` : term[1])) !== undefined;
  const type = /^(?:type\s*[:=]\s*)?(prevent|prevention|mitigate|mitigation|detect|detection|process)$/i.exec(text);
  if (type) return (item.type = TYPE_WORDS[type[1].toLowerCase()]) !== undefined;
  const owner = /^(?:owners?|assignee|assigned to|responsable)\s*[:=]?\s*(.+)$/i.exec(text);
  if (owner) return Boolean((item.owner = owner[1].trim()));
  if (/^@[\w.-]+$/.test(text)) return Boolean((item.owner = text));
  const due = /^(?:due|by|deadline)\s*[:=]?\s*(\d{4}-\d{2}-\d{2})$/i.exec(text);
  if (due) return Boolean((item.due = due[1]));
  const status = /^(?:status\s*[:=]\s*)?(done|open|in progress|in-progress|won'?t do|wont-do|completed)$/i.exec(text);
  if (status) return (item.status = statusOf(status[1])) !== undefined;
  if (/^https?:\/\/\S+$/.test(text)) return Boolean((item.tracker = text));
  return false;
}

/**
 * Takes owner, term, type, due date, status and tracker out of an action item's text when
 * they are written as metadata: "(short term, owner: SRE) [prevent]", "— owner: Billing",
 * a trailing link. A group that holds anything else is left in the title.
 */
function takeMetadata(text: string, item: ExtractedActionItem): string {
  let title = text;
  for (const group of [...title.matchAll(/\(([^()]*)\)|\[([^\][]*)\]/g)].reverse()) {
    const inner = group[1] ?? group[2];
    const probe: ExtractedActionItem = { ...item };
    if (inner.split(/[,;]/).every((token) => metadataToken(token, probe))) {
      Object.assign(item, probe);
      title = title.slice(0, group.index) + title.slice(group.index + group[0].length);
    }
  }
  const link = /\s+(https?:\/\/\S+)\s*$/.exec(title);
  if (link) {
    item.tracker = link[1];
    title = title.slice(0, link.index);
  }
  const tail =
    /\s*(?:[-–—]|,|;)\s+((?:(?:owners?|assignee|due|term|type|status)\s*[:=]?\s*[^,;]+|(?:short|mid|medium|long)[- ]term|@[\w.-]+)(?:\s*[,;]\s*[^,;]+)*)\s*$/i.exec(
      title,
    );
  if (tail) {
    const probe: ExtractedActionItem = { ...item };
    if (tail[1].split(/[,;]/).every((token) => metadataToken(token, probe))) {
      Object.assign(item, probe);
      title = title.slice(0, tail.index);
    }
  }
  return title;
}

function readActionItems(reader: Reader): ExtractedActionItem[] {
  const items: ExtractedActionItem[] = [];
  const actionSections = reader.sections(FIELD_LABELS.actions).filter((section) => !reader.isTimeline(section));
  const leaves = reader.doc.leaves.filter(
    (leaf) =>
      leaf.table?.role === 'actions' ||
      (leaf.listItem &&
        !leaf.table &&
        actionSections.some((section) => leaf.sections.includes(section)) &&
        !reader.within(leaf, /^(what went|went well|went wrong|lessons?)/)),
  );
  for (const leaf of leaves) {
    const item: ExtractedActionItem = { title: '', line: leaf.line };
    let title = leaf.table ? '' : leaf.text;
    if (leaf.table) {
      leaf.table.header.forEach((header, index) => {
        const key = header.toLowerCase();
        const cell = leaf.table!.cells[index] ?? '';
        if (!cell) return;
        if (/^(action|action item|task|item|follow ?up|todo|remediation|what)s?$/.test(key)) title = cell;
        else if (/owner|assignee|responsible|who/.test(key)) item.owner = cell;
        else if (/term|horizon|timeframe|time frame/.test(key)) item.term = termOf(cell);
        else if (/^(type|kind|category)$/.test(key)) item.type = TYPE_WORDS[cell.toLowerCase()];
        else if (/status|state/.test(key)) item.status = statusOf(cell);
        else if (/due|deadline|target/.test(key) && /^\d{4}-\d{2}-\d{2}$/.test(cell)) item.due = cell;
        else if (/ticket|tracker|link|issue|jira/.test(key) && /^https?:\/\/\S+$/.test(cell)) item.tracker = cell;
      });
    } else {
      title = takeMetadata(title, item);
      if (leaf.checked !== undefined && !item.status) item.status = leaf.checked ? 'done' : 'open';
      if (!item.term) {
        for (const section of [...leaf.sections].reverse()) {
          const fromSection = termOf(section.label);
          if (fromSection) {
            item.term = fromSection;
            break;
          }
        }
      }
    }
    item.title = title
      .replace(/\s+/g, ' ')
      .replace(/\s+([,.;])/g, '$1')
      .replace(/^[\s,;:\-–—]+|[\s,;:\-–—]+$/g, '')
      .trim();
    if (item.title)
      items.push(
        Object.fromEntries(Object.entries(item).filter(([, v]) => v !== undefined)) as unknown as ExtractedActionItem,
      );
  }
  return items;
}

function statusOf(text: string): ExtractedActionItem['status'] {
  const key = text.toLowerCase();
  if (/done|complete|closed|fixed|finished|✅/.test(key)) return 'done';
  if (/progress|ongoing|started|doing/.test(key)) return 'in-progress';
  if (/won'?t|wont|dropped|cancel/.test(key)) return 'wont-do';
  if (/open|todo|to do|planned|not started/.test(key)) return 'open';
  return undefined;
}

const TRIGGER_WORDS =
  /\b(config(uration)? change|deploy(ed|s|ment)?|released?|rolled out|migration|job (starts?|started|ran)|script (ran|was run)|was run|upgrade[ds]?|fails? over|failover|expired?|marketing email|goes out|went out)\b/i;

/**
 * Kind of a timeline moment from its own words, else from the heading it sits under. A
 * change or event at or before the start is the trigger.
 */
function timelineKind(event: string, heading: string, beforeStart: boolean): string {
  if (beforeStart && TRIGGER_WORDS.test(event) && !KIND.resolution.test(event)) return 'trigger';
  return (
    TIMELINE_KINDS.find((rule) => rule.words.test(event))?.kind ??
    TIMELINE_KINDS.find((rule) => rule.words.test(heading))?.kind ??
    'action'
  );
}

function listUnder(reader: Reader, pattern: RegExp): string[] {
  const sections = reader.sections(pattern);
  const items = sections.flatMap((section) => reader.leavesIn(section).map((leaf) => leaf.text));
  for (const leaf of reader.labelled(pattern)) if (leaf.value) items.push(leaf.value);
  return items.map((item) => item.trim()).filter(Boolean);
}

function cleanTitle(text: string): string {
  return text
    .replace(/[\p{Extended_Pictographic}\uFE0F\u200D]/gu, '')
    .replace(
      /^\s*(?:post[- ]?mortem(?: report)?|incident (?:report|review|post[- ]?mortem|summary|retrospective)|post[- ]incident (?:review|report)|pir|rca|root cause analysis|retrospective|retro|rapport d['’]incident|compte[- ]rendu d['’]incident)\s*(?:[:\-–—|#]\s*|$)/i,
      '',
    )
    .replace(/\s+/g, ' ')
    .replace(/[:\s]+$/, '')
    .trim()
    .slice(0, 160);
}

/** Reads every field the source states. Fails only when no start time can be read. */
export function extract(source: string, options: ExtractOptions): ExtractResult {
  const reader = new Reader(source, options);
  const { doc } = reader;

  // Title: the first heading, a leading bold line, or a "Title:" label.
  const firstSection = doc.sections[0];
  const firstLeafLine = doc.leaves[0]?.line ?? Infinity;
  const titleLeaf = reader.labelled(FIELD_LABELS.title)[0];
  const heading =
    doc.firstHeading?.level === 1
      ? doc.firstHeading
      : firstSection && firstSection.line <= firstLeafLine
        ? firstSection
        : undefined;
  const htmlHeading = /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(source)?.[1]?.replace(/<[^>]+>/g, '');
  let title = capitalise(cleanTitle(titleLeaf?.value ?? reader.meta.title ?? heading?.label ?? htmlHeading ?? ''));
  if (!title) {
    title = cleanTitle(options.sourceName.replace(/\.[^.]+$/, '').replace(/[-_]+/g, ' ')) || 'Imported postmortem';
    reader.note(
      `title: the source has no title; "${title}" comes from the file name, write the headline an on-call engineer would search for`,
    );
  }

  // Start: a "Start" label, a duration or range, the first timeline time, or the first time written.
  const context = (leaf: Leaf) => ({ day: reader.sectionDay(leaf) });
  const firstDay = reader.firstDay();
  const startContext = (leaf: Leaf) => ({ day: reader.sectionDay(leaf) ?? firstDay?.day });
  const startLeaves = [
    ...reader.labelled(FIELD_LABELS.start),
    ...reader.sections(FIELD_LABELS.start).flatMap((s) => reader.leavesIn(s)),
  ];
  const durationLeaves = [
    ...reader.labelled(FIELD_LABELS.duration),
    ...reader.sections(FIELD_LABELS.duration).flatMap((s) => reader.leavesIn(s)),
  ].filter((leaf) => !leaf.key || !FIELD_LABELS.end.test(leaf.key));
  const timelineLeaves = doc.leaves.filter(
    (leaf) => leaf.table?.role === 'timeline' || leaf.sections.some((section) => reader.isTimeline(section)),
  );
  let startProblem: string | undefined;
  let started: Moment | undefined;
  for (const [leaves, how] of [
    [startLeaves, undefined],
    [durationLeaves, undefined],
    [doc.leaves.filter((leaf) => reader.times(leaf).some((time) => time.rangeEnd)), 'the time range at line {line}'],
    [
      timelineLeaves.filter((leaf) => KIND.impact.test(leaf.text)),
      'the first timeline entry that describes impact (line {line})',
    ],
    [timelineLeaves, 'the first timeline entry (line {line})'],
    [doc.leaves, 'the first time written in the document (line {line})'],
  ] as const) {
    const found = reader.firstMoment(leaves, startContext);
    startProblem ??= found.problem;
    if (found.moment) {
      started = found.moment;
      if (how)
        reader.note(
          `started: the source has no start time; ${how.replace('{line}', String(found.moment.line))} was used, check that user impact began then`,
        );
      if (
        !reader.times(found.leaf!).some((time) => time.day !== undefined) &&
        !reader.sectionDay(found.leaf!) &&
        firstDay
      ) {
        reader.note(`started: the start time gives no date; the date at line ${firstDay.line} was used`);
      }
      break;
    }
  }
  if (!started) {
    return {
      ok: false,
      reason: startProblem
        ? `no usable start time: ${startProblem}${/time zone/.test(startProblem) ? '; add the zone in the source (e.g. "14:00 UTC") or pass --zone' : ''}`
        : 'no start time found: the source needs a line such as "Start time: March 8, 2024, 10:30 UTC"',
    };
  }

  const after = (leaf: Leaf) => ({ ...context(leaf), after: started, tolerance: MINUTE });

  // End: an "End" label, the end of a range, or a resolution moment in the timeline.
  let resolved = reader.firstMoment(
    [...reader.labelled(FIELD_LABELS.end), ...reader.sections(FIELD_LABELS.end).flatMap((s) => reader.leavesIn(s))],
    after,
  ).moment;
  if (!resolved) {
    const range = reader.firstMoment([...durationLeaves, ...doc.leaves], after, (found) =>
      found.find((time) => time.rangeEnd),
    );
    if (range.moment) {
      resolved = range.moment;
      reader.note(
        `resolved: taken from the end of the time range at line ${range.moment.line}; check the incident was declared over then`,
      );
    }
  }
  if (!resolved) {
    const closing = [...doc.leaves].filter(
      (leaf) =>
        /\b(resolved|all[- ]clear|declared (over|resolved)|incident (closed|over|ended))\b/i.test(leaf.text) &&
        !reader.within(leaf, FIELD_LABELS.actions),
    );
    const found = reader.firstMoment(closing.reverse(), after);
    if (found.moment) {
      resolved = found.moment;
      reader.note(
        `resolved: taken from line ${found.moment.line} ("${found.leaf!.text.slice(0, 80)}"); check the incident was declared over then`,
      );
    }
  }

  const detection = readDetection(reader, started, timelineLeaves);
  let detected = detection.detected;

  // Mitigated: a labelled time, or a fix / restore moment before the end.
  let mitigated = reader.firstMoment(
    [
      ...reader.labelled(FIELD_LABELS.mitigated),
      ...reader.sections(FIELD_LABELS.mitigated).flatMap((s) => reader.leavesIn(s)),
    ],
    after,
  ).moment;
  if (!mitigated) {
    const restoring = doc.leaves.filter(
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
        mitigated = found.moment;
        const words = KIND.mitigation.exec(leaf.text)![0];
        reader.note(
          `mitigated: line ${leaf.line} says "${words}" at ${found.moment.iso}; check that user impact stopped then`,
        );
        break;
      }
    }
  }

  // Times out of order are dropped rather than guessed between.
  if (detected && detected.epochMs < started.epochMs) {
    reader.note(
      `detected: ${detected.iso} (line ${detected.line}) is before the start ${started.iso}; it was left out, check both`,
    );
    detected = undefined;
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
  for (const [name, moment] of [
    ['detected', detected],
    ['mitigated', mitigated],
    ['resolved', resolved],
  ] as const) {
    if (moment && moment.epochMs > now) {
      reader.note(`${name}: ${moment.iso} (line ${moment.line}) is in the future; it was left out`);
      if (name === 'detected') detected = undefined;
      if (name === 'mitigated') mitigated = undefined;
      if (name === 'resolved') resolved = undefined;
    }
  }

  const summary = (() => {
    for (const section of reader.sections(FIELD_LABELS.summary)) {
      // Only prose directly under the summary heading: labelled facts below it are other fields.
      const prose = reader
        .leavesIn(section)
        .filter((leaf) => leaf.sections.at(-1) === section && !leaf.label && !leaf.table);
      if (prose.length > 0) return prose.map((leaf) => leaf.text).join(' ');
    }
    return reader.labelled(FIELD_LABELS.summary).find((leaf) => leaf.value)?.value;
  })();

  const impactSource = reader.best('impact.description', FIELD_LABELS.impact);
  const percentTexts = [
    ...(impactSource ? impactSource.leaves.map((leaf) => ({ text: leaf.text, line: leaf.line })) : []),
    ...(summary ? [{ text: summary, line: 0 }] : []),
  ];
  const usersAffectedPercent = readPercent(reader, percentTexts);

  const rootSource =
    reader.best('rootCause.description', FIELD_LABELS.rootCause) ??
    reader.best('rootCause.description', FIELD_LABELS.rootCauseLoose);
  const trigger = reader.best('rootCause.trigger', FIELD_LABELS.trigger)?.text;
  const contributingFactors = listUnder(reader, FIELD_LABELS.contributing);
  const categoryText = [rootSource?.text, trigger, ...contributingFactors].filter(Boolean).join('\n');
  const proposals = categoryText ? proposeCategories(categoryText) : [];
  if (proposals.length > 0) {
    const where = [
      rootSource ? `the root cause (line ${rootSource.line})` : '',
      trigger ? 'the trigger' : '',
      contributingFactors.length ? 'the contributing factors' : '',
    ]
      .filter(Boolean)
      .join(', ');
    reader.note(explainCategories(proposals, where));
  }

  const resolutionSource = reader.best('resolution', FIELD_LABELS.resolution);
  const escalations = readEscalations(reader, started, detected);
  const misleadingPaths = readMisleading(reader);
  const actionItems = readActionItems(reader);

  // Timeline: every dated line in a timeline section or table, in time order.
  const timeline: (ExtractedTimelineEntry & { epochMs: number })[] = [];
  let previous: Moment = started;
  for (const leaf of timelineLeaves) {
    const found = reader.times(leaf).find((time) => time.hour !== undefined && !time.rangeEnd);
    if (!found) continue;
    const moment = reader.resolve(found, leaf.line, {
      day: reader.sectionDay(leaf),
      after: previous,
      tolerance: 12 * HOUR,
      sectionZone: reader.sectionZone(leaf),
    });
    if ('problem' in moment) {
      reader.note(`timeline: line ${leaf.line} was left out of the timeline: ${moment.problem}`);
      continue;
    }
    previous = moment;
    const value = leaf.table
      ? leaf.table.cells
          .filter((cell) => cell && !findTimes(cell, reader.order).some((t) => t.text.trim() === cell.trim()))
          .join(' — ')
      : leaf.value || leaf.text;
    const event =
      withoutLeadingTime(value, findTimes(value, reader.order)).trim() || leaf.sections.at(-1)?.label || leaf.text;
    timeline.push({
      at: moment.iso,
      kind: timelineKind(event, leaf.sections.at(-1)?.key ?? '', moment.epochMs <= started.epochMs),
      event: asSentence(event),
      epochMs: moment.epochMs,
    });
  }
  timeline.sort((a, b) => a.epochMs - b.epochMs);
  if (timeline.length > 0)
    reader.note(
      `timeline: ${timeline.length} entries were read from the timeline; their kinds were chosen from keywords (src/lib/importer/extract.ts), check them`,
    );

  const services = [
    ...new Set(
      listUnder(reader, FIELD_LABELS.services)
        .flatMap(splitList)
        .map((name) => slugOf(name))
        .filter(Boolean),
    ),
  ];
  const authors = [...new Set(listUnder(reader, FIELD_LABELS.authors).flatMap(splitList))];
  const teams = [...new Set(listUnder(reader, FIELD_LABELS.teams).flatMap(splitList))];

  reader.flushAssumptions();
  const data: Extracted = {
    title,
    summary: summary ? summary.trim() : undefined,
    severity: readSeverity(reader),
    authors,
    teams,
    services,
    started: started.iso,
    detected: detected?.iso,
    mitigated: mitigated?.iso,
    resolved: resolved?.iso,
    impact: { description: impactSource?.text, usersAffectedPercent },
    detection: { method: detection.method, source: detection.source },
    rootCause: {
      categories: proposals.map((p) => p.category),
      description: rootSource?.text,
      trigger,
      contributingFactors,
    },
    resolution: resolutionSource?.text,
    response: { misleadingPaths, escalations },
    timeline: timeline.map(({ epochMs: _epochMs, ...entry }) => entry),
    actionItems,
    lessons: {
      wentWell: listUnder(reader, FIELD_LABELS.wentWell),
      wentWrong: listUnder(reader, FIELD_LABELS.wentWrong),
      gotLucky: listUnder(reader, FIELD_LABELS.gotLucky),
    },
  };
  return { ok: true, data, notes: reader.notes };
}
