/**
 * What a body check reports: the rule broken, where, and one line saying what would be right.
 * Shared by the checks on the Markdown tree (body-mdx.ts) and on the HTML tree (body-html.ts).
 */

/** Rule ids, shared with the hostile-content corpus and printed by the validator. */
export type BodyRule =
  | 'esm'
  | 'expression'
  | 'jsx-component'
  | 'jsx-attribute'
  | 'raw-html'
  | 'url'
  | 'html-comment'
  | 'syntax'
  | 'control-character'
  | 'limit';

export interface BodyProblem {
  /** 1-based line within the body. */
  line: number;
  column: number;
  rule: BodyRule;
  message: string;
}

export type BodyFormat = 'md' | 'mdx';

export interface Point {
  line: number;
  column: number;
  offset?: number;
}
export interface Positioned {
  position?: { start: Point; end?: Point };
}

/** How a check reports a problem at a point of the body. */
export type Report = (at: Point | undefined, rule: BodyRule, message: string) => void;

/** A URL as its author wrote it: percent-escapes Markdown added (a tab as %09) decoded for reading. */
export function readableUrl(url: string): string {
  let decoded = url;
  try {
    decoded = decodeURIComponent(url);
  } catch {
    // Not valid percent-encoding: show it as written.
  }
  // One problem is one line: line breaks and other controls (but tab, which reads as a gap) are shown escaped.
  return decoded.replace(/[\u0000-\u0008\u000a-\u001f\u007f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function shorten(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** Where satteri stopped, from its `line:column: message` errors. */
export function syntaxProblem(error: unknown): BodyProblem {
  // The parser's own stack ran out: the body nests deeper than any reader here can follow.
  if (error instanceof RangeError && /call stack/i.test(error.message))
    return { line: 1, column: 1, rule: 'limit', message: 'the body is nested too deeply to be read (lists, quotes or elements inside each other, thousands of levels); flatten it' };
  const text = error instanceof Error ? error.message : String(error);
  const match = /^(\d+):(\d+)(?:-\d+:\d+)?:\s*([\s\S]*)$/.exec(text.trim());
  const message = match ? match[3].trim() : text;
  return {
    line: match ? Number(match[1]) : 1,
    column: match ? Number(match[2]) : 1,
    rule: 'syntax',
    message: `the MDX parser cannot read this: ${shorten(message, 200)}. Escape a literal {, } or < with a backslash (\\{ \\} \\<), put code in backticks, or rename the file to .md`,
  };
}

export function sortProblems(problems: BodyProblem[]): BodyProblem[] {
  return problems.sort((a, b) => a.line - b.line || a.column - b.column);
}
