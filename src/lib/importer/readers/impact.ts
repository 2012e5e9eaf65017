/** Summary, impact text and the share of users affected. */
import type { Extracted } from '../extracted.ts';
import { FIELD_LABELS, PERCENT } from '../labels.ts';
import type { Reader } from '../reader.ts';
import { sentences } from '../prose.ts';

/** What a share of users, requests or traffic is a share of, written right after it ("30% of our users"). */
const OF_USERS =
  /^\s*(?:of\s+)?(?:(?:our|the|all|its|their|active|total|registered|global|mobile|web|incoming|api|http|logged-in|online)\s+){0,3}(users?|user base|userbase|customers?|requests?|traffic|visitors?|accounts?|members?|subscribers?|clients?|sessions?|logins?|players?|merchants?|api calls?|calls|transactions?|shoppers?|students?|utilisateurs?)\b/i;
/** ...or right before it ("users affected: 30%", "requests (30%)"). */
const USERS_BEFORE =
  /\b(users?|customers?|requests?|traffic|visitors?|accounts?|subscribers?|clients?|sessions?|logins?|players?|merchants?)\b[^.%\d]{0,25}$/i;
const RANGE_BEFORE = /\d\s*(?:%\s*)?(?:-|–|—|to)\s*$/i;
const RANGE_AFTER = /^\s*%?\s*(?:-|–|—|to)\s*\d/i;

/**
 * The text between `from` and `to`, widened to whole words ("high rate (reaching ~100%) of
 * HTTP 500s", never "igh rate…"), with "…" where it cuts the sentence.
 */
export function wholeWords(text: string, from: number, to: number): string {
  let start = Math.max(0, from);
  let end = Math.min(text.length, to);
  while (start > 0 && /\S/.test(text[start - 1])) start--;
  while (end < text.length && /\S/.test(text[end])) end++;
  const quoted = text.slice(start, end).trim();
  return `${start > 0 ? '…' : ''}${quoted}${end < text.length ? '…' : ''}`;
}

/**
 * The share of users affected: a percentage of users, requests or traffic, when the text gives
 * exactly one. A range, or a percentage of something else ("20% degradation"), stays in the
 * text and goes to the review list.
 */
export function readPercent(reader: Reader, texts: { text: string; line: number }[]): number | undefined {
  const values = new Map<number, number>();
  const others: string[] = [];
  for (const { text } of texts) {
    for (const sentence of sentences(text)) {
      for (const match of sentence.matchAll(PERCENT)) {
        const before = sentence.slice(0, match.index);
        const after = sentence.slice(match.index + match[0].length);
        const quoted = wholeWords(sentence, match.index - 20, match.index + match[0].length + 30);
        if (RANGE_BEFORE.test(before) || RANGE_AFTER.test(after.slice(0, 8))) {
          others.push(`"${quoted}" (a range)`);
          continue;
        }
        const value = Number(match[1].replace(',', '.'));
        if (value < 0 || value > 100) continue;
        if (OF_USERS.test(after) || USERS_BEFORE.test(before)) {
          if (!values.has(value)) values.set(value, 0);
        } else others.push(`"${quoted}"`);
      }
    }
  }
  if (others.length > 0)
    reader.note(
      `impact.usersAffectedPercent: ${[...new Set(others)].join(', ')} ${others.length === 1 ? 'is' : 'are'} not a share of users, requests or traffic; left in the text`,
    );
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
export function readImpact(reader: Reader): Extracted['impact'] {
  const impactSource = reader.best('impact.description', FIELD_LABELS.impact);
  // Shares of users are read from the whole narrative, except timelines and follow-up lists.
  const percentTexts = reader.doc.leaves
    .filter(
      (leaf) =>
        !reader.within(leaf, FIELD_LABELS.timeline) &&
        !reader.within(leaf, FIELD_LABELS.actions) &&
        leaf.table?.role !== 'timeline',
    )
    .map((leaf) => ({ text: leaf.text, line: leaf.line }));
  return { description: impactSource?.text, usersAffectedPercent: readPercent(reader, percentTexts) };
}
