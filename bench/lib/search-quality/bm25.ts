/**
 * A plain Okapi BM25 ranker (k1 = 1.2, b = 0.75) over title + body, the yardstick the site's
 * search is compared with: no stemming, no synonyms, no phrase logic, any query word may match.
 */

export interface Bm25Document {
  id: string;
  text: string;
}

export interface Bm25Options {
  k1?: number;
  b?: number;
}

interface IndexedDocument {
  id: string;
  length: number;
  counts: Map<string, number>;
}

export interface Bm25Index {
  documents: IndexedDocument[];
  /** Number of documents each term occurs in. */
  documentFrequency: Map<string, number>;
  averageLength: number;
  k1: number;
  b: number;
}

/** Lower-cased runs of letters and digits (Unicode-aware); everything else separates words. */
export function tokenize(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

export function buildBm25Index(documents: readonly Bm25Document[], options: Bm25Options = {}): Bm25Index {
  const documentFrequency = new Map<string, number>();
  const indexed = documents.map(({ id, text }) => {
    const counts = new Map<string, number>();
    const tokens = tokenize(text);
    for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
    for (const term of counts.keys()) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
    return { id, length: tokens.length, counts };
  });
  const total = indexed.reduce((sum, document) => sum + document.length, 0);
  return {
    documents: indexed,
    documentFrequency,
    averageLength: indexed.length ? total / indexed.length : 0,
    k1: options.k1 ?? 1.2,
    b: options.b ?? 0.75,
  };
}

/** Robertson-Sparck Jones weight with the +1 that keeps it positive for very common terms. */
export function inverseDocumentFrequency(index: Bm25Index, term: string): number {
  const n = index.documentFrequency.get(term) ?? 0;
  const total = index.documents.length;
  return Math.log(1 + (total - n + 0.5) / (n + 0.5));
}

export interface Bm25Hit {
  id: string;
  score: number;
}

/** Documents matching at least one query word, best first; ties keep corpus order. */
export function rankBm25(index: Bm25Index, query: string): Bm25Hit[] {
  const terms = [...new Set(tokenize(query))];
  const hits: Bm25Hit[] = [];
  for (const document of index.documents) {
    let score = 0;
    for (const term of terms) {
      const frequency = document.counts.get(term);
      if (!frequency) continue;
      const norm = index.k1 * (1 - index.b + (index.b * document.length) / (index.averageLength || 1));
      score += (inverseDocumentFrequency(index, term) * frequency * (index.k1 + 1)) / (frequency + norm);
    }
    if (score > 0) hits.push({ id: document.id, score });
  }
  return hits.sort((a, b) => b.score - a.score);
}
