/**
 * What a reader typed, read the way an on-call engineer means it: loose words, any of which
 * may find a postmortem, and "quoted phrases", which must all be found as written. Words the
 * vocabulary (content/vocabulary.yaml) knows become their group: "k8s" also looks for
 * "kubernetes", "out of memory" also for "OOM"; a vague word ("broke", "after") is marked so
 * the ranking weighs it little. Pure.
 */
import type { Vocabulary } from './vocabulary.ts';
import { wordsOf } from './words.ts';

/** One thing the reader asked for; a page matches it when it matches any of its alternatives. */
export interface QueryTerm {
  /** As the reader wrote it, for the notice ("no postmortem has all of …"). */
  written: string;
  /** Pagefind queries that each find it: single words, or quoted phrases for several words. */
  alternatives: string[];
  /** A quoted phrase: a page without it is no result at all. */
  required: boolean;
  /** A vague word of the vocabulary ("broke", "after"): it matches, but weighs little in the ranking. */
  vague?: boolean;
}

/** A phrase as Pagefind searches it strictly. */
export const phraseQuery = (words: readonly string[]) => (words.length > 1 ? `"${words.join(' ')}"` : words[0]);

/**
 * The terms of a query. Quoted text is one required phrase; the remaining words are matched
 * against the vocabulary, longest entry first, so "load balancer" is one term, not two.
 */
export function parseQuery(query: string, vocabulary?: Vocabulary): QueryTerm[] {
  const terms: QueryTerm[] = [];
  const seen = new Set<string>();
  const add = (term: QueryTerm) => {
    const key = [...term.alternatives].sort().join('\u0000') + (term.required ? '!' : '');
    if (seen.has(key)) return;
    seen.add(key);
    terms.push(term);
  };
  // Text between pairs of double quotes; an unpaired quote is just a character.
  const parts = query.split(/["“”]/);
  const paired = parts.length % 2 === 1 ? parts : [...parts.slice(0, -2), `${parts.at(-2)} ${parts.at(-1)}`];
  paired.forEach((part, index) => {
    const words = wordsOf(part);
    if (words.length === 0) return;
    if (index % 2 === 1) {
      add({ written: `"${words.join(' ')}"`, alternatives: [phraseQuery(words)], required: true });
      return;
    }
    for (let at = 0; at < words.length;) {
      const known = vocabulary?.longestAt(words, at);
      if (known) {
        const written = words.slice(at, at + known.length).join(' ');
        // The reader's own words are searched as typed (Pagefind finds pages with all of them); another
        // member of several words as a phrase: "domain name system", not pages with "do…" and "name…".
        const alternatives = known.group.map((entry) => (entry.join(' ') === written ? written : phraseQuery(entry)));
        add({ written, alternatives, required: false });
        at += known.length;
      } else {
        const vague = vocabulary?.isVague(words[at]) ?? false;
        add({ written: words[at], alternatives: [words[at]], required: false, ...(vague ? { vague } : {}) });
        at++;
      }
    }
  });
  return terms;
}

/** Every distinct Pagefind query the terms need: one search each, shared between terms. */
export function distinctSearches(terms: readonly QueryTerm[]): string[] {
  return [...new Set(terms.flatMap((term) => term.alternatives))];
}
