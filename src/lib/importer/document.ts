/**
 * Reads the structure of a free-form postmortem: which text sits under which label.
 * Authors mark sections in many ways, and all of them become a {@link Section}:
 * `# Headings`, paragraphs that are only bold (`**Root Cause:**`), and list items that
 * open with a bold label (`- **Detection Time:**` followed by a nested list). Text becomes
 * {@link Leaf} entries that know their sections, their line and any `Label: value` prefix;
 * Markdown tables become leaves too (key/value rows, timeline rows, action item rows).
 */
import type { List, ListItem, Node, Paragraph, Parent, PhrasingContent, RootContent } from 'mdast';
import { markdownTree } from '../content/markdown-tree.ts';
import { mdxReading } from './escape.ts';
import { htmlHeadingParts, nodeText as text } from './html-text.ts';
import { cleanLabel, labelKey, sectionLineLevel, splitLabel } from './label-text.ts';
import { DELIMITER_ROW, splitRow, tableRole, type TableRole } from './tables.ts';

export interface Section {
  /** Label as written, without markup, numbering or trailing colon. */
  label: string;
  /** Lower-case label for matching. */
  key: string;
  line: number;
  /**
   * 1–6 for `#` headings, 7 for bold-paragraph headings, 8 for labelled list items, 9 and 10
   * for section names on a line of their own in plain text (see sectionLineLevel).
   */
  level: number;
  parent?: Section;
}

export interface Leaf {
  /** Whole text of the paragraph, list item or table row, without Markdown markup. */
  text: string;
  /** `Start Time` in `Start Time: October 10, 2023`; undefined when there is no label. */
  label?: string;
  /** Lower-case label for matching. */
  key?: string;
  /** Text after the label (the whole text when there is none). */
  value: string;
  line: number;
  endLine: number;
  /** Enclosing sections, outermost first. */
  sections: Section[];
  listItem: boolean;
  /** Task list state: true for `[x]`, false for `[ ]`. */
  checked?: boolean;
  /** For table rows: the header and cells, to read owner, term and other columns. */
  table?: { role: TableRole; header: string[]; cells: string[] };
}

export interface ParsedDocument {
  /** Source lines (1-based access via lines[line - 1]). */
  lines: string[];
  sections: Section[];
  leaves: Leaf[];
  /** The first `#` heading, if any. */
  firstHeading?: Section;
}

/** A paragraph that is only bold (or italic) text, perhaps followed by a colon: a heading. */
function boldHeading(paragraph: Paragraph): string | undefined {
  const kids = paragraph.children.filter((child) => !(child.type === 'text' && /^[\s:：]*$/.test(child.value)));
  if (kids.length !== 1 || (kids[0].type !== 'strong' && kids[0].type !== 'emphasis')) return undefined;
  const label = cleanLabel(text(kids[0]));
  if (!label || label.length > 80) return undefined;
  return label;
}

/** `**Label:** rest` or `**Label**: rest` at the start of a paragraph. */
function boldLabel(paragraph: Paragraph): { label: string; rest: PhrasingContent[] } | undefined {
  const [first, ...rest] = paragraph.children;
  if (!first || first.type !== 'strong') return undefined;
  const inside = text(first);
  const after = rest[0]?.type === 'text' ? rest[0].value : '';
  if (!/[:：]\s*$/.test(inside) && !/^\s*[:：]/.test(after) && !/^\s*[-–—]\s/.test(after)) return undefined;
  const label = cleanLabel(inside);
  if (!label || label.split(/\s+/).length > 8) return undefined;
  return { label, rest };
}

/**
 * Every bold label of a paragraph that opens with one, each with the inline content up to the
 * next: `**Affected services**: A, B. **Affected regions**: C` is two facts. A later bold text is
 * a label only after the end of a sentence, so a bold word inside a value stays in it.
 */
function boldLabels(paragraph: Paragraph): { label: string; rest: PhrasingContent[] }[] {
  const first = boldLabel(paragraph);
  if (!first) return [];
  const found = [{ label: first.label, rest: [] as PhrasingContent[] }];
  first.rest.forEach((child, index) => {
    const before = first.rest[index - 1];
    const after = first.rest[index + 1];
    const afterSentence = before?.type === 'text' && /[.;]\s+$/.test(before.value);
    const next =
      child.type === 'strong' && afterSentence
        ? boldLabel({ ...paragraph, children: [child, ...(after ? [after] : [])] })
        : undefined;
    if (next) found.push({ label: next.label, rest: [] });
    else found.at(-1)!.rest.push(child);
  });
  return found;
}

function lineOf(node: Node): number {
  return node.position?.start.line ?? 1;
}

function endLineOf(node: Node): number {
  return node.position?.end.line ?? lineOf(node);
}

/** Parses a postmortem written as Markdown into sections and leaves. */
export function parseDocument(source: string): ParsedDocument {
  const lines = source.split('\n');
  // Read as the site reads the imported copy: what MDX refuses is text, so a `<!-- note -->` still counts.
  const tree = mdxReading(source);
  const sections: Section[] = [];
  const leaves: Leaf[] = [];
  let headings: Section[] = [];
  let firstHeading: Section | undefined;

  const open = (label: string, line: number, level: number, scope: Section[]): Section => {
    const section: Section = { label, key: labelKey(label), line, level, parent: scope.at(-1) };
    sections.push(section);
    return section;
  };

  const addLeaf = (leaf: Omit<Leaf, 'key' | 'value'> & { value?: string }) => {
    leaves.push({ ...leaf, key: leaf.label ? labelKey(leaf.label) : undefined, value: leaf.value ?? leaf.text });
  };

  const paragraphLeaves = (paragraph: Paragraph, scope: Section[], listItem: boolean, checked?: boolean) => {
    const raw = lines.slice(lineOf(paragraph) - 1, endLineOf(paragraph)).join('\n');
    const rawLines = raw.split('\n');
    if (rawLines.length >= 2 && rawLines.every((line) => line.includes('|')) && DELIMITER_ROW.test(rawLines[1])) {
      const header = splitRow(rawLines[0]);
      const role = tableRole(header);
      rawLines.slice(2).forEach((row, index) => {
        const cells = splitRow(row);
        if (cells.every((cell) => cell === '')) return;
        const line = lineOf(paragraph) + 2 + index;
        const joined = cells.filter(Boolean).join(' | ');
        if (role === 'key-value' || (role === 'other' && cells.length === 2 && cells[0] && !/\d/.test(cells[0]))) {
          addLeaf({
            text: joined,
            label: cleanLabel(cells[0]),
            value: cells[1] ?? '',
            line,
            endLine: line,
            sections: scope,
            listItem: false,
            table: { role, header, cells },
          });
        } else {
          addLeaf({
            text: joined,
            line,
            endLine: line,
            sections: scope,
            listItem: false,
            table: { role, header, cells },
          });
        }
      });
      return;
    }
    const line = lineOf(paragraph);
    // Several `Label: value` lines (or <br>-separated parts) in one paragraph are several facts.
    const parts = rawLines
      .flatMap((rawLine, index) => rawLine.split(/<br\s*\/?>/i).map((part) => ({ part, line: line + index })))
      .map(({ part, line: at }) => ({
        text: text(
          markdownTree(part.replace(/^\s*(?:>\s*)*(?:[-*+]\s+|\d+[.)]\s+)?(?:\[[ xX]\]\s+)?/, '').trim(), {
            position: false,
          }),
        ),
        line: at,
      }))
      .filter((part) => part.text !== '');
    const labelled = parts.map((part) => splitLabel(part.text));
    if (parts.length > 1 && labelled.every(Boolean)) {
      labelled.forEach((pair, index) =>
        addLeaf({
          text: parts[index].text,
          label: pair!.label,
          value: pair!.value,
          line: parts[index].line,
          endLine: parts[index].line,
          sections: scope,
          listItem,
          checked,
        }),
      );
      return;
    }
    const bolds = boldLabels(paragraph);
    const whole = text(paragraph);
    if (bolds.length > 0) {
      for (const bold of bolds) {
        const value = text({ type: 'paragraph', children: bold.rest } as Paragraph).replace(/^[:：\-–—]\s*/, '');
        addLeaf({
          text: bolds.length === 1 ? whole : `${bold.label}: ${value}`,
          label: bold.label,
          value,
          line,
          endLine: endLineOf(paragraph),
          sections: scope,
          listItem,
          checked,
        });
      }
      return;
    }
    const pair = splitLabel(whole);
    addLeaf({
      text: whole,
      label: pair?.label,
      value: pair?.value,
      line,
      endLine: endLineOf(paragraph),
      sections: scope,
      listItem,
      checked,
    });
  };

  const item = (node: ListItem, scope: Section[]) => {
    const [first, ...others] = node.children;
    const checked = node.checked === null || node.checked === undefined ? undefined : node.checked;
    let paragraph = first?.type === 'paragraph' ? first : undefined;
    let taskState = checked;
    // Without the GFM extension a task item reads "[x] text": take the box off here.
    if (paragraph && paragraph.children[0]?.type === 'text') {
      const box = /^\[([ xX])\]\s+/.exec(paragraph.children[0].value);
      if (box) {
        taskState = box[1] !== ' ';
        paragraph = {
          ...paragraph,
          children: [
            { ...paragraph.children[0], value: paragraph.children[0].value.slice(box[0].length) },
            ...paragraph.children.slice(1),
          ],
        };
      }
    }
    const bold = paragraph ? boldLabel(paragraph) : undefined;
    const plain = paragraph && !bold && others.length > 0 ? splitLabel(text(paragraph)) : undefined;
    const heading = bold ?? (plain ? { label: plain.label, rest: [] } : undefined);
    if (
      paragraph &&
      heading &&
      (others.length > 0 ||
        (bold && text({ type: 'paragraph', children: bold.rest } as Paragraph).replace(/^[:：\-–—]\s*/, '') === ''))
    ) {
      // `- **Detection Time:**` with a nested list: a section that lasts for this item.
      const section = open(heading.label, lineOf(paragraph), 8, scope);
      const inner = [...scope, section];
      const rest = bold
        ? text({ type: 'paragraph', children: bold.rest } as Paragraph).replace(/^[:：\-–—]\s*/, '')
        : (plain?.value ?? '');
      if (rest)
        addLeaf({
          text: rest,
          line: lineOf(paragraph),
          endLine: endLineOf(paragraph),
          sections: inner,
          listItem: true,
          checked: taskState,
        });
      for (const child of others) block(child, inner, true);
      return;
    }
    if (paragraph) paragraphLeaves(paragraph, scope, true, taskState);
    for (const child of paragraph ? others : node.children) block(child, scope, true);
  };

  const block = (node: RootContent, scope: Section[], inList: boolean) => {
    switch (node.type) {
      case 'paragraph':
        paragraphLeaves(node, scope, inList);
        break;
      case 'list':
        for (const child of (node as List).children) item(child, scope);
        break;
      case 'blockquote':
        for (const child of (node as Parent).children as RootContent[]) block(child, scope, inList);
        break;
      case 'heading':
        // A heading inside a list item labels what follows in that item only.
        addLeaf({ text: text(node), line: lineOf(node), endLine: endLineOf(node), sections: scope, listItem: inList });
        break;
      default:
        // Code blocks and breaks carry no facts; they are kept in the body verbatim.
        break;
    }
  };

  /** Raw HTML with heading elements (`<h2>Timeline</h2>`): its headings open sections like `##` does. */
  const htmlBlock = (paragraph: Paragraph): boolean => {
    const first = lineOf(paragraph);
    const parts = htmlHeadingParts(lines.slice(first - 1, endLineOf(paragraph)).join('\n'), first);
    if (!parts) return false;
    for (const part of parts) {
      if (part.level === undefined) {
        const pair = splitLabel(part.text);
        addLeaf({
          ...part,
          label: pair?.label,
          value: pair?.value,
          endLine: part.line,
          sections: headings,
          listItem: false,
        });
        continue;
      }
      const section = open(
        cleanLabel(part.text),
        part.line,
        part.level,
        headings.filter((s) => s.level < part.level!),
      );
      if (!firstHeading) firstHeading = section;
      headings = [...headings.filter((s) => s.level < part.level!), section];
    }
    return true;
  };

  /** A plain-text paragraph with section names on lines of their own: each line is a section or a leaf. */
  const plainLines = (paragraph: Paragraph): boolean => {
    const first = lineOf(paragraph);
    const rows = lines.slice(first - 1, endLineOf(paragraph)).map((raw, index) => ({
      text: text(markdownTree(raw.replace(/^\s*(?:>\s*)*/, '').trim(), { position: false })),
      line: first + index,
    }));
    if (!rows.some((row) => sectionLineLevel(row.text))) return false;
    for (const row of rows.filter((candidate) => candidate.text !== '')) {
      const level = sectionLineLevel(row.text);
      if (level) {
        headings = headings.filter((section) => section.level < level);
        headings = [...headings, open(cleanLabel(row.text), row.line, level, headings)];
        continue;
      }
      const pair = splitLabel(row.text);
      addLeaf({
        ...row,
        label: pair?.label,
        value: pair?.value,
        endLine: row.line,
        sections: headings,
        listItem: false,
      });
    }
    return true;
  };

  const top = (node: RootContent) => {
    const level = node.type === 'heading' ? node.depth : node.type === 'paragraph' && boldHeading(node) ? 7 : 0;
    if (level > 0) {
      const label = node.type === 'heading' ? cleanLabel(text(node)) : boldHeading(node as Paragraph)!;
      headings = headings.filter((section) => section.level < level);
      // "### Detected: 10:30 UTC" is a heading and a fact at once.
      const fact = splitLabel(text(node));
      if (fact?.value)
        addLeaf({
          text: text(node),
          label: fact.label,
          value: fact.value,
          line: lineOf(node),
          endLine: endLineOf(node),
          sections: headings,
          listItem: false,
        });
      const section = open(label || text(node), lineOf(node), level, headings);
      if (node.type === 'heading' && !firstHeading) firstHeading = section;
      headings = [...headings, section];
      return;
    }
    if (node.type === 'blockquote') {
      for (const child of node.children) top(child as RootContent);
      return;
    }
    if (node.type === 'paragraph' && (htmlBlock(node) || plainLines(node))) return;
    block(node, headings, false);
  };

  for (const node of tree.children) top(node);
  return { lines, sections, leaves, firstHeading };
}

/**
 * A document pasted whole inside a code fence (```markdown … ```) reads as its contents: the
 * fence lines become blank, so line numbers still match the source. Anything else is returned
 * unchanged.
 */
export function unwrapFencedDocument(source: string): string {
  const tree = mdxReading(source);
  const blocks = tree.children.filter((node) => node.type !== 'html');
  const only = blocks.length === 1 ? blocks[0] : undefined;
  if (only?.type !== 'code' || !['', 'md', 'markdown', 'text', 'txt'].includes((only.lang ?? '').toLowerCase()))
    return source;
  const lines = source.split('\n');
  const first = lineOf(only) - 1;
  const last = endLineOf(only) - 1;
  lines[first] = '';
  if (last > first && /^\s*(`{3,}|~{3,})\s*$/.test(lines[last])) lines[last] = '';
  return lines.join('\n');
}
