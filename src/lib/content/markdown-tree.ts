/**
 * Markdown read as the site reads it: satteri (the parser Astro renders Markdown and MDX with),
 * GFM on. Smart punctuation stays off here, so text taken from the tree is the author's as written.
 */
import type { Root } from 'mdast';
import { markdownToMdast } from 'satteri';

/** The mdast tree of `markdown`; `position: false` skips positions where nothing reads them. */
export function markdownTree(markdown: string, options: { position?: boolean } = {}): Root {
  return markdownToMdast(markdown, {
    features: { frontmatter: false, gfm: true },
    position: options.position ?? true,
  }) as Root;
}
