/**
 * Checks on the HTML tree that will be published: raw tags the HTML parser would drop without a
 * word, ids and names that could clobber the page's own, and the sanitizer's findings turned
 * into a rule and a sentence an author can act on.
 */
import type { Nodes as HastNodes, Root as HastRoot } from 'hast';
import { Tokenizer, type TokenHandler } from 'parse5';
import { INTERNAL_PREFIX, placeholderTag, type PolicyFinding } from './html-policy.ts';
import { AUTHORING_COMPONENTS } from './authoring.ts';
import { readableUrl, shorten, type BodyFormat, type BodyRule, type Point, type Report } from './body-problems.ts';

export interface RawTag {
  kind: 'start' | 'comment';
  name: string;
  /** Offset in the body. */
  offset: number;
  line: number;
  column: number;
}

/** Start tags and comments of a raw HTML chunk, by the HTML tokenizer browsers follow. */
export function tagsOf(html: string, base: number): RawTag[] {
  const tags: RawTag[] = [];
  const ignore = () => {};
  const handler: TokenHandler = {
    onStartTag: (token) => {
      const at = token.location!;
      tags.push({ kind: 'start', name: token.tagName, offset: base + at.startOffset, line: at.startLine, column: at.startCol });
    },
    onComment: (token) => {
      const at = token.location!;
      tags.push({ kind: 'comment', name: '', offset: base + at.startOffset, line: at.startLine, column: at.startCol });
    },
    onEndTag: ignore,
    onDoctype: ignore,
    onEof: ignore,
    onCharacter: ignore,
    onNullCharacter: ignore,
    onWhitespaceCharacter: ignore,
  };
  new Tokenizer({ sourceCodeLocationInfo: true }, handler).write(html, true);
  return tags;
}

/**
 * What the HTML parser would drop without a word: a start tag with no element in the tree
 * (`<body onload>`, `<html>`, a `<tr>` outside a table), or a comment that is really a
 * processing instruction or CDATA section (`<?php`, `<![CDATA[`).
 */
export function checkRawTagsSurvive(
  tree: HastRoot,
  tags: RawTag[],
  body: string,
  report: Report,
) {
  const starts = new Set<number>();
  const walk = (node: HastNodes) => {
    if ((node.type === 'element' || node.type === 'comment') && node.position?.start.offset !== undefined) {
      starts.add(node.position.start.offset);
    }
    if ('children' in node) for (const child of node.children) walk(child);
  };
  walk(tree);
  const lineAt = (offset: number): Point => {
    const before = body.slice(0, offset);
    const line = before.split('\n').length;
    return { line, column: offset - before.lastIndexOf('\n') };
  };
  for (const tag of tags) {
    if (tag.kind === 'comment') {
      if (!body.startsWith('<!--', tag.offset)) {
        report(lineAt(tag.offset), 'raw-html', `"${shorten(body.slice(tag.offset, tag.offset + 12), 12)}" is not an HTML comment (a processing instruction or CDATA section); remove it or put it in backticks`);
      }
    } else if (!starts.has(tag.offset)) {
      report(lineAt(tag.offset), 'raw-html', `<${tag.name}> cannot appear inside a postmortem (the HTML parser would drop it with its attributes); remove it`);
    }
  }
}

/** Ids and names an author writes could clash with the site's own (DOM clobbering); headings get ids anyway. */
export function checkAuthoredIds(
  tree: HastRoot,
  format: BodyFormat,
  inRaw: (node: HastNodes) => boolean,
  positions: Map<HastNodes, Point>,
  report: Report,
) {
  const walk = (node: HastNodes) => {
    if (node.type === 'element') {
      const authored = format === 'mdx' ? Boolean((node.data as { pmJsx?: boolean } | undefined)?.pmJsx) : inRaw(node);
      if (authored) {
        for (const key of ['id', 'name'] as const) {
          if (node.properties[key] !== undefined && node.properties[key] !== null) {
            report(
              positions.get(node),
              format === 'mdx' ? 'jsx-attribute' : 'raw-html',
              `<${node.tagName}> has ${key}="${shorten(String(node.properties[key]), 30)}"; remove it: headings get ids from their text, so link to "#heading-text" instead`,
            );
          }
        }
      }
    }
    if ('children' in node) for (const child of node.children) walk(child);
  };
  walk(tree);
}

/** The authoring component an element stands for, when it was written as one in MDX syntax. */
export function componentOf(node: HastNodes): string | undefined {
  return (node.data as { pmComponent?: string } | undefined)?.pmComponent;
}

/**
 * Internal placeholder tags (`<pm-callout>`, `<pm-action-items>`) written by an author, in raw
 * HTML or as lower-case JSX: only documented components in MDX syntax become components.
 */
export function checkInternalTags(
  tree: HastRoot,
  format: BodyFormat,
  inRaw: (node: HastNodes) => boolean,
  positions: Map<HastNodes, Point>,
  report: Report,
) {
  const walk = (node: HastNodes) => {
    if (node.type === 'element' && node.tagName.startsWith(INTERNAL_PREFIX) && !componentOf(node)) {
      const component = AUTHORING_COMPONENTS.find((name) => placeholderTag(name) === node.tagName);
      report(
        positions.get(node),
        format === 'md' || inRaw(node) ? 'raw-html' : 'jsx-component',
        `<${node.tagName}> is an internal tag of the site, not one to write; ${component ? (format === 'mdx' ? `write the component as <${component}> in MDX syntax` : `use <${component}> in an .mdx file`) : 'remove it'}`,
      );
    }
    if ('children' in node) for (const child of node.children) walk(child);
  };
  walk(tree);
}

export function ruleOf(finding: PolicyFinding, format: BodyFormat, authored: boolean): BodyRule {
  if (finding.kind === 'url') return 'url';
  if (!authored && finding.kind === 'node') return 'raw-html';
  if (format === 'mdx') return finding.kind === 'element' ? 'jsx-component' : 'jsx-attribute';
  return 'raw-html';
}

const ALLOWED_ELEMENT_HINT = '<details>, <summary>, <kbd>, <sub>, <sup>, <abbr>, <mark>, <img>, <a>, <table>';

export function explain(finding: PolicyFinding): string {
  const { node, kind, name } = finding;
  const tag = node.type === 'element' ? `<${node.tagName}>` : 'this';
  const value = shorten(Array.isArray(finding.value) ? finding.value.join(' ') : String(finding.value ?? ''), 50);
  switch (kind) {
    case 'element':
      if (name === 'script') return `<script> is not allowed: postmortems hold no scripts; put code in a fenced code block`;
      if (name === 'style') return `<style> is not allowed: the site styles postmortems; use Markdown emphasis or a <Callout>`;
      return `the HTML element <${name}> is not allowed here; use Markdown, an authoring component or one of ${ALLOWED_ELEMENT_HINT} (tables need <table> around their rows)`;
    case 'url': {
      const what = name === 'href' ? 'link' : node.type === 'element' && node.tagName === 'img' ? 'image' : `${name} URL`;
      return `the ${what} to "${readableUrl(value)}" is not allowed (on ${tag}): use an http(s), mailto or relative URL`;
    }
    case 'attribute': {
      const attribute = name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
      if (/^on/i.test(name)) return `${tag} has the event handler ${name.toLowerCase()}; postmortems hold no scripts, remove it`;
      if (name === 'style') return `${tag} has a style attribute; the site styles postmortems, remove it (use a <Callout> to highlight)`;
      if (name === 'className') return `${tag} has class="${value}"; the site styles postmortems, remove it`;
      return `${tag} has the attribute ${attribute}="${value}", which is not allowed on it; remove it`;
    }
    default:
      return name === 'doctype' ? 'a <!doctype> does not belong in a postmortem; remove it' : `this ${name} is not allowed; remove it`;
  }
}
