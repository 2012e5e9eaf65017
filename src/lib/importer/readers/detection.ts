/** Detection: when the organisation first knew, what noticed it, and how. */
import { HOUR } from '../../core/time.ts';
import type { Leaf } from '../document.ts';
import type { Moment } from '../extracted.ts';
import { DETECTION_RULES, FIELD_LABELS, KIND, NOTICED } from '../labels.ts';
import { asSentence, sentences, withoutLeadingTime } from '../prose.ts';
import type { Reader } from '../reader.ts';
import { findTimes } from '../times.ts';

/** Leaves about detection: sections and labels named like "Detection" or "Detected at". */
function detectionLeaves(reader: Reader): Leaf[] {
  const leaves = [
    ...reader.sections(FIELD_LABELS.detection).flatMap((section) => reader.leavesIn(section)),
    ...reader.labelled(FIELD_LABELS.detection),
    ...reader.sections(FIELD_LABELS.detected).flatMap((section) => reader.leavesIn(section)),
    ...reader.labelled(FIELD_LABELS.detected),
  ];
  return [...new Set(leaves)].sort((a, b) => a.line - b.line);
}

/** When the organisation first knew: a labelled time, else a detection moment in the timeline. */
function detectedMoment(
  reader: Reader,
  started: Moment | undefined,
  unique: Leaf[],
  timelineLeaves: Leaf[],
): { detected?: Moment; timelineDetection?: Leaf } {
  const context = (leaf: Leaf) => ({ day: reader.sectionDay(leaf, true), after: started, tolerance: 12 * HOUR });
  let { moment: detected } = reader.firstMoment(unique, context);
  let timelineDetection: Leaf | undefined;
  if (!detected) {
    const fromTimeline = timelineLeaves.filter((leaf) => {
      const text = reader.entryText(leaf);
      return KIND.detection.test(text) && !KIND.escalation.test(text);
    });
    // Entries before the start (the news that led up to it) are not when the organisation knew.
    let found = reader.firstMoment(fromTimeline, context);
    for (let rest = fromTimeline; found.moment && started && found.moment.epochMs < started.epochMs;) {
      rest = rest.slice(rest.indexOf(found.leaf!) + 1);
      found = reader.firstMoment(rest, context);
    }
    if (found.moment && found.leaf) {
      detected = found.moment;
      timelineDetection = found.leaf;
      reader.note(
        `detected: taken from the timeline entry at line ${found.leaf.line} ("${found.leaf.text.slice(0, 80)}"); check it is when the organisation first knew`,
      );
    }
  }
  if (!detected) {
    const prose = proseDetection(reader, started, context);
    if (prose) {
      detected = prose.moment;
      reader.note(
        `detected: taken from line ${prose.moment.line} ("${prose.words}"); check it is when the organisation first knew`,
      );
    }
  }
  return { detected, timelineDetection };
}

/** Words in prose saying the organisation learnt of the problem then: "At 15:23 UTC we received a report". */
const LEARNT =
  /\b(received (?:a |an )?(?:report|alert|page|email|ticket|notification)|(?:were|was|got) (?:notified|alerted|paged)|first noticed)\b/i;

/** A detection moment written in prose (the summary), at or after the start. */
function proseDetection(
  reader: Reader,
  started: Moment | undefined,
  context: (leaf: Leaf) => { day?: ReturnType<Reader['sectionDay']>; after?: Moment; tolerance: number },
): { moment: Moment; words: string } | undefined {
  for (const leaf of reader.doc.leaves) {
    if (reader.within(leaf, FIELD_LABELS.actions)) continue;
    for (const sentence of sentences(leaf.text)) {
      const match = LEARNT.exec(sentence);
      if (!match) continue;
      const offset = leaf.text.indexOf(sentence);
      const times = reader.times(leaf).filter((time) => time.hour !== undefined && !time.rangeEnd);
      const inSentence = times.filter((time) => time.index >= offset && time.index < offset + sentence.length);
      const at = offset + match.index;
      const chosen = inSentence.filter((time) => time.index < at).at(-1) ?? inSentence.find((time) => time.index > at);
      if (!chosen) continue;
      const moment = reader.resolve(chosen, leaf.line, { sectionZone: reader.sectionZone(leaf), ...context(leaf) });
      if ('problem' in moment || (started && moment.epochMs < started.epochMs)) continue;
      return { moment, words: match[0] };
    }
  }
  return undefined;
}

/** The source of detection: what the detection passage says once its time is taken off. */
function detectionSource(reader: Reader, unique: Leaf[], timelineDetection: Leaf | undefined): string | undefined {
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
  return source || undefined;
}

/** The method whose clue the detection text writes first. */
function detectionMethod(reader: Reader, source: string): string | undefined {
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
    const method = hits.reduce((a, b) => (b.index < a.index ? b : a)).method;
    const words = [...new Set(hits.filter((hit) => hit.method === method).map((hit) => hit.word))];
    reader.note(
      `detection.method: ${method} because the detection text says ${words.map((w) => `"${w}"`).join(', ')}; check it`,
    );
    return method;
  }
  return undefined;
}

export function readDetection(
  reader: Reader,
  started: Moment | undefined,
  timelineLeaves: Leaf[],
): { method?: string; source?: string; detected?: Moment } {
  const unique = detectionLeaves(reader);
  const { detected, timelineDetection } = detectedMoment(reader, started, unique, timelineLeaves);
  const source = detectionSource(reader, unique, timelineDetection);
  const method = source ? detectionMethod(reader, source) : undefined;
  return { method, source: source ? asSentence(source) : undefined, detected };
}
