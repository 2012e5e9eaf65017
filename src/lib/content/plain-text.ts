/**
 * Markdown written in a one-line field (a summary with links, `code` or *emphasis*) as the
 * plain text a reader sees, for lists, the home page and search results, which show text only.
 */
import { toString } from 'mdast-util-to-string';
import { markdownTree } from './markdown-tree.ts';

/** The text of inline Markdown: link text without the URL, code without backticks, no markers. */
export function plainText(markdown: string): string {
  // Only inline syntax is meant; a line starting with "#" or "-" is text, not a heading or list.
  if (!/[[\]`*_<\\&]/.test(markdown)) return markdown;
  const tree = markdownTree(markdown.replace(/^(\s*)([#>+-]|\d+[.)])/gm, '$1\\$2'), { position: false });
  return toString(tree, { includeImageAlt: true, includeHtml: false }).replace(/\s+/g, ' ').trim();
}
