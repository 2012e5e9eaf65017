/**
 * Postmortems from public collections: Markdown with a YAML frontmatter block (icco/postmortems,
 * status-page repositories). Known keys map to fields; everything else stays in the body, where
 * the whole frontmatter block is kept as a YAML code block. A collection's own facts are taken
 * as stated; times are taken only as precisely as they are written: a time of exactly 00:00:00
 * is how such collections write a bare date, so it is read as that day.
 */
import { parse as parseYaml } from 'yaml';
import { slugOf } from '../core/slug.ts';
import { parseCalendarDay, parseInstant, type TimeValue } from '../core/time.ts';
import type { Extracted } from './extracted.ts';
import { cleanTitle } from './prose.ts';
import { toIso } from './times.ts';

/** Frontmatter keys other collections use, per field; the first key present wins. */
export const COLLECTION_KEYS = {
  title: ['title', 'name', 'headline'],
  summary: ['summary', 'description', 'excerpt'],
  started: ['start_time', 'started', 'start', 'started_at', 'startDate', 'start_date', 'date', 'incident_date'],
  resolved: ['end_time', 'resolved_at', 'resolvedWhen', 'ended', 'end', 'endDate', 'end_date'],
  original: ['url', 'link', 'source_url', 'permalink'],
  archive: ['archive_url', 'archive'],
  statusPage: ['status_page', 'statuspage'],
  organisation: ['company', 'organisation', 'organization', 'org'],
  product: ['product'],
  tags: ['categories', 'keywords', 'tags'],
  affected: ['affected', 'affected_services', 'components'],
  incidentNumber: ['incident_number', 'incidentNumber', 'incident_id'],
  authors: ['author', 'authors'],
} as const satisfies Record<string, readonly string[]>;

export interface CollectionSource {
  data: Record<string, unknown>;
  /** Lines the frontmatter block takes, fences included. */
  lineCount: number;
  /** The frontmatter block as written, fences included. */
  block: string;
  body: string;
}

const KNOWN = new Set<string>(Object.values(COLLECTION_KEYS).flat());

/** The YAML frontmatter of a document, when it has one with at least one key we know. */
export function readCollectionSource(text: string): CollectionSource | undefined {
  const match = /^---[ \t]*\n([\s\S]*?)\n---[ \t]*(?:\n|$)/.exec(text);
  if (!match) return undefined;
  let data: unknown;
  try {
    data = parseYaml(match[1]);
  } catch {
    return undefined;
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return undefined;
  if (!Object.keys(data).some((key) => KNOWN.has(key))) return undefined;
  const block = match[0].replace(/\n$/, '');
  return {
    data: data as Record<string, unknown>,
    lineCount: block.split('\n').length,
    block,
    body: text.slice(match[0].length),
  };
}

function first(data: Record<string, unknown>, keys: readonly string[]): { key: string; value: unknown } | undefined {
  for (const key of keys) {
    const value = data[key];
    if (value !== undefined && value !== null && value !== '') return { key, value };
  }
  return undefined;
}

const textOf = (value: unknown) => (typeof value === 'string' ? value.trim() || undefined : undefined);
const listOf = (value: unknown): string[] =>
  Array.isArray(value)
    ? value.flatMap((item) => (typeof item === 'string' || typeof item === 'number' ? [String(item)] : []))
    : textOf(value)
      ? [String(value)]
      : [];

/** A collection's time value, as precisely as written; notes say what was not taken. */
export function collectionTime(
  value: unknown,
  key: string,
  zone: string | undefined,
): { value?: TimeValue; note?: string } {
  const text = value instanceof Date ? value.toISOString() : String(value).trim();
  if (/^\d{4}$/.test(text))
    return {
      value: { unknown: `the source gives only the year ${text}` },
      note: `${key}: only the year ${text} is given`,
    };
  if (parseInstant(text).ok) {
    // Collections write a bare date as midnight UTC; that claims a time nobody stated.
    return /T00:00(?::00(?:\.0+)?)?(?:Z|[+-]00:00)$/.test(text) ? { value: text.slice(0, 10) } : { value: text };
  }
  if (parseCalendarDay(text).ok) return { value: text };
  const local = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text);
  if (local) {
    const [year, month, day, hour, minute, second] = local.slice(1).map(Number);
    if (zone) {
      const iso = toIso({ year, month, day, hour, minute, second }, zone);
      if (iso.ok)
        return { value: iso.iso, note: `${key}: "${text}" has no zone; it was read in ${zone} as --zone says` };
    }
    return {
      value: text.slice(0, 10),
      note: `${key}: "${text}" has no time zone, so only the day was kept; add the zone for the exact time`,
    };
  }
  return { note: `${key}: "${text}" is not a date or time the importer can read; it was left out` };
}

/** The facts a collection's frontmatter states, mapped to fields; `notes` go to the review list. */
export function collectionFacts(
  source: CollectionSource,
  options: { zone?: string },
): { facts: Partial<Extracted>; notes: string[] } {
  const { data } = source;
  const notes: string[] = [];
  const get = (field: keyof typeof COLLECTION_KEYS) => first(data, COLLECTION_KEYS[field]);
  const time = (field: 'started' | 'resolved') => {
    const found = get(field);
    if (!found) return undefined;
    const read = collectionTime(found.value, found.key, options.zone);
    if (read.note) notes.push(`${field}: ${read.note}`);
    return read.value;
  };
  const sources = [
    ...listOf(get('original')?.value).map((url) => ({ url, kind: 'original' })),
    ...listOf(get('archive')?.value).map((url) => ({ url, kind: 'archive' })),
    ...listOf(get('statusPage')?.value).map((url) => ({ url, kind: 'status-page' })),
  ].filter((link) => /^https?:\/\/\S+$/.test(link.url));
  const tags = [
    ...new Set(
      listOf(get('tags')?.value)
        .map((tag) => slugOf(tag, 40))
        .filter(Boolean),
    ),
  ];
  const title = textOf(get('title')?.value);
  return {
    facts: {
      title: title ? cleanTitle(title) : undefined,
      summary: textOf(get('summary')?.value),
      started: time('started'),
      resolved: time('resolved'),
      organisation: textOf(get('organisation')?.value),
      product: textOf(get('product')?.value),
      incidentNumber: textOf(String(get('incidentNumber')?.value ?? '')),
      authors: listOf(get('authors')?.value),
      tags,
      sources,
      impact: { affectedServices: listOf(get('affected')?.value) } as Extracted['impact'],
    },
    notes,
  };
}
