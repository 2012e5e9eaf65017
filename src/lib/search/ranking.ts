/**
 * Ranks postmortems for a query from one Pagefind search per word, by how much of the query's
 * information each page covers: every matched term adds its weight (termWeight), and a term
 * weighs more the fewer postmortems have it (a word few postmortems contain says more than "outage"), while a
 * vague word ("broke", "after") weighs little however rare. So a page about DNS and the EKS
 * upgrade that never says "broke" comes before pages that say "broke" and "upgrade" but not
 * "DNS". Pagefind alone ANDs the words, so one extra word ("thundering herd retry storm") used
 * to empty the list. Pure.
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
  /** How many pages have every term (they need not all come first: see rankingNotice). */
  complete: number;
  /** Terms no page has (with the filters in force). */
  missing: QueryTerm[];
}

/** A vague word's share of the weight its rarity alone would give it. */
export const VAGUE_SHARE = 0.1;
/** The part of a matched term's weight that depends on how well the page matches it (Pagefind's score); the rest is for having it at all. */
const QUALITY_SHARE = 0.3;

/** Weight of a term found on `found` of `total` pages: rare terms weigh more (BM25's idf, never negative). */
export function informativeness(found: number, total: number): number {
  const n = Math.max(total, found, 1);
  return Math.log(1 + (n - found + 0.5) / (found + 0.5));
}

/**
 * What matching `term` is worth, found on `found` of `total` pages: a share for each word
 * matched, as in "most of the words", plus its rarity; a vague word a tenth of that. Without the
 * share, one rare but loose word ("lost", on one page of forty) outweighed two telling ones.
 */
export function termWeight(term: QueryTerm, found: number, total: number): number {
  return (1 + informativeness(found, total)) * (term.vague ? VAGUE_SHARE : 1);
}

/**
 * Merges the searches of each term's alternatives into one ranking. `order`, when a sort is
 * chosen, gives each page's place in that sort; pages that have every term that is not vague
 * still come first.
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
    const weight = termWeight(term, Math.min(found, totalPages), totalPages);
    const top = Math.max(...[...best.values()].map((hit) => hit.score));
    for (const [id, hit] of best) {
      const page = pages.get(id) ?? { matched: [], score: 0, locations: new Set<number>() };
      page.matched.push(index);
      page.score += weight * (1 - QUALITY_SHARE + QUALITY_SHARE * (top > 0 ? hit.score / top : 1));
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
  // With a sort, the pages that have every telling word lead (in the sort's order), then the rest.
  const telling = terms.flatMap((term, index) => (term.vague ? [] : [index]));
  const tier = (page: RankedPage) => (telling.every((index) => page.matched.includes(index)) ? 0 : 1);
  const byOrder = (a: RankedPage, b: RankedPage) =>
    order ? tier(a) - tier(b) || (order.get(a.id) ?? Infinity) - (order.get(b.id) ?? Infinity) : 0;
  ranked.sort((a, b) => byOrder(a, b) || b.score - a.score || a.id.localeCompare(b.id));
  const complete = ranked.filter((page) => page.matched.length === terms.length).length;
  return { pages: ranked, complete, missing };
}

const listed = (terms: readonly QueryTerm[]) => terms.map((term) => `“${term.written}”`).join(', ');

/**
 * The line above the results that says what they are, or undefined when every listed page has
 * every term: "No postmortem has all of “a”, “b”; these have most of them." It describes the
 * list as ranked, so where a page without a vague or common word comes before pages with every
 * word, it names the words those pages lack.
 */
export function rankingNotice(terms: readonly QueryTerm[], ranking: Ranking): string | undefined {
  const { pages, complete } = ranking;
  if (pages.length === 0 || complete === pages.length) return undefined;
  const absent = ranking.missing.length > 0 ? ` Nothing has ${listed(ranking.missing)}.` : '';
  if (complete === 0) return `No postmortem has all of ${listed(terms)}; these have most of them.${absent}`;
  const hasAll = (page: RankedPage) => page.matched.length === terms.length;
  const lastComplete = pages.findLastIndex(hasAll);
  const before = pages.slice(0, lastComplete).filter((page) => !hasAll(page));
  if (before.length === 0) {
    const all = complete === 1 ? 'The first has' : `The first ${complete} have`;
    return `${all} all of ${listed(terms)}; the rest have some of them.${absent}`;
  }
  const lacking = terms.filter((_, index) => before.some((page) => !page.matched.includes(index)));
  const count = complete === 1 ? 'One has' : `${complete} have`;
  return `${count} all of ${listed(terms)}, the rest some of them; rarer words weigh more, so pages without ${listed(lacking)} can come first.${absent}`;
}
