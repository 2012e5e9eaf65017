/**
 * What to load while the reader is still typing. A search waits for its debounce (200 ms), and
 * most of a search's time at 10,000 postmortems is Pagefind loading the index chunks of its
 * words (90–220 ms each), not searching them. Asking Pagefind to preload those chunks on each
 * keystroke spends the debounce on that. Pure.
 */
import type { JoinedPair } from './compounds.ts';
import { distinctSearches, type QueryTerm } from './query.ts';

/** A word the reader wrote, shorter than this, is most likely still being typed. */
const SHORTEST_TYPED_WORD = 3;

/**
 * Whether a term is most likely a word still being typed: one or two letters that the
 * vocabulary does not know. Searched, it would list nearly every page.
 */
export function stillTyped(term: QueryTerm): boolean {
  return (
    term.alternatives.length === 1 &&
    term.alternatives[0] === term.written &&
    [...term.written].length < SHORTEST_TYPED_WORD
  );
}

/**
 * The Pagefind queries whose chunks a search for `terms` will load: each word and phrase, every
 * synonym the vocabulary adds, and the joined spelling of neighbouring words ("healthcheck").
 * A word of one or two letters that the vocabulary does not know is left out: its chunks are
 * every word it starts ("c" reaches a tenth of the index) and the next keystroke changes it.
 */
export function preloadSearches(terms: readonly QueryTerm[], pairs: readonly JoinedPair[]): string[] {
  return [...distinctSearches(terms.filter((term) => !stillTyped(term))), ...pairs.map((pair) => `"${pair.joined}"`)];
}
