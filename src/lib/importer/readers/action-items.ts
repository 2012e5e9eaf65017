/**
 * Action items from lists and tables under a follow-up heading, with the owner, term, type,
 * due date, status and tracker they state as metadata.
 */
import type { ExtractedActionItem } from '../extracted.ts';
import { FIELD_LABELS } from '../labels.ts';
import type { Reader } from '../reader.ts';

export const TERM_WORDS: readonly [RegExp, 'short' | 'mid' | 'long'][] = [
  [/\b(short)[- ]?term\b|^short$|\bcourt terme\b/i, 'short'],
  [/\b(mid|medium)[- ]?term\b|^(mid|medium)$|\bmoyen terme\b/i, 'mid'],
  [/\blong[- ]?term\b|^long$|\blong terme\b/i, 'long'],
];

export const TYPE_WORDS: Readonly<Record<string, 'prevent' | 'mitigate' | 'detect' | 'process'>> = {
  prevent: 'prevent',
  prevention: 'prevent',
  preventive: 'prevent',
  preventative: 'prevent',
  mitigate: 'mitigate',
  mitigation: 'mitigate',
  detect: 'detect',
  detection: 'detect',
  process: 'process',
};

export function termOf(text: string): 'short' | 'mid' | 'long' | undefined {
  return TERM_WORDS.find(([pattern]) => pattern.test(text))?.[1];
}

/** Reads one metadata token of an action item ("short term", "owner: SRE", "@sre", "due 2024-05-01"). */
export function metadataToken(token: string, item: ExtractedActionItem): boolean {
  const text = token.trim();
  if (!text) return true;
  const term =
    /^(?:term\s*[:=]\s*)?((?:short|mid|medium|long)(?:[- ]?term)?|court terme|moyen terme|long terme)$/i.exec(text);
  if (term) return (item.term = termOf(term[1].length <= 6 ? `${term[1]} term` : term[1])) !== undefined;
  const type = /^(?:type\s*[:=]\s*)?(prevent|prevention|mitigate|mitigation|detect|detection|process)$/i.exec(text);
  if (type) return (item.type = TYPE_WORDS[type[1].toLowerCase()]) !== undefined;
  const owner = /^(?:owners?|assignee|assigned to|responsable)\s*[:=]?\s*(.+)$/i.exec(text);
  if (owner) return Boolean((item.owner = owner[1].trim()));
  if (/^@[\w.-]+$/.test(text)) return Boolean((item.owner = text));
  const due = /^(?:due|by|deadline)\s*[:=]?\s*(\d{4}-\d{2}-\d{2})$/i.exec(text);
  if (due) return Boolean((item.due = due[1]));
  const status = /^(?:status\s*[:=]\s*)?(done|open|in progress|in-progress|won'?t do|wont-do|completed)$/i.exec(text);
  if (status) return (item.status = statusOf(status[1])) !== undefined;
  if (/^https?:\/\/\S+$/.test(text)) return Boolean((item.tracker = text));
  return false;
}

/**
 * Takes owner, term, type, due date, status and tracker out of an action item's text when
 * they are written as metadata: "(short term, owner: SRE) [prevent]", "— owner: Billing",
 * a trailing link. A group that holds anything else is left in the title.
 */
export function takeMetadata(text: string, item: ExtractedActionItem): string {
  let title = text;
  for (const group of [...title.matchAll(/\(([^()]*)\)|\[([^\][]*)\]/g)].reverse()) {
    const inner = group[1] ?? group[2];
    const probe: ExtractedActionItem = { ...item };
    if (inner.split(/[,;]/).every((token) => metadataToken(token, probe))) {
      Object.assign(item, probe);
      title = title.slice(0, group.index) + title.slice(group.index + group[0].length);
    }
  }
  const link = /\s+(https?:\/\/\S+)\s*$/.exec(title);
  if (link) {
    item.tracker = link[1];
    title = title.slice(0, link.index);
  }
  const tail =
    /\s*(?:[-–—]|,|;)\s+((?:(?:owners?|assignee|due|term|type|status)\s*[:=]?\s*[^,;]+|(?:short|mid|medium|long)[- ]term|@[\w.-]+)(?:\s*[,;]\s*[^,;]+)*)\s*$/i.exec(
      title,
    );
  if (tail) {
    const probe: ExtractedActionItem = { ...item };
    if (tail[1].split(/[,;]/).every((token) => metadataToken(token, probe))) {
      Object.assign(item, probe);
      title = title.slice(0, tail.index);
    }
  }
  return title;
}

export function readActionItems(reader: Reader): ExtractedActionItem[] {
  const items: ExtractedActionItem[] = [];
  const actionSections = reader.sections(FIELD_LABELS.actions).filter((section) => !reader.isTimeline(section));
  const leaves = reader.doc.leaves.filter(
    (leaf) =>
      leaf.table?.role === 'actions' ||
      (leaf.listItem &&
        !leaf.table &&
        actionSections.some((section) => leaf.sections.includes(section)) &&
        !reader.within(leaf, /^(what went|went well|went wrong|lessons?)/)),
  );
  for (const leaf of leaves) {
    const item: ExtractedActionItem = { title: '', line: leaf.line };
    let title = leaf.table ? '' : leaf.text;
    if (leaf.table) {
      // The Google SRE template writes the state in the Bug column: "Bug 5554823 **TODO**", "n/a **DONE**".
      const marked = leaf.table.cells.map(stateMarker).find((state) => state !== undefined);
      if (marked) item.status = marked;
      leaf.table.header.forEach((header, index) => {
        const key = header.toLowerCase();
        const cell = leaf.table!.cells[index] ?? '';
        if (!cell) return;
        if (/^(action|action item|task|item|follow ?up|todo|remediation|what)s?$/.test(key)) {
          title = cell;
          // "[x] Add alerting" in a table cell: a task list state written inside the table.
          const box = /^\s*\[([ xX])\]\s+/.exec(cell);
          if (box) {
            item.status ??= box[1] === ' ' ? 'open' : 'done';
            title = cell.slice(box[0].length);
          }
        } else if (/owner|assignee|responsible|who/.test(key)) item.owner = cell;
        else if (/term|horizon|timeframe|time frame/.test(key)) item.term = termOf(cell);
        else if (/^(type|kind|category)$/.test(key)) item.type = TYPE_WORDS[cell.toLowerCase()];
        else if (/status|state/.test(key)) item.status = statusOf(cell);
        else if (/due|deadline|target/.test(key) && /^\d{4}-\d{2}-\d{2}$/.test(cell)) item.due = cell;
        else if (/ticket|tracker|link|issue|jira/.test(key) && /^https?:\/\/\S+$/.test(cell)) item.tracker = cell;
      });
    } else {
      title = takeMetadata(title, item);
      // "Patch nginx — DONE", "TODO: add alerting": a state marker in capitals at either end.
      const ends =
        /^\s*(DONE|TODO|IN PROGRESS|WONTFIX|WON'T DO)\s*[:\-–—]?\s+|\s+[-–—]?\s*\(?(DONE|TODO|IN PROGRESS|WONTFIX|WON'T DO)\)?\s*$/.exec(
          title,
        );
      if (ends && !item.status) {
        item.status = statusOf(ends[1] ?? ends[2]);
        title = title.slice(0, ends.index) + title.slice(ends.index + ends[0].length);
      }
      if (leaf.checked !== undefined && !item.status) item.status = leaf.checked ? 'done' : 'open';
      if (!item.term) {
        for (const section of [...leaf.sections].reverse()) {
          const fromSection = termOf(section.label);
          if (fromSection) {
            item.term = fromSection;
            break;
          }
        }
      }
    }
    item.title = title
      .replace(/\s+/g, ' ')
      .replace(/\s+([,.;])/g, '$1')
      .replace(/^[\s,;:\-–—]+|[\s,;:\-–—]+$/g, '')
      .trim();
    if (item.title)
      items.push(
        Object.fromEntries(Object.entries(item).filter(([, v]) => v !== undefined)) as unknown as ExtractedActionItem,
      );
  }
  return items;
}

/** A state written in capitals as its own word in a cell ("n/a DONE", "Bug 5554823 TODO"). */
function stateMarker(cell: string): ExtractedActionItem['status'] {
  const marker = /(?:^|\s)(DONE|TODO|IN PROGRESS|WONTFIX|WON'T DO)\s*$/.exec(cell)?.[1];
  return marker ? statusOf(marker) : undefined;
}

export function statusOf(text: string): ExtractedActionItem['status'] {
  const key = text.toLowerCase();
  if (/done|complete|closed|fixed|finished|✅/.test(key)) return 'done';
  if (/progress|ongoing|started|doing/.test(key)) return 'in-progress';
  if (/won'?t|wont|dropped|cancel/.test(key)) return 'wont-do';
  if (/open|todo|to do|planned|not started/.test(key)) return 'open';
  return undefined;
}
