/**
 * The evaluation's report as Markdown: the table the issue uses, per corpus, then the similar
 * incidents scores and the per-query ranks that explain them.
 */
import type { RetrievalSummary } from './metrics.ts';

export interface SimilarScore {
  pages: number;
  neighbours: number;
  sharing: number;
  /** Neighbours with no judged mechanism: counted as not sharing, listed so they can be judged. */
  unjudged: string[];
  genericReasons: number;
  genericExamples: string[];
  markup: 'contract' | 'fallback';
  pagesWithoutNeighbours: string[];
}

export interface QueryRow {
  query: string;
  kind: string;
  relevant: number;
  siteFirst: number | undefined;
  siteCount: number;
  bm25First: number | undefined;
  bm25Count: number;
  /** The first three results of each as page slugs, relevant ones marked, to audit the judgments. */
  siteTop: string[];
  bm25Top: string[];
}

/** One query set scored on the site and on BM25. */
export interface RetrievalScores {
  site: RetrievalSummary;
  bm25: RetrievalSummary;
  rows: QueryRow[];
}

export interface CorpusReport extends RetrievalScores {
  corpus: string;
  source: string;
  pages: number;
  note: string;
  reader: 'contract' | 'fallback';
  /** The held-out queries (`holdout.json`), never used to tune the ranking. */
  holdout?: RetrievalScores;
  similar: SimilarScore;
  notOnSite: string[];
}

const two = (value: number) => value.toFixed(2);
const rank = (value: number | undefined) => (value === undefined ? '–' : String(value));

export function renderTable(reports: readonly CorpusReport[]): string {
  const lines = ['| corpus | | recall@5 | recall@10 | MRR | queries with no result |', '|---|---|---|---|---|---|'];
  for (const report of reports) {
    const reader =
      report.reader === 'fallback'
        ? "the site's search (read from Pagefind's Component UI, fallback)"
        : "the site's search";
    const sets: [string, RetrievalScores][] = [['queries', report]];
    if (report.holdout) sets.push(['held-out queries', report.holdout]);
    for (const [kind, scores] of sets) {
      const label = `${report.corpus} (${report.pages} pages, ${scores.site.queries} ${kind})`;
      const row = (name: string, s: RetrievalSummary) =>
        `| ${label} | ${name} | ${two(s.recallAt5)} | ${two(s.recallAt10)} | ${two(s.meanReciprocalRank)} | ${s.noResult.length} of ${s.queries} |`;
      lines.push(row(reader, scores.site), row('plain BM25 over title + body', scores.bm25));
    }
  }
  lines.push(
    '',
    '| corpus | listed similar incidents that share the judged mechanism | reasons that name a generic word |',
    '|---|---|---|',
  );
  for (const { corpus, similar } of reports) {
    lines.push(
      `| ${corpus} | ${similar.sharing} of ${similar.neighbours} on ${similar.pages} pages (${similar.unjudged.length} unjudged) | ${similar.genericReasons} of ${similar.neighbours} |`,
    );
  }
  return lines.join('\n');
}

/** A query set's empty results and its per-query ranks, under a heading. */
function queryRows(heading: string, scores: RetrievalScores): string[] {
  const lines = [
    '',
    `### ${heading}`,
    '',
    `No result on the site: ${scores.site.noResult.map((q) => `"${q}"`).join(', ') || 'none'}.`,
    `No result from BM25: ${scores.bm25.noResult.map((q) => `"${q}"`).join(', ') || 'none'}.`,
    '',
    '| query | kind | relevant | site: first relevant at | site results | BM25: first relevant at | BM25 results | site top 3 | BM25 top 3 |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const row of scores.rows) {
    lines.push(
      `| ${row.query} | ${row.kind} | ${row.relevant} | ${rank(row.siteFirst)} | ${row.siteCount} | ${rank(row.bm25First)} | ${row.bm25Count} | ${row.siteTop.join('<br>')} | ${row.bm25Top.join('<br>')} |`,
    );
  }
  return lines;
}

export function renderReport(reports: readonly CorpusReport[], command: string): string {
  const parts = [`# Search quality, measured`, '', `Command: \`${command}\``, '', renderTable(reports)];
  for (const report of reports) {
    parts.push('', `## ${report.corpus}`, '', `Source: ${report.source}. ${report.note}`);
    if (report.notOnSite.length)
      parts.push(
        '',
        `Judged documents not on the built site (left out of the judgments): ${report.notOnSite.join(', ')}`,
      );
    const s = report.similar;
    parts.push(
      '',
      `Similar incidents (${s.markup === 'fallback' ? 'read from `.similar li` / `.reason`, fallback' : 'read from `li[data-similar]`'}): ${s.sharing} of ${s.neighbours} listed neighbours on ${s.pages} judged pages share a judged mechanism; ${s.genericReasons} of ${s.neighbours} reasons name a generic word${
        s.genericExamples.length
          ? ` (e.g. ${s.genericExamples
              .slice(0, 8)
              .map((e) => `"${e}"`)
              .join(', ')})`
          : ''
      }.`,
    );
    if (s.pagesWithoutNeighbours.length)
      parts.push(`Judged pages listing no similar incident: ${s.pagesWithoutNeighbours.join(', ')}.`);
    if (s.unjudged.length)
      parts.push(
        `Listed neighbours with no judged mechanism (counted as not sharing): ${[...new Set(s.unjudged)].join(', ')}.`,
      );
    parts.push(...queryRows('Tuned queries (`queries.json`)', report));
    if (report.holdout)
      parts.push(...queryRows('Held-out queries (`holdout.json`, never used to tune the ranking)', report.holdout));
  }
  return `${parts.join('\n')}\n`;
}
