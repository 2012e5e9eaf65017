/**
 * Turns one free-form Markdown postmortem into a postmortem entry: frontmatter with every
 * fact the source states, a `review` list of what a reviewer must still settle, and the
 * original document kept whole in the body, escaped so MDX shows it as text. Pure: the CLI
 * (src/cli/import.ts) does the reading and writing.
 */
import { walkFields } from '../core/fields.ts';
import { slugOf } from '../core/slug.ts';
import { missingToPublish, postmortemSchema } from '../core/schema.ts';
import { fileDateOf, INCIDENT_YEARS, readTimeValue, timeValueProblem, type TimeValue } from '../core/time.ts';
import { checkPostmortemSource } from '../content/validation.ts';
import { stringifyFrontmatter } from '../content/frontmatter.ts';
import { escapeMdx } from './escape.ts';
import { collectionFacts, readCollectionSource } from './collection.ts';
import { extract, type Extracted } from './extract.ts';
import { codeSpan, rewriteReferences } from './references.ts';

export interface ImportOptions {
  /** File name of the source, shown in the entry and in messages. */
  sourceName: string;
  /** Zone for times written without one (`--zone`). */
  zone?: string;
  /** File names already taken in the output folder (without folders). */
  taken?: ReadonlySet<string>;
  /** Write entries with nothing to review as published (`--publish`, for collections already public). */
  publish?: boolean;
  /** Whether a file a local reference points at exists beside the source. */
  localFileExists?: (url: string) => boolean;
}

export type ImportStatus = 'draft' | 'in-review' | 'published';

export type ImportResult =
  | {
      ok: true;
      /** `YYYY-MM-DD-slug.mdx`. */
      fileName: string;
      text: string;
      status: ImportStatus;
      /** Fields left out because the source does not state them, as paths. */
      missing: string[];
      review: string[];
      data: Extracted;
      /** Local files to copy next to the entry: the URL as written and the path relative to the entry. */
      copies: { url: string; target: string }[];
    }
  | { ok: false; reason: string };

/** What the reviewer must supply for each field the importer could not read, from the registry. */
const MISSING_HINTS: ReadonlyMap<string, string> = new Map(
  walkFields(postmortemSchema).flatMap((field) => (field.meta.ask ? [[field.name, field.meta.ask] as const] : [])),
);

function pathName(path: (string | number)[]): string {
  return path.reduce<string>(
    (name, part) => (typeof part === 'number' ? `${name}[${part}]` : name ? `${name}.${part}` : part),
    '',
  );
}

/** Review lines for missing fields, with action item gaps grouped per field. */
function missingNotes(missing: (string | number)[][], data: Extracted): string[] {
  const notes: string[] = [];
  const perItem = new Map<string, number[]>();
  for (const path of missing) {
    if (path[0] === 'actionItems' && typeof path[1] === 'number') {
      const field = String(path[2]);
      perItem.set(field, [...(perItem.get(field) ?? []), path[1]]);
      continue;
    }
    const name = pathName(path);
    notes.push(`${name}: ${MISSING_HINTS.get(name) ?? 'not found in the source; fill it in'}`);
  }
  for (const [field, indexes] of perItem) {
    const lines = indexes.map((index) => data.actionItems[index].line);
    const which =
      indexes.length === data.actionItems.length
        ? 'any action item'
        : `action items ${indexes.join(', ')} (lines ${lines.join(', ')})`;
    const ask = MISSING_HINTS.get(`actionItems[].${field}`) ?? 'fill it in';
    notes.push(`actionItems[].${field}: the source gives no ${field} for ${which}; ${ask}`);
  }
  return notes;
}

/** `actionItems[0].term, actionItems[1].term` → `actionItems[0–1].term`, to keep the table readable. */
export function compactPaths(paths: string[]): string {
  const grouped = new Map<string, number[]>();
  const order: string[] = [];
  for (const path of paths) {
    const match = /^([^[]+)\[(\d+)\](.*)$/.exec(path);
    const key = match ? `${match[1]}[]${match[3]}` : path;
    if (!grouped.has(key)) {
      grouped.set(key, []);
      order.push(key);
    }
    if (match) grouped.get(key)!.push(Number(match[2]));
  }
  return order
    .map((key) => {
      const indexes = grouped.get(key)!;
      if (indexes.length === 0) return key;
      const ranges: string[] = [];
      for (let i = 0; i < indexes.length; i++) {
        let j = i;
        while (j + 1 < indexes.length && indexes[j + 1] === indexes[j] + 1) j++;
        ranges.push(i === j ? String(indexes[i]) : `${indexes[i]}–${indexes[j]}`);
        i = j;
      }
      return key.replace('[]', `[${ranges.join(',')}]`);
    })
    .join(', ');
}

/** A file-name slug from the title: lower-case ASCII words, at most about 60 characters. */
export function titleSlug(title: string): string {
  return slugOf(title, 60) || 'imported-postmortem';
}

function prune(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(prune);
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([key, inner]) => inner !== undefined && key !== 'line')
      .map(([key, inner]) => [key, prune(inner)] as const)
      .filter(
        ([, inner]) =>
          !(Array.isArray(inner) && inner.length === 0) &&
          !(inner && typeof inner === 'object' && !Array.isArray(inner) && Object.keys(inner).length === 0),
      );
    return Object.fromEntries(entries);
  }
  return value;
}

/** The entry's body: a note on where it came from, then the original, escaped line for line. */
export function renderBody(original: string, sourceName: string): string {
  const note = `Imported from ${codeSpan(sourceName)} by \`npm run import\`. The original document follows unchanged. The frontmatter holds what the importer could read from it, and its \`review\` list names what a reviewer must still settle.`;
  const head = `<Callout type="note" title="Imported postmortem">\n\n${note}\n\n</Callout>`;
  return `${head}\n\n---\n\n${escapeMdx(original)}\n`;
}

/**
 * A source's own frontmatter kept as plain text in the body, so keys the schema has no field
 * for survive: each line whose first character Markdown would read as a rule, heading, list
 * or quote gets a backslash, which readers do not see. Lines stay lines.
 */
export function frontmatterAsText(original: string, lineCount: number): string {
  const lines = original.split('\n');
  for (let index = 0; index < lineCount && index < lines.length; index++) {
    lines[index] = lines[index].replace(/^(\s*)([-#*+>=_|~])/, '$1\\$2').replace(/^(\s*\d+)([.)])/, '$1\\$2');
  }
  return lines.join('\n');
}

/** Fields a collection states, laid over what the free-form reader found in its text. */
function mergeCollection(
  facts: Partial<Extracted>,
  fromText: Extracted,
  notes: string[],
  textNotes: string[],
): Extracted {
  const merged: Extracted = {
    title: facts.title ?? '',
    summary: facts.summary,
    authors: facts.authors ?? [],
    teams: [],
    services: [],
    tags: facts.tags,
    organisation: facts.organisation,
    product: facts.product,
    incidentNumber: facts.incidentNumber,
    sources: facts.sources,
    started: facts.started ?? fromText.started,
    resolved: facts.resolved,
    impact: facts.impact ?? {},
    detection: {},
    rootCause: { categories: [], contributingFactors: [] },
    response: { misleadingPaths: [], escalations: [] },
    timeline: [],
    actionItems: [],
    lessons: { wentWell: [], wentWrong: [], gotLucky: [] },
  };
  if (!facts.title) {
    const made = [facts.organisation, facts.product].filter(Boolean).join(' ');
    merged.title =
      fromText.title && !/^[0-9a-f]{8}[ -][0-9a-f]{4}/i.test(fromText.title)
        ? fromText.title
        : made
          ? `${made} incident`
          : fromText.title;
    notes.push(
      `title: the source has no title; "${merged.title}" was made from ${fromText.title === merged.title ? 'the text or file name' : 'the organisation and product'}, write the headline an on-call engineer would search for`,
    );
  }
  if (!facts.started) {
    const fromTextNotes = textNotes.filter((note) => /^(started|times without|dates without|line \d+:)/.test(note));
    if (typeof fromText.started === 'object' && 'unknown' in fromText.started) {
      merged.started = { unknown: 'the source states no start time' };
      notes.push(
        'started: unknown: the frontmatter has no start time and the text states none; write when user impact began',
      );
    } else {
      notes.push(
        `started: the frontmatter has no start time; ${JSON.stringify(fromText.started)} was read from the text, check it`,
        ...fromTextNotes,
      );
      if (!facts.resolved && fromText.resolved !== undefined) {
        merged.resolved = fromText.resolved;
        notes.push(
          `resolved: the frontmatter has no end time; ${JSON.stringify(fromText.resolved)} was read from the text, check it`,
        );
      }
    }
  }
  return merged;
}

/** Frontmatter of an entry, in schema order, without empty values. */
function frontmatterOf(data: Extracted, status: string, review: string[]): Record<string, unknown> {
  return prune({
    title: data.title,
    summary: data.summary,
    status,
    incidentNumber: data.incidentNumber,
    severity: data.severity,
    authors: data.authors,
    teams: data.teams,
    organisation: data.organisation,
    product: data.product,
    services: data.services,
    tags: data.tags,
    started: data.started,
    detected: data.detected,
    mitigated: data.mitigated,
    resolved: data.resolved,
    impact: data.impact,
    detection: data.detection,
    rootCause: data.rootCause,
    resolution: data.resolution,
    response: data.response,
    timeline: data.timeline,
    actionItems: data.actionItems,
    lessons: data.lessons,
    sources: data.sources,
    // The body is the source document itself: the page folds it away once the fields cover it.
    writeUp: 'original',
    review,
  }) as Record<string, unknown>;
}

/** Reads a document: a collection's frontmatter when it has one, else free-form Markdown. */
function read(original: string, options: ImportOptions): { data: Extracted; notes: string[]; body: string } {
  const collection = readCollectionSource(original);
  const fromText = extract(original, { sourceName: options.sourceName, zone: options.zone });
  if (!fromText.ok) throw new Error(fromText.reason);
  if (!collection) return { data: fromText.data, notes: fromText.notes, body: original };
  const { facts, notes } = collectionFacts(collection, { zone: options.zone });
  const data = mergeCollection(facts, fromText.data, notes, fromText.notes);
  return { data, notes, body: frontmatterAsText(original, collection.lineCount) };
}

/** Why a time read from the source cannot be recorded (unreadable, in the future, or before the first year), if it cannot. */
function unusableTime(value: TimeValue): string | undefined {
  const problem = timeValueProblem(value);
  if (problem) return problem;
  const read = readTimeValue(value);
  const earliest = INCIDENT_YEARS.earliest();
  return read.known && read.year < earliest
    ? `its year ${read.year} is before ${earliest}, the first year this knowledge base takes (KB_EARLIEST_YEAR)`
    : undefined;
}

/** Imports one document. Never throws, and never fails for a missing fact. */
export function importDocument(sourceText: string, options: ImportOptions): ImportResult {
  const original = sourceText.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (original.trim() === '') return { ok: false, reason: 'the file is empty' };
  let parsed;
  try {
    parsed = read(original, options);
  } catch (error) {
    return {
      ok: false,
      reason: `the importer failed on this document: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  const { data } = parsed;
  // One value that cannot be used never costs the document: an unusable start becomes unknown, with why.
  const startProblem = unusableTime(data.started);
  if (startProblem) {
    parsed.notes.push(
      `started: the value read from the source was left out because ${startProblem}; write when user impact began`,
    );
    data.started = { unknown: `the value read from the source was left out because ${startProblem}` };
  }
  const missingPaths = missingToPublish({ ...data, impact: { ...data.impact } });
  const review = [...missingNotes(missingPaths, data), ...parsed.notes];

  const base = `${fileDateOf(data.started)}-${titleSlug(data.title)}`;
  let fileName = `${base}.mdx`;
  for (let n = 2; options.taken?.has(fileName); n++) fileName = `${base}-${n}.mdx`;
  const id = fileName.replace(/\.mdx$/, '');
  const references = rewriteReferences(parsed.body, `${id}.assets`, options.localFileExists ?? (() => false));
  review.push(...references.notes);

  // A value that does not validate is left out and listed, rather than failing the document.
  let frontmatter: Record<string, unknown> = {};
  let text = '';
  for (let attempt = 0; attempt < 4; attempt++) {
    // --publish: a public collection is published when nothing is left to review. Otherwise an
    // entry missing a fact to publish, or whose start is unknown, is a draft; the rest go to review.
    const unknownStart = typeof data.started === 'object' && 'unknown' in data.started;
    const status = options.publish
      ? review.length === 0
        ? 'published'
        : 'draft'
      : missingPaths.length > 0 || unknownStart
        ? 'draft'
        : 'in-review';
    frontmatter = frontmatterOf(data, status, review);
    const body = renderBody(references.text, options.sourceName);
    text = `---\n${stringifyFrontmatter(frontmatter)}---\n\n${body}`;
    const checked = checkPostmortemSource({ file: fileName, name: fileName, text });
    const errors = checked.problems.filter((problem) => problem.severity === 'error');
    if (errors.length === 0) {
      return {
        ok: true,
        fileName,
        text,
        status: status as ImportStatus,
        missing: missingPaths.map(pathName),
        review,
        data,
        copies: references.copies,
      };
    }
    for (const error of errors) {
      const top = error.field.split(/[.[]/)[0] as keyof Extracted;
      if (top === 'title' || top === 'started' || !(top in data)) continue;
      review.push(`${error.field}: the value read from the source was left out because it ${error.message}`);
      delete (data as unknown as Record<string, unknown>)[top];
    }
    if (errors.some((error) => /^(title|started)/.test(error.field) || error.field === '(file)')) {
      const first = errors[0];
      return { ok: false, reason: `the generated entry does not validate: ${first.field} ${first.message}` };
    }
  }
  return { ok: false, reason: 'the generated entry does not validate' };
}
