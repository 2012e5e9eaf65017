/** Summary, impact text and the share of users affected. */
import type { Extracted } from '../extracted.ts';
import { FIELD_LABELS, PERCENT, USERS } from '../labels.ts';
import type { Reader } from '../reader.ts';
import { sentences } from '../prose.ts';

export function readPercent(reader: Reader, texts: { text: string; line: number }[]): number | undefined {
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

/** The summary: prose directly under a summary heading, else a "Summary:" label's value. */
export function readSummary(reader: Reader): string | undefined {
  for (const section of reader.sections(FIELD_LABELS.summary)) {
    // Only prose directly under the summary heading: labelled facts below it are other fields.
    const prose = reader
      .leavesIn(section)
      .filter((leaf) => leaf.sections.at(-1) === section && !leaf.label && !leaf.table);
    if (prose.length > 0)
      return prose
        .map((leaf) => leaf.text)
        .join(' ')
        .trim();
  }
  return reader
    .labelled(FIELD_LABELS.summary)
    .find((leaf) => leaf.value)
    ?.value?.trim();
}

/** What users saw, and the share of users affected where the impact text or summary states one. */
export function readImpact(reader: Reader, summary: string | undefined): Extracted['impact'] {
  const impactSource = reader.best('impact.description', FIELD_LABELS.impact);
  const percentTexts = [
    ...(impactSource ? impactSource.leaves.map((leaf) => ({ text: leaf.text, line: leaf.line })) : []),
    ...(summary ? [{ text: summary, line: 0 }] : []),
  ];
  return { description: impactSource?.text, usersAffectedPercent: readPercent(reader, percentTexts) };
}
