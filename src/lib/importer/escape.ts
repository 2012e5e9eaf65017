/**
 * Makes free-form Markdown safe to embed in an MDX body without changing what a reader
 * sees. MDX reads `{`, `}` and `<` as code and JSX, lines starting with `import`/`export`
 * as JavaScript, and refuses HTML comments and `<https://…>` autolinks. Outside code spans
 * and fenced code, each of those gets a Markdown escape (`\{`, `\}`) or a character
 * reference (`&lt;`, `&#105;mport`), which render as the original characters; `<` takes the
 * reference because a bare URL (GFM autolink literal) swallows a backslash before it, and a
 * bare URL holding such characters is kept from becoming a link (`https&#58;//…`). Code stays
 * verbatim, since MDX shows code literally.
 *
 * Escaping never adds or removes a line, so line N of the output is line N of the source.
 */
import type { Root } from 'mdast';
import { mdxToMdast } from 'satteri';

const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;

/** A line that MDX would read as JavaScript (`import …`, `export …`), after any indent or `>`. */
const ESM_LINE = /^([ \t>]*)(import|export)(?=[\s]|$)/;

interface Range {
  start: number;
  end: number;
}

interface Positioned {
  type: string;
  children?: Positioned[];
  position?: { start: { offset?: number }; end: { offset?: number } };
}

/**
 * `text` read the way the site reads its escaped copy: satteri in MDX mode (no indented code,
 * no raw HTML, no `<…>` autolinks), with `<`, `{`, `}` and a line-opening `import`/`export` as
 * plain characters. Each of those is swapped for a punctuation mark the text does not hold (one
 * UTF-16 unit, so offsets and lines are those of `text`, and punctuation like the character it
 * stands for, so emphasis next to it pairs the same) and swapped back in the tree.
 */
export function mdxReading(text: string): Root {
  const spare = [...Array(128).keys()]
    .map((n) => String.fromCharCode(0x2e00 + n))
    .filter((c) => /\p{P}/u.test(c) && !text.includes(c));
  const swaps = new Map<string, string>();
  const swap = (char: string) => {
    if (!swaps.has(char)) swaps.set(char, spare[swaps.size]);
    return swaps.get(char)!;
  };
  // Every line start counts, after \r too: satteri ends lines there, and ESM it finds may abort it.
  const masked = text
    .replace(new RegExp(ESM_LINE.source, 'gm'), (_, lead: string, word: string) => lead + swap(word[0]) + word.slice(1))
    .replace(/[<{}]/g, swap);
  const tree = mdxToMdast(masked, { features: { frontmatter: false, gfm: false } }) as Root;
  const back = new Map([...swaps].map(([char, stand]) => [stand, char]));
  const restore = (node: Record<string, unknown>) => {
    for (const key of ['value', 'url', 'title', 'alt', 'lang', 'meta', 'label', 'identifier']) {
      const value = node[key];
      if (typeof value === 'string') node[key] = [...value].map((c) => back.get(c) ?? c).join('');
    }
    for (const child of (node.children as Record<string, unknown>[] | undefined) ?? []) restore(child);
  };
  if (back.size > 0) restore(tree as unknown as Record<string, unknown>);
  return tree;
}

/** Offsets of code spans and fenced code blocks, which MDX keeps literal. */
export function codeRanges(text: string): Range[] {
  const tree = mdxReading(text) as unknown as Positioned;
  const ranges: Range[] = [];
  const visit = (node: Positioned) => {
    if (
      (node.type === 'code' || node.type === 'inlineCode') &&
      node.position?.start.offset !== undefined &&
      node.position.end.offset !== undefined
    ) {
      ranges.push({ start: node.position.start.offset, end: node.position.end.offset });
      return;
    }
    for (const child of node.children ?? []) visit(child);
  };
  visit(tree);
  return ranges.sort((a, b) => a.start - b.start);
}

/** `text` with everything MDX would execute or refuse escaped; same lines, same rendering. */
export function escapeMdx(text: string): string {
  const ranges = codeRanges(text);
  let out = '';
  let next = 0;
  let atLineStart = true;
  for (let i = 0; i < text.length; i++) {
    while (next < ranges.length && ranges[next].end <= i) next++;
    const range = ranges[next];
    if (range && range.start <= i) {
      // Code is copied verbatim up to its end.
      out += text.slice(i, range.end);
      atLineStart = text[range.end - 1] === '\n';
      i = range.end - 1;
      continue;
    }
    const char = text[i];
    if (atLineStart) {
      const esm = ESM_LINE.exec(text.slice(i, i + 40));
      if (esm) {
        out += esm[1] + (esm[2] === 'import' ? '&#105;mport' : '&#101;xport');
        i += esm[0].length - 1;
        atLineStart = false;
        continue;
      }
    }
    atLineStart = char === '\n';
    const literal = /^(?:https?:\/\/|www\.)/i.exec(text.slice(i, i + 8));
    if (literal && /[^\w\-.~:/?#@!$&'()*+,;=%]/.test(/^\S*/.exec(text.slice(i))![0])) {
      // A bare URL holding a backtick, brace or bracket: MDX's GFM would swallow those into the
      // link and pair code spans differently; a character reference keeps it plain text.
      out += literal[0].replace(/:|\.$/, (c) => (c === ':' ? '&#58;' : '&#46;'));
      i += literal[0].length - 1;
      continue;
    }
    if (char === '\\' && text[i + 1] === '<') {
      // "\<" inside a bare URL is not an escape to the MDX parser, so use the reference instead.
      out += '&lt;';
      i++;
      continue;
    }
    if (char === '\\' && i + 1 < text.length && ASCII_PUNCTUATION.test(text[i + 1])) {
      // Already an escape: keep the pair so the escaped character stays literal.
      out += char + text[i + 1];
      i++;
      continue;
    }
    if (char === '<') out += '&lt;';
    else out += char === '{' || char === '}' ? `\\${char}` : char;
  }
  return out;
}
