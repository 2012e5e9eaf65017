/**
 * The words of a Markdown document for the BM25 baseline: every text, code and alt value of its
 * tree, with a line break between blocks (mdast-util-to-string joins "SSO" and the next heading
 * into "SSOLessons"), and without HTML tags.
 */
import { markdownTree } from '../../../src/lib/content/markdown-tree.ts';
import type { Nodes } from 'mdast';

/** Nodes whose children are phrasing content: joined as written, without a break. */
const PHRASING_PARENTS = new Set([
  'paragraph',
  'heading',
  'emphasis',
  'strong',
  'delete',
  'link',
  'linkReference',
  'tableCell',
]);

function textOf(node: Nodes): string {
  if (node.type === 'html') return '';
  if (node.type === 'image' || node.type === 'imageReference') return node.alt ?? '';
  if ('value' in node) return node.value;
  if (!('children' in node)) return '';
  const parts = (node.children as Nodes[]).map(textOf);
  return parts.join(PHRASING_PARENTS.has(node.type) ? '' : '\n');
}

export function documentText(markdown: string): string {
  return textOf(markdownTree(markdown, { position: false }));
}
