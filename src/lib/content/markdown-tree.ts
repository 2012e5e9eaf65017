/**
 * Markdown read as the site reads it: satteri (the parser Astro renders Markdown and MDX with),
 * GFM on. Smart punctuation stays off here, so text taken from the tree is the author's as written.
 */
import type { Root } from 'mdast';
import { markdownToMdast, mdxToMdast } from 'satteri';

/** The mdast tree of `markdown`; `position: false` skips positions where nothing reads them. */
export function markdownTree(markdown: string, options: { position?: boolean } = {}): Root {
  return markdownToMdast(markdown, {
    features: { frontmatter: false, gfm: true },
    position: options.position ?? true,
  }) as Root;
}

/**
 * `body` as satteri can read it without stopping the process: satteri 0.10 aborts (a Rust panic,
 * which no try/catch sees) on an MDX document that ends inside an `import`/`export` line with a
 * backslash (`import \`\`\`#)\\`). A final line break changes nothing Markdown means, nor any
 * position before it. Every satteri reading of a body goes through this.
 */
export function satteriSafe(body: string): string {
  return body.endsWith('\n') ? body : `${body}\n`;
}

/** The mdast tree of an MDX body (comments and expressions as `mdxFlowExpression` nodes), with positions. */
export function mdxTree(mdx: string): Root {
  return mdxToMdast(satteriSafe(mdx), { features: { frontmatter: false, gfm: true }, position: true }) as Root;
}
