/**
 * Ranks postmortems for a query from one Pagefind search per word: pages with every term
 * first, then pages with most of them, weighted by how informative each matched term is
 * (a word few postmortems contain says more than "outage"). Pagefind alone ANDs the words, so
 * one extra word ("thundering herd retry storm") used to empty the list. Pure.
 */
import type { QueryTerm } from './query.ts';

/** One page a single Pagefind search found: its id, Pagefind's score and the matched word positions. */
export interface WordHit {
  id: string;
  score: number;
  locations: readonly number[];
}

/** What one Pagefind search (one word or phrase, with the filters in force) returned. */
export interface WordSearch {
  hits: readonly WordHit[];
  /** Pages it finds with no filters: how common the word is in the whole collection. */
  unfiltered: number;
}

export interface RankedPage {
  id: string;
  /** Indexes into the query's terms of those this page has. */
  matched: number[];
  score: number;
  /** Positions of every matched word, for the excerpt. */
  locations: number[];
}

export interface Ranking {
  pages: RankedPage[];
  /** How many pages (the first ones) have every term. */
  complete: number;
  /** Terms no page has (with the filters in force). */
  missing: QueryTerm[];
}

/** Weight of a term found on `found` of `total` pages: rare terms weigh more (BM25's idf, never negative). */
export function informativeness(found: number, total: number): number {
  const n = Math.max(total, found, 1);
  return Math.log(1 + (n - found + 0.5) / (found + 0.5));
}

/**
 * Merges the searches of each term's alternatives into one ranking. `order`, when a sort is
 * chosen, gives each page's place in that sort; pages with every term still come first.
 */
export function rankPages(
  terms: readonly QueryTerm[],
  searches: ReadonlyMap<string, WordSearch>,
  totalPages: number,
  order?: ReadonlyMap<string, number>,
): Ranking {
  const pages = new Map<string, { matched: number[]; score: number; locations: Set<number> }>();
  const missing: QueryTerm[] = [];
  terms.forEach((term, index) => {
    const best = new Map<string, WordHit>();
    const locations = new Map<string, number[]>();
    let found = 0;
    for (const alternative of term.alternatives) {
      const search = searches.get(alternative);
      if (!search) continue;
      found += search.unfiltered;
      for (const hit of search.hits) {
        if ((best.get(hit.id)?.score ?? -Infinity) < hit.score) best.set(hit.id, hit);
        locations.set(hit.id, [...(locations.get(hit.id) ?? []), ...hit.locations]);
      }
    }
    if (best.size === 0) {
      missing.push(term);
      return;
    }
    const weight = informativeness(Math.min(found, totalPages), totalPages);
    const top = Math.max(...[...best.values()].map((hit) => hit.score));
    for (const [id, hit] of best) {
      const page = pages.get(id) ?? { matched: [], score: 0, locations: new Set<number>() };
      page.matched.push(index);
      // Being found at all earns half the term's weight; how well (Pagefind's score) the rest.
      page.score += weight * (0.5 + (top > 0 ? (0.5 * hit.score) / top : 0.5));
      for (const location of locations.get(id)!) page.locations.add(location);
      pages.set(id, page);
    }
  });
  const required = terms.flatMap((term, index) => (term.required ? [index] : []));
  const ranked: RankedPage[] = [...pages]
    .filter(([, page]) => required.every((index) => page.matched.includes(index)))
    .map(([id, page]) => ({
      id,
      matched: page.matched,
      score: page.score,
      locations: [...page.locations].sort((a, b) => a - b),
    }));
  const isComplete = (page: RankedPage) => page.matched.length === terms.length;
  const byOrder = (a: RankedPage, b: RankedPage) =>
    order ? (order.get(a.id) ?? Infinity) - (order.get(b.id) ?? Infinity) : b.score - a.score;
  ranked.sort(
    (a, b) =>
      Number(isComplete(b)) - Number(isComplete(a)) || byOrder(a, b) || b.score - a.score || a.id.localeCompare(b.id),
  );
  return { pages: ranked, complete: ranked.filter(isComplete).length, missing };
}

const listed = (terms: readonly QueryTerm[]) => terms.map((term) => `“${term.written}”`).join(', ');

/**
 * The line above the results that says what they are, or undefined when every listed page has
 * every term: "No postmortem has all of “a”, “b”; these have most of them."
 */
export function rankingNotice(terms: readonly QueryTerm[], ranking: Ranking): string | undefined {
  if (ranking.pages.length === 0 || ranking.complete === ranking.pages.length) return undefined;
  const absent = ranking.missing.length > 0 ? ` Nothing has ${listed(ranking.missing)}.` : '';
  if (ranking.complete === 0) return `No postmortem has all of ${listed(terms)}; these have most of them.${absent}`;
  const all = ranking.complete === 1 ? 'The first has' : `The first ${ranking.complete} have`;
  return `${all} all of ${listed(terms)}; the rest have some of them.${absent}`;
}
