/**
 * Similar incidents: for every postmortem, the few others that failed the same way, each with
 * the shared mechanism a reader can check ("shared: leap second, clock"). Pure, and computed once
 * per build over all postmortems.
 *
 * The model is a weighted term model over the whole record: the title, summary, root cause,
 * trigger and the body (the narrative, or the imported original), plus the categories, services
 * and tags as features of their own. Terms are words folded by a light stemmer and two-word
 * phrases ("connection pool", "split brain"); a term in more than BOILERPLATE_SHARE of the
 * postmortems is the vocabulary of postmortems ("customers", "impacted", "team"), not of one
 * failure, and is left out. Facets are weighted by their rarity like terms: a category half the
 * knowledge base shares is boilerplate too, and a shared facet adds to the score but never names a
 * reason, so no facet alone lists a neighbour. Weights are sublinear tf (1 + ln tf) times BM25's
 * idf; similarity is the cosine with pivoted lengths (see NORM_SLOPE).
 *
 * Scoring and explaining are apart: the score reads every term; a neighbour is listed only for its
 * shared mechanism terms (distinctive words and phrases that can name a failure, never a word of
 * NOT_A_MECHANISM such as "rollout" or "service"), which must carry part of the score
 * (MIN_EXPLAINED) and be what both write-ups are about (MECHANISM_RANK), and the reason names
 * only them. A pair alike only through other words is not listed.
 *
 * Nothing is compared all-pairs: each postmortem is indexed under its strongest shared terms
 * (an inverted index over each document's top-weighted terms), candidates are the postmortems
 * that share some of them, strongest first, and only the best candidates get an exact cosine.
 */

import { INCIDENT_BOILERPLATE } from './incident-boilerplate.ts';
import { NOT_A_MECHANISM } from './not-a-mechanism.ts';
import { createTokenizer, isPastTense, tokenize, type Token } from './term-model.ts';

/** The parts of a postmortem the model reads. Every text may be empty; a missing one adds nothing. */
export interface SimilarityInput {
  id: string;
  title?: string;
  summary?: string;
  rootCause?: string;
  trigger?: string;
  /** The narrative: body text, contributing factors, timeline, resolution, lessons. */
  body?: string;
  categories: readonly string[];
  services: readonly string[];
  tags?: readonly string[];
  /** Who it happened to: its words are not a mechanism, so they are left out of this postmortem's terms. */
  organisation?: string;
}

export interface SimilarMatch {
  id: string;
  /** Similarity, 0 to 1: the cosine, with pivoted lengths (see NORM_SLOPE). */
  score: number;
  sharedCategories: string[];
  sharedServices: string[];
  /**
   * The distinctive terms both write-ups lean on, largest share of the similarity first, as
   * written in the postmortem the list is for; a phrase stands for its words.
   */
  sharedTerms: string[];
  /** The part of the score the shared mechanism terms carry, named or not (see MIN_EXPLAINED). */
  mechanismScore: number;
}

export interface SimilarityOptions {
  /** How many similar postmortems to keep per postmortem. */
  limit?: number;
  /** Postings read per term when proposing candidates; bounds the work a common term can cause. */
  maxPostings?: number;
  /** Strongest shared terms of a postmortem it is indexed under and queries with. */
  maxQueryTerms?: number;
  /** Candidates (per postmortem) that get an exact cosine. */
  maxCandidates?: number;
  /** Matches below this cosine are not listed (see MIN_SCORE). */
  minScore?: number;
  /** Shared terms to name in a reason. */
  maxReasonTerms?: number;
  /** Key terms to name per postmortem (for "search for similar root causes"). */
  maxKeyTerms?: number;
}

export interface SimilarityResult {
  /** Per postmortem id, the most similar others, best first. */
  similar: Map<string, SimilarMatch[]>;
  /** Per postmortem id, the terms that best characterise it, strongest first. */
  keyTerms: Map<string, string[]>;
}

/**
 * The lowest score listed. Read on the 242 published icco postmortems: pairs that share a
 * mechanism score from about 0.06 to 0.25 (bodies are long); below 0.05 what they share is
 * coincidence (one "memory leak" of memory used, one of memory read; "vms"; "master").
 */
const MIN_SCORE = 0.05;
/**
 * Pivoted length normalisation (Singhal, Buckley and Mitra 1996): a vector is divided by this
 * share of its own length plus the rest of the average length, not by its length alone, so the
 * score of a short write-up with a long one is not inflated by its shortness. Read on icco, whose
 * 242 entries run from one sentence to several pages.
 */
const NORM_SLOPE = 0.5;
/** A neighbour scoring under this share of the best one is of another kind than the best. */
const MIN_SHARE_OF_BEST = 0.4;
/**
 * The share of a neighbour's cosine its shared mechanism terms must account for. Mechanism terms
 * are few (see NOT_A_MECHANISM and `mechanism` below), so a pair that shares a mechanism is
 * explained from about 0.2 (a long write-up with one "cooling" in common) to 0.8 ("leap second",
 * "xid wraparound"); under 0.15 the two are alike through ordinary words. Read on the judged icco
 * and DFDS pages (bench/similar-quality.ts).
 */
const MIN_EXPLAINED = 0.15;
/**
 * A neighbour is listed only when one of the shared mechanism terms is among the MECHANISM_RANK
 * strongest shared terms of both write-ups: the mechanism is what both are about. Read on the judged
 * icco and DFDS pages: pairs that share the judged mechanism have such a term within the first ten
 * of both; pairs that share only a detail ("load balancer" in a DNS race write-up) mostly do not.
 */
const MECHANISM_RANK = 10;

const DEFAULTS: Required<SimilarityOptions> = {
  limit: 5,
  maxPostings: 200,
  maxQueryTerms: 40,
  maxCandidates: 20,
  minScore: MIN_SCORE,
  maxReasonTerms: 3,
  maxKeyTerms: 3,
};

/** A word in the title or the cause fields says more about the failure than one in the narrative. */
const FIELD_WEIGHTS = { title: 2, summary: 1.5, rootCause: 2, trigger: 1.5, body: 1 } as const;
type TextField = keyof typeof FIELD_WEIGHTS;
const TEXT_FIELDS = Object.keys(FIELD_WEIGHTS) as TextField[];
/** The fields that say what went wrong: key terms are taken from them first. */
const CAUSE_FIELDS: ReadonlySet<TextField> = new Set(['rootCause', 'trigger']);
/** Facets count like one strong shared word each, not like the whole story. */
const FACET_BOOST = { category: 1, service: 1.5, tag: 1 } as const;
type Facet = keyof typeof FACET_BOOST;

/**
 * A term in more than this share of the postmortems is boilerplate of postmortems ("customers",
 * "impacted", "engineers"), not a mechanism: it is left out of the model.
 */
const BOILERPLATE_SHARE = 0.2;
/**
 * A reason names only terms at most this share of the postmortems use: what the two have in
 * common and most others do not.
 */
const DISTINCTIVE_SHARE = 0.08;
/**
 * A term used only by one organisation's postmortems (at least this share of those that use it)
 * names its products ("ebs", "quicksilver"), not a failure: it still counts, at
 * ORGANISATION_TERM_WEIGHT, but proposes no candidate and is never a reason. Applies only to an
 * organisation with at most half the postmortems, so a single company's knowledge base is unaffected.
 * Not all of them: a customer's write-up names "EC2" and "AZ" but says "AWS", not "Amazon".
 */
const ORGANISATION_TERM_SHARE = 0.7;
const ORGANISATION_TERM_WEIGHT = 0.3;
/**
 * A term is salient in a postmortem when it is written more than once in the narrative, or once in
 * the title, summary or cause fields (its field-weighted count reaches this): only salient terms
 * index a postmortem and name a reason. A word written once in passing ("understand", "quickly")
 * is not what the incident was about.
 */
const SALIENT_COUNT = 1.5;
/**
 * Below this many postmortems a fifth of them is a handful, so boilerplate and distinctive terms
 * are judged by SMALL_CORPUS_SHARE instead; below SMALL_CORPUS only the stop lists apply.
 */
const MIN_CORPUS_FOR_SHARES = 50;
const SMALL_CORPUS = 10;
/** In a small knowledge base a word most postmortems use is still boilerplate. */
const SMALL_CORPUS_SHARE = 0.5;

interface Vector {
  /** Feature ids, ascending (so two vectors meet in one merge pass). */
  terms: Int32Array;
  /** Weights divided by the pivoted length (see NORM_SLOPE), aligned with `terms`. */
  weights: Float64Array;
  /** The strongest features another postmortem also has, strongest first (the document's index terms). */
  top: Int32Array;
}

/** What a feature is: a word (stem), a phrase of two words, or a facet value. */
const WORD = 0;
const PHRASE = 1;
const FACET_KINDS = { category: 2, service: 3, tag: 4 } as const satisfies Record<Facet, number>;
const FACET_BOOSTS = [1, 1, FACET_BOOST.category, FACET_BOOST.service, FACET_BOOST.tag];

/** One postmortem's weighted term counts, by feature id ascending. */
interface Counts {
  ids: Int32Array;
  /** Field-weighted counts, aligned with `ids`. */
  tf: Float64Array;
  /** 1 where the feature occurs in a cause field (key terms come from them first). */
  cause: Uint8Array;
}

/** Computes the most similar postmortems of every postmortem, and each one's key terms. */
export function computeSimilarity(
  inputs: readonly SimilarityInput[],
  options: SimilarityOptions = {},
): SimilarityResult {
  const opts = { ...DEFAULTS, ...options };
  const n = inputs.length;
  const shares = n >= MIN_CORPUS_FOR_SHARES;
  const small = !shares && n >= SMALL_CORPUS;

  // 1. Words per field, interned by stem; words of the postmortem's own organisation are left out.
  const wordIds = new Map<string, number>();
  const wordKinds: Token['kind'][] = [];
  const wordStems: string[] = [];
  const wordOf = (token: Token) => {
    let id = wordIds.get(token.stem);
    if (id === undefined) {
      id = wordKinds.length;
      wordIds.set(token.stem, id);
      wordKinds.push(token.kind);
      wordStems.push(token.stem);
    }
    return id;
  };
  /** Per postmortem and field: word ids, with -1 where a phrase breaks. */
  const sequences: Int32Array[][] = [];
  /** Per postmortem, how it first writes a word, where that is not the stem ("indexes" for "index"). */
  const spellings: Map<number, string>[] = [];
  const wordDf: number[] = [];
  const organisations = new Organisations(inputs);
  const read = createTokenizer();
  for (const input of inputs) {
    const own = new Set(read(input.organisation ?? '').map((token) => token.stem));
    const mentions = organisations.reader();
    const spelling = new Map<number, string>();
    const seen = new Set<number>();
    sequences.push(
      TEXT_FIELDS.map((field) => {
        const sequence: number[] = [];
        for (const token of read(input[field] ?? '')) {
          if (own.has(token.stem)) {
            if (sequence.at(-1) !== -1) sequence.push(-1);
            continue;
          }
          if (token.phraseStart && sequence.length > 0 && sequence.at(-1) !== -1) sequence.push(-1);
          const id = wordOf(token);
          sequence.push(id);
          if (!seen.has(id)) {
            seen.add(id);
            if (token.word !== token.stem) spelling.set(id, token.word);
          }
          mentions.read(token.stem);
        }
        return Int32Array.from(sequence);
      }),
    );
    spellings.push(spelling);
    organisations.mentioned.push(mentions.done());
    for (const id of seen) wordDf[id] = (wordDf[id] ?? 0) + 1;
  }
  const boilerplateDf = shares ? BOILERPLATE_SHARE * n : small ? SMALL_CORPUS_SHARE * n : Infinity;
  /** Words that may stand alone as a term: content words that are not boilerplate. */
  const strong = Uint8Array.from(wordKinds, (kind, id) =>
    kind === 'content' && (wordDf[id] ?? 0) <= boilerplateDf ? 1 : 0,
  );

  // 2. Weighted term counts: strong words, phrases of two adjacent words at least one of which is
  // strong ("leap second", "load balancer", "disk full"; not "pacific time" or "customers impacted"),
  // and facets. Counts go to a dense scratch row (features are found as the loop goes).
  const kinds: number[] = wordKinds.map(() => WORD);
  const partA: number[] = wordKinds.map(() => -1);
  const partB: number[] = wordKinds.map(() => -1);
  const phraseIds = new PairTable();
  const facetIds = new Map<string, number>();
  const newFeature = (kind: number, a = -1, b = -1) => {
    kinds.push(kind);
    partA.push(a);
    partB.push(b);
    return kinds.length - 1;
  };
  const phraseOf = (a: number, b: number) => {
    const id = phraseIds.intern(a, b, kinds.length);
    if (id === kinds.length) newFeature(PHRASE, a, b);
    return id;
  };
  const facetOf = (facet: Facet, value: string) => {
    const key = `${facet}:${value}`;
    let id = facetIds.get(key);
    if (id === undefined) facetIds.set(key, (id = newFeature(FACET_KINDS[facet])));
    return id;
  };
  let row = new Float64Array(1 << 16);
  let rowCause = new Uint8Array(1 << 16);
  const rowTouched: number[] = [];
  const add = (id: number, weight: number, cause: boolean) => {
    if (id >= row.length) {
      const grown = new Float64Array(Math.max(row.length * 2, id + 1));
      grown.set(row);
      row = grown;
      const grownCause = new Uint8Array(grown.length);
      grownCause.set(rowCause);
      rowCause = grownCause;
    }
    if (row[id] === 0) rowTouched.push(id);
    row[id] += weight;
    if (cause) rowCause[id] = 1;
  };
  const counts: Counts[] = [];
  for (let doc = 0; doc < n; doc++) {
    TEXT_FIELDS.forEach((field, f) => {
      const sequence = sequences[doc][f];
      const weight = FIELD_WEIGHTS[field];
      const cause = CAUSE_FIELDS.has(field);
      for (let index = 0; index < sequence.length; index++) {
        const word = sequence[index];
        if (word === -1) continue;
        if (strong[word] === 1) add(word, weight, cause);
        const next = index + 1 < sequence.length ? sequence[index + 1] : -1;
        if (next !== -1 && next !== word && (strong[word] === 1 || strong[next] === 1)) {
          add(phraseOf(word, next), weight, cause);
        }
      }
    });
    const input = inputs[doc];
    for (const value of new Set(input.categories)) add(facetOf('category', value), 1, false);
    for (const value of new Set(input.services)) add(facetOf('service', value), 1, false);
    for (const value of new Set(input.tags ?? [])) add(facetOf('tag', value), 1, false);
    const ids = Int32Array.from(rowTouched).sort();
    counts.push({
      ids,
      tf: Float64Array.from(ids, (id) => row[id]),
      cause: Uint8Array.from(ids, (id) => rowCause[id]),
    });
    for (const id of rowTouched) {
      row[id] = 0;
      rowCause[id] = 0;
    }
    rowTouched.length = 0;
  }
  sequences.length = 0;
  const featureCount = kinds.length;
  const isTerm = (id: number) => kinds[id] <= PHRASE;

  const df = new Int32Array(featureCount);
  for (const count of counts) for (const id of count.ids) df[id]++;
  const organisationTerm = organisations.terms(counts, df, shares);
  // Phrases are judged by their own frequency: "status page" may be boilerplate where "status" is not.
  const kept = (id: number) => df[id] <= boilerplateDf;
  const distinctiveDf = shares ? Math.max(2, DISTINCTIVE_SHARE * n) : boilerplateDf;
  /**
   * Words that can name a mechanism: content words that postmortems in general do not all use
   * (INCIDENT_BOILERPLATE, learnt from large corpora, so a small knowledge base is covered too) and
   * that are not a verb in the past tense ("commenced", "managed").
   */
  const grammatical = Uint8Array.from(wordKinds, (kind, id) =>
    kind !== 'generic' && !isPastTense(wordStems[id]) ? 1 : 0,
  );
  const naming = Uint8Array.from(wordKinds, (kind, id) =>
    kind === 'content' &&
    grammatical[id] === 1 &&
    !INCIDENT_BOILERPLATE.has(wordStems[id]) &&
    !NOT_A_MECHANISM.has(wordStems[id])
      ? 1
      : 0,
  );
  /** Words a reason never names, not even as half of a phrase ("kiam service" is named "kiam"). */
  const unnamed = (word: number) => grammatical[word] === 0 || NOT_A_MECHANISM.has(wordStems[word]);
  /**
   * Mechanism terms, the only terms a reason names and the only ones that explain a neighbour: words
   * and phrases only few postmortems of this knowledge base use, with a word that can name a
   * mechanism and none that never does ("leap second", "target groups", "notready"; not
   * "services returning", "commenced", "canary" or "kiam service").
   */
  const mechanism = (id: number) =>
    isTerm(id) &&
    df[id] <= distinctiveDf &&
    (kinds[id] === WORD
      ? naming[id] === 1
      : !unnamed(partA[id]) && !unnamed(partB[id]) && (naming[partA[id]] === 1 || naming[partB[id]] === 1));

  // 3. TF-IDF vectors (BM25's idf, always positive), divided by their pivoted length.
  const idf = Float64Array.from(df, (count, id) => {
    const boost = isTerm(id) ? (organisationTerm(id) ? ORGANISATION_TERM_WEIGHT : 1) : FACET_BOOSTS[kinds[id]];
    return Math.log(1 + (n - count + 0.5) / (count + 0.5)) * boost;
  });
  const raw = counts.map((count) => {
    const keep = count.ids.map((id) => (kept(id) ? 1 : 0));
    const terms = count.ids.filter((_, index) => keep[index] === 1);
    const tf = count.tf.filter((_, index) => keep[index] === 1);
    const weights = new Float64Array(terms.length);
    let norm = 0;
    for (let index = 0; index < terms.length; index++) {
      const weight = (1 + Math.log(tf[index])) * idf[terms[index]];
      weights[index] = weight;
      norm += weight * weight;
    }
    return { terms, tf, weights, norm: Math.sqrt(norm) };
  });
  // Pivoted length normalisation: a one-line write-up's few words would otherwise each weigh as
  // much as a long one's mechanism, and one shared word ("attack") would list it.
  const pivot = raw.reduce((sum, vector) => sum + vector.norm, 0) / (n || 1);
  const vectors: Vector[] = raw.map(({ terms, tf, weights, norm: length }) => {
    const norm = NORM_SLOPE * length + (1 - NORM_SLOPE) * pivot || 1;
    for (let index = 0; index < weights.length; index++) weights[index] /= norm;
    // Index terms: salient, and shared (a term no other postmortem has cannot propose a candidate).
    const shared: number[] = [];
    for (let index = 0; index < terms.length; index++) {
      const id = terms[index];
      if (df[id] > 1 && !organisationTerm(id) && (tf[index] >= SALIENT_COUNT || !isTerm(id))) shared.push(index);
    }
    const strongest = topBy(shared, (index) => weights[index], opts.maxQueryTerms);
    const top = Int32Array.from(strongest, (index) => terms[index]);
    return { terms, weights, top };
  });
  const causeOf = counts.map((count) => new Set(count.ids.filter((_, index) => count.cause[index] === 1)));
  counts.length = 0;

  // 4. Inverted index over each postmortem's top terms: per term, the postmortems indexed under
  // it with their weight, strongest first, capped.
  const postings = buildPostings(vectors, featureCount, opts.maxPostings);

  // 5. Per postmortem: candidates from shared top terms, exact cosines for the best, reasons.
  const similar = new Map<string, SimilarMatch[]>();
  const keyTerms = new Map<string, string[]>();
  const accumulator = new Float64Array(n);
  const dense = new Float64Array(featureCount);
  const topOf = vectors.map((vector) => new Set(vector.top));
  /** Per postmortem, the weight of its MECHANISM_RANK-th strongest shared term (see MECHANISM_RANK). */
  const centralFloor = vectors.map((vector) =>
    vector.top.length >= MECHANISM_RANK ? weightOf(vector, vector.top[MECHANISM_RANK - 1]) : 0,
  );
  const touched: number[] = [];
  const spelled = (doc: number, word: number) => spellings[doc].get(word) ?? wordStems[word];
  const nameOf = (doc: number, id: number): string =>
    kinds[id] === PHRASE ? `${spelled(doc, partA[id])} ${spelled(doc, partB[id])}` : spelled(doc, id);
  for (let doc = 0; doc < n; doc++) {
    const vector = vectors[doc];
    for (let index = 0; index < vector.terms.length; index++) dense[vector.terms[index]] = vector.weights[index];
    for (const id of vector.top) {
      const list = postings.get(id);
      if (!list) continue;
      const weight = dense[id];
      for (let p = 0; p < list.docs.length; p++) {
        const other = list.docs[p];
        if (other === doc) continue;
        if (accumulator[other] === 0) touched.push(other);
        accumulator[other] += weight * list.weights[p];
      }
    }
    const candidates = topBy(touched, (other) => accumulator[other], opts.maxCandidates);
    for (const other of touched) accumulator[other] = 0;
    touched.length = 0;

    const ranked = candidates
      .map((other) => ({ other, score: cosineWithDense(dense, vectors[other]) }))
      .filter((match) => match.score >= opts.minScore)
      .sort((a, b) => b.score - a.score || inputs[a.other].id.localeCompare(inputs[b.other].id));

    const input = inputs[doc];
    const matches: SimilarMatch[] = [];
    for (const { other, score } of ranked) {
      // Measured against the best neighbour listed: one alike through ordinary words sets no bar.
      if (matches.length === opts.limit || (matches.length > 0 && score < matches[0].score * MIN_SHARE_OF_BEST)) break;
      // A reason names mechanism terms among the strongest of both write-ups, which few others use.
      const contributions = sharedTopTerms(vector, vectors[other], topOf[other]).filter(({ id }) => mechanism(id));
      const terms = contributions.map(({ id }) => id);
      const named = withoutPhraseParts(terms, partA, partB).slice(0, opts.maxReasonTerms);
      // The mechanism terms must carry part of the similarity: when they explain little of the cosine,
      // the two are alike through many small overlaps of ordinary words, not one mechanism.
      const mechanismScore = contributions.reduce((sum, { value }) => sum + value, 0);
      // And one of them must be what both write-ups are about, not a detail of one of them.
      // (By weight, so ties rank alike whatever order the postmortems come in.)
      const central = contributions.some(
        ({ id }) => weightOf(vector, id) >= centralFloor[doc] && weightOf(vectors[other], id) >= centralFloor[other],
      );
      if (named.length === 0 || !central || mechanismScore < MIN_EXPLAINED * score) continue;
      const otherInput = inputs[other];
      matches.push({
        id: otherInput.id,
        score,
        sharedCategories: unique(input.categories).filter((value) => otherInput.categories.includes(value)),
        sharedServices: unique(input.services).filter((value) => otherInput.services.includes(value)),
        sharedTerms: named.map((id) => nameOf(doc, id)),
        mechanismScore,
      });
    }
    similar.set(input.id, matches);
    for (let index = 0; index < vector.terms.length; index++) dense[vector.terms[index]] = 0;

    // Key terms: the strongest distinctive terms others share, from the cause fields first.
    const candidatesForKey = [...vector.top].filter(mechanism);
    const fromCause = candidatesForKey.filter((id) => causeOf[doc].has(id));
    const chosen = withoutPhraseParts(
      [...fromCause, ...candidatesForKey.filter((id) => !causeOf[doc].has(id))],
      partA,
      partB,
    ).slice(0, opts.maxKeyTerms);
    keyTerms.set(
      input.id,
      chosen.map((id) => nameOf(doc, id)),
    );
  }

  return { similar, keyTerms };
}

/**
 * The organisations of a knowledge base: which postmortem is whose, which names the text of each
 * mentions (a customer's write-up of an AWS outage names "Amazon"), and which terms belong to one
 * of them (see ORGANISATION_TERM_SHARE).
 */
class Organisations {
  /** Per postmortem, the index of its organisation, or -1. */
  readonly owner: Int32Array;
  /** Per postmortem, the organisations its text names. */
  readonly mentioned: ReadonlySet<number>[] = [];
  private readonly postmortemsOf: Int32Array;
  /** Per organisation, the stems of its name. */
  private readonly names: string[][] = [];
  /** Per stem, the organisations whose name has it. */
  private readonly byStem = new Map<string, number[]>();

  constructor(inputs: readonly SimilarityInput[]) {
    const index = new Map<string, number>();
    this.owner = Int32Array.from(inputs, (input) => {
      const key = input.organisation?.trim().toLowerCase();
      if (!key) return -1;
      let at = index.get(key);
      if (at === undefined) {
        at = this.names.length;
        index.set(key, at);
        const stems = [...new Set(tokenize(key).map((token) => token.stem))];
        this.names.push(stems);
        for (const stem of stems) this.byStem.set(stem, [...(this.byStem.get(stem) ?? []), at]);
      }
      return at;
    });
    this.postmortemsOf = new Int32Array(this.names.length);
    for (const owner of this.owner) if (owner >= 0) this.postmortemsOf[owner]++;
  }

  /** Collects, from one postmortem's words, the organisations it names (every word of the name). */
  reader(): { read(stem: string): void; done(): ReadonlySet<number> } {
    const seen = new Map<number, Set<string>>();
    return {
      read: (stem) => {
        for (const organisation of this.byStem.get(stem) ?? []) {
          let stems = seen.get(organisation);
          if (!stems) seen.set(organisation, (stems = new Set()));
          stems.add(stem);
        }
      },
      done: () =>
        new Set(
          [...seen]
            .filter(([organisation, stems]) => stems.size === this.names[organisation].length)
            .map(([organisation]) => organisation),
        ),
    };
  }

  /** Whether a feature is the vocabulary of one organisation (see ORGANISATION_TERM_SHARE). */
  terms(counts: readonly Counts[], df: Int32Array, shares: boolean): (id: number) => boolean {
    if (!shares || this.names.length === 0) return () => false;
    // Majority vote per feature among the postmortems that have an organisation (Boyer-Moore),
    // then an exact count of the postmortems that are the winner's or name it.
    const candidate = new Int32Array(df.length).fill(-1);
    const votes = new Int32Array(df.length);
    counts.forEach((count, doc) => {
      const organisation = this.owner[doc];
      if (organisation < 0) return;
      for (const id of count.ids) {
        if (votes[id] === 0) {
          candidate[id] = organisation;
          votes[id] = 1;
        } else if (candidate[id] === organisation) votes[id]++;
        else votes[id]--;
      }
    });
    const same = new Int32Array(df.length);
    counts.forEach((count, doc) => {
      const organisation = this.owner[doc];
      const mentioned = this.mentioned[doc];
      for (const id of count.ids) {
        if (candidate[id] >= 0 && (candidate[id] === organisation || mentioned.has(candidate[id]))) same[id]++;
      }
    });
    const half = counts.length / 2;
    return (id) =>
      df[id] > 1 &&
      candidate[id] >= 0 &&
      same[id] >= ORGANISATION_TERM_SHARE * df[id] &&
      this.postmortemsOf[candidate[id]] <= half;
  }
}

/** Per feature, the postmortems whose top terms include it, strongest weight first, capped. */
function buildPostings(
  vectors: readonly Vector[],
  featureCount: number,
  maxPostings: number,
): Map<number, { docs: Int32Array; weights: Float64Array }> {
  const lists = new Map<number, { doc: number; weight: number }[]>();
  vectors.forEach((vector, doc) => {
    for (const id of vector.top) {
      const weight = vector.weights[binarySearch(vector.terms, id)];
      let list = lists.get(id);
      if (!list) lists.set(id, (list = []));
      list.push({ doc, weight });
    }
  });
  const postings = new Map<number, { docs: Int32Array; weights: Float64Array }>();
  for (const [id, list] of lists) {
    // A term only one postmortem is indexed under proposes nobody.
    if (list.length < 2 || id >= featureCount) continue;
    list.sort((a, b) => b.weight - a.weight || a.doc - b.doc);
    if (list.length > maxPostings) list.length = maxPostings;
    postings.set(id, {
      docs: Int32Array.from(list, (posting) => posting.doc),
      weights: Float64Array.from(list, (posting) => posting.weight),
    });
  }
  return postings;
}

/** The weight of a feature in a vector (which has it). */
function weightOf(vector: Vector, id: number): number {
  return vector.weights[binarySearch(vector.terms, id)];
}

function binarySearch(sorted: Int32Array, value: number): number {
  let low = 0;
  let high = sorted.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (sorted[middle] < value) low = middle + 1;
    else if (sorted[middle] > value) high = middle - 1;
    else return middle;
  }
  return -1;
}

/** Score of a vector held densely (by feature id) and a sparse one: their cosine, with pivoted lengths. */
function cosineWithDense(dense: Float64Array, b: Vector): number {
  let score = 0;
  for (let index = 0; index < b.terms.length; index++) score += dense[b.terms[index]] * b.weights[index];
  return Math.min(1, score);
}

/** The top terms two vectors share, largest contribution to their cosine first. */
function sharedTopTerms(a: Vector, b: Vector, bTop: ReadonlySet<number>): { id: number; value: number }[] {
  const contributions: { id: number; value: number }[] = [];
  for (const id of a.top) {
    if (!bTop.has(id)) continue;
    const value = a.weights[binarySearch(a.terms, id)] * b.weights[binarySearch(b.terms, id)];
    contributions.push({ id, value });
  }
  return contributions.sort((x, y) => y.value - x.value || x.id - y.id);
}

/** A phrase names its words: "leap second" is listed, "leap" and "second" then are not. */
function withoutPhraseParts(terms: readonly number[], partA: readonly number[], partB: readonly number[]): number[] {
  const covered = new Set(terms.flatMap((id) => (partA[id] >= 0 ? [partA[id], partB[id]] : [])));
  return terms.filter((id) => !covered.has(id));
}

/** Phrase ids by their two word ids: an open-addressing table, so millions of phrases make no garbage. */
class PairTable {
  private capacity = 1 << 16;
  private size = 0;
  private keys = new Int32Array(this.capacity * 2).fill(-1);
  private values = new Int32Array(this.capacity);

  /** The value of (a, b); `value` the first time the pair is seen. */
  intern(a: number, b: number, value: number): number {
    let slot = this.find(a, b);
    if (this.keys[slot * 2] !== -1) return this.values[slot];
    if ((this.size + 1) * 2 > this.capacity) {
      this.grow();
      slot = this.find(a, b);
    }
    this.size++;
    this.keys[slot * 2] = a;
    this.keys[slot * 2 + 1] = b;
    return (this.values[slot] = value);
  }

  private find(a: number, b: number): number {
    const mask = this.capacity - 1;
    let slot = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca77)) & mask;
    while (this.keys[slot * 2] !== -1 && (this.keys[slot * 2] !== a || this.keys[slot * 2 + 1] !== b)) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  private grow(): void {
    const { keys, values, capacity } = this;
    this.capacity *= 2;
    this.keys = new Int32Array(this.capacity * 2).fill(-1);
    this.values = new Int32Array(this.capacity);
    for (let slot = 0; slot < capacity; slot++) {
      const a = keys[slot * 2];
      if (a === -1) continue;
      const b = keys[slot * 2 + 1];
      const at = this.find(a, b);
      this.keys[at * 2] = a;
      this.keys[at * 2 + 1] = b;
      this.values[at] = values[slot];
    }
  }
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
 * Why two postmortems are listed together, in words a reader can check: the shared mechanism,
 * then the services both name, e.g. "shared: leap second, clock; same service: ntp".
 */
export function describeMatch(match: SimilarMatch): string {
  const parts: string[] = [];
  if (match.sharedTerms.length > 0) parts.push(`shared: ${match.sharedTerms.join(', ')}`);
  if (match.sharedServices.length > 0) {
    parts.push(`same service${match.sharedServices.length > 1 ? 's' : ''}: ${match.sharedServices.join(', ')}`);
  }
  return parts.join('; ');
}
