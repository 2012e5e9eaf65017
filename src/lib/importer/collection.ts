/**
 * Postmortems whose source starts with a frontmatter block (see ./source-frontmatter.ts):
 * public collections (icco/postmortems), status pages (cState) and blog posts (Jekyll, Hugo,
 * Zola). Every key the source states is mapped to a field through the tables below, or named
 * in the review list; nothing is dropped. The tables are data, documented in CONTRIBUTING.md
 * ("Importing: how frontmatter maps"). Times are taken only as precisely as they are written:
 * a time of exactly 00:00:00 UTC is how such collections write a bare date, so it is that day.
 */
import { slugOf } from '../core/slug.ts';
import { parseCalendarDay, parseInstant, type TimeValue } from '../core/time.ts';
import { rootCauseCategories, severities, type RootCauseCategory } from '../core/taxonomy.ts';
import type { Extracted } from './extracted.ts';
import { cleanTitle } from './prose.ts';
import type { SourceFrontmatter } from './source-frontmatter.ts';
import { toIso } from './times.ts';

/** Which kind of source wrote the frontmatter; it decides what `date` and `categories` mean. */
export type CollectionKind = 'icco' | 'cstate' | 'post';

/** Frontmatter keys, per field; the first key present wins. */
export const COLLECTION_KEYS = {
  title: ['title', 'name', 'headline'],
  summary: ['summary', 'description', 'excerpt'],
  /** Keys that state when the incident began. */
  started: ['start_time', 'started', 'start', 'started_at', 'startDate', 'start_date', 'incident_date'],
  /** Keys that state when the text was posted or written: the start only when nothing better is known, and flagged. */
  posted: ['date', 'published_at', 'pubDate', 'source_published_at', 'created'],
  resolved: ['end_time', 'resolved_at', 'resolvedWhen', 'ended', 'end', 'endDate', 'end_date'],
  original: ['url', 'link', 'source_url', 'permalink'],
  archive: ['archive_url', 'archive'],
  statusPage: ['status_page', 'statuspage'],
  organisation: ['company', 'organisation', 'organization', 'org'],
  product: ['product'],
  categories: ['categories'],
  tags: ['keywords', 'tags'],
  severity: ['severity'],
  affected: ['affected', 'affected_services', 'components'],
  incidentNumber: ['incident_number', 'incidentNumber', 'incident_id'],
  authors: ['author', 'authors'],
  draft: ['draft'],
} as const satisfies Record<string, readonly string[]>;

/**
 * icco/postmortems' categories (its tool/categorize.go) to root-cause categories. `null`: the
 * category says where or how the incident happened, not why, and stays a tag; a root cause is
 * then proposed from the text and flagged.
 */
export const ICCO_CATEGORIES: Readonly<Record<string, RootCauseCategory | null>> = {
  'config-change': 'config-change',
  hardware: 'hardware-facility',
  security: 'security',
  time: 'expiry',
  // A cascade, domino effect or thundering herd: load moving onto what is left until it fails.
  'cascading-failure': 'capacity',
  // The incident was at or on a cloud platform: where, not why.
  cloud: null,
  // Automation was involved (a script, autoscaling): how, not why.
  automation: null,
  postmortem: null,
  undescriptive: null,
};

/**
 * icco/postmortems' categories that imply a contributing factor (slugs of content/factors.yaml).
 * A category that says how the incident unfolded names a factor even where it names no root
 * cause (`automation`). Each factor taken is flagged: its note says where it came from until a
 * reviewer writes the author's sentence. Categories missing here imply no factor.
 */
export const ICCO_FACTORS: Readonly<Record<string, string>> = {
  'config-change': 'config-push',
  time: 'time-handling',
  automation: 'automation',
  // A cascade, domino effect or thundering herd: load moving onto what is left until it fails.
  'cascading-failure': 'capacity',
};

/** cState's severity levels (`down`, `disrupted`, `notice`) to ours; listed for review when used. */
export const CSTATE_SEVERITIES: Readonly<Record<string, keyof typeof severities>> = {
  down: 'sev1',
  disrupted: 'sev2',
  notice: 'sev3',
};

/**
 * Keys that configure the site that published the source, or that the entry already keeps
 * another way; they carry no fact about the incident. icco's `uuid` is the source file's
 * name, which the entry's body cites; `source_fetched_at` goes into the original link's title.
 */
const CONSUMED: Readonly<Record<CollectionKind, readonly string[]>> = {
  icco: ['uuid', 'source_fetched_at'],
  cstate: ['resolved', 'section', 'informational', 'pin'],
  post: ['layout', 'slug', 'weight', 'aliases', 'template', 'type', 'comments', 'toc', 'permalink'],
};

const KNOWN = new Set<string>(Object.values(COLLECTION_KEYS).flat());

/** What kind of source a frontmatter block comes from, by the keys it has. */
export function collectionKind(data: Record<string, unknown>): CollectionKind {
  if ('uuid' in data && 'company' in data && 'categories' in data) return 'icco';
  const severity = typeof data.severity === 'string' ? data.severity.toLowerCase() : '';
  if ('resolvedWhen' in data || ('affected' in data && severity in CSTATE_SEVERITIES)) return 'cstate';
  return 'post';
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

/** A value as a reviewer reads it in a note. */
function shown(value: unknown): string {
  const text = value instanceof Date ? value.toISOString() : typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

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
  const local = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?$/.exec(text);
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

/**
 * Whether a start and an end are days written as times: both on the hour, at the same time of
 * day and offset, on different days ("2022-09-01T01:00:00+02:00" … "2022-10-12T01:00:00+02:00").
 */
export function pickedDays(start: string, end: string): boolean {
  const onTheHour = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):00(?::00(?:\.0+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;
  const [a, b] = [onTheHour.exec(start), onTheHour.exec(end)];
  return !!a && !!b && a[1] !== b[1] && a[2] === b[2] && a[3] === b[3];
}

/** What a frontmatter block states, mapped to fields, before it meets what the text says. */
export interface CollectionFacts extends Partial<Extracted> {
  kind: CollectionKind;
  /** When the text was posted or written, and the key it came from: the start only as a flagged last resort. */
  posted?: { value: TimeValue; key: string };
  /** Root-cause categories the source states, mapped by a table. */
  categories: RootCauseCategory[];
  /** Contributing factors the source's categories imply (icco only, by ICCO_FACTORS), with the category. */
  factors: { factor: string; category: string }[];
  /** The source marks itself as work in progress (`draft: true`). */
  draft: boolean;
  /** The times as the source wrote them, to tell an end that only repeats the start. */
  written: { started?: string; resolved?: string; posted?: string };
}

/** Severity as the source states it, mapped; undefined with a note when it has no counterpart. */
function severityOf(value: unknown, kind: CollectionKind, notes: string[]): string | undefined {
  const text = textOf(String(value ?? ''))?.toLowerCase();
  if (!text) return undefined;
  const ours = text.replace(/^sev(?:erity)?[\s-]*/, 'sev');
  if (ours in severities) return ours;
  const mapped = CSTATE_SEVERITIES[text];
  if (mapped) {
    notes.push(
      `severity: the ${kind === 'cstate' ? 'status page' : 'source'} says "${text}", mapped to ${mapped} (table in src/lib/importer/collection.ts); check it against the severity scale`,
    );
    return mapped;
  }
  notes.push(`severity: the source says "${shown(value)}", which has no counterpart on the severity scale; choose one`);
  return undefined;
}

/** The facts a frontmatter block states, mapped to fields; `notes` go to the review list. */
export function collectionFacts(
  source: SourceFrontmatter & { data: Record<string, unknown> },
  options: { zone?: string },
): { facts: CollectionFacts; notes: string[] } {
  // Zola keeps tags and categories under `taxonomies`, and its own keys under `extra`.
  const taxonomies =
    source.data.taxonomies && typeof source.data.taxonomies === 'object'
      ? (source.data.taxonomies as Record<string, unknown>)
      : {};
  const data = { ...taxonomies, ...source.data };
  delete data.taxonomies;
  const kind = collectionKind(data);
  const notes: string[] = [];
  const get = (field: keyof typeof COLLECTION_KEYS) => first(data, COLLECTION_KEYS[field]);
  const time = (field: 'started' | 'resolved' | 'posted') => {
    const found = get(field);
    if (!found) return undefined;
    const read = collectionTime(found.value, found.key, options.zone);
    if (read.note) notes.push(`${field === 'posted' ? 'started' : field}: ${read.note}`);
    return read.value === undefined
      ? undefined
      : {
          value: read.value,
          key: found.key,
          written: found.value instanceof Date ? found.value.toISOString() : String(found.value).trim(),
        };
  };

  const fetched = kind === 'icco' ? textOf(String(data.source_fetched_at ?? ''))?.slice(0, 10) : undefined;
  const publishedDay = kind === 'icco' ? textOf(String(data.source_published_at ?? ''))?.slice(0, 10) : undefined;
  const originalTitle = [publishedDay && `published ${publishedDay}`, fetched && `fetched ${fetched}`]
    .filter(Boolean)
    .join(', ');
  const sources = [
    ...listOf(get('original')?.value).map((url) => ({
      url,
      kind: 'original',
      ...(originalTitle ? { title: `Original write-up (${originalTitle})` } : {}),
    })),
    ...listOf(get('archive')?.value).map((url) => ({ url, kind: 'archive' })),
    ...listOf(get('statusPage')?.value).map((url) => ({ url, kind: 'status-page' })),
  ].filter((link) => /^https?:\/\/\S+$/.test(link.url));

  // Categories: icco's by its table, our own taxonomy's values as they are; the rest are tags.
  const categories: RootCauseCategory[] = [];
  const categoryTags: string[] = [];
  const mappedFrom: string[] = [];
  for (const written of listOf(get('categories')?.value)) {
    const key = slugOf(written, 40);
    const mapped =
      kind === 'icco' && key in ICCO_CATEGORIES
        ? ICCO_CATEGORIES[key]
        : key in rootCauseCategories
          ? (key as RootCauseCategory)
          : null;
    if (mapped) {
      if (!categories.includes(mapped)) categories.push(mapped);
      mappedFrom.push(`"${written}" → ${mapped}`);
    } else categoryTags.push(written);
  }
  const factors =
    kind === 'icco'
      ? listOf(get('categories')?.value).flatMap((written) => {
          const factor = ICCO_FACTORS[slugOf(written, 40)];
          return factor && Object.hasOwn(ICCO_FACTORS, slugOf(written, 40)) ? [{ factor, category: written }] : [];
        })
      : [];
  // icco curates its categories: they are taken as stated. Elsewhere a blog's category is a guess.
  if (kind !== 'icco' && mappedFrom.length > 0)
    notes.push(
      `rootCause.categories: the source's categories ${mappedFrom.join(', ')} were taken as root-cause categories; check them`,
    );
  const tags = [
    ...new Set([...listOf(get('tags')?.value), ...categoryTags].map((tag) => slugOf(tag, 40)).filter(Boolean)),
  ];

  const title = textOf(get('title')?.value);
  const started = time('started');
  const resolved = time('resolved');
  const posted = time('posted');
  const begin = started ?? posted;
  if (begin && resolved && pickedDays(begin.written, resolved.written)) {
    // Two moments measured apart rarely fall on the same minute of the day; days picked in a form do.
    notes.push(
      `started: ${begin.key} "${begin.written}" and ${resolved.key} "${resolved.written}" are at the same hour on different days, as a date picker writes a day; only the days were kept, add the times if known`,
    );
    begin.value = begin.written.slice(0, 10);
    resolved.value = resolved.written.slice(0, 10);
  }
  const draftValue = get('draft')?.value;
  const facts: CollectionFacts = {
    kind,
    title: title ? cleanTitle(title) : undefined,
    summary: textOf(get('summary')?.value),
    started: started?.value,
    resolved: resolved?.value,
    posted: posted && { value: posted.value, key: posted.key },
    written: { started: started?.written, resolved: resolved?.written, posted: posted?.written },
    severity: get('severity') ? severityOf(get('severity')!.value, kind, notes) : undefined,
    organisation: textOf(get('organisation')?.value),
    product: textOf(get('product')?.value),
    incidentNumber: textOf(String(get('incidentNumber')?.value ?? '')),
    authors: listOf(get('authors')?.value),
    tags,
    sources,
    categories,
    factors,
    draft: draftValue === true || draftValue === 'true',
    impact: { affectedServices: listOf(get('affected')?.value) } as Extracted['impact'],
  };

  // A blog's or status page's keys are mapped by name only: each mapping is listed for review.
  if (kind !== 'icco') {
    const FIELD_OF: Partial<Record<keyof typeof COLLECTION_KEYS, string>> = {
      title: 'title',
      summary: 'summary',
      started: 'started',
      resolved: 'resolved',
      organisation: 'organisation',
      product: 'product',
      tags: 'tags',
      affected: 'impact.affectedServices',
      incidentNumber: 'incidentNumber',
      authors: 'authors',
      original: 'sources',
      archive: 'sources',
      statusPage: 'sources',
    };
    const mapped = Object.entries(FIELD_OF).flatMap(([field, target]) => {
      const found = get(field as keyof typeof COLLECTION_KEYS);
      return found ? [`${found.key} → ${target}`] : [];
    });
    if (mapped.length > 0)
      notes.push(
        `frontmatter: read from the source's ${source.format.toUpperCase()} frontmatter by key name: ${mapped.join(', ')}; check each value`,
      );
  }
  // Keys no table knows are named, with their values, so nothing the source states is lost unseen.
  const consumed = new Set(CONSUMED[kind]);
  if (kind === 'icco') consumed.add('source_published_at');
  const unmapped = Object.entries(source.data).filter(
    ([key, value]) =>
      !KNOWN.has(key) &&
      !consumed.has(key) &&
      key !== 'taxonomies' &&
      value !== null &&
      value !== '' &&
      !(Array.isArray(value) && value.length === 0),
  );
  for (const [key, value] of Object.entries(taxonomies)) {
    if (!KNOWN.has(key) && listOf(value).length > 0) unmapped.push([`taxonomies.${key}`, value]);
  }
  if (unmapped.length > 0)
    notes.push(
      `frontmatter: no field for ${unmapped.map(([key, value]) => `${key} (${shown(value)})`).join(', ')}; they are not in the entry, move what matters into a field`,
    );
  return { facts, notes };
}
