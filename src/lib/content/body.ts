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
import type { Nodes as HastNodes, Root as HastRoot } from 'hast';
import type { Nodes as MdastNodes, Root as MdastRoot } from 'mdast';
import GithubSlugger from 'github-slugger';
import { raw } from 'hast-util-raw';
import { toHtml } from 'hast-util-to-html';
import { toHast } from 'mdast-util-to-hast';
import { keepSourceFrontmatterOutOfSearch } from './source-frontmatter.ts';
import { markdownToMdast, mdxToMdast } from 'satteri';
import { satteriSafe } from './markdown-tree.ts';
import { VFile } from 'vfile';
import { renderComponent, type AuthoringComponent } from './authoring.ts';
import { isAllowedUrl, sanitizeAndCompare } from './html-policy.ts';
import { PAGE_IDS } from './page-ids.ts';
import { LIMITS } from '../core/limits.ts';
import {
  readableUrl,
  shorten,
  sortProblems,
  syntaxProblem,
  type BodyFormat,
  type BodyProblem,
  type BodyRule,
  type Point,
  type Positioned,
} from './body-problems.ts';
import { checkEsm, checkJsxElement, isCommentOnly, jsxToHast, type MdxElementNode } from './body-mdx.ts';
import {
  checkAuthoredIds,
  checkInternalTags,
  checkRawTagsSurvive,
  componentOf,
  explain,
  ruleOf,
  tagsOf,
  type RawTag,
} from './body-html.ts';

export type { BodyFormat, BodyProblem, BodyRule } from './body-problems.ts';
export { isCommentOnly } from './body-mdx.ts';

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

const FEATURES = { frontmatter: false, gfm: true, smartPunctuation: true } as const;
const ORIGIN: Point = { line: 1, column: 1 };

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

/** Parses, checks and (when asked and clean) renders one body. */
export function processBody(body: string, format: BodyFormat, options: { render?: boolean } = {}): ProcessedBody {
  // Without rendering, a first reading without positions (about half the tree to build) settles
  // a body with nothing to report and nothing for the sanitizer; any other is read again in full.
  const quick = options.render === false ? checkBody(body, format, options, false) : undefined;
  return quick ?? checkBody(body, format, options, true)!;
}

/** One reading of a body; without positions, undefined unless it is clean and plain Markdown. */
function checkBody(body: string, format: BodyFormat, options: { render?: boolean }, withPositions: boolean): ProcessedBody | undefined {
  const problems: BodyProblem[] = [];
  const report = (at: Point | undefined, rule: BodyRule, message: string) =>
    problems.push({ line: at?.line ?? 1, column: at?.column ?? 1, rule, message });

  let tree: MdastRoot;
  try {
    const treeOptions = { features: FEATURES, position: withPositions };
    const text = satteriSafe(body);
    tree = (format === 'mdx' ? mdxToMdast(text, treeOptions) : markdownToMdast(text, treeOptions)) as MdastRoot;
  } catch (error) {
    return withPositions ? { problems: [syntaxProblem(error)] } : undefined;
  }

  // 1. Checks only the Markdown tree can make: ESM, expressions, JSX names and attribute syntax, comments.
  const rawRanges: [number, number][] = [];
  const rawTags: RawTag[] = [];
  // Whether the HTML could hold anything the sanitizer judges: authored HTML, JSX or a URL.
  let authoredHtml = false;
  // What the limits (./limits.ts) count: depth, table cells, and what references expand to.
  let tooDeep = false;
  const definitions = new Map<string, { size: number; at: Point }>();
  const references = new Map<string, number>();
  const visit = (node: MdastNodes, inherited: Point, depth: number) => {
    const at = (node as Positioned).position?.start ?? inherited;
    if (AUTHORED_TYPES.has(node.type)) authoredHtml = true;
    if (depth > LIMITS.nestingDepth) {
      // Reported once, where it first goes too deep; nothing below is read (the renderer would run out of stack).
      if (!tooDeep) report(at, 'limit', `this is nested more than ${LIMITS.nestingDepth} levels deep (lists, quotes or elements inside each other); flatten it`);
      tooDeep = true;
      return;
    }
    switch (node.type as string) {
      case 'text':
        // A character reference the reader replaced with U+FFFD (`&#0;`, `&#x1b;`): judged on the HTML tree.
        if ((node as { value: string }).value.includes('\uFFFD')) authoredHtml = true;
        break;
      case 'table': {
        const rows = 'children' in node ? node.children.length : 0;
        const columns = Math.max((node as { align?: unknown[] }).align?.length ?? 0, ...('children' in node ? node.children.map((row) => ('children' in row ? row.children.length : 0)) : [0]));
        if (rows * columns > LIMITS.tableCells) {
          report(at, 'limit', `this table has ${rows} rows of ${columns} columns (${rows * columns} cells); the limit is ${LIMITS.tableCells} cells: split it or link the data`);
          return;
        }
        break;
      }
      case 'linkReference':
      case 'imageReference': {
        const id = String((node as { identifier?: unknown }).identifier ?? '');
        references.set(id, (references.get(id) ?? 0) + 1);
        break;
      }
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
        const id = String((node as { identifier?: unknown }).identifier ?? '');
        const title = String((node as { title?: unknown }).title ?? '');
        if (!definitions.has(id)) definitions.set(id, { size: url.length + title.length, at });
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
    if ('children' in node) for (const child of node.children) visit(child, at, depth + 1);
  };
  visit(tree, ORIGIN, 0);
  let expansion = 0;
  let largest: { size: number; at: Point; uses: number } | undefined;
  for (const [id, uses] of references) {
    const definition = definitions.get(id);
    if (!definition) continue;
    expansion += definition.size * uses;
    if (!largest || definition.size * uses > largest.size * largest.uses) largest = { ...definition, uses };
  }
  if (largest && expansion > LIMITS.referenceExpansion) {
    report(
      largest.at,
      'limit',
      `link references written out in full add ${expansion} characters (this ${largest.size}-character target alone, linked ${largest.uses} times); the limit is ${LIMITS.referenceExpansion}, beyond which the Markdown reader stops linking them: shorten the target or use it less`,
    );
  }
  if (!withPositions) return problems.length === 0 && !authoredHtml ? { problems } : undefined;
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
  checkInternalTags(hast, format, inRaw, positions, report);
  checkReplacedCharacters(hast, body, positions, report);
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

/** Trusted finishing of a sanitized tree: components, heading ids, HTML text. */
function renderSafe(tree: HastRoot): RenderedBody {
  const expand = (node: HastNodes): void => {
    if (!('children' in node)) return;
    node.children = node.children.map((child) => {
      expand(child);
      const component = componentOf(child) as AuthoringComponent | undefined;
      if (child.type === 'element' && component) {
        const attributes = Object.fromEntries(
          Object.entries(child.properties).map(([key, value]) => [key, Array.isArray(value) ? value.join(' ') : String(value)]),
        );
        return renderComponent(component, attributes, child.children);
      }
      return child;
    }) as never;
  };
  expand(tree);
  keepSourceFrontmatterOutOfSearch(tree);
  // Heading ids never repeat the page's own ids or the footnotes' (a heading "Main" becomes
  // "main-1"), so no link on the page jumps to the wrong element.
  const slugger = new GithubSlugger();
  for (const id of PAGE_IDS) slugger.slug(id);
  const reserve = (node: HastNodes): void => {
    if (node.type === 'element' && typeof node.properties.id === 'string') slugger.slug(node.properties.id);
    if ('children' in node) for (const child of node.children) reserve(child);
  };
  reserve(tree);
  const headings: RenderedHeading[] = [];
  const textOf = (node: HastNodes): string =>
    node.type === 'text' ? node.value : 'children' in node ? node.children.map(textOf).join('') : '';
  const number = (node: HastNodes): void => {
    // A heading with an id already is generated (the footnotes' label; authors' ids are refused).
    if (node.type === 'element' && /^h[1-6]$/.test(node.tagName) && node.properties.id === undefined) {
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

/**
 * Character references to what no text may hold (`&#0;`, `&#x1b;`, `&#xD800;`) are read as
 * U+FFFD: the author's character would be replaced without a word, so it is reported instead.
 * A U+FFFD the author wrote as such is text like any other.
 */
function checkReplacedCharacters(
  tree: HastRoot,
  body: string,
  positions: Map<HastNodes, Point>,
  report: (at: Point | undefined, rule: BodyRule, message: string) => void,
) {
  const written = body.split('\uFFFD').length - 1;
  let read = 0;
  let first: HastNodes | undefined;
  const walk = (node: HastNodes) => {
    // Text, and attribute strings (a component's `title="a&#x1b;b"` is read the same way).
    const values =
      node.type === 'text'
        ? [node.value]
        : node.type === 'element'
          ? Object.values(node.properties).flatMap((value) =>
              typeof value === 'string' ? [value] : Array.isArray(value) ? value.map(String) : [],
            )
          : [];
    for (const value of values) {
      if (!value.includes('\uFFFD')) continue;
      read += value.split('\uFFFD').length - 1;
      first ??= node;
    }
    if ('children' in node) for (const child of node.children) walk(child);
  };
  walk(tree);
  if (read > written && first) {
    report(
      positions.get(first),
      'control-character',
      'a character reference here (such as &#0; or &#x1b;) stands for a control character, NUL or half a character, which would be shown as U+FFFD; remove it',
    );
  }
}
