/**
 * What `astro dev` shows of a postmortem that a production build leaves out: one with problems
 * (the build refuses it) or one not yet published (a draft, or in review). Pure: it takes what
 * the validator's checks found, with their messages unchanged, and returns the record the dev
 * pages render; it decides no verdict of its own. Production builds never make one.
 */
import { z } from 'zod';
import { escapeForLog, unsafeCharacterIndex } from '../core/characters.ts';
import { postmortemStatuses } from '../core/taxonomy.ts';
import { parseFrontmatter, splitSource } from './frontmatter.ts';
import { sortProblems, type Problem } from './problems.ts';
import type { RenderedBody } from './body.ts';

/** Lines of a file shown as written when its frontmatter block cannot be found. */
export const SOURCE_LINES_SHOWN = 40;

const problemSchema = z.object({
  file: z.string(),
  line: z.number(),
  column: z.number(),
  field: z.string(),
  message: z.string(),
  severity: z.enum(['error', 'warning']),
  rule: z.string().optional(),
});

export const previewRecordSchema = z.object({
  /** The entry id (file name without extension): the page is /postmortems/<id>/. */
  id: z.string(),
  /** The file, as the validator names it. */
  file: z.string(),
  /** `invalid`: the build refuses it; `unpublished`: valid, left out because of its status. */
  kind: z.enum(['invalid', 'unpublished']),
  /** The status as written, when it could be read. */
  status: z.string().optional(),
  /** The title as written, when it could be read safely; otherwise pages name the file. */
  title: z.string().optional(),
  /** Errors and warnings, in file and line order, with the validator's own messages. */
  problems: z.array(problemSchema),
  /** The frontmatter as written (fences included), or the first lines when none was found. */
  source: z.object({
    firstLine: z.number(),
    lines: z.array(z.string()),
    /** Lines of the file not shown (only when no frontmatter block was found). */
    more: z.number(),
  }),
  /** Whether the body's HTML comes with the record (it passed every body check). */
  bodyShown: z.boolean(),
  /** Why the body is not shown, when it is not. */
  bodyWithheld: z.string().optional(),
});

export type PreviewRecord = z.infer<typeof previewRecordSchema>;

export interface PreviewInput {
  id: string;
  file: string;
  /** The file's text; undefined when it could not be read as text (binary, too large, a link). */
  text: string | undefined;
  /** Every problem reported for the file (per-file and cross-file), as the validator reports them. */
  problems: readonly Problem[];
  /** The body's sanitized HTML, when it passed every body check (see CheckedPostmortem.bodyPreview). */
  body?: RenderedBody;
}

/**
 * The record for one file left out of the site. A file with any error is `invalid`; one
 * without is `unpublished` (the caller passes only files a production build leaves out).
 */
export function previewOf(input: PreviewInput): PreviewRecord & { body?: RenderedBody } {
  const problems = sortProblems([...input.problems]);
  const invalid = problems.some((problem) => problem.severity === 'error');
  if (input.text === undefined) {
    return {
      id: input.id,
      file: input.file,
      kind: invalid ? 'invalid' : 'unpublished',
      problems: problems.map(plainProblem),
      source: { firstLine: 1, lines: [], more: 0 },
      bodyShown: false,
      bodyWithheld: 'Nothing of the file is shown: it could not be read as a postmortem (see the problem above).',
    };
  }
  const split = splitSource(input.text);
  const found = split.yaml !== undefined && !split.problem;
  const allLines = input.text.split(/\r?\n/);
  const shown = found ? allLines.slice(0, split.bodyStartLine - 1) : allLines.slice(0, SOURCE_LINES_SHOWN);
  const written = found ? readWritten(split.yaml!, split.yamlStartLine, problems) : {};
  // Review warnings about the body (an empty section) do not make it unsafe to show.
  const bodyProblem = problems.some((problem) => problem.severity === 'error' && problem.field === '(body)');
  const bodyShown = found && input.body !== undefined && !bodyProblem;
  return {
    id: input.id,
    file: input.file,
    kind: invalid ? 'invalid' : 'unpublished',
    ...written,
    problems: problems.map(plainProblem),
    source: {
      firstLine: 1,
      lines: shown.map(visibleLine),
      more: found ? 0 : allLines.length - shown.length,
    },
    bodyShown,
    ...(bodyShown
      ? { body: input.body }
      : {
          bodyWithheld: !found
            ? 'The body is not shown: without a frontmatter block the file cannot be split into frontmatter and body.'
            : bodyProblem
              ? 'The body is not shown: it has problems (listed above), and only a body that passes every check is shown.'
              : 'The body is not shown: it could not be checked, so it is not known to be safe to show.',
        }),
  };
}

/** A problem as plain data, the fields the page shows and nothing else. */
function plainProblem({ file, line, column, field, message, severity, rule }: Problem): PreviewRecord['problems'][number] {
  return { file, line, column, field, message, severity, ...(rule ? { rule } : {}) };
}

/**
 * The title and status as written, read only from YAML the validator could read: a file whose
 * frontmatter was refused before reading (broken YAML, tags, anchors, control characters) shows
 * neither, so nothing it holds reaches a page unchecked.
 */
function readWritten(
  yaml: string,
  yamlStartLine: number,
  problems: readonly Problem[],
): { title?: string; status?: string } {
  const unread = problems.some(
    (problem) =>
      problem.severity === 'error' &&
      (problem.rule === 'frontmatter' || problem.rule === 'control-character') &&
      problem.field !== '(body)',
  );
  if (unread) return {};
  const data = parseFrontmatter(yaml, yamlStartLine).data;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return {};
  const text = (value: unknown) =>
    typeof value === 'string' && value.trim() !== '' && unsafeCharacterIndex(value) === -1 ? value.trim() : undefined;
  const { title, status } = data as Record<string, unknown>;
  return { ...definedOnly({ title: text(title), status: text(status) }) };
}

function definedOnly<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as Partial<T>;
}

/** A line as written, with any character no page may hold spelled out (`\u001b`) instead of dropped. */
function visibleLine(line: string): string {
  return unsafeCharacterIndex(line) === -1 ? line : escapeForLog(line);
}

/** The banner's first sentence: why the page is not on the published site, and what puts it there. */
export function previewLead(record: Pick<PreviewRecord, 'kind' | 'status' | 'problems'>): string {
  const errors = record.problems.filter((problem) => problem.severity === 'error').length;
  if (record.kind === 'invalid') {
    return `Not valid — not published; a production build stops on this file until ${errors === 1 ? 'this problem is' : `these ${errors} problems are`} fixed.`;
  }
  const label = record.status && record.status in postmortemStatuses
    ? postmortemStatuses[record.status as keyof typeof postmortemStatuses].label
    : 'Not published';
  return `${label} — not published; a production build leaves it out until its status is "published".`;
}

/** `content/postmortems/x.mdx:12:3`, the place an editor opens. */
export function placeOf(problem: Pick<Problem, 'file' | 'line' | 'column'>): string {
  return `${escapeForLog(problem.file)}:${problem.line}:${problem.column}`;
}
