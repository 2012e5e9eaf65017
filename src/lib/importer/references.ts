/**
 * Local references of a source document: images and links to files beside it. Found on the
 * mdast tree; a file that is there is copied next to the entry (into `<id>.assets/`) and
 * the reference pointed at the copy, and a missing one is kept as visible text (a code span)
 * so that no entry can break the build by pointing at a file the site does not have.
 */
import { mdxReading } from './escape.ts';

export interface LocalReference {
  kind: 'image' | 'link';
  url: string;
  line: number;
  start: number;
  end: number;
}

interface Positioned {
  type: string;
  url?: string;
  children?: Positioned[];
  position?: { start: { line: number; offset?: number }; end: { offset?: number } };
}

/** A reference to a file beside the document: no scheme, not a fragment, not site-absolute. */
export function isLocalUrl(url: string): boolean {
  const trimmed = url.trim();
  return (
    trimmed !== '' && !/^[a-z][a-z0-9+.-]*:/i.test(trimmed) && !trimmed.startsWith('#') && !trimmed.startsWith('/')
  );
}

/** Images, links and link definitions of `text` that point at local files, in order. */
export function localReferences(text: string): LocalReference[] {
  // Read as the site reads the escaped copy, so a link MDX would not show is not taken for one.
  const tree = mdxReading(text) as unknown as Positioned;
  const found: LocalReference[] = [];
  const visit = (node: Positioned) => {
    const kind =
      node.type === 'image' ? 'image' : node.type === 'link' || node.type === 'definition' ? 'link' : undefined;
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (kind && node.url !== undefined && isLocalUrl(node.url) && start !== undefined && end !== undefined) {
      found.push({ kind, url: node.url, line: node.position!.start.line, start, end });
      return;
    }
    for (const child of node.children ?? []) visit(child);
  };
  visit(tree);
  return found;
}

/** A code span that holds `text` whatever backticks it contains. */
export function codeSpan(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = longest ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

export interface RewrittenReferences {
  text: string;
  /** Files to copy: the URL as written, and the path it now has, relative to the entry. */
  copies: { url: string; target: string }[];
  notes: string[];
}

/**
 * `text` with every local reference either pointed at its copy in `assetsFolder` (when
 * `exists(url)`) or turned into a code span; line numbers are unchanged.
 */
export function rewriteReferences(
  text: string,
  assetsFolder: string,
  exists: (url: string) => boolean,
): RewrittenReferences {
  const copies: RewrittenReferences['copies'] = [];
  const notes: string[] = [];
  let out = text;
  const taken = new Set<string>();
  for (const ref of localReferences(text).reverse()) {
    const original = text.slice(ref.start, ref.end);
    const url = decodeURI(ref.url.split(/[?#]/)[0]);
    if (exists(url)) {
      let name = url.split('/').pop() || 'file';
      for (let n = 2; taken.has(name); n++) name = `${n}-${name}`;
      taken.add(name);
      const target = `./${assetsFolder}/${name}`;
      copies.push({ url, target });
      out = out.slice(0, ref.start) + original.replace(ref.url, target) + out.slice(ref.end);
    } else {
      out = out.slice(0, ref.start) + codeSpan(original) + out.slice(ref.end);
      notes.push(
        `body: line ${ref.line} refers to the ${ref.kind === 'image' ? 'image' : 'file'} "${ref.url}", which is not beside the source; it is kept as text, add the file or remove the reference`,
      );
    }
  }
  return { text: out, copies: copies.reverse(), notes: notes.reverse() };
}
