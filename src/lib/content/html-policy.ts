/**
 * What HTML a postmortem may publish: GitHub's sanitizer schema (hast-util-sanitize's
 * `defaultSchema`, the one github.com applies to READMEs) plus a few harmless text elements
 * and the authoring components' placeholders. The sanitizer is the oracle: whatever it would
 * drop or change is reported as a problem, so nothing is ever removed silently.
 */
import type { Element, Nodes, Properties, Root } from 'hast';
import { defaultSchema, sanitize, type Schema } from 'hast-util-sanitize';
import { AUTHORING_SPECS } from './authoring.ts';

/** What every placeholder tag starts with; no author may write one (see `checkInternalTags`). */
export const INTERNAL_PREFIX = 'pm-';

/** Placeholder tag of a component between parsing and rendering: `pm-callout`, `pm-action-items`. */
export function placeholderTag(component: string): string {
  return `${INTERNAL_PREFIX}${component.replace(/[A-Z]/g, (c, i: number) => (i ? '-' : '') + c.toLowerCase())}`;
}

/** Harmless text and table elements the old allow-list had and GitHub's schema lacks. */
const EXTRA_TAGS = ['abbr', 'caption', 'cite', 'col', 'colgroup', 'dfn', 'figcaption', 'figure', 'mark', 'small', 'time', 'u', 'wbr'];

export const POSTMORTEM_SCHEMA: Schema = {
  ...defaultSchema,
  tagNames: [...(defaultSchema.tagNames ?? []), ...EXTRA_TAGS, ...Object.keys(AUTHORING_SPECS).map(placeholderTag)],
  attributes: {
    ...defaultSchema.attributes,
    time: ['dateTime'],
    col: ['span'],
    colgroup: ['span'],
    ...Object.fromEntries(
      Object.entries(AUTHORING_SPECS).map(([name, spec]) => [placeholderTag(name), Object.keys(spec.attributes)]),
    ),
  },
  // Comments are invisible and cannot run; keeping them means the sanitizer changes nothing an author wrote.
  allowComments: true,
  // Author-written ids and names are refused before sanitizing (see `checkAuthoredIds`), so the
  // sanitizer need not rename them; generated footnote ids already carry `user-content-`.
  clobberPrefix: '',
  clobber: [],
};

/** One thing the sanitizer would remove or change, at the node where it happens. */
export interface PolicyFinding {
  node: Element | Nodes;
  kind: 'element' | 'attribute' | 'url' | 'node';
  /** Element name, attribute name or node type. */
  name: string;
  value?: unknown;
}

/** Whether the sanitizer keeps `url` as the value of `property` (href, src, cite): the one URL rule. */
export function isAllowedUrl(property: 'href' | 'src', url: string): boolean {
  const probe = sanitize(
    { type: 'element', tagName: property === 'href' ? 'a' : 'img', properties: { [property]: url }, children: [] },
    POSTMORTEM_SCHEMA,
  ) as Element;
  return probe.properties?.[property] === url;
}

const URL_PROPERTIES = new Set(Object.keys(defaultSchema.protocols ?? {}));

/**
 * Sanitizes `tree` and lists every difference from the input. Each node is tagged with a
 * serial number in `data` (which the sanitizer copies) so the two trees can be matched.
 */
export function sanitizeAndCompare(tree: Root): { safe: Root; findings: PolicyFinding[] } {
  const originals: Nodes[] = [];
  // Text is never dropped on its own (only with a stripped element, reported there), so only
  // elements and comments carry a serial: the sanitizer deep-copies `data`, and text is most nodes.
  const tag = (node: Nodes) => {
    if (node.type !== 'text') {
      node.data = { ...(node.data ?? {}), pmSerial: originals.length } as never;
      originals.push(node);
    }
    if ('children' in node) for (const child of node.children) tag(child);
  };
  tag(tree);
  const safe = sanitize(tree, POSTMORTEM_SCHEMA) as Root;
  const kept = new Map<number, Nodes>();
  const collect = (node: Nodes) => {
    const serial = (node.data as { pmSerial?: number } | undefined)?.pmSerial;
    if (serial !== undefined) kept.set(serial, node);
    if ('children' in node) for (const child of node.children) collect(child);
  };
  collect(safe);

  const findings: PolicyFinding[] = [];
  const serialOf = (node: Nodes) => (node.data as { pmSerial?: number } | undefined)?.pmSerial ?? -1;
  // `suppressed`: an ancestor was removed with everything in it (`<script>`), so it alone is reported.
  const compare = (node: Nodes, suppressed: boolean) => {
    if (node.type === 'text') return;
    const after = kept.get(serialOf(node));
    const children: Nodes[] = 'children' in node ? node.children : [];
    if (!after) {
      if (!suppressed) {
        findings.push({
          node,
          kind: node.type === 'element' ? 'element' : 'node',
          name: node.type === 'element' ? node.tagName : node.type,
        });
      }
      const contentKept = children.some((child) => child.type === 'text' || kept.has(serialOf(child)));
      for (const child of children) compare(child, suppressed || !contentKept);
      return;
    }
    if (!suppressed && node.type === 'element' && after.type === 'element') {
      findings.push(...compareProperties(node, node.properties, after.properties));
    } else if (!suppressed && node.type === 'comment' && after.type === 'comment' && node.value !== after.value) {
      findings.push({ node, kind: 'node', name: 'comment', value: node.value });
    }
    for (const child of children) compare(child, suppressed);
  };
  compare(tree, false);
  const strip = (node: Nodes) => {
    if (node.data) delete (node.data as { pmSerial?: number }).pmSerial;
    if ('children' in node) for (const child of node.children) strip(child);
  };
  strip(tree);
  strip(safe);
  return { safe, findings };
}

function compareProperties(node: Element, before: Properties, after: Properties): PolicyFinding[] {
  const findings: PolicyFinding[] = [];
  for (const [name, value] of Object.entries(before)) {
    if (value === undefined || value === null) continue;
    if (!Object.hasOwn(after, name)) {
      findings.push({ node, kind: URL_PROPERTIES.has(name) ? 'url' : 'attribute', name, value });
    } else if (JSON.stringify(after[name]) !== JSON.stringify(value)) {
      findings.push({ node, kind: URL_PROPERTIES.has(name) ? 'url' : 'attribute', name, value });
    }
  }
  for (const name of Object.keys(after)) {
    if (!Object.hasOwn(before, name) || before[name] === undefined || before[name] === null) {
      findings.push({ node, kind: 'attribute', name, value: after[name] });
    }
  }
  return findings;
}
