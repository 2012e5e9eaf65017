/** Misleading paths: a section about wrong leads, or investigation sentences that say so. */
import { FIELD_LABELS, MISLEADING_MARKERS } from '../labels.ts';
import { asSentence, lineList, sentences, withoutLeadingTime } from '../prose.ts';
import type { Reader } from '../reader.ts';
import { findTimes } from '../times.ts';

export function readMisleading(reader: Reader): string[] {
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
