/**
 * A postmortem as the similarity model reads it: the structured fields, and the words of its
 * body a reader reads (the narrative, or the imported original), without the note the importer
 * puts above the original (the source's frontmatter is not in the body: the importer reads it into
 * the entry's fields), code blocks, raw HTML or bare URLs. The body is read as a Markdown tree by the parser the site renders with.
 */
import type { Nodes, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { markdownToMdast, mdxToMdast } from 'satteri';
import { satteriSafe } from '../content/markdown-tree.ts';
import type { Postmortem } from '../core/schema.ts';
import { factorNotesOf } from '../incidents/contributing-factors.ts';
import type { SimilarityInput } from './similar-incidents.ts';

/** The title of the note `npm run import` puts at the top of an imported body (src/lib/importer/index.ts). */
const IMPORT_NOTE_TITLE = 'Imported postmortem';

/** Nodes whose text is not prose: code, markup, expressions, link definitions. */
const SKIPPED = new Set([
  'code',
  'html',
  'mdxjsEsm',
  'mdxFlowExpression',
  'mdxTextExpression',
  'definition',
  'yaml',
  'toml',
]);

const FEATURES = { frontmatter: false, gfm: true, smartPunctuation: false } as const;

interface JsxNode {
  name?: string | null;
  attributes?: { type: string; name?: string; value?: unknown }[];
}

const isImportNote = (node: Nodes) => {
  if (node.type !== ('mdxJsxFlowElement' as string)) return false;
  const jsx = node as unknown as JsxNode;
  return (
    jsx.name === 'Callout' &&
    (jsx.attributes ?? []).some((attribute) => attribute.name === 'title' && attribute.value === IMPORT_NOTE_TITLE)
  );
};

/**
 * What only a parse can take out of a body: code (fenced or indented), HTML, JSX, expressions,
 * escapes, entities, links and URLs. A body with none of
 * these is prose already: its other Markdown markers (#, *, |, -) are punctuation, which breaks
 * a phrase just as a block boundary does.
 */
const NEEDS_PARSE = ['`', '~~~', '<', '{', '\\', '&', '](', 'http', 'www.', '\n    ', '\n\t'];

/** The prose of a body, block by block (a blank line between blocks, so no phrase runs across them). */
export function bodyText(body: string, format: 'md' | 'mdx'): string {
  // Most bodies a knowledge base is built from are plain prose; a build need not parse them twice.
  if (!NEEDS_PARSE.some((marker) => body.includes(marker))) return body;
  let tree: Root;
  try {
    tree = (
      format === 'mdx'
        ? mdxToMdast(satteriSafe(body), { features: FEATURES })
        : markdownToMdast(satteriSafe(body), { features: FEATURES })
    ) as Root;
  } catch {
    // Only a body the validator refused fails to parse; its words are still its words.
    return body;
  }
  const blocks: string[] = [];
  const inline = (node: Nodes): string => {
    if (SKIPPED.has(node.type)) return '';
    if (node.type === 'link' && toString(node) === node.url) return '';
    if (node.type === 'text' || node.type === 'inlineCode') return node.value;
    if (node.type === 'break') return '\n';
    if (node.type === 'image') return node.alt ?? '';
    return 'children' in node ? node.children.map((child) => inline(child as Nodes)).join('') : '';
  };
  const block = (node: Nodes) => {
    if (SKIPPED.has(node.type) || isImportNote(node)) return;
    if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell') {
      blocks.push(inline(node));
      return;
    }
    if ('children' in node) for (const child of node.children) block(child as Nodes);
  };
  for (const child of tree.children) block(child as Nodes);
  return blocks.filter((text) => text.trim() !== '').join('\n\n');
}

/** A postmortem file as the model needs it. */
export interface RecordSource {
  id: string;
  data: Postmortem;
  body: string;
  /** The file's format; a body is read as MDX unless it is plain Markdown. */
  format: 'md' | 'mdx';
}

/** The model's input for one postmortem: its fields, its narrative fields and its body's prose. */
export function similarityInputOf(
  { id, data, body, format }: RecordSource,
  services: readonly string[] = data.services,
): SimilarityInput {
  const narrative = [
    data.impact.description,
    ...factorNotesOf(data),
    ...data.timeline.map((moment) => moment.event),
    data.resolution,
    ...data.lessons.wentWell,
    ...data.lessons.wentWrong,
    ...data.lessons.gotLucky,
    ...data.actionItems.map((item) => item.title),
    bodyText(body, format),
  ].filter((text): text is string => typeof text === 'string' && text.trim() !== '');
  return {
    id,
    title: data.title,
    summary: data.summary ?? '',
    rootCause: data.rootCause.description ?? '',
    trigger: data.rootCause.trigger ?? '',
    body: narrative.join('\n\n'),
    categories: data.rootCause.categories,
    services,
    tags: data.tags,
    organisation: data.organisation,
  };
}

/** The format of a postmortem file, from its name. */
export const formatOfFile = (file: string): 'md' | 'mdx' => (file.endsWith('.md') ? 'md' : 'mdx');
