/**
 * Markdown tables written in a postmortem, read row by row: the delimiter row that makes a
 * table, the cells of a row, and what the table is for (timeline, action items, key/value).
 */
import { markdownTree } from '../content/markdown-tree.ts';
import { nodeText as text } from './html-text.ts';
import { labelKey } from './label-text.ts';
import { isKnownZone } from './times.ts';

export type TableRole = 'key-value' | 'timeline' | 'actions' | 'other';

export const DELIMITER_ROW = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;

export function splitRow(row: string): string[] {
  const cells = row
    .trim()
    .replace(/^\|/, '')
    .replace(/(?<!\\)\|$/, '')
    .split(/(?<!\\)\|/);
  return cells.map((cell) => text(markdownTree(cell.replace(/\\\|/g, '|').trim(), { position: false })));
}

export function tableRole(header: string[]): TableRole {
  const keys = header.map(labelKey);
  const has = (pattern: RegExp) => keys.some((key) => pattern.test(key));
  if (
    has(/^(action|action item|task|item|follow ?up|todo|remediation|what)s?$/) &&
    has(/owner|term|type|status|due|assignee|priority|horizon/)
  )
    return 'actions';
  if (
    (has(/^(time|when|timestamp|date|at|time utc|time \w+|date time|datetime|heure)$/) || headerZone(header)) &&
    has(/event|what happened|description|action|detail|update|note|activity|what/)
  )
    return 'timeline';
  if (
    header.length === 2 &&
    (has(/^(field|item|key|property|attribute|fact|name|metric)$/) || has(/^(value|details?|answer)$/))
  )
    return 'key-value';
  return 'other';
}

/**
 * The zone a timeline table's time column names in its header ("Date and Time in CET",
 * "Date (UTC)", "Time, UTC+2"), which the times in that column are written in.
 */
export function headerZone(header: readonly string[]): { zone: string; words: string } | undefined {
  for (const cell of header) {
    const match =
      /^(?:date|time|timestamp|when|date (?:and|&) time|date\/time|datetime)\s*(?:\(|,|-|in\b)?\s*(?:in\s+)?((?:UTC|GMT)(?:\s*[+\-−]\s*\d{1,2}(?::?\d{2})?)?|[A-Z]{2,5}|[A-Z][a-z]+\/[A-Za-z_]+)\)?$/i.exec(
        cell.trim(),
      );
    if (!match) continue;
    const token = match[1].replace(/\s+/g, '').replace('−', '-');
    // Abbreviations count only in capitals, as authors write zones ("in CET", not "in use").
    if (/^[A-Za-z]{2,5}$/.test(token) && token !== token.toUpperCase()) continue;
    if (isKnownZone(token)) return { zone: token, words: cell.trim() };
  }
  return undefined;
}
