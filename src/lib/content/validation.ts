/**
 * Checks postmortem files against the schema and against each other. Pure: it takes file
 * names and text and returns problems, so the CLI, the build and the tests share it.
 */
import { crossFieldIssues, postmortemSchema, type Postmortem } from '../core/schema.ts';
import { readableFields, type ReadableFields } from './readable-fields.ts';
import type { z } from 'zod';
import { explainIssue } from './error-map.ts';
import {
  fieldName,
  parseFrontmatter,
  readFrontmatterQuickly,
  splitSource,
  yamlFeatureProblems,
  type Position,
} from './frontmatter.ts';
import { fileDateOf, INCIDENT_YEARS, recordedYear, UNDATED } from '../core/time.ts';
import { processBody, type RenderedBody } from './body.ts';
import { describeCharacterAt, quoted, unsafeCharacterIndex, unsafeCharacters } from '../core/characters.ts';
import { FILE_NAME_PATTERN, idOf, type Problem, type ProblemRule, type ProblemSeverity } from './problems.ts';

export { checkCollection } from './collection.ts';
export { formatProblem, idOf, type Problem } from './problems.ts';

export interface SourceFile {
  /** Path used in messages. */
  file: string;
  /** File name without folders, which gives the entry id. */
  name: string;
  text: string;
}

export interface CheckedPostmortem {
  file: string;
  id: string;
  /** Validated data; undefined when the frontmatter has errors. */
  data?: Postmortem;
  /** When the frontmatter has errors: the fields that did parse, which the other rules still check. */
  readable?: ReadableFields;
  body: string;
  bodyStartLine: number;
  /** The body as sanitized HTML; only when the file has no problem and rendering was asked for. */
  rendered?: RenderedBody;
  /**
   * The body as sanitized HTML when the body itself passed every check, whatever the frontmatter's
   * problems; only when a preview was asked for (`astro dev` shows a file with problems this way).
   */
  bodyPreview?: RenderedBody;
  problems: Problem[];
  /** Where a frontmatter field was written in this file. */
  locate(path: readonly PropertyKey[]): Position;
}

/** Years a postmortem's dates may fall in: incident years from the first (see INCIDENT_YEARS) to 2100 for due dates. */
export const PLAUSIBLE_YEARS = {
  get first(): number {
    return INCIDENT_YEARS.earliest();
  },
  last: 2100,
};

export interface CheckOptions {
  /** Render the body to HTML too (the build does; `npm run validate` need not). Default true. */
  render?: boolean;
  /**
   * Keep the body's HTML when only the frontmatter or the file name has problems, as
   * `bodyPreview` (the dev server's page for a file with problems). Needs `render`.
   */
  preview?: boolean;
}

/**
 * Checks one file on its own: frontmatter, schema, body and file name. This is the one
 * per-file function: `npm run validate`, the build's content loader and the importer's checks
 * all call it, so they cannot disagree on a verdict.
 */
export function checkPostmortemSource(source: SourceFile, options: CheckOptions = {}): CheckedPostmortem {
  const problems: Problem[] = [];
  const id = idOf(source.name);
  const report = (at: Position, field: string, message: string, rule: ProblemRule, severity: ProblemSeverity = 'error') =>
    problems.push({ file: source.file, line: at.line, column: at.column, field, message, severity, rule });

  // Line breaks are line feeds (or CR LF); a file broken by carriage returns alone (classic Mac
  // OS) is one line to every Markdown and YAML reader here, which would misread its frontmatter.
  if (source.text.includes('\r') && !source.text.includes('\n')) {
    report(
      { line: 1, column: 1 },
      '(file)',
      'ends its lines with carriage returns only (CR, classic Mac OS line endings); save it with LF or CRLF line endings',
      'file',
    );
    return { file: source.file, id, body: '', bodyStartLine: 1, problems, locate: () => ({ line: 1, column: 1 }) };
  }
  const split = splitSource(source.text);
  const result: CheckedPostmortem = {
    file: source.file,
    id,
    body: split.body,
    bodyStartLine: split.bodyStartLine,
    problems,
    locate: () => ({ line: 1, column: 1 }),
  };
  if (split.problem || split.yaml === undefined) {
    const problem = split.problem!;
    report(problem, problem.field, problem.message, 'frontmatter');
    return result;
  }
  // The body is parsed once, checked on that tree and rendered from it (see body.ts), so
  // building a stranger's pull request runs nothing of theirs and publishes only sanitized HTML.
  const body = processBody(split.body, /\.mdx$/i.test(source.name) ? 'mdx' : 'md', { render: options.render });
  for (const unsafe of body.problems) {
    const line = split.bodyStartLine + unsafe.line - 1;
    report({ line, column: unsafe.column }, '(body)', unsafe.message, unsafe.rule);
  }
  // Characters no text may hold, written raw into the file. In the frontmatter YAML readers
  // disagree on them (one refuses, one keeps, both drop a raw NEL), so none of them reads it.
  const yamlText = split.yaml;
  let positioned: ReturnType<typeof parseFrontmatter> | undefined;
  const slowParse = () => (positioned ??= parseFrontmatter(yamlText, split.yamlStartLine));
  const raw = unsafeCharacters(source.text);
  for (const found of raw) {
    const inFrontmatter = found.line < split.bodyStartLine;
    const field = inFrontmatter ? slowParse().fieldOnLine(found.line, found.column) : '(body)';
    report(
      found,
      field,
      `holds ${found.character} at column ${found.column}; ${inFrontmatter ? 'text fields take' : 'a postmortem takes'} printable characters, tabs and line breaks only: remove it`,
      'control-character',
    );
  }
  // The body passed the same checks as a published one: nothing unsafe in it, whatever the rest says.
  if (options.preview && body.rendered && !raw.some((found) => found.line >= split.bodyStartLine)) {
    result.bodyPreview = body.rendered;
  }
  if (raw.some((found) => found.line < split.bodyStartLine)) return result;
  const features = yamlFeatureProblems(yamlText, split.yamlStartLine);
  if (features.length > 0) {
    // Tags, anchors and merge keys are read differently by different YAML readers: refuse them
    // before any reader gives them a meaning.
    for (const problem of features) report(problem, problem.field, problem.message, 'frontmatter');
    return result;
  }
  result.locate = (path) => slowParse().locate(path);
  // Fast path: js-yaml, about ten times faster than a positioned parse; only files with
  // problems pay for the parse that knows lines and columns.
  const quick = readFrontmatterQuickly(yamlText);
  const validated = quick === undefined ? undefined : postmortemSchema.safeParse(quick);
  if (quick !== undefined) {
    checkDateRange(quick, result.locate, report);
    checkText(quick, result.locate, report);
  }
  if (validated?.success) {
    result.data = validated.data;
  } else {
    const parsed = slowParse();
    for (const problem of parsed.problems) report(problem, problem.field, problem.message, 'frontmatter');
    if (parsed.data === undefined) return result;
    if (quick === undefined) {
      checkDateRange(parsed.data as Record<string, unknown>, result.locate, report);
      checkText(parsed.data as Record<string, unknown>, result.locate, report);
    }
    const checked = postmortemSchema.safeParse(parsed.data);
    if (!checked.success) {
      for (const issue of checked.error.issues) {
        for (const explained of explainIssue(postmortemSchema, issue, parsed.data)) {
          report(parsed.locate(explained.path), fieldName(explained.path), explained.message, 'schema');
        }
      }
      // zod runs the rules across fields only when every field parses (their issues are then
      // among those above): run them on the fields that do, so a time out of order is reported
      // in the same run as a wrong value elsewhere.
      result.readable = readableFields(parsed.data);
      const { data: readable, unreadable } = result.readable;
      for (const { path, message } of unreadable.length > 0 ? crossFieldIssues(readable, unreadable) : []) {
        const issue: z.core.$ZodIssue = { code: 'custom', path, message, input: undefined };
        for (const explained of explainIssue(postmortemSchema, issue, parsed.data)) {
          report(parsed.locate(explained.path), fieldName(explained.path), explained.message, 'schema');
        }
      }
    } else {
      result.data = checked.data;
    }
  }

  const nameMatch = FILE_NAME_PATTERN.exec(source.name);
  // The start as validated, or as read when other fields have errors.
  const started = result.data?.started ?? result.readable?.data.started;
  if (!nameMatch) {
    report(
      { line: 1, column: 1 },
      '(file)',
      `file name ${quoted(source.name)} must be YYYY-MM-DD-some-slug.mdx (or .md): the start date, then lower-case words joined by hyphens`,
      'file',
    );
  } else if (started !== undefined && nameMatch[1] !== fileDateOf(started)) {
    const date = fileDateOf(started);
    report(
      result.locate(['started']),
      'started',
      `file name starts with ${nameMatch[1]} but ${date === UNDATED ? 'the start is unknown (undated entries start with 0000-00-00)' : `started is on ${date}`}; rename the file to ${date}-${nameMatch[2]}.${nameMatch[3]} or fix the time`,
      'file',
    );
  }
  // Nothing of a file with problems is published, so nothing of it is rendered either.
  if (!problems.some((problem) => problem.severity === 'error')) {
    result.rendered = body.rendered;
    // A clean file needs no preview: its page is the published one.
    delete result.bodyPreview;
  }
  return result;
}

/** Every time and date field of raw frontmatter data with its path, as written. */
function datesOf(data: Record<string, unknown>): { path: PropertyKey[]; value: unknown }[] {
  const found: { path: PropertyKey[]; value: unknown }[] = [];
  const list = (value: unknown) => (Array.isArray(value) ? value : []);
  const field = (value: unknown, key: string) =>
    value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  // A time written as { at, precision } is checked, and pointed at, through its `at`.
  const time = (path: PropertyKey[], value: unknown) =>
    found.push(
      value !== null && typeof value === 'object' && 'at' in value
        ? { path: [...path, 'at'], value: (value as { at: unknown }).at }
        : { path, value },
    );
  for (const key of ['started', 'detected', 'mitigated', 'resolved']) time([key], data[key]);
  list(data.timeline).forEach((entry, index) => found.push({ path: ['timeline', index, 'at'], value: field(entry, 'at') }));
  list(field(data.response, 'escalations')).forEach((entry, index) =>
    found.push({ path: ['response', 'escalations', index, 'at'], value: field(entry, 'at') }),
  );
  list(data.actionItems).forEach((item, index) => {
    found.push({ path: ['actionItems', index, 'due'], value: field(item, 'due') });
    found.push({ path: ['actionItems', index, 'closed'], value: field(item, 'closed') });
  });
  return found.filter((date) => date.value !== undefined && date.value !== null);
}

/** Times and dates outside {@link PLAUSIBLE_YEARS}: a typo such as 0024 or 3024 would chart a century away. */
function checkDateRange(
  data: Record<string, unknown>,
  locate: (path: readonly PropertyKey[]) => Position,
  report: (at: Position, field: string, message: string, rule: ProblemRule) => void,
): void {
  // Read once per file: the first year comes from the environment, which is slow to read.
  const first = PLAUSIBLE_YEARS.first;
  for (const { path, value } of datesOf(data)) {
    const year = recordedYear(value);
    if (year === undefined) continue;
    if (year < first || year > PLAUSIBLE_YEARS.last) {
      report(
        locate(path),
        fieldName(path),
        `${JSON.stringify(value)} is in the year ${year}; times and dates must fall between ${first} and ${PLAUSIBLE_YEARS.last} (write all four digits of the year${first === 1970 ? '; a collection of older incidents sets KB_EARLIEST_YEAR' : ''})`,
        'date-range',
      );
    }
  }
}

/**
 * Text that YAML escapes (`"\e[2J"`, `"\x01"`, `"\ud800"`) put control characters or lone
 * surrogates into, field by field (keys too): they would make the feed ill-formed XML, or turn
 * into U+FFFD on a page.
 */
function checkText(
  data: Record<string, unknown>,
  locate: (path: readonly PropertyKey[]) => Position,
  report: (at: Position, field: string, message: string, rule: ProblemRule) => void,
): void {
  const visit = (value: unknown, path: PropertyKey[]) => {
    if (typeof value === 'string') {
      const index = unsafeCharacterIndex(value);
      if (index === -1) return;
      const shown = value.length > 60 ? `${value.slice(0, 60)}…` : value;
      report(
        locate(path),
        fieldName(path),
        `${quoted(shown)} holds ${describeCharacterAt(value, index)} at character ${index + 1}; text fields take printable characters, tabs and line breaks only: remove it`,
        'control-character',
      );
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => visit(item, [...path, index]));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        if (unsafeCharacterIndex(key) !== -1) {
          report(
            locate([...path, key]),
            fieldName([...path, key]),
            `the field name ${quoted(key)} holds ${describeCharacterAt(key, unsafeCharacterIndex(key))}; remove it`,
            'control-character',
          );
        } else {
          visit(item, [...path, key]);
        }
      }
    }
  };
  visit(data, []);
}
