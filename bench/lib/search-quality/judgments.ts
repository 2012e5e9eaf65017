/**
 * A judged query set (tests/corpus/search/<corpus>/queries.json): queries as an on-call engineer
 * types them, the documents judged relevant by reading, and the failure mechanism of documents.
 * Documents are named by their source file's id (see `sourceId`), which does not change when
 * the importer changes a title or a date.
 */

export const QUERY_KINDS = [
  'symptom',
  'cause',
  'abbreviation',
  'misspelling',
  'paraphrase',
  'partial',
  'service',
] as const;
export type QueryKind = (typeof QUERY_KINDS)[number];

export interface JudgedQuery {
  query: string;
  kind: QueryKind;
  relevant: string[];
  why: string;
}

export interface Judgments {
  queries: JudgedQuery[];
  /** Judged failure mechanisms per document id. */
  mechanisms: Record<string, string[]>;
  /** Documents whose Similar incidents list is scored (each must have mechanisms). */
  similarPages: string[];
}

/** A source file's id: its name up to the first space, without `.md` ("PM2020-004 - x.md" -> "PM2020-004"). */
export function sourceId(fileName: string): string {
  return fileName.replace(/\.md$/, '').split(' ')[0];
}

const isStringList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string' && item.trim() !== '');

type Problem = (place: string, message: string) => void;

/** Checks a list of judged queries, reporting each problem with its place. */
function checkQueries(queries: unknown, at: Problem, knownIds: ReadonlySet<string>) {
  if (!Array.isArray(queries) || queries.length === 0) at('queries', 'must be a non-empty list');
  const seen = new Set<string>();
  (Array.isArray(queries) ? queries : []).forEach((entry: Record<string, unknown>, index) => {
    const place = `queries[${index}]`;
    if (typeof entry?.query !== 'string' || entry.query.trim() === '') return at(place, 'query must be non-empty text');
    if (seen.has(entry.query)) at(place, `"${entry.query}" is listed twice`);
    seen.add(entry.query);
    if (!QUERY_KINDS.includes(entry.kind as QueryKind)) at(`${place}.kind`, `must be one of ${QUERY_KINDS.join(', ')}`);
    if (!isStringList(entry.relevant) || entry.relevant.length === 0)
      at(`${place}.relevant`, 'must list at least one judged document id');
    else
      entry.relevant.forEach((id) => {
        if (!knownIds.has(id)) at(`${place}.relevant`, `"${id}" is not a document of this corpus`);
      });
    if (typeof entry.why !== 'string' || entry.why.trim() === '')
      at(`${place}.why`, 'must say why the documents are relevant');
  });
}

/**
 * A held-out query set (`holdout.json`): judged queries only, in the format of `queries.json`,
 * kept apart so that a ranking tuned on `queries.json` is also measured on queries it never saw.
 * `tuned` are the tuned set's queries: a held-out query must not repeat one.
 */
export function readHoldout(
  file: string,
  data: unknown,
  knownIds: ReadonlySet<string>,
  tuned: readonly JudgedQuery[],
): JudgedQuery[] {
  const problems: string[] = [];
  const at: Problem = (place, message) => problems.push(`${file}: ${place}: ${message}`);
  if (typeof data !== 'object' || data === null) throw new Error(`${file}: expected an object with queries`);
  const { queries } = data as Record<string, unknown>;
  checkQueries(queries, at, knownIds);
  const tunedQueries = new Set(tuned.map((q) => q.query.toLowerCase()));
  (Array.isArray(queries) ? (queries as JudgedQuery[]) : []).forEach((entry, index) => {
    if (typeof entry?.query === 'string' && tunedQueries.has(entry.query.toLowerCase()))
      at(`queries[${index}]`, `"${entry.query}" is also in the tuned set; a held-out query must be new`);
  });
  if (problems.length) throw new Error(problems.join('\n'));
  return queries as JudgedQuery[];
}

/** Checks the parsed file and throws one error listing every problem with its place. */
export function readJudgments(file: string, data: unknown, knownIds: ReadonlySet<string>): Judgments {
  const problems: string[] = [];
  const at: Problem = (place, message) => problems.push(`${file}: ${place}: ${message}`);
  if (typeof data !== 'object' || data === null)
    throw new Error(`${file}: expected an object with queries, mechanisms and similarPages`);
  const { queries, mechanisms, similarPages } = data as Record<string, unknown>;
  const unknownId = (place: string, id: string) => {
    if (!knownIds.has(id)) at(place, `"${id}" is not a document of this corpus`);
  };
  checkQueries(queries, at, knownIds);

  if (typeof mechanisms !== 'object' || mechanisms === null) at('mechanisms', 'must map document ids to label lists');
  for (const [id, labels] of Object.entries((mechanisms as Record<string, unknown>) ?? {})) {
    unknownId(`mechanisms.${id}`, id);
    if (!isStringList(labels) || labels.length === 0) at(`mechanisms.${id}`, 'must be a non-empty list of labels');
  }
  if (!isStringList(similarPages)) at('similarPages', 'must be a list of document ids');
  for (const id of isStringList(similarPages) ? similarPages : []) {
    unknownId('similarPages', id);
    if (!(mechanisms as Record<string, unknown>)?.[id]) at('similarPages', `"${id}" has no judged mechanisms`);
  }
  if (problems.length) throw new Error(problems.join('\n'));
  return data as Judgments;
}
