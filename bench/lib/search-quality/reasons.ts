/**
 * Scores the Similar incidents lists: whether a listed neighbour shares a judged failure
 * mechanism with the page, and whether the reason shown names a generic word.
 *
 * The rule for "generic", so it can be tested and argued with: a reason's terms are the items
 * it lists after each label ("shared terms: timer, leap; same category: time / certificate
 * expiry" -> timer, leap, time, certificate expiry). A term is specific when the term itself, or
 * every word in it, belongs to the mechanism vocabulary: the words of every mechanism label judged
 * in the corpus ("leap-second" gives "leap" and "second") except the qualifiers in
 * LABEL_WORDS_NOT_SPECIFIC ("power-failure" gives only "power"), plus the technical terms listed in
 * tests/corpus/search/technical-terms.txt (a listed phrase such as "file descriptors" counts only
 * whole). Words are compared by a light stem (lightStem: plural, "-ed", "-ing", "-ation" and a final
 * "e" or "y" fall away), so "certificates" is "certificate" and "expired", "expires", "expiry" and
 * "expiration" are one word; a stem must keep three letters, so short words stay as written. Any
 * other term is generic ("valid", "quickly", "pacific"), and a reason with one generic term names a
 * generic word.
 */
import { tokenize } from './bm25.ts';

/**
 * The terms a reason names, lower-cased, in the order shown: each `;`-separated clause loses what
 * precedes its first colon ("shared terms:", "same category:"), and the rest splits at `,` and `/`.
 */
export function reasonTerms(reason: string): string[] {
  return reason.split(';').flatMap((clause) => {
    const colon = clause.indexOf(':');
    return (colon === -1 ? clause : clause.slice(colon + 1))
      .split(/[,/]/)
      .map((term) => term.trim().toLowerCase())
      .filter((term) => term.length > 0);
  });
}

/** Words that mechanism labels use to qualify a mechanism; alone, they name none. */
export const LABEL_WORDS_NOT_SPECIFIC: ReadonlySet<string> = new Set([
  ...['access', 'account', 'bad', 'bug', 'cascading', 'change', 'check', 'cloud', 'config', 'crash', 'data', 'deploy'],
  ...['dependency', 'design', 'error', 'errors', 'explosion', 'failed', 'failure', 'file', 'flaw', 'high', 'issue'],
  ...['latent', 'link', 'loop', 'loss', 'message', 'mismatch', 'operator', 'order', 'outage', 'party', 'path'],
  ...['planning', 'provider', 'removed', 'service', 'shared', 'size', 'slow', 'stale', 'third', 'threshold', 'type'],
  ...['priority', 'ui', 'uneven'],
]);

/**
 * A light stem, for comparing a reason's words with the vocabulary: "certificates" and
 * "certificate", "expired", "expires", "expiry" and "expiration" each meet; a stem keeps at least
 * three letters.
 */
export function lightStem(word: string): string {
  let stem = word;
  const cut = (suffix: string, replacement = '') => {
    if (stem.length - suffix.length >= 3 && stem.endsWith(suffix)) {
      stem = stem.slice(0, -suffix.length) + replacement;
      return true;
    }
    return false;
  };
  if (!cut('ies', 'y') && !/(?:ss|us|is)$/.test(stem)) cut('es') || cut('s');
  cut('ation') || cut('ing') || cut('ed');
  cut('e') || cut('y');
  return stem;
}

const stemmed = (words: readonly string[]) => words.map(lightStem).join(' ');

/** Every word of every mechanism label (but the qualifiers above), plus the listed technical terms, as stems. */
export function mechanismVocabulary(
  labels: Iterable<readonly string[]>,
  technicalTerms: Iterable<string>,
): Set<string> {
  const vocabulary = new Set<string>();
  for (const set of labels)
    for (const label of set)
      for (const word of tokenize(label)) {
        if (!LABEL_WORDS_NOT_SPECIFIC.has(word)) vocabulary.add(lightStem(word));
      }
  // A listed phrase counts whole ("file descriptors"), so its words do not count alone ("file").
  for (const term of technicalTerms) vocabulary.add(stemmed(tokenize(term)));
  return vocabulary;
}

/** The reason's terms that are generic under the rule above. */
export function genericTerms(reason: string, vocabulary: ReadonlySet<string>): string[] {
  return reasonTerms(reason).filter((term) => {
    const words = tokenize(term);
    if (words.length > 0 && vocabulary.has(stemmed(words))) return false;
    return words.length === 0 || !words.every((word) => vocabulary.has(lightStem(word)));
  });
}

/** Whether two judged mechanism sets have a label in common; undefined when either is not judged. */
export function sharesMechanism(
  page: readonly string[] | undefined,
  neighbour: readonly string[] | undefined,
): boolean | undefined {
  if (!page || !neighbour) return undefined;
  const labels = new Set(page);
  return neighbour.some((label) => labels.has(label));
}

/** Reads one line per term, `#` starting a comment; blank lines are skipped. */
export function readTermList(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.replace(/#.*/, '').trim().toLowerCase())
    .filter((line) => line.length > 0);
}
