/**
 * Labels as authors write them: the lower-case key the importer matches, the label as a reader
 * would show it, `Label: value` prefixes, and section names written on a line of their own in
 * plain-text postmortems ("Issue Summary", "Timeline", "Root Cause and Resolution").
 */
import { FIELD_LABELS } from './labels.ts';

/** Lower-case label for matching: no emoji, numbering, punctuation or surrounding markup. */
export function labelKey(label: string): string {
  return label
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[’']/g, '')
    .replace(/[^\p{L}\p{N}/ -]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A label as a reader wrote it: markup, emoji, numbering and the trailing colon removed. */
export function cleanLabel(label: string): string {
  return label
    .replace(/[\p{Extended_Pictographic}\uFE0F\u200D]/gu, '')
    .replace(/^\s*(?:\d+(?:\.\d+)*[.)]?|[IVX]+\.|step \d+[:.]?)\s+/i, '')
    .replace(/\s*[:：\-–—]+\s*$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

const LABEL_PREFIX = /^([^:：\n]{1,60}?)\s*[:：]\s*([\s\S]*)$/;

/** Splits `Label: value` when the prefix reads as a label (short, no digits, no sentence). */
export function splitLabel(text: string): { label: string; value: string } | undefined {
  const match = LABEL_PREFIX.exec(text);
  if (!match) return undefined;
  const label = cleanLabel(match[1]);
  const words = label.split(/\s+/).filter(Boolean);
  if (words.length === 0 || words.length > 6) return undefined;
  if (/\d/.test(label) || /[.!?;,()[\]"]/.test(label) || /^https?$/i.test(label)) return undefined;
  return { label, value: match[2].trim() };
}

/** Labels that, alone on a line, open a section of the whole document rather than of a part. */
const DOCUMENT_SECTIONS = [FIELD_LABELS.summary, FIELD_LABELS.timeline, FIELD_LABELS.actions];
/** Every label that can stand alone on a line as a section name. */
const SECTION_NAMES = Object.entries(FIELD_LABELS)
  .filter(([field]) => !['reportDate', 'title', 'misleading'].includes(field))
  .map(([, pattern]) => pattern);

/**
 * The level of a plain-text line that is only a section name ("Timeline", "Root Cause and
 * Resolution:", "Impact:"): 9 for a part of the document (summary, timeline, action items, or
 * a name joining two with "and"), 10 for a field inside one; undefined for any other line.
 */
export function sectionLineLevel(line: string): 9 | 10 | undefined {
  const label = cleanLabel(line);
  if (!label || label.length > 60 || /[.!?]$/.test(label) || /[:：]\s*\S/.test(line.trim().replace(/[:：]\s*$/, '')))
    return undefined;
  const key = labelKey(label);
  if (!SECTION_NAMES.some((pattern) => pattern.test(key))) return undefined;
  return DOCUMENT_SECTIONS.some((pattern) => pattern.test(key)) || / and /.test(key) ? 9 : 10;
}
