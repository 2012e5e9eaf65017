/**
 * "Has this happened before?": for every postmortem, the few others most like it, with the
 * reason a reader can check. Pure and computed once per build over all postmortems.
 *
 * Each postmortem becomes a sparse TF-IDF vector over the words of its root cause, trigger and
 * summary, plus its root-cause categories and services as extra features. Similarity is the
 * cosine of two vectors. To stay fast at 10,000 postmortems nothing is compared all-pairs:
 * an inverted index (term → postings, strongest first, capped) proposes candidates, and only
 * the best candidates get an exact cosine and a reason.
 */

import { ZONE_ABBREVIATIONS } from '../core/time.ts';

/** The parts of a postmortem that say what went wrong. */
export interface SimilarityInput {
  id: string;
  rootCause: string;
  trigger: string;
  summary: string;
  categories: readonly string[];
  services: readonly string[];
}

export interface SimilarMatch {
  id: string;
  /** Cosine similarity, 0 to 1. */
  score: number;
  sharedCategories: string[];
  sharedServices: string[];
  /** Words both write-ups lean on, strongest first, as written in the postmortem the list is for. */
  sharedTerms: string[];
}

export interface SimilarityOptions {
  /** How many similar postmortems to keep per postmortem. */
  limit?: number;
  /** Postings read per term when proposing candidates; bounds the work a very common term can cause. */
  maxPostings?: number;
  /** Strongest terms of a postmortem used to propose candidates. */
  maxQueryTerms?: number;
  /** Candidates (per postmortem) that get an exact cosine. */
  maxCandidates?: number;
  /** Partial products below this stop a postings scan early (they cannot change the top few). */
  minContribution?: number;
  /** Matches below this cosine are noise, not similarity. */
  minScore?: number;
  /** Shared terms to name in a reason. */
  maxReasonTerms?: number;
  /** Key terms to name per postmortem (for "search for similar root causes"). */
  maxKeyTerms?: number;
}

export interface SimilarityResult {
  /** Per postmortem id, the most similar others, best first. */
  similar: Map<string, SimilarMatch[]>;
  /** Per postmortem id, the words that best characterise its root cause, strongest first. */
  keyTerms: Map<string, string[]>;
}

const DEFAULTS: Required<SimilarityOptions> = {
  limit: 5,
  maxPostings: 200,
  maxQueryTerms: 32,
  maxCandidates: 25,
  minContribution: 0.0005,
  minScore: 0.01,
  maxReasonTerms: 3,
  maxKeyTerms: 3,
};

/** Root cause and trigger say what went wrong; the summary mostly says what users saw. */
const FIELD_WEIGHTS = { rootCause: 2, trigger: 2, summary: 1 } as const;
/** A shared category or service counts like a strong shared word, not like the whole story. */
const CATEGORY_BOOST = 1.5;
const SERVICE_BOOST = 1.5;
/** Facet features cannot collide with words: words never contain a colon. */
const CATEGORY_PREFIX = 'category:';
const SERVICE_PREFIX = 'service:';

const STOPWORDS = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being below between both but by ' +
    'can could did do does doing down during each few for from further had has have having he her here hers him his how i if in ' +
    'into is it its itself just me more most my no nor not now of off on once only or other our ours out over own same she should ' +
    'so some such than that the their theirs them then there these they this those through to too under until up very was we were ' +
    'what when where which while who whom why will with would you your yours ' +
    // Words every postmortem uses to tell its story; they say nothing about which failure it was.
    'caused causing cause led leading lead resulted resulting result due specifically became become made make ' +
    'added adding add adds fixed restored stopped began started ' +
    'one two three several many much within without across per via like ' +
    // Dates and durations: every summary has them, and sharing "utc" or "march" is not sharing a cause.
    'utc gmt am pm day days hour hours minute minutes second seconds week weeks month months year years ' +
    'morning afternoon evening night today yesterday next previous first last approximately around roughly ' +
    'january february march april may june july august september october november december ' +
    'monday tuesday wednesday thursday friday saturday sunday ' +
    // Reporting words: they tell how a write-up is phrased, not what failed.
    'stated state states separately separate number numbers issue issues problem problems incident incidents ' +
    'outage outages occurred occur occurring happened happen experienced experience including include included ' +
    'however additionally also further furthermore subsequently eventually initially later earlier period ' +
    'approximately total totally some certain various particular specific specifically following follow'
  ).split(' '),
);

/** Zone abbreviations (pst, cet, ist…): sharing a time zone is not sharing a cause. */
const ZONES = new Set(Object.keys(ZONE_ABBREVIATIONS).map((zone) => zone.toLowerCase()));
/** Ordinals (28th, 1st) and clock times (10am, 3pm): dates, not causes. */
const DATE_LIKE = /^\d+(?:st|nd|rd|th|am|pm|h|m|s|ms|min|mins|k|x)?$/;
/** Contractions (didn't, we're, it'll): grammar, not content. */
const CONTRACTION = /['’](?:t|re|ve|ll|d|m)$/;
/**
 * A word in more than this share of the postmortems is the vocabulary of postmortems, not of a
 * failure; it still counts in the cosine (weighted down by its idf) but is never named as a reason.
 */
export const COMMON_SHARE = 0.5;
/** Below this many postmortems, "most of them" is not a meaningful share. */
const COMMON_MIN_POSTMORTEMS = 10;

/**
 * A light English stemmer: folds plurals and a final "e", so "indexes" meets "index",
 * "caches" meets "cache" and "queries" meets "query".
 */
export function stem(word: string): string {
  let result = word;
  if (result.length > 4 && result.endsWith('ies')) return `${result.slice(0, -3)}y`;
  if (result.length > 3 && result.endsWith('s') && !/(?:ss|us|is|os)$/.test(result)) result = result.slice(0, -1);
  if (result.length > 3 && result.endsWith('e')) result = result.slice(0, -1);
  return result;
}

/** Lower-cased words of a text with their stems; numbers, times and stopwords are dropped. */
export function tokenize(text: string): { stem: string; word: string }[] {
  const tokens: { stem: string; word: string }[] = [];
  for (const match of text.toLowerCase().matchAll(/[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*/gu)) {
    const word = match[0].replace(/['’]s$/, '');
    if (word.length < 2 || !/\p{L}/u.test(word) || STOPWORDS.has(word) || ZONES.has(word)) continue;
    if (DATE_LIKE.test(word) || CONTRACTION.test(word)) continue;
    tokens.push({ stem: stem(word), word });
  }
  return tokens;
}

interface Vector {
  /** Feature ids, ascending (so two vectors meet in one merge pass). */
  terms: Int32Array;
  /** L2-normalised weights, aligned with `terms`. */
  weights: Float64Array;
  /** Indexes into `terms`, strongest weight first. */
  strongest: Int32Array;
}

/** Computes the most similar postmortems of every postmortem, and each one's key root-cause terms. */
export function computeSimilarity(
  inputs: readonly SimilarityInput[],
  options: SimilarityOptions = {},
): SimilarityResult {
  const opts = { ...DEFAULTS, ...options };
  const n = inputs.length;
  const vocabulary = new Map<string, number>();
  const featureNames: string[] = [];
  const idOf = (feature: string): number => {
    let id = vocabulary.get(feature);
    if (id === undefined) {
      id = featureNames.length;
      vocabulary.set(feature, id);
      featureNames.push(feature);
    }
    return id;
  };

  // 1. Weighted term counts per postmortem, the first spelling of each stem, and which stems
  // appear in the root cause or trigger (the candidates for key terms).
  const counts: Map<number, number>[] = [];
  const spellings: Map<number, string>[] = [];
  const causeTerms: Set<number>[] = [];
  for (const input of inputs) {
    const count = new Map<number, number>();
    const spelling = new Map<number, string>();
    const cause = new Set<number>();
    for (const field of ['rootCause', 'trigger', 'summary'] as const) {
      for (const token of tokenize(input[field])) {
        const id = idOf(token.stem);
        count.set(id, (count.get(id) ?? 0) + FIELD_WEIGHTS[field]);
        if (!spelling.has(id)) spelling.set(id, token.word);
        if (field !== 'summary') cause.add(id);
      }
    }
    for (const category of new Set(input.categories)) count.set(idOf(CATEGORY_PREFIX + category), 1);
    for (const service of new Set(input.services)) count.set(idOf(SERVICE_PREFIX + service), 1);
    counts.push(count);
    spellings.push(spelling);
    causeTerms.push(cause);
  }

  const df = new Int32Array(featureNames.length);
  for (const count of counts) for (const id of count.keys()) df[id]++;
  const boost = featureNames.map((name) =>
    name.startsWith(CATEGORY_PREFIX) ? CATEGORY_BOOST : name.startsWith(SERVICE_PREFIX) ? SERVICE_BOOST : 1,
  );
  const common = n >= COMMON_MIN_POSTMORTEMS ? COMMON_SHARE * n : Infinity;
  // Words a reader is told about: not facets, and not words most postmortems use.
  const isWord = featureNames.map((name, id) => !name.includes(':') && df[id] <= common);

  // 2. TF-IDF vectors (BM25's idf, always positive), normalised so a dot product is a cosine.
  const idf = Float64Array.from(df, (count, id) => Math.log(1 + (n - count + 0.5) / (count + 0.5)) * boost[id]);
  const vectors: Vector[] = counts.map((count) => {
    const terms = Int32Array.from(count.keys()).sort();
    const weights = new Float64Array(terms.length);
    let norm = 0;
    for (let index = 0; index < terms.length; index++) {
      const weight = (1 + Math.log(count.get(terms[index])!)) * idf[terms[index]];
      weights[index] = weight;
      norm += weight * weight;
    }
    norm = Math.sqrt(norm) || 1;
    for (let index = 0; index < weights.length; index++) weights[index] /= norm;
    const strongest = Int32Array.from(terms.keys()).sort((a, b) => weights[b] - weights[a] || terms[a] - terms[b]);
    return { terms, weights, strongest };
  });

  // 3. Inverted index: per feature, the postmortems that have it, strongest first, capped.
  // A feature only one postmortem has cannot make two postmortems similar, so it gets no postings.
  const postingDocs: Int32Array[] = new Array(featureNames.length);
  const postingWeights: Float64Array[] = new Array(featureNames.length);
  {
    const allDocs = featureNames.map((_, id) => new Int32Array(df[id] > 1 ? df[id] : 0));
    const allWeights = featureNames.map((_, id) => new Float64Array(df[id] > 1 ? df[id] : 0));
    const filled = new Int32Array(featureNames.length);
    vectors.forEach((vector, doc) => {
      for (let index = 0; index < vector.terms.length; index++) {
        const id = vector.terms[index];
        if (df[id] < 2) continue;
        allDocs[id][filled[id]] = doc;
        allWeights[id][filled[id]++] = vector.weights[index];
      }
    });
    for (let id = 0; id < featureNames.length; id++) {
      const docs = allDocs[id];
      const weights = allWeights[id];
      let order = Array.from(docs.keys());
      if (order.length > opts.maxPostings) {
        // Find the cut-off weight with a numeric sort, so only the kept postings get the full sort.
        const threshold = Float64Array.from(weights).sort()[weights.length - opts.maxPostings];
        order = order.filter((index) => weights[index] >= threshold);
      }
      order.sort((a, b) => weights[b] - weights[a] || docs[a] - docs[b]);
      if (order.length > opts.maxPostings) order.length = opts.maxPostings;
      postingDocs[id] = Int32Array.from(order, (index) => docs[index]);
      postingWeights[id] = Float64Array.from(order, (index) => weights[index]);
    }
  }

  // 4. Per postmortem: accumulate partial dot products over capped postings, then score the
  // best candidates exactly and keep the top few.
  const similar = new Map<string, SimilarMatch[]>();
  const keyTerms = new Map<string, string[]>();
  const accumulator = new Float64Array(n);
  const dense = new Float64Array(featureNames.length);
  const touched: number[] = [];
  for (let doc = 0; doc < n; doc++) {
    const vector = vectors[doc];
    const queryTerms = Math.min(opts.maxQueryTerms, vector.strongest.length);
    for (let q = 0; q < queryTerms; q++) {
      const index = vector.strongest[q];
      const id = vector.terms[index];
      const docs = postingDocs[id];
      if (!docs) continue;
      const weights = postingWeights[id];
      const weight = vector.weights[index];
      for (let p = 0; p < docs.length; p++) {
        // Postings are strongest first: once a product is negligible, the rest of the list is too.
        if (weight * weights[p] < opts.minContribution) break;
        const other = docs[p];
        if (other === doc) continue;
        if (accumulator[other] === 0) touched.push(other);
        accumulator[other] += weight * weights[p];
      }
    }
    const candidates = topBy(touched, (other) => accumulator[other], opts.maxCandidates);
    for (const other of touched) accumulator[other] = 0;
    touched.length = 0;

    // Exact cosines against a dense copy of this vector: one pass over each candidate's features.
    for (let index = 0; index < vector.terms.length; index++) dense[vector.terms[index]] = vector.weights[index];
    const ranked = candidates
      .map((other) => ({ other, score: cosineWithDense(dense, vectors[other]) }))
      .filter((match) => match.score >= opts.minScore)
      .sort((a, b) => b.score - a.score || inputs[a.other].id.localeCompare(inputs[b.other].id));
    for (let index = 0; index < vector.terms.length; index++) dense[vector.terms[index]] = 0;

    const input = inputs[doc];
    const matches: SimilarMatch[] = [];
    for (const { other, score } of ranked) {
      if (matches.length === opts.limit) break;
      const otherInput = inputs[other];
      const sharedCategories = unique(input.categories).filter((value) => otherInput.categories.includes(value));
      const sharedServices = unique(input.services).filter((value) => otherInput.services.includes(value));
      const words = sharedWords(vector, vectors[other], isWord);
      // One shared word and nothing else is a coincidence of vocabulary, not a similar incident.
      if (sharedCategories.length === 0 && sharedServices.length === 0 && words.length < 2) continue;
      matches.push({
        id: otherInput.id,
        score,
        sharedCategories,
        sharedServices,
        sharedTerms: words.slice(0, opts.maxReasonTerms).map((id) => spellings[doc].get(id)!),
      });
    }
    similar.set(input.id, matches);

    // Key terms: the strongest root-cause words, preferring words another postmortem shares
    // (a search for a word only this postmortem uses finds nothing else).
    const cause = [...vector.strongest]
      .map((index) => vector.terms[index])
      .filter((id) => isWord[id] && causeTerms[doc].has(id));
    const shared = cause.filter((id) => df[id] > 1);
    const chosen = [...shared, ...cause.filter((id) => df[id] <= 1)].slice(0, opts.maxKeyTerms);
    keyTerms.set(
      input.id,
      chosen.map((id) => spellings[doc].get(id)!),
    );
  }

  return { similar, keyTerms };
}

/** Cosine of a normalised vector held densely (by feature id) and a sparse one. */
function cosineWithDense(dense: Float64Array, b: Vector): number {
  let score = 0;
  for (let index = 0; index < b.terms.length; index++) score += dense[b.terms[index]] * b.weights[index];
  return Math.min(1, score);
}

/** The words two vectors share, largest contribution to their cosine first. */
function sharedWords(a: Vector, b: Vector, isWord: readonly boolean[]): number[] {
  const contributions: { id: number; value: number }[] = [];
  let i = 0;
  let j = 0;
  while (i < a.terms.length && j < b.terms.length) {
    if (a.terms[i] < b.terms[j]) i++;
    else if (a.terms[i] > b.terms[j]) j++;
    else {
      if (isWord[a.terms[i]]) contributions.push({ id: a.terms[i], value: a.weights[i] * b.weights[j] });
      i++;
      j++;
    }
  }
  return contributions.sort((x, y) => y.value - x.value || x.id - y.id).map((c) => c.id);
}

/** The `k` items with the highest score, best first, without sorting everything. */
function topBy(items: readonly number[], score: (item: number) => number, k: number): number[] {
  if (items.length <= k) return [...items].sort((a, b) => score(b) - score(a) || a - b);
  const best: number[] = [];
  for (const item of items) {
    const value = score(item);
    if (best.length === k && value <= score(best[k - 1])) continue;
    let at = best.length;
    while (at > 0 && (score(best[at - 1]) < value || (score(best[at - 1]) === value && best[at - 1] > item))) at--;
    best.splice(at, 0, item);
    if (best.length > k) best.pop();
  }
  return best;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

/**
 * Why two postmortems are listed together, in words a reader can check, e.g.
 * "same category: database; shared terms: index, query".
 */
export function describeMatch(match: SimilarMatch, labels: { category?: (value: string) => string } = {}): string {
  const category = labels.category ?? ((value: string) => value);
  const parts: string[] = [];
  if (match.sharedCategories.length > 0) {
    const plural = match.sharedCategories.length > 1 ? 'categories' : 'category';
    parts.push(`same ${plural}: ${match.sharedCategories.map(category).join(', ')}`);
  }
  if (match.sharedServices.length > 0) {
    parts.push(`same service${match.sharedServices.length > 1 ? 's' : ''}: ${match.sharedServices.join(', ')}`);
  }
  if (match.sharedTerms.length > 0) parts.push(`shared terms: ${match.sharedTerms.join(', ')}`);
  return parts.join('; ');
}
