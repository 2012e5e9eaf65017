/**
 * The body of a postmortem, from text to HTML in one pass: parsed once by satteri (the parser
 * Astro itself renders Markdown and MDX with), checked on that tree, converted to HTML, passed
 * through the sanitizer, and serialized. What is checked is what is published: a body with any
 * problem yields no HTML at all, and a body without problems is published exactly as sanitized.
 *
 * MDX syntax is read, never run: `import` lines may only name the authoring components,
 * `{…}` may only hold a comment (a real JavaScript tokenizer decides), JSX elements are either
 * an authoring component or plain HTML with quoted string attributes.
 */
import type { Element, ElementContent, Nodes as HastNodes, Root as HastRoot } from 'hast';
import type { Nodes as MdastNodes, Root as MdastRoot } from 'mdast';
import { Parser, tokenizer, tokTypes } from 'acorn';
import { Tokenizer, type TokenHandler } from 'parse5';
import GithubSlugger from 'github-slugger';
import { raw } from 'hast-util-raw';
import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
import { toHast, type State } from 'mdast-util-to-hast';
import { markdownToMdast, mdxToMdast } from 'satteri';
import { VFile } from 'vfile';
import {
  AUTHORING_COMPONENTS,
  componentAttributeProblem,
  isAuthoringComponent,
  renderComponent,
  type AuthoringComponent,
} from './authoring.ts';
import { isAllowedUrl, placeholderTag, sanitizeAndCompare, type PolicyFinding } from './html-policy.ts';

/** Rule ids, shared with the hostile-content corpus and printed by the validator. */
export type BodyRule =
  | 'esm'
  | 'expression'
  | 'jsx-component'
  | 'jsx-attribute'
  | 'raw-html'
  | 'url'
  | 'html-comment'
  | 'syntax';

export interface BodyProblem {
  /** 1-based line within the body. */
  line: number;
  column: number;
  rule: BodyRule;
  message: string;
}

export interface RenderedHeading {
  depth: number;
  slug: string;
  text: string;
}

export interface RenderedBody {
  html: string;
  headings: RenderedHeading[];
}

export interface ProcessedBody {
  problems: BodyProblem[];
  /** HTML of the body; undefined when there is any problem (or rendering was not asked for). */
  rendered?: RenderedBody;
}

export type BodyFormat = 'md' | 'mdx';

interface Point {
  line: number;
  column: number;
  offset?: number;
}
interface Positioned {
  position?: { start: Point; end?: Point };
}

const FEATURES = { frontmatter: false, gfm: true, smartPunctuation: true } as const;
const ORIGIN: Point = { line: 1, column: 1 };

/** True when `code` holds only comments and whitespace, by JavaScript's own tokenizer. */
export function isCommentOnly(code: string): boolean {
  try {
    const tokens = tokenizer(code, { ecmaVersion: 'latest', onComment: () => {} });
    return tokens.getToken().type === tokTypes.eof;
  } catch {
    // An unterminated comment or a stray character is not a comment.
    return false;
  }
}

/** A URL as its author wrote it: percent-escapes Markdown added (a tab as %09) decoded for reading. */
function readableUrl(url: string): string {
  let decoded = url;
  try {
    decoded = decodeURIComponent(url);
  } catch {
    // Not valid percent-encoding: show it as written.
  }
  // One problem is one line: line breaks and other controls (but tab, which reads as a gap) are shown escaped.
  return decoded.replace(/[\u0000-\u0008\u000a-\u001f\u007f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function shorten(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/**
 * `import`/`export` blocks. Nothing is compiled, so there is nothing a postmortem needs to
 * import: the authoring components are always available. Every statement is named (a real
 * JavaScript parser splits the block) so the author sees each line to remove.
 */
function checkEsm(value: string, at: Point, report: (at: Point, rule: BodyRule, message: string) => void): void {
  const components = AUTHORING_COMPONENTS.map((name) => `<${name}>`).join(', ');
  let statements: { line: number; column: number; source: string; kind: string }[];
  try {
    const program = Parser.parse(value, { ecmaVersion: 'latest', sourceType: 'module', locations: true });
    statements = program.body.map((statement) => ({
      line: statement.loc!.start.line,
      column: statement.loc!.start.column + 1,
      source: value.slice(statement.start, statement.end),
      kind: statement.type,
    }));
  } catch {
    statements = [{ line: 1, column: at.column, source: value, kind: 'code' }];
  }
  if (statements.length === 0) statements = [{ line: 1, column: at.column, source: value, kind: 'code' }];
  for (const statement of statements) {
    const where = { line: at.line + statement.line - 1, column: statement.line === 1 ? at.column : statement.column };
    const advice =
      statement.kind === 'ImportDeclaration'
        ? `remove it: postmortems import nothing, and ${components} work without an import`
        : statement.kind.startsWith('Export')
          ? 'remove it: a postmortem exports nothing; facts go in the frontmatter'
          : 'remove it, or put it in a fenced code block if it is an example';
    report(where, 'esm', `"${shorten(statement.source)}" is JavaScript, which postmortems may not hold; ${advice}`);
  }
}

/** Where satteri stopped, from its `line:column: message` errors. */
function syntaxProblem(error: unknown): BodyProblem {
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

interface MdxAttribute {
  type: string;
  name?: string;
  value?: unknown;
}
interface MdxElementNode extends Positioned {
  type: 'mdxJsxFlowElement' | 'mdxJsxTextElement';
  name: string | null;
  attributes: MdxAttribute[];
  children: MdastNodes[];
}

/** Markdown nodes whose HTML carries something an author chose: raw HTML, JSX elements, URLs. */
const AUTHORED_TYPES = new Set([
  'html',
  'mdxJsxFlowElement',
  'mdxJsxTextElement',
  'link',
  'image',
  'definition',
  'linkReference',
  'imageReference',
]);

const VALID_HTML_NAME = /^[a-z][a-z0-9]*$/;

/** Parses, checks and (when asked and clean) renders one body. */
export function processBody(body: string, format: BodyFormat, options: { render?: boolean } = {}): ProcessedBody {
  const problems: BodyProblem[] = [];
  const report = (at: Point | undefined, rule: BodyRule, message: string) =>
    problems.push({ line: at?.line ?? 1, column: at?.column ?? 1, rule, message });

  let tree: MdastRoot;
  try {
    tree = (format === 'mdx' ? mdxToMdast(body, { features: FEATURES }) : markdownToMdast(body, { features: FEATURES })) as MdastRoot;
  } catch (error) {
    return { problems: [syntaxProblem(error)] };
  }

  // 1. Checks only the Markdown tree can make: ESM, expressions, JSX names and attribute syntax, comments.
  const rawRanges: [number, number][] = [];
  const rawTags: RawTag[] = [];
  // Whether the HTML could hold anything the sanitizer judges: authored HTML, JSX or a URL.
  let authoredHtml = false;
  const visit = (node: MdastNodes, inherited: Point) => {
    const at = (node as Positioned).position?.start ?? inherited;
    if (AUTHORED_TYPES.has(node.type)) authoredHtml = true;
    switch (node.type as string) {
      case 'mdxjsEsm':
        checkEsm(String((node as { value?: unknown }).value ?? ''), at, report);
        return;
      case 'mdxFlowExpression':
      case 'mdxTextExpression': {
        const code = String((node as { value?: unknown }).value ?? '');
        if (!isCommentOnly(code)) {
          report(at, 'expression', `the expression {${shorten(code)}} is code, which postmortems may not run; write \\{ and \\} for literal braces or put code in backticks`);
        }
        return;
      }
      case 'mdxJsxFlowElement':
      case 'mdxJsxTextElement':
        checkJsxElement(node as unknown as MdxElementNode, at, report);
        break;
      case 'definition': {
        // A definition renders nothing itself, so its URL is judged here, on the line it is written.
        const url = String((node as { url?: unknown }).url ?? '');
        if (!isAllowedUrl('href', url)) {
          report(at, 'url', `the link to "${readableUrl(shorten(url, 50))}" is not allowed (in this definition): use an http(s), mailto or relative URL`);
        }
        break;
      }
      case 'html': {
        const value = String((node as { value?: unknown }).value ?? '');
        const position = (node as Positioned).position;
        if (position?.start.offset !== undefined && position.end?.offset !== undefined) {
          rawRanges.push([position.start.offset, position.end.offset]);
          rawTags.push(...tagsOf(value, position.start.offset));
        }
        const open = value.indexOf('<!--');
        if (open !== -1 && value.indexOf('-->', open + 4) === -1) {
          report(at, 'html-comment', 'this HTML comment "<!--" is never closed, so everything after it would be hidden; close it with "-->" or remove it');
        }
        break;
      }
      default:
    }
    if ('children' in node) for (const child of node.children) visit(child, at);
  };
  visit(tree, ORIGIN);
  if (problems.length > 0) return { problems: sortProblems(problems) };
  // Plain Markdown becomes only elements the schema allows (body.test.ts holds every construct
  // to that), so a check without rendering can stop here; the build always sanitizes.
  if (options.render === false && !authoredHtml) return { problems };

  // 2. The HTML tree that will be published, and the sanitizer's verdict on it.
  let hast = toHast(tree, {
    allowDangerousHtml: true,
    handlers: {
      mdxjsEsm: () => undefined,
      mdxFlowExpression: () => undefined,
      mdxTextExpression: () => undefined,
      mdxJsxFlowElement: jsxToHast,
      mdxJsxTextElement: jsxToHast,
    } as never,
  }) as HastRoot;
  if (rawRanges.length > 0) hast = raw(hast, { file: new VFile(body) }) as HastRoot;

  const positions = new Map<HastNodes, Point>();
  const locate = (node: HastNodes, inherited: Point) => {
    const at = node.position?.start ?? inherited;
    positions.set(node, at);
    if ('children' in node) for (const child of node.children) locate(child, at);
  };
  locate(hast, ORIGIN);
  const inRaw = (node: HastNodes) => {
    const offset = node.position?.start.offset;
    return offset !== undefined && rawRanges.some(([start, end]) => offset >= start && offset < end);
  };
  checkAuthoredIds(hast, format, inRaw, positions, report);
  if (rawTags.length > 0) checkRawTagsSurvive(hast, rawTags, body, report);
  const { safe, findings } = sanitizeAndCompare(hast);
  for (const finding of findings) {
    const authored = format === 'mdx' ? Boolean((finding.node.data as { pmJsx?: boolean } | undefined)?.pmJsx) : inRaw(finding.node);
    report(positions.get(finding.node as HastNodes), ruleOf(finding, format, authored), explain(finding));
  }
  if (problems.length > 0) return { problems: sortProblems(problems) };
  if (options.render === false) return { problems };
  return { problems, rendered: renderSafe(safe) };
}

interface RawTag {
  kind: 'start' | 'comment';
  name: string;
  /** Offset in the body. */
  offset: number;
  line: number;
  column: number;
}

/** Start tags and comments of a raw HTML chunk, by the HTML tokenizer browsers follow. */
function tagsOf(html: string, base: number): RawTag[] {
  const tags: RawTag[] = [];
  const ignore = () => {};
  const handler: TokenHandler = {
    onStartTag: (token) => {
      const at = token.location!;
      tags.push({ kind: 'start', name: token.tagName, offset: base + at.startOffset, line: at.startLine, column: at.startCol });
    },
    onComment: (token) => {
      const at = token.location!;
      tags.push({ kind: 'comment', name: '', offset: base + at.startOffset, line: at.startLine, column: at.startCol });
    },
    onEndTag: ignore,
    onDoctype: ignore,
    onEof: ignore,
    onCharacter: ignore,
    onNullCharacter: ignore,
    onWhitespaceCharacter: ignore,
  };
  new Tokenizer({ sourceCodeLocationInfo: true }, handler).write(html, true);
  return tags;
}

/**
 * What the HTML parser would drop without a word: a start tag with no element in the tree
 * (`<body onload>`, `<html>`, a `<tr>` outside a table), or a comment that is really a
 * processing instruction or CDATA section (`<?php`, `<![CDATA[`).
 */
function checkRawTagsSurvive(
  tree: HastRoot,
  tags: RawTag[],
  body: string,
  report: (at: Point | undefined, rule: BodyRule, message: string) => void,
) {
  const starts = new Set<number>();
  const walk = (node: HastNodes) => {
    if ((node.type === 'element' || node.type === 'comment') && node.position?.start.offset !== undefined) {
      starts.add(node.position.start.offset);
    }
    if ('children' in node) for (const child of node.children) walk(child);
  };
  walk(tree);
  const lineAt = (offset: number): Point => {
    const before = body.slice(0, offset);
    const line = before.split('\n').length;
    return { line, column: offset - before.lastIndexOf('\n') };
  };
  for (const tag of tags) {
    if (tag.kind === 'comment') {
      if (!body.startsWith('<!--', tag.offset)) {
        report(lineAt(tag.offset), 'raw-html', `"${shorten(body.slice(tag.offset, tag.offset + 12), 12)}" is not an HTML comment (a processing instruction or CDATA section); remove it or put it in backticks`);
      }
    } else if (!starts.has(tag.offset)) {
      report(lineAt(tag.offset), 'raw-html', `<${tag.name}> cannot appear inside a postmortem (the HTML parser would drop it with its attributes); remove it`);
    }
  }
}

function sortProblems(problems: BodyProblem[]): BodyProblem[] {
  return problems.sort((a, b) => a.line - b.line || a.column - b.column);
}

function checkJsxElement(node: MdxElementNode, at: Point, report: (at: Point, rule: BodyRule, message: string) => void) {
  const name = node.name;
  const components = AUTHORING_COMPONENTS.map((c) => `<${c}>`).join(', ');
  if (!name) {
    report(at, 'jsx-component', `a fragment <>…</> is not allowed; write its content directly`);
    return;
  }
  const component = isAuthoringComponent(name) ? name : undefined;
  if (!component && !VALID_HTML_NAME.test(name)) {
    report(at, 'jsx-component', `<${shorten(name, 40)}> is not an authoring component; only ${components} and plain HTML such as <details> or <kbd> may be used`);
    return;
  }
  for (const attribute of node.attributes) {
    const key = attribute.name ?? '';
    if (attribute.type === 'mdxJsxExpressionAttribute') {
      report(at, 'jsx-attribute', `<${name}> spreads an expression ({${shorten(String(attribute.value ?? ''))}}); write attributes as quoted strings`);
    } else if (attribute.value !== null && typeof attribute.value === 'object') {
      const code = String((attribute.value as { value?: unknown }).value ?? '');
      report(at, 'jsx-attribute', `<${name}> has ${key}={${shorten(code)}}: attribute values must be quoted strings, not code`);
    } else if (component) {
      const problem = componentAttributeProblem(component, key, typeof attribute.value === 'string' ? attribute.value : '');
      if (problem) report(at, 'jsx-attribute', problem);
    } else if (!/^[A-Za-z][A-Za-z0-9-]*$/.test(key)) {
      report(at, 'jsx-attribute', `<${name}> has the attribute ${shorten(key, 40)}; directives and namespaced attributes are not allowed`);
    }
  }
}

/** JSX of an MDX body as HTML: components become placeholders, HTML elements become elements. */
function jsxToHast(state: State, node: MdxElementNode): Element {
  const children = state.all(node as never) as ElementContent[];
  const attributes: Record<string, string | true> = {};
  for (const attribute of node.attributes) {
    if (attribute.type === 'mdxJsxAttribute' && attribute.name) {
      attributes[attribute.name] = typeof attribute.value === 'string' ? attribute.value : true;
    }
  }
  const name = node.name ?? 'div';
  const result: Element = isAuthoringComponent(name)
    ? { type: 'element', tagName: placeholderTag(name), properties: attributes as never, children }
    : (h(name, attributes, children) as Element);
  // JSX children of a flow element are blocks already; of a text element, phrasing.
  state.patch(node as never, result);
  result.data = { ...(result.data ?? {}), pmJsx: true } as never;
  return result;
}

/** Ids and names an author writes could clash with the site's own (DOM clobbering); headings get ids anyway. */
function checkAuthoredIds(
  tree: HastRoot,
  format: BodyFormat,
  inRaw: (node: HastNodes) => boolean,
  positions: Map<HastNodes, Point>,
  report: (at: Point | undefined, rule: BodyRule, message: string) => void,
) {
  const walk = (node: HastNodes) => {
    if (node.type === 'element') {
      const authored = format === 'mdx' ? Boolean((node.data as { pmJsx?: boolean } | undefined)?.pmJsx) : inRaw(node);
      if (authored) {
        for (const key of ['id', 'name'] as const) {
          if (node.properties[key] !== undefined && node.properties[key] !== null) {
            report(
              positions.get(node),
              format === 'mdx' ? 'jsx-attribute' : 'raw-html',
              `<${node.tagName}> has ${key}="${shorten(String(node.properties[key]), 30)}"; remove it: headings get ids from their text, so link to "#heading-text" instead`,
            );
          }
        }
      }
    }
    if ('children' in node) for (const child of node.children) walk(child);
  };
  walk(tree);
}

function ruleOf(finding: PolicyFinding, format: BodyFormat, authored: boolean): BodyRule {
  if (finding.kind === 'url') return 'url';
  if (!authored && finding.kind === 'node') return 'raw-html';
  if (format === 'mdx') return finding.kind === 'element' ? 'jsx-component' : 'jsx-attribute';
  return 'raw-html';
}

const ALLOWED_ELEMENT_HINT = '<details>, <summary>, <kbd>, <sub>, <sup>, <abbr>, <mark>, <img>, <a>, <table>';

function explain(finding: PolicyFinding): string {
  const { node, kind, name } = finding;
  const tag = node.type === 'element' ? `<${node.tagName}>` : 'this';
  const value = shorten(Array.isArray(finding.value) ? finding.value.join(' ') : String(finding.value ?? ''), 50);
  switch (kind) {
    case 'element':
      if (name === 'script') return `<script> is not allowed: postmortems hold no scripts; put code in a fenced code block`;
      if (name === 'style') return `<style> is not allowed: the site styles postmortems; use Markdown emphasis or a <Callout>`;
      return `the HTML element <${name}> is not allowed here; use Markdown, an authoring component or one of ${ALLOWED_ELEMENT_HINT} (tables need <table> around their rows)`;
    case 'url': {
      const what = name === 'href' ? 'link' : node.type === 'element' && node.tagName === 'img' ? 'image' : `${name} URL`;
      return `the ${what} to "${readableUrl(value)}" is not allowed (on ${tag}): use an http(s), mailto or relative URL`;
    }
    case 'attribute': {
      const attribute = name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
      if (/^on/i.test(name)) return `${tag} has the event handler ${name.toLowerCase()}; postmortems hold no scripts, remove it`;
      if (name === 'style') return `${tag} has a style attribute; the site styles postmortems, remove it (use a <Callout> to highlight)`;
      if (name === 'className') return `${tag} has class="${value}"; the site styles postmortems, remove it`;
      return `${tag} has the attribute ${attribute}="${value}", which is not allowed on it; remove it`;
    }
    default:
      return name === 'doctype' ? 'a <!doctype> does not belong in a postmortem; remove it' : `this ${name} is not allowed; remove it`;
  }
}

/** Trusted finishing of a sanitized tree: components, heading ids, HTML text. */
function renderSafe(tree: HastRoot): RenderedBody {
  const expand = (node: HastNodes): void => {
    if (!('children' in node)) return;
    node.children = node.children.map((child) => {
      expand(child);
      if (child.type === 'element' && child.tagName.startsWith('pm-')) {
        const component = AUTHORING_COMPONENTS.find((name) => placeholderTag(name) === child.tagName) as AuthoringComponent;
        const attributes = Object.fromEntries(
          Object.entries(child.properties).map(([key, value]) => [key, Array.isArray(value) ? value.join(' ') : String(value)]),
        );
        return renderComponent(component, attributes, child.children);
      }
      return child;
    }) as never;
  };
  expand(tree);
  const slugger = new GithubSlugger();
  const headings: RenderedHeading[] = [];
  const textOf = (node: HastNodes): string =>
    node.type === 'text' ? node.value : 'children' in node ? node.children.map(textOf).join('') : '';
  const number = (node: HastNodes): void => {
    if (node.type === 'element' && /^h[1-6]$/.test(node.tagName)) {
      const text = textOf(node);
      const slug = slugger.slug(text);
      node.properties.id = slug;
      headings.push({ depth: Number(node.tagName[1]), slug, text });
    }
    if ('children' in node) for (const child of node.children) number(child);
  };
  number(tree);
  return { html: toHtml(tree), headings };
}
