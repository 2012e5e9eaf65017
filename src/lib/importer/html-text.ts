/**
 * Raw HTML inside a postmortem, read with an HTML parser (parse5) rather than patterns: the
 * text a reader sees (`May 5<sup>th</sup>` is "May 5th"; scripts and styles show nothing),
 * and headings written as `<h2>Timeline</h2>`, which mark sections like `## Timeline` does.
 */
import { toString } from 'mdast-util-to-string';
import type { Node } from 'mdast';
import { parseFragment } from 'parse5';
import type { DefaultTreeAdapterMap } from 'parse5';

type ChildNode = DefaultTreeAdapterMap['childNode'];
type Element = DefaultTreeAdapterMap['element'];

/** Elements whose text is not shown. */
const HIDDEN = new Set(['script', 'style', 'template', 'noscript']);
/** Elements that start a new block: their text is set apart from what is around it. */
const BLOCKS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'br',
  'dd',
  'div',
  'dl',
  'dt',
  'figcaption',
  'figure',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'td',
  'th',
  'tr',
  'ul',
]);
const HEADING = /^h([1-6])$/;

function isElement(node: ChildNode): node is Element {
  return 'tagName' in node;
}

function textOf(nodes: ChildNode[]): string {
  let out = '';
  for (const node of nodes) {
    if (node.nodeName === '#text' && 'value' in node) out += node.value;
    else if (isElement(node) && !HIDDEN.has(node.tagName)) {
      const inner = textOf(node.childNodes);
      out += BLOCKS.has(node.tagName) ? ` ${inner} ` : inner;
    }
  }
  return out;
}

/** The text a reader sees in `source`, which may mix text and HTML tags, with spaces collapsed. */
export function visibleText(source: string): string {
  if (!source.includes('<')) return source.replace(/\s+/g, ' ').trim();
  return textOf(parseFragment(source).childNodes).replace(/\s+/g, ' ').trim();
}

/** Plain text of a Markdown node; raw HTML in it reads as the text it shows. */
export function nodeText(node: Node): string {
  return visibleText(toString(node as never, { includeImageAlt: true }));
}

export interface HtmlPart {
  /** Heading level 1–6, or undefined for a passage of text. */
  level?: number;
  text: string;
  /** Line in the source, counting from `firstLine`. */
  line: number;
}

/**
 * Headings and passages of a block of raw HTML (`<h2>Timeline</h2><ul><li>…</li></ul>`), in
 * order, when the block holds at least one heading element; undefined otherwise.
 */
export function htmlHeadingParts(source: string, firstLine: number): HtmlPart[] | undefined {
  if (!/^\s*</.test(source)) return undefined;
  const fragment = parseFragment(source, { sourceCodeLocationInfo: true });
  const parts: HtmlPart[] = [];
  const lineOf = (node: ChildNode) => firstLine + (node.sourceCodeLocation?.startLine ?? 1) - 1;
  const walk = (nodes: ChildNode[]) => {
    for (const node of nodes) {
      if (!isElement(node)) {
        const text = textOf([node]).replace(/\s+/g, ' ').trim();
        if (text) parts.push({ text, line: lineOf(node) });
        continue;
      }
      if (HIDDEN.has(node.tagName)) continue;
      const heading = HEADING.exec(node.tagName);
      const text = textOf(node.childNodes).replace(/\s+/g, ' ').trim();
      if (heading) {
        if (text) parts.push({ level: Number(heading[1]), text, line: lineOf(node) });
      } else if (node.childNodes.some((child) => isElement(child) && BLOCKS.has(child.tagName))) {
        walk(node.childNodes);
      } else if (text) {
        parts.push({ text, line: lineOf(node) });
      }
    }
  };
  walk(fragment.childNodes);
  return parts.some((part) => part.level !== undefined) ? parts : undefined;
}
