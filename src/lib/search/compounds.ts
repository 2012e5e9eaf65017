/**
 * Words written together or apart: "healthcheck" and "health check", "bluescreen" and "blue
 * screen", "datacenter" and "data center". Postmortems spell them both ways, and so do readers,
 * so search also looks for the other spelling. Pure.
 */
import type { QueryTerm } from './query.ts';

/** A word that can be half of a compound: letters only, long enough not to be a fragment. */
const PART = /^\p{L}{3,}$/u;

/** Two neighbouring words of the query written as one, and the indexes of the two terms. */
export interface JoinedPair {
  joined: string;
  first: number;
}

/**
 * Each pair of neighbouring loose words that may be one word elsewhere ("health check" ->
 * "healthcheck"). Vague words, phrases, synonyms and numbers are left alone.
 */
export function joinedPairs(terms: readonly QueryTerm[]): JoinedPair[] {
  const plain = (term: QueryTerm | undefined) =>
    term !== undefined &&
    !term.required &&
    !term.vague &&
    term.alternatives.length === 1 &&
    term.alternatives[0] === term.written &&
    PART.test(term.written);
  const pairs: JoinedPair[] = [];
  terms.forEach((term, index) => {
    if (plain(term) && plain(terms[index + 1]))
      pairs.push({ joined: term.written + terms[index + 1].written, first: index });
  });
  return pairs;
}

/**
 * `word` as two known words ("bluescreen" -> ["blue", "screen"]), or undefined. `known` lists
 * the postmortems' words, most common first; of several ways to split, the one whose rarer
 * half is more common wins.
 */
export function splitCompound(word: string, known: readonly string[]): [string, string] | undefined {
  const target = word.toLowerCase();
  if (!/^\p{L}{6,}$/u.test(target)) return undefined;
  const rankOf = (part: string) => {
    const index = known.indexOf(part);
    return index === -1 ? Infinity : index;
  };
  let best: [string, string] | undefined;
  let bestRank = Infinity;
  for (let at = 3; at <= target.length - 3; at++) {
    const parts: [string, string] = [target.slice(0, at), target.slice(at)];
    const rarer = Math.max(rankOf(parts[0]), rankOf(parts[1]));
    if (rarer < bestRank) {
      best = parts;
      bestRank = rarer;
    }
  }
  return best;
}
