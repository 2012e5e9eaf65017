/** Small text helpers the field readers share: sentences, lists, titles. */
import type { FoundTime } from './times.ts';

export function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+(?=[A-Z"“(‘'À-Ý])/)
    .map((sentence) => sentence.trim())
    .filter(Boolean);
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Text as one sentence: spaces collapsed and a full stop added when it has none. The words stay
 * as written: "docbrown receives pager storm" keeps its handle in lower case.
 */
export function asSentence(text: string): string {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  return /[.!?…]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

export function splitList(text: string): string[] {
  return text
    .split(/\s*(?:[,;]\s*(?:and\s+|et\s+)?|\s+and\s+|\s+et\s+|\n)\s*/)
    .map((part) => part.replace(/^[@*_`]+|[*_`.]+$/g, '').trim())
    .filter(Boolean);
}

export function lineList(lines: number[]): string {
  const unique = [...new Set(lines)].sort((a, b) => a - b);
  return `${unique.length === 1 ? 'line' : 'lines'} ${unique.join(', ')}`;
}

/** Text after a time written at the start of a line: "10:30 AM (UTC): The issue..." → "The issue...". */
export function withoutLeadingTime(text: string, times: FoundTime[]): string {
  const first = times[0];
  if (!first || first.index > 3) return text;
  const rest = text.slice(first.index + first.text.length).replace(/^\s*\)?\s*[:\-–—|,]?\s*/, '');
  return rest;
}

export function cleanTitle(text: string): string {
  return text
    .replace(/[\p{Extended_Pictographic}\uFE0F\u200D]/gu, '')
    .replace(
      /^\s*(?:post[- ]?mortem(?: report)?|incident (?:report|review|post[- ]?mortem|summary|retrospective)|post[- ]incident (?:review|report)|pir|rca|root cause analysis|retrospective|retro|rapport d['’]incident|compte[- ]rendu d['’]incident)\s*(?:[:\-–—|#]\s*|$)/i,
      '',
    )
    .replace(/\s+/g, ' ')
    .replace(/[:\s]+$/, '')
    .trim()
    .slice(0, 160);
}
