/**
 * Splits a postmortem file into its YAML frontmatter and body, and maps any field path
 * back to the line and column where the author wrote it, so every problem can point there.
 */
import { CORE_SCHEMA, load as loadYaml } from 'js-yaml';
import { escapeForLog, quoted } from '../core/characters.ts';
import { LIMITS } from '../core/limits.ts';
import {
  CST,
  Document as YamlDocument,
  Lexer,
  LineCounter,
  isMap,
  isPair,
  isScalar,
  isSeq,
  parseDocument,
  stringify,
  type Document,
  type Node,
} from 'yaml';

export interface Position {
  line: number;
  column: number;
}

export interface FrontmatterProblem extends Position {
  field: string;
  message: string;
}

export interface SplitSource {
  /** YAML text between the fences, or undefined when the file has no frontmatter block. */
  yaml?: string;
  /** 1-based line of the first YAML line in the file. */
  yamlStartLine: number;
  /** Everything after the closing fence. */
  body: string;
  /** 1-based line of the first body line in the file. */
  bodyStartLine: number;
  /** Why the frontmatter could not be found, when it could not. */
  problem?: FrontmatterProblem;
}

const FENCES = { '---': /^---[ \t]*\r?$/, '+++': /^\+\+\+[ \t]*\r?$/ } as const;

/**
 * Finds the fenced block at the very top of the file: `---` (YAML, the only kind a postmortem
 * may have) or, for the importer reading other sites' posts, `+++` (TOML, as Hugo and Zola
 * write it). A leading byte-order mark and CRLF line ends are allowed.
 */
export function splitSource(source: string, fence: keyof typeof FENCES = '---'): SplitSource {
  const FENCE = FENCES[fence];
  const text = source.startsWith('\uFEFF') ? source.slice(1) : source;
  // Walked line by line with indexOf rather than split into lines: most of a file is its body,
  // which is taken whole, and only lines that start like a fence are read.
  const endOf = (start: number) => {
    const end = text.indexOf('\n', start);
    return end === -1 ? text.length : end;
  };
  const lineCount = () => {
    let count = 1;
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count++;
    return count;
  };
  const firstEnd = endOf(0);
  if (!FENCE.test(text.slice(0, firstEnd))) {
    return {
      yamlStartLine: 1,
      body: text,
      bodyStartLine: 1,
      problem: {
        line: 1,
        column: 1,
        field: '(frontmatter)',
        message: `the file must start with a frontmatter block: a line "${fence}", the ${fence === '---' ? 'YAML' : 'TOML'} fields, and a closing "${fence}"`,
      },
    };
  }
  // The closing fence, and before it the first line that merely starts with --- or +++.
  let close: { index: number; start: number; end: number } | undefined;
  let fenceLike: { index: number; line: string } | undefined;
  for (let index = 1, start = firstEnd + 1; start <= text.length && !close; index++) {
    const end = endOf(start);
    if (text.startsWith('---', start) || text.startsWith('+++', start)) {
      const line = text.slice(start, end);
      if (FENCE.test(line)) close = { index, start, end };
      else fenceLike ??= { index, line };
    }
    start = end + 1;
  }
  // Astro's reader ends frontmatter at any line that merely starts with --- or +++ (a quoted
  // value continued there, a "----" fence); such a line would split the file two ways.
  if (fenceLike) {
    return {
      yamlStartLine: 2,
      body: '',
      bodyStartLine: lineCount() + 1,
      problem: {
        line: fenceLike.index + 1,
        column: 1,
        field: '(frontmatter)',
        message: `this line starts with "${fenceLike.line.slice(0, 3)}" inside the frontmatter, where a reader may take it for the closing fence; indent it, or write the closing fence as exactly "${fence}"`,
      },
    };
  }
  if (!close) {
    return {
      yamlStartLine: 2,
      body: '',
      bodyStartLine: lineCount() + 1,
      problem: {
        line: 1,
        column: 1,
        field: '(frontmatter)',
        message: `the frontmatter block opened on line 1 is never closed; add a line "${fence}" after the last field`,
      },
    };
  }
  const yaml = close.index === 1 ? '' : text.slice(firstEnd + 1, close.start - 1);
  return {
    // CRLF files are valid; the YAML reader gets plain line feeds so a final \r is not read as content.
    yaml: yaml.includes('\r')
      ? yaml
          .split('\n')
          .map((line) => line.replace(/\r$/, ''))
          .join('\n')
      : yaml,
    yamlStartLine: 2,
    body: close.end === text.length ? '' : text.slice(close.end + 1),
    bodyStartLine: close.index + 2,
  };
}

/**
 * Whether `yaml` could hold a tag, anchor, alias, directive, merge key or document marker: each
 * of those starts with its mark after a space, an indicator or a line start. A quick superset
 * test, so most frontmatter skips the lexer; "Outage!" or "R&D" inside a word never trigger it.
 */
function mayHaveYamlFeatures(yaml: string): boolean {
  // Enough brackets to nest past the limit: the lexer counts how deep they go.
  let brackets = 0;
  for (let i = yaml.indexOf('['); i !== -1 && brackets <= LIMITS.nestingDepth; i = yaml.indexOf('[', i + 1)) brackets++;
  for (let i = yaml.indexOf('{'); i !== -1 && brackets <= LIMITS.nestingDepth; i = yaml.indexOf('{', i + 1)) brackets++;
  if (brackets > LIMITS.nestingDepth) return true;
  if (yaml.includes('<<') || yaml.startsWith('%') || yaml.includes('\n%') || yaml.startsWith('...') || yaml.includes('\n...')) {
    return true;
  }
  for (const mark of ['!', '&', '*']) {
    for (let i = yaml.indexOf(mark); i !== -1; i = yaml.indexOf(mark, i + 1)) {
      if (i === 0 || ' \t\n[{,:-?'.includes(yaml[i - 1])) return true;
    }
  }
  return false;
}

/**
 * YAML features a postmortem never needs and readers disagree on: tags (`!!js/function`,
 * `!include`, `!!set`), anchors and aliases (alias bombs), directives, merge keys (`<<`, YAML
 * 1.1 only) and document markers. Found by YAML's own lexer, not by pattern; empty when none.
 */
export function yamlFeatureProblems(yaml: string, yamlStartLine: number): FrontmatterProblem[] {
  if (!mayHaveYamlFeatures(yaml)) return [];
  const problems: FrontmatterProblem[] = [];
  const lineCounter = new LineCounter();
  const tokens = [...new Lexer().lex(yaml)];
  // Line starts, for positions; the lexer's tokens are consecutive slices of the text.
  lineCounter.addNewLine(0);
  for (let i = 0; i < yaml.length; i++) if (yaml[i] === '\n') lineCounter.addNewLine(i + 1);
  let offset = 0;
  let depth = 0;
  const zeroWidth = new Set(['doc-mode', 'flow-error-end', 'scalar']);
  tokens.forEach((token, index) => {
    const type = CST.tokenType(token);
    const at = () => {
      const { line, col } = lineCounter.linePos(offset);
      return { line: line + yamlStartLine - 1, column: col, field: '(frontmatter)' };
    };
    // Flow collections nested past the limit would overflow any YAML reader's stack; reported once.
    if (type === 'flow-map-start' || type === 'flow-seq-start') {
      if (++depth === LIMITS.nestingDepth + 1)
        problems.push({
          ...at(),
          message: `values are nested more than ${LIMITS.nestingDepth} levels deep ([ and { inside each other); flatten them`,
        });
    } else if (type === 'flow-map-end' || type === 'flow-seq-end') depth--;
    if (type === 'tag') {
      problems.push({ ...at(), message: `the YAML tag ${token} is not allowed; write a plain value (quoted text, a number or a list)` });
    } else if (type === 'anchor' || type === 'alias') {
      problems.push({ ...at(), message: `the YAML ${type} ${token} is not allowed; write each value out in full` });
    } else if (type === 'directive-line') {
      problems.push({ ...at(), message: `the YAML directive "${token.trim()}" is not allowed; remove it` });
    } else if (type === 'doc-end' || (type === 'doc-start' && offset > 0)) {
      problems.push({ ...at(), message: `"${token.trim()}" ends the YAML document inside the frontmatter; remove it` });
    } else if (type === null && token === '<<' && isKeyAt(tokens, index)) {
      problems.push({ ...at(), message: 'the YAML merge key "<<" is not allowed; write the fields out in full' });
    }
    if (!zeroWidth.has(type ?? '')) offset += token.length;
  });
  return problems;
}

/** Whether the plain scalar at `index` is a mapping key (the next non-space token is `:`). */
function isKeyAt(tokens: string[], index: number): boolean {
  for (let i = index + 1; i < tokens.length; i++) {
    const type = CST.tokenType(tokens[i]);
    if (type !== 'space') return type === 'map-value-ind';
  }
  return false;
}

export interface ParsedFrontmatter {
  /** Plain data, or undefined when the YAML is broken. */
  data?: unknown;
  problems: FrontmatterProblem[];
  /** Where a field path was written; falls back to the nearest written ancestor. */
  locate(path: readonly PropertyKey[]): Position;
  /** The field written at a line (and column) of the file, as deep as it goes, or `(frontmatter)`. */
  fieldOnLine(line: number, column?: number): string;
}

/**
 * Parses frontmatter YAML as the quick reader does (YAML 1.2 core schema, no timestamps: an
 * unquoted `2024-02-30` stays that text, to be refused, instead of rolling over to March 1),
 * keeping positions for messages.
 */
export function parseFrontmatter(yaml: string, yamlStartLine: number): ParsedFrontmatter {
  const lineCounter = new LineCounter();
  const doc = parseDocument(yaml, { lineCounter, schema: 'core', uniqueKeys: true, prettyErrors: false });
  const toFile = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: line + yamlStartLine - 1, column: col };
  };
  const locate = (path: readonly PropertyKey[]) => toFile(offsetOf(doc, path));
  const fieldOnLine = (line: number, column = 1) => {
    const start = lineCounter.lineStarts[line - yamlStartLine];
    return start === undefined ? '(frontmatter)' : fieldName(pathAt(doc, start + column - 1));
  };
  const problems: FrontmatterProblem[] = doc.errors.map((error) => ({
    ...toFile(error.pos[0]),
    field: fieldAt(doc, error.pos[0]),
    message: `broken YAML: ${firstSentence(error.message)}`,
  }));
  if (problems.length > 0) return { problems, locate, fieldOnLine };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 50 });
  } catch (error) {
    // yaml refuses alias expansions that would blow up memory (a "billion laughs" document).
    return {
      problems: [
        {
          ...toFile(0),
          field: '(frontmatter)',
          message: `broken YAML: ${(error as Error).message}; write the values out instead of repeating aliases`,
        },
      ],
      locate,
      fieldOnLine,
    };
  }
  if (data === null || data === undefined) {
    return {
      problems: [
        {
          ...toFile(0),
          field: '(frontmatter)',
          message: 'the frontmatter block is empty; it needs the required fields',
        },
      ],
      locate,
      fieldOnLine,
    };
  }
  if (typeof data !== 'object' || Array.isArray(data)) {
    return {
      problems: [
        {
          ...toFile(0),
          field: '(frontmatter)',
          message: 'the frontmatter must be a set of "field: value" lines, not a single value or a list',
        },
      ],
      locate,
      fieldOnLine,
    };
  }
  return { data, problems, locate, fieldOnLine };
}

function firstSentence(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

/** Offset of the node at `path`, or of the closest ancestor that exists. */
function offsetOf(doc: Document, path: readonly PropertyKey[]): number {
  let node: Node | null | undefined = doc.contents as Node | null;
  let offset = node?.range?.[0] ?? 0;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === segment);
      if (!pair) return offset;
      const key = pair.key as Node;
      const value = pair.value as Node | null;
      offset = value?.range?.[0] ?? key.range?.[0] ?? offset;
      // Point at the key when the value is a nested block: that is the line a reader scans for.
      if (isMap(value) || isSeq(value)) offset = key.range?.[0] ?? offset;
      node = value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | undefined;
      if (!item) return offset;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else {
      return offset;
    }
  }
  return offset;
}

/** Path of the deepest field whose key or value spans `offset`. */
function pathAt(doc: Document, offset: number): (string | number)[] {
  const path: (string | number)[] = [];
  let node: Node | null | undefined = doc.contents as Node | null;
  const spans = (item: Node | null | undefined) => !!item?.range && item.range[0] <= offset && offset <= item.range[2];
  while (node) {
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isPair(item) && isScalar(item.key) && (spans(item.key as Node) || spans(item.value as Node)),
      );
      if (!pair || !isScalar(pair.key)) break;
      path.push(String(pair.key.value));
      node = pair.value as Node | null;
    } else if (isSeq(node)) {
      const index = node.items.findIndex((item) => spans(item as Node));
      if (index === -1) break;
      path.push(index);
      node = node.items[index] as Node;
    } else break;
  }
  return path;
}

/** Name of the top-level field whose text contains `offset`, for YAML syntax errors. */
function fieldAt(doc: Document, offset: number): string {
  const contents = doc.contents;
  if (!isMap(contents)) return '(frontmatter)';
  let name = '(frontmatter)';
  for (const item of contents.items) {
    const key = item.key as Node | null;
    if (isScalar(key) && key.range && key.range[0] <= offset) name = String(key.value);
  }
  return name;
}

/** `rootCause.categories[0]` style name for a field path. */
export function fieldName(path: readonly PropertyKey[]): string {
  let name = '';
  for (const segment of path) {
    if (typeof segment === 'number') name += `[${segment}]`;
    // A key with a line break or control character in it is shown quoted and escaped.
    else if (escapeForLog(String(segment)) !== String(segment)) name += `[${quoted(String(segment))}]`;
    else name += name ? `.${String(segment)}` : String(segment);
  }
  return name || '(frontmatter)';
}

/**
 * YAML for a frontmatter block, written so it reads back identically through Astro's
 * parser: strings that look like dates or times are quoted, so their offset survives.
 */
export function stringifyFrontmatter(data: unknown): string {
  return stringify(data, { customTags: ['timestamp'], lineWidth: 100 });
}

/** Frontmatter data as a YAML document to attach comments to; `toString()` writes it as {@link stringifyFrontmatter} does. */
export function frontmatterDocument(data: unknown): { document: Document; text(): string } {
  const document = new YamlDocument(data, { customTags: ['timestamp'] });
  return { document, text: () => document.toString({ lineWidth: 100 }) };
}

/**
 * Frontmatter data read by js-yaml's core schema (YAML 1.2 without timestamps, so every time
 * and day arrives as the text written), or undefined when it is not a mapping or does not
 * parse; callers then take the positioned path.
 */
export function readFrontmatterQuickly(yaml: string): Record<string, unknown> | undefined {
  try {
    const data = loadYaml(yaml, { schema: CORE_SCHEMA });
    return data !== null && typeof data === 'object' && !Array.isArray(data)
      ? (data as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
