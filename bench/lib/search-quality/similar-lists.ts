/**
 * Reads the Similar incidents list of a built incident page from its HTML (parsed with parse5).
 * Contract markup: `li[data-similar]` with an `a` to the neighbour and `[data-similar-reason]`.
 * LABELLED FALLBACK for the markup before that contract: `section.similar li` and `.reason`.
 */
import { parse, type DefaultTreeAdapterMap } from 'parse5';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

export interface ListedNeighbour {
  /** The neighbour's path as linked. */
  href: string;
  reason: string;
}

export interface SimilarList {
  markup: 'contract' | 'fallback';
  neighbours: ListedNeighbour[];
}

const attribute = (element: Element, name: string) => element.attrs.find((attr) => attr.name === name)?.value;
const hasClass = (element: Element, name: string) => (attribute(element, 'class') ?? '').split(/\s+/).includes(name);

function* elements(node: Node): Generator<Element> {
  if ('tagName' in node) yield node;
  if ('childNodes' in node) for (const child of node.childNodes) yield* elements(child);
  if ('content' in node && node.content) yield* elements(node.content as Node);
}

function textOf(node: Node): string {
  if (node.nodeName === '#text') return (node as DefaultTreeAdapterMap['textNode']).value;
  return 'childNodes' in node ? node.childNodes.map(textOf).join('') : '';
}

function neighbourOf(item: Element, isReason: (element: Element) => boolean): ListedNeighbour {
  const link = [...elements(item)].find((element) => element.tagName === 'a' && attribute(element, 'href'));
  const reason = [...elements(item)].find(isReason);
  if (!link) throw new Error('a Similar incidents item has no link to the neighbour');
  return { href: attribute(link, 'href')!, reason: reason ? textOf(reason).trim() : '' };
}

export function readSimilarList(html: string): SimilarList {
  const all = [...elements(parse(html))];
  const items = all.filter((element) => element.tagName === 'li' && attribute(element, 'data-similar') !== undefined);
  if (items.length > 0) {
    return {
      markup: 'contract',
      neighbours: items.map((item) =>
        neighbourOf(item, (element) => attribute(element, 'data-similar-reason') !== undefined),
      ),
    };
  }
  const section = all.find((element) => element.tagName === 'section' && hasClass(element, 'similar'));
  const fallbackItems = section ? [...elements(section)].filter((element) => element.tagName === 'li') : [];
  return {
    markup: 'fallback',
    neighbours: fallbackItems.map((item) => neighbourOf(item, (element) => hasClass(element, 'reason'))),
  };
}
