/**
 * An imported write-up may still begin with its source's own frontmatter as text (escaped
 * `---` lines, then `uuid: …`, `company: …`, `source_fetched_at: …`): the page shows it as the
 * author's file had it, but it is bookkeeping, not the incident's words, so search must not
 * index it or quote it in an excerpt. Found by reading the block as YAML, not by its look. Pure.
 */
import type { Element, Root } from 'hast';
import { parse } from 'yaml';

/** A line of only dashes, as `---` renders once escaped and typographically joined ("-–"). */
const isFence = (line: string) => line.trim().length >= 2 && [...line.trim()].every((char) => '-–—'.includes(char));

const textOf = (node: Root['children'][number] | Element['children'][number]): string =>
  node.type === 'text' ? node.value : 'children' in node ? node.children.map(textOf).join('') : '';

/** Whether `text` is a YAML mapping with at least two keys (what a frontmatter is). */
function isMapping(text: string): boolean {
  try {
    const value: unknown = parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length >= 2;
  } catch {
    return false;
  }
}

/**
 * Marks the paragraphs of a source frontmatter at the start of a write-up (before its first
 * prose) with `data-pagefind-ignore`: the paragraph that opens with a dash fence and reads as a
 * YAML mapping, and the closing fence paragraph after it.
 */
export function keepSourceFrontmatterOutOfSearch(tree: Root): void {
  const paragraphs = tree.children.filter((node): node is Element => node.type === 'element' && node.tagName === 'p');
  const opening = paragraphs.findIndex((paragraph) => isFence(textOf(paragraph).split('\n')[0]));
  // Only at the top: before it, nothing but the import note, a rule or other non-paragraph blocks.
  if (opening !== 0) return;
  const [first, ...rest] = textOf(paragraphs[0]).split('\n');
  const closing = rest.findIndex(isFence);
  const yamlLines = closing === -1 ? rest : rest.slice(0, closing);
  if (!isFence(first) || !isMapping(yamlLines.join('\n'))) return;
  paragraphs[0].properties.dataPagefindIgnore = '';
  const next = paragraphs[1];
  if (closing === -1 && next && isFence(textOf(next))) next.properties.dataPagefindIgnore = '';
}
