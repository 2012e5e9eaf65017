/**
 * Ranked-retrieval measures over judged queries: recall at a cut-off, reciprocal rank of the
 * first relevant result, and the queries that got no result at all. Pure; ids are opaque.
 */

/** Share of the relevant documents found in the first `k` results (1 when all are there). */
export function recallAt(k: number, ranked: readonly string[], relevant: ReadonlySet<string>): number {
  if (relevant.size === 0) throw new Error('recall is undefined for a query with no relevant document');
  if (!Number.isInteger(k) || k < 1) throw new Error(`k must be a positive integer, got ${k}`);
  const top = new Set(ranked.slice(0, k));
  let found = 0;
  for (const id of relevant) if (top.has(id)) found++;
  return found / relevant.size;
}

/** 1 / rank of the first relevant result, 0 when none is listed. */
export function reciprocalRank(ranked: readonly string[], relevant: ReadonlySet<string>): number {
  if (relevant.size === 0) throw new Error('reciprocal rank is undefined for a query with no relevant document');
  const index = ranked.findIndex((id) => relevant.has(id));
  return index === -1 ? 0 : 1 / (index + 1);
}

export interface QueryOutcome {
  query: string;
  ranked: readonly string[];
  relevant: ReadonlySet<string>;
}

export interface RetrievalSummary {
  queries: number;
  recallAt5: number;
  recallAt10: number;
  meanReciprocalRank: number;
  /** Queries whose result list was empty. */
  noResult: string[];
  /** Queries with results, none of them relevant in the first 10. */
  missedInTop10: string[];
}

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

/** Averages the measures over every query (each query weighs the same). */
export function summarizeRetrieval(outcomes: readonly QueryOutcome[]): RetrievalSummary {
  if (outcomes.length === 0) throw new Error('no queries to summarize');
  return {
    queries: outcomes.length,
    recallAt5: mean(outcomes.map((o) => recallAt(5, o.ranked, o.relevant))),
    recallAt10: mean(outcomes.map((o) => recallAt(10, o.ranked, o.relevant))),
    meanReciprocalRank: mean(outcomes.map((o) => reciprocalRank(o.ranked, o.relevant))),
    noResult: outcomes.filter((o) => o.ranked.length === 0).map((o) => o.query),
    missedInTop10: outcomes
      .filter((o) => o.ranked.length > 0 && recallAt(10, o.ranked, o.relevant) === 0)
      .map((o) => o.query),
  };
}
