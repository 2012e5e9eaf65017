/**
 * What every check reports, and the file-name facts every reader of the content folder shares.
 * Kept apart from the checks themselves (and free of parser and schema imports) so the validator's
 * main thread and the build's collection rules load in milliseconds.
 */
import type { BodyRule } from './body.ts';
import type { Position } from './frontmatter.ts';
import { escapeForLog } from '../core/characters.ts';

export type ProblemSeverity = 'error' | 'warning';

/** Which rule a problem breaks; the hostile-content corpus states its expectations in these ids. */
export type ProblemRule =
  | BodyRule
  | 'frontmatter'
  | 'schema'
  | 'file'
  | 'date-range'
  | 'control-character'
  | 'collection'
  | 'catalog'
  | 'review';

export interface Problem extends Position {
  /** File path as given (relative paths read best in logs). */
  file: string;
  /** Field path such as `rootCause.categories[0]`, or `(file)` / `(frontmatter)` / `(body)`. */
  field: string;
  message: string;
  severity: ProblemSeverity;
  rule?: ProblemRule;
}

/** `2024-03-08-auth-login-outage.mdx`: the date incident started (as written) plus a slug. */
export const FILE_NAME_PATTERN = /^(\d{4}-\d{2}-\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\.(mdx|md)$/;
export const POSTMORTEM_EXTENSIONS = ['.mdx', '.md'] as const;

/** Entry id of a file name: the name without its extension, as Astro's glob loader makes it. */
export function idOf(name: string): string {
  return name.replace(/\.(mdx|md)$/i, '');
}

/**
 * `path:line:column  field  message`, the one-line shape editors and CI logs link. Whatever an
 * author wrote (a file name, a field name, a value) stays on that one line, escaped: no control
 * character reaches a terminal and no line starts with `::`, which GitHub Actions runs as a command.
 */
export function formatProblem(problem: Problem): string {
  const tag = problem.severity === 'warning' ? 'warning: ' : '';
  const file = escapeForLog(problem.file);
  const line = `${file.startsWith('::') ? './' : ''}${file}:${problem.line}:${problem.column}  ${escapeForLog(problem.field)}  ${tag}${escapeForLog(problem.message)}`;
  return line;
}

/** Problems in file, then line order, so output reads top to bottom. */
export function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}
