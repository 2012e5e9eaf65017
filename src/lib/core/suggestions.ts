/**
 * "Did you mean" for closed lists (root-cause categories, severities, services, teams): a value
 * an author wrote is matched against every name a candidate goes by (its key, the label a reader
 * sees, its aliases), so `certificate` finds `expiry` through its label "Time / certificate expiry"
 * and "Checkout API" finds `checkout-api` through its display name. Pure.
 */
import { editDistance } from './edit-distance.ts';
import * as taxonomy from './taxonomy.ts';
import type { Term } from './taxonomy.ts';

/** Something an author may have meant: the value to write, and every name it is known by. */
export interface Candidate {
  value: string;
  /** The value itself, its label or display name, its aliases. */
  names: readonly string[];
  /** Longer text (a term's definition) whose words count only when nothing closer matches. */
  description?: string;
}

/** Lower-case words without accents: `"Time / certificate expiry"` → `["time", "certificate", "expiry"]`. */
export function wordsOf(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** Same word, allowing a plural, another ending or a typo in a long word ("certificates", "drafting", "chekout"). */
function sameWord(written: string, known: string): boolean {
  if (written === known) return true;
  if (written.length < 5 || known.length < 5) return false;
  if (written.startsWith(known) || known.startsWith(written)) return true;
  return editDistance(written, known) <= (Math.min(written.length, known.length) < 8 ? 1 : 2);
}

/** Every written word of three letters or more is a word of `known` ("api" and "db" alone say little). */
function wordsWithin(written: string[], known: string[]): boolean {
  const meaningful = written.filter((word) => word.length >= 3);
  return meaningful.length > 0 && meaningful.every((word) => known.some((other) => sameWord(word, other)));
}

/**
 * How close `written` is to one name: 0 the same words, 1 all its words within the name,
 * 2 + edits for a typo of the whole name, undefined when not close.
 */
function nameScore(written: string, name: string): number | undefined {
  const writtenWords = wordsOf(written);
  const nameWords = wordsOf(name);
  if (writtenWords.length === 0 || nameWords.length === 0) return undefined;
  if (writtenWords.join('-') === nameWords.join('-')) return 0;
  if (wordsWithin(writtenWords, nameWords)) return 1;
  const joined = writtenWords.join('-');
  const edits = editDistance(joined, nameWords.join('-'));
  // Short values have many neighbours two edits away ("db", "dst"): one edit for them.
  const allowed = joined.length <= 4 ? 1 : Math.max(2, Math.floor(joined.length / 4));
  return edits <= allowed ? 2 + edits : undefined;
}

/**
 * The candidates `written` most likely stands for (the equally closest, at most `limit`): by their
 * names, else (a weaker sign) by the words of their description when those point at one candidate only.
 * Empty when nothing is close; a value that is itself a candidate is not a typo and gets nothing.
 */
export function suggestValues(written: string, candidates: readonly Candidate[], limit = 3): string[] {
  if (candidates.some((candidate) => candidate.value === written)) return [];
  const scored = candidates.flatMap((candidate) => {
    const scores = candidate.names.flatMap((name) => nameScore(written, name) ?? []);
    return scores.length ? [{ value: candidate.value, score: Math.min(...scores) }] : [];
  });
  if (scored.length > 0) {
    // Only the closest: when more than `limit` are equally close ("sev5"), none is a better guess.
    const best = Math.min(...scored.map((entry) => entry.score));
    const closest = [...new Set(scored.filter((entry) => entry.score === best).map((entry) => entry.value))];
    return closest.length <= limit ? closest : [];
  }
  const words = wordsOf(written);
  const described = candidates.filter(
    (candidate) => candidate.description && wordsWithin(words, wordsOf(candidate.description)),
  );
  return described.length === 1 ? [described[0].value] : [];
}

/** A vocabulary's terms as candidates: key, label and aliases as names, the definition as description. */
export function termCandidates(vocabulary: Readonly<Record<string, Term>>): Candidate[] {
  return Object.entries(vocabulary).map(([value, term]) => ({
    value,
    names: [value, term.label, ...(term.aliases ?? [])],
    description: term.description,
  }));
}

/** `"expiry"`, or `"expiry" (Time / certificate expiry)` when the label says more than the key. */
export function describeSuggestion(value: string, vocabulary?: Readonly<Record<string, Term>>): string {
  const label = vocabulary && Object.hasOwn(vocabulary, value) ? vocabulary[value].label : undefined;
  return label && wordsOf(label).join('-') !== value ? `"${value}" (${label})` : `"${value}"`;
}

const isVocabulary = (value: unknown): value is Readonly<Record<string, Term>> =>
  value !== null &&
  typeof value === 'object' &&
  !Array.isArray(value) &&
  Object.values(value).every(
    (term) =>
      term !== null &&
      typeof term === 'object' &&
      typeof term.label === 'string' &&
      typeof term.description === 'string',
  );

/** Every closed vocabulary of the taxonomy, to find the one an enum field takes its values from. */
const VOCABULARIES = Object.values(taxonomy as Record<string, unknown>).filter(isVocabulary);

/** The taxonomy vocabulary whose keys are exactly `values` (an enum field's options), if there is one. */
export function vocabularyOf(values: readonly string[]): Readonly<Record<string, Term>> | undefined {
  return VOCABULARIES.find((vocabulary) => {
    const keys = Object.keys(vocabulary);
    return keys.length === values.length && keys.every((key) => values.includes(key));
  });
}
