/**
 * Search in the browser, shared by the dialog and the search page: Pagefind's JS API finds the
 * pages of each word (one search per distinct word or synonym, cached), and our ranking
 * (lib/search/ranking.ts) merges them, so pages with every word come first and pages with most
 * of them follow. Pagefind's files are fetched at run time by URL, never bundled: they exist only
 * after `npm run build`, below the base the site is served under.
 */
import { mergedSearchLanguages, type EntryLanguage } from '../lib/search/languages.ts';
import { distinctSearches, parseQuery, type QueryTerm } from '../lib/search/query.ts';
import { rankPages, rankingNotice, type Ranking, type RankedPage, type WordSearch } from '../lib/search/ranking.ts';
import { vocabularyOf, type Vocabulary, type VocabularyFile } from '../lib/search/vocabulary.ts';
import { excerptHtml } from '../lib/search/excerpt.ts';
import { closestKnownWord, replaceWord } from '../lib/search/did-you-mean.ts';
import { joinedPairs, splitCompound } from '../lib/search/compounds.ts';
import { preloadSearches, stillTyped } from '../lib/search/preload.ts';
import { SEARCH_SORTS, type SearchState } from '../lib/search/url.ts';
import { routes } from '../lib/site/routes.ts';
import type { ResultData, SearchConfig } from './search-ui.ts';

/** The parts of Pagefind's JS API (pagefind.js) used here. */
interface PagefindResult {
  id: string;
  score: number;
  words: number[];
  data(): Promise<{ url: string; content: string; meta: ResultData['meta'] }>;
}
interface PagefindApi {
  options(options: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  mergeIndex(url: string, options: Record<string, unknown>): Promise<void>;
  search(
    term: string | null,
    options?: { filters?: Record<string, unknown>; sort?: Record<string, string> },
  ): Promise<{ results: PagefindResult[]; unfilteredResultCount: number } | null>;
  filters(): Promise<Record<string, Record<string, number>>>;
  preload(term: string, options?: Record<string, unknown>): Promise<void>;
}
/**
 * The module's exports: the default instance's API, and a factory for another instance, with its
 * own loaded index and filters. Pagefind 1.6 runs every instance in one shared Web Worker.
 */
interface PagefindModule extends PagefindApi {
  createInstance(options: Record<string, unknown>): PagefindApi;
}

/** A search run ahead of the reader stopped where it would have fetched the word list. */
class NotYet extends Error {}

/** Words in the excerpt under a result. */
const EXCERPT_WORDS = 30;

/** A search as shown: the ranked pages, what the line above them says, and a correction. */
export interface SearchOutcome {
  state: SearchState;
  terms: QueryTerm[];
  pages: RankedPage[];
  /** How many (the first ones) have every term. */
  complete: number;
  /** "No postmortem has all of …; these have most of them." */
  notice?: string;
  /**
   * Words no postmortem has, each with the known word closest to it, and the query with those
   * instead. `applied` when the pages shown are the corrected query's.
   */
  suggestion?: { words: string[]; instead: string[]; query: string; applied: boolean };
}

export interface SearchEngine {
  run(state: SearchState): Promise<SearchOutcome>;
  /**
   * Starts the search for `state` while the reader is still typing, so that it is done, or
   * nearly, when their pause ends the debounce: the index chunks of its words, synonyms and
   * joined spellings are loaded (lib/search/preload.ts), then the search runs and the data of
   * its first `rows` rows is fetched. Nothing is shown; `run` then finds it all remembered. One
   * such search runs at a time, always for the latest words, so fast typing queues no backlog.
   */
  prepare(state: SearchState, rows: number): void;
  /** What a result row shows; loads the page's fragment (only for rows shown). */
  resultData(page: RankedPage): Promise<ResultData>;
  /**
   * Per filter in `groups` (its name, and the values the page offers), how many of the search's
   * pages have each value. A group with values chosen counts the search without its own choice,
   * so its other values show what adding them (any of them) would bring.
   */
  filterCounts(
    outcome: SearchOutcome,
    groups: Readonly<Record<string, readonly string[]>>,
  ): Promise<Record<string, Record<string, number>>>;
}

const engines = new Map<string, Promise<SearchEngine>>();

/** The engine for a site's bundle, loaded once per page; a failed load may be retried. */
export function loadSearchEngine(config: SearchConfig): Promise<SearchEngine> {
  let engine = engines.get(config.bundle);
  if (!engine) {
    engine = createEngine(config);
    engines.set(config.bundle, engine);
    engine.catch(() => engines.delete(config.bundle));
  }
  return engine;
}

async function fetchJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

async function createEngine(config: SearchConfig): Promise<SearchEngine> {
  // `astro dev` serves no build output, so there is never an index to load.
  if (import.meta.env.DEV) throw new Error('no search index in astro dev');
  const [pagefind, entry, vocabularyFile] = await Promise.all([
    import(/* @vite-ignore */ `${config.bundle}pagefind.js`) as Promise<PagefindModule>,
    fetchJson<{ languages?: Record<string, EntryLanguage> }>(`${config.bundle}pagefind-entry.json`),
    fetchJson<VocabularyFile>(`${config.base}${routes.searchVocabulary()}`),
  ]);
  const languages = entry.languages ?? {};
  await pagefind.options({ basePath: config.bundle, baseUrl: config.base, excerptLength: EXCERPT_WORDS });
  // The bundle's other language indexes join this one, so one search covers every language
  // (see lib/search/languages.ts); Pagefind skips a path the primary's starts with, hence the full URL.
  const bundleUrl = new URL(config.bundle, location.href).href;
  const merged = mergedSearchLanguages(languages, document.documentElement.lang || 'unknown');
  for (const language of merged)
    await pagefind.mergeIndex(bundleUrl, { language, baseUrl: config.base, excerptLength: EXCERPT_WORDS });
  await pagefind.init();
  const totalPages = Object.values(languages).reduce((sum, language) => sum + language.page_count, 0);
  const vocabulary: Vocabulary = vocabularyOf(vocabularyFile);

  const results = new Map<string, PagefindResult>();
  const searches = new Map<string, Promise<WordSearch>>();
  const orders = new Map<string, Promise<{ order: Map<string, number>; ids: string[] }>>();
  let knownWords: Promise<string[]> | undefined;

  // Several values of one filter mean any of them; different filters must all hold.
  const pagefindFilters = (filters: SearchState['filters']) =>
    Object.fromEntries(Object.entries(filters).map(([name, values]) => [name, { any: values }]));

  /**
   * The build's word list, fetched on first need. A search run ahead of the reader (`prepare`)
   * does not fetch it: a word being typed is rarely a whole word yet, and would bring the list
   * into every first search; that search stops instead, and the reader's own search fetches it.
   */
  const wordList = (ahead: boolean) => {
    if (ahead && knownWords === undefined) throw new NotYet();
    return loadKnownWords();
  };
  const loadKnownWords = () =>
    (knownWords ??= fetch(`${config.base}${routes.searchWords()}`)
      .then((response) => (response.ok ? response.text() : ''))
      .then((text) => text.split('\n').filter(Boolean)));

  /**
   * Filters no page has. Pagefind then lists no pages but still says how many the query finds
   * without filters: at 10,000 postmortems a count costs 1-3 ms where listing a word's 8,000
   * pages costs 100-200 ms, most of it in carrying the list from Pagefind's worker.
   */
  const COUNT_ONLY = { filters: { 'kb-count-only': 'none' } };
  const counts = new Map<string, Promise<number>>();
  /** How many postmortems a Pagefind query finds, with no filters, without listing them. */
  const countOf = (query: string) => {
    let count = counts.get(query);
    if (!count) {
      count = pagefind.search(query, COUNT_ONLY).then((found) => found?.unfilteredResultCount ?? 0);
      counts.set(query, count);
    }
    return count;
  };

  // Pagefind's shortening is checked for single words in alphabetic scripts; Japanese or
  // Chinese text is cut into words by Pagefind itself, so its words are not ours to judge.
  const isSingleWord = (query: string) =>
    /^[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{N}'’.\-_]+$/u.test(query);

  /**
   * Whether Pagefind's hits for one word are about that word. For a word the index lacks,
   * Pagefind matches a shorter start of it ("certficate" finds "ce…", "gocardless" "go…"); those
   * hits are noise. A word the index has exactly (or its singular) is found in quotes too; one it lacks counts only
   * if some postmortem word starts with it (a word still being typed), by the build's word list,
   * which is fetched only then.
   */
  const isAboutWord = async (word: string, ahead: boolean) => {
    if ((await countOf(`"${word}"`)) > 0) return true;
    // A plural the stemmer leaves alone ("502s") is about its singular.
    const singular = word.replace(/(?<=\p{L}{2}|\p{N})s$/u, '');
    if (singular !== word && (await countOf(`"${singular}"`)) > 0) return true;
    return (await wordList(ahead)).some((known) => known.startsWith(word));
  };

  /** Whether any postmortem has `query` at all, the way searchWord finds it. */
  const foundAnywhere = async (query: string, ahead: boolean) => {
    if (!isSingleWord(query)) return (await countOf(query)) > 0;
    if (vocabulary.has(query)) return (await countOf(`"${query}"`)) > 0;
    return (await countOf(query)) > 0 && (await isAboutWord(query, ahead));
  };

  /**
   * Every page list Pagefind returned, kept for the life of the page. Pagefind frees a result's
   * data in its worker when the result is garbage-collected, one message per result: after a
   * search that listed 8,000 pages, the next search waited behind thousands of those messages
   * (seen as 166 ms of postMessage in a profile). Kept, they are never sent; a page view holds
   * a few megabytes more.
   */
  const kept: unknown[] = [];
  const keep = <T>(found: T) => {
    kept.push(found);
    return found;
  };

  const hitsOf = (found: PagefindResult[]) =>
    found.map((result) => {
      results.set(result.id, result);
      return { id: result.id, score: result.score, locations: result.words };
    });

  /** One word or phrase with the filters in force, searched once and remembered. */
  const searchWord = (query: string, filters: SearchState['filters'], ahead: boolean): Promise<WordSearch> => {
    const key = JSON.stringify([query, filters]);
    let search = searches.get(key);
    if (!search) {
      const single = isSingleWord(query);
      // A vocabulary word means itself, not every word it starts: "cert" must not find "certain".
      const whole = single && vocabulary.has(query);
      search = (async () => {
        // A vocabulary word no page has as a word is not searched at all: listing what only
        // starts with it ("retries" finds the 8,000 pages that say "retry") costs 100-200 ms at
        // 10,000 postmortems, a count 1-3 ms.
        const exact = whole ? await countOf(`"${query}"`) : undefined;
        if (exact === 0) return { hits: [], unfiltered: 0 };
        // Whether another word's loose hits are about it at all is a count, asked at the same
        // time (the worker answers both in one wait).
        if (single && !whole) void isAboutWord(query, ahead).catch(() => undefined);
        const found = keep(await pagefind.search(query, { filters: pagefindFilters(filters) }));
        if (!found || found.unfilteredResultCount === 0) return { hits: [], unfiltered: 0 };
        if (exact !== undefined) {
          // Pagefind scores a quoted word 1 on every page and keeps few of its positions, so the
          // loose search ranks and the quoted one only says which pages have the word itself:
          // all of them when both find as many pages, else the quoted search lists them.
          if (exact === found.unfilteredResultCount) return { hits: hitsOf(found.results), unfiltered: exact };
          const quoted = keep(await pagefind.search(`"${query}"`, { filters: pagefindFilters(filters) }));
          const ids = new Set((quoted?.results ?? []).map((result) => result.id));
          return { hits: hitsOf(found.results.filter((result) => ids.has(result.id))), unfiltered: exact };
        }
        if (single && !(await isAboutWord(query, ahead))) return { hits: [], unfiltered: 0 };
        return { hits: hitsOf(found.results), unfiltered: found.unfilteredResultCount };
      })();
      searches.set(key, search);
      // Stopped for want of the word list: the reader's own search answers it in full.
      search.catch((error: unknown) => {
        if (error instanceof NotYet) searches.delete(key);
      });
    }
    return search;
  };

  /** Every page the filters allow, in a sort's order (newest first without one): for browsing and sorting. */
  const sorted = (filters: SearchState['filters'], sort: SearchState['sort']) => {
    const order = SEARCH_SORTS[sort ?? 'newest'];
    const key = JSON.stringify([filters, order.key, order.direction]);
    let found = orders.get(key);
    if (!found) {
      found = pagefind
        .search(null, { filters: pagefindFilters(filters), sort: { [order.key]: order.direction } })
        .then(keep)
        .then((search) => {
          const ids = (search?.results ?? []).map((result) => {
            results.set(result.id, result);
            return result.id;
          });
          return { ids, order: new Map(ids.map((id, index) => [id, index])) };
        });
      orders.set(key, found);
    }
    return found;
  };

  /**
   * A second Pagefind instance (its own loaded filters; the worker is shared) that answers only
   * "which pages have this filter value". Once Pagefind has loaded a filter's chunk it counts that filter's values for every
   * later search; at 10,000 pages, with every filter loaded, each word's search took 400-900 ms
   * instead of 30-140 ms. Kept apart, the reader's searches load only the filters they use.
   */
  let counter: Promise<PagefindApi> | undefined;
  const counterInstance = () =>
    (counter ??= (async () => {
      const instance = pagefind.createInstance({ basePath: config.bundle, baseUrl: config.base });
      for (const language of merged) await instance.mergeIndex(bundleUrl, { language, baseUrl: config.base });
      await instance.init();
      return instance;
    })());
  const members = new Map<string, Promise<Set<string>>>();
  /** The pages with one value of one filter: one search, once per page view, only for groups a reader sees. */
  const membersOf = (name: string, value: string) => {
    const key = JSON.stringify([name, value]);
    let found = members.get(key);
    if (!found) {
      found = counterInstance()
        .then((instance) => instance.search(null, { filters: { [name]: value } }))
        .then(keep)
        .then((search) => new Set((search?.results ?? []).map((result) => result.id)));
      members.set(key, found);
    }
    return found;
  };

  const suggest = async (missing: QueryTerm[], query: string, ahead: boolean): Promise<SearchOutcome['suggestion']> => {
    // Only single words no page has at all (not merely none under the filters) are likely typos.
    // A vague word ("why", "after") no page has is not worth correcting: it weighs little anyway.
    const candidates = missing.filter(
      (term) => !term.required && !term.vague && term.alternatives.length === 1 && !term.written.includes(' '),
    );
    const words: string[] = [];
    const instead: string[] = [];
    let corrected = query;
    for (const term of candidates) {
      if (await foundAnywhere(term.written, ahead)) continue;
      const known = closestKnownWord(term.written, await wordList(ahead));
      if (!known) continue;
      words.push(term.written);
      instead.push(known);
      corrected = replaceWord(corrected, term.written, known);
    }
    return words.length > 0 ? { words, instead, query: corrected, applied: false } : undefined;
  };

  /** One search; where a word matches nothing but is one typo from a known word, the corrected query's pages, said so. */
  const run = async (state: SearchState, correct: boolean, ahead = false): Promise<SearchOutcome> => {
    const terms = parseQuery(state.query, vocabulary);
    if (terms.length === 0) {
      if (Object.keys(state.filters).length === 0) return { state, terms, pages: [], complete: 0 };
      const { ids } = await sorted(state.filters, state.sort);
      const pages = ids.map((id) => ({ id, matched: [], score: 0, locations: [] }));
      return { state, terms, pages, complete: pages.length };
    }
    // Neighbouring words written as one elsewhere ("health check", "healthcheck") find those pages too.
    const pairs = joinedPairs(terms);
    // The words' own searches start now too (searchWord remembers them), not after the joined ones.
    for (const query of distinctSearches(terms)) void searchWord(query, state.filters, ahead).catch(() => undefined);
    const joined = await Promise.all(pairs.map((pair) => countOf(`"${pair.joined}"`)));
    pairs.forEach((pair, index) => {
      if (joined[index] === 0) return;
      for (const at of [pair.first, pair.first + 1])
        terms[at] = { ...terms[at], alternatives: [...terms[at].alternatives, `"${pair.joined}"`] };
    });
    const rank = async () => {
      const queries = distinctSearches(terms);
      const [found, order] = await Promise.all([
        Promise.all(queries.map((query) => searchWord(query, state.filters, ahead))),
        state.sort ? sorted(state.filters, state.sort) : undefined,
      ]);
      return rankPages(terms, new Map(queries.map((query, index) => [query, found[index]])), totalPages, order?.order);
    };
    let ranking: Ranking = await rank();
    // A word no postmortem has that is two words they have ("bluescreen") is searched as those two.
    const unknown = ranking.missing.filter(
      (term) => !term.required && term.alternatives.length === 1 && term.alternatives[0] === term.written,
    );
    let split = false;
    for (const term of unknown) {
      if (await foundAnywhere(term.written, ahead)) continue;
      const parts = splitCompound(term.written, await wordList(ahead));
      if (!parts || !(await foundAnywhere(`"${parts.join(' ')}"`, ahead))) continue;
      const at = terms.indexOf(term);
      terms[at] = { ...term, alternatives: [...term.alternatives, `"${parts.join(' ')}"`] };
      split = true;
    }
    if (split) ranking = await rank();
    const suggestion = ranking.missing.length > 0 ? await suggest(ranking.missing, state.query, ahead) : undefined;
    // A word no postmortem has at all, one typo away from one they have, is searched as that word
    // (said above the results): "kuberentes upgrade".
    if (correct && suggestion) {
      const corrected = await run({ ...state, query: suggestion.query }, false, ahead);
      if (corrected.pages.length > 0) return { ...corrected, state, suggestion: { ...suggestion, applied: true } };
    }
    return {
      state,
      terms,
      pages: ranking.pages,
      complete: ranking.complete,
      notice: rankingNotice(terms, ranking),
      suggestion,
    };
  };

  const preloaded = new Set<string>();
  /** Each page's fragment (its URL, text and metadata), fetched once whichever search found it. */
  const fragments = new Map<string, ReturnType<PagefindResult['data']>>();
  const fragmentOf = (id: string) => {
    let fragment = fragments.get(id);
    if (!fragment) {
      fragment = results.get(id)!.data();
      fragments.set(id, fragment);
      fragment.catch(() => fragments.delete(id));
    }
    return fragment;
  };
  /** The search running ahead of the reader, and the latest one waiting for it to finish. */
  let ahead: Promise<void> | undefined;
  let waiting: { state: SearchState; rows: number } | undefined;
  /** The latest search run ahead, which `run` returns when the reader's pause asks for the same. */
  let ranAhead: { key: string; outcome: Promise<SearchOutcome> } | undefined;
  const stateKey = (state: SearchState) => JSON.stringify([state.query, state.filters, state.sort ?? null]);
  const runAhead = async (state: SearchState, rows: number) => {
    try {
      const outcome = run(state, true, true);
      ranAhead = { key: stateKey(state), outcome };
      outcome.catch(() => {
        if (ranAhead?.outcome === outcome) ranAhead = undefined;
      });
      await Promise.all((await outcome).pages.slice(0, rows).map((page) => fragmentOf(page.id)));
    } catch {
      // The search the reader waits for runs again and reports what went wrong.
    }
    const next = waiting;
    waiting = undefined;
    ahead = next ? runAhead(next.state, next.rows) : undefined;
  };
  const engine: SearchEngine = {
    // The search run ahead for these words, if there was one; where it stopped short, a full one.
    run: (state) =>
      ranAhead?.key === stateKey(state) ? ranAhead.outcome.catch(() => run(state, true)) : run(state, true),
    prepare(state, rows) {
      const terms = parseQuery(state.query, vocabulary);
      for (const search of preloadSearches(terms, joinedPairs(terms))) {
        if (preloaded.has(search)) continue;
        preloaded.add(search);
        // A failed preload costs nothing: the search loads the chunk again and reports the failure.
        pagefind.preload(search).catch(() => preloaded.delete(search));
      }
      // A word of one or two letters is still being typed: its search would list most pages.
      if (terms.length === 0 || terms.some(stillTyped)) return;
      if (ahead) waiting = { state, rows };
      else ahead = runAhead(state, rows);
    },
    async resultData(page) {
      const data = await fragmentOf(page.id);
      const excerpt = page.locations.length > 0 ? excerptHtml(data.content, page.locations, EXCERPT_WORDS) : undefined;
      return { url: data.url, meta: data.meta, excerpt };
    },
    async filterCounts(outcome, groups) {
      const counts: Record<string, Record<string, number>> = {};
      for (const [group, values] of Object.entries(groups)) {
        const name = group as keyof SearchState['filters'];
        const { [name]: chosen, ...others } = outcome.state.filters;
        const pages = chosen ? (await engine.run({ ...outcome.state, filters: others })).pages : outcome.pages;
        const members = await Promise.all(values.map((value) => membersOf(group, value)));
        counts[group] = Object.fromEntries(
          values.map((value, index) => [
            value,
            pages.reduce((sum, page) => sum + (members[index].has(page.id) ? 1 : 0), 0),
          ]),
        );
      }
      return counts;
    },
  };
  return engine;
}
