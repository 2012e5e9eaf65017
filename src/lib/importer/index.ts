/**
 * Turns one free-form Markdown postmortem into a postmortem entry: frontmatter with every
 * fact the source states, a `review` list of what a reviewer must still settle, and the
 * original document kept whole in the body, escaped so MDX shows it as text. Pure: the CLI
 * (src/cli/import.ts) does the reading and writing.
 */
import { walkFields } from '../core/fields.ts';
import { slugOf } from '../core/slug.ts';
import { missingToPublish, postmortemSchema } from '../core/schema.ts';
import { authoringImport } from '../content/mdx-safety.ts';
import { localDateOf } from '../core/time.ts';
import { checkPostmortemSource } from '../content/validation.ts';
import { stringifyFrontmatter } from '../content/frontmatter.ts';
import { escapeMdx } from './escape.ts';
import { extract, type Extracted } from './extract.ts';

export interface ImportOptions {
  /** File name of the source, shown in the entry and in messages. */
  sourceName: string;
  /** Zone for times written without one (`--zone`). */
  zone?: string;
  /** Whether the Callout component can be imported from where the entry will be written. */
  useCallout?: boolean;
  /** File names already taken in the output folder (without folders). */
  taken?: ReadonlySet<string>;
}

export type ImportResult =
  | {
      ok: true;
      /** `YYYY-MM-DD-slug.mdx`. */
      fileName: string;
      text: string;
      status: 'draft' | 'in-review';
      /** Fields left out because the source does not state them, as paths. */
      missing: string[];
      review: string[];
      data: Extracted;
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

/** A code span that holds `text` whatever backticks it contains. */
function codeSpan(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${longest ? ' ' : ''}${text}${longest ? ' ' : ''}${fence}`;
}

/** The entry's body: a note on where it came from, then the original, escaped line for line. */
export function renderBody(original: string, sourceName: string, useCallout: boolean): string {
  const note = `Imported from ${codeSpan(sourceName)} by \`npm run import\`. The original document follows unchanged. The frontmatter holds what the importer could read from it, and its \`review\` list names what a reviewer must still settle.`;
  const head = useCallout
    ? `${authoringImport('Callout')}\n\n<Callout type="note" title="Imported postmortem">\n\n${note}\n\n</Callout>`
    : `> **Imported postmortem.** ${note}`;
  return `${head}\n\n---\n\n${escapeMdx(original)}\n`;
}

/** Imports one document. Never throws: a document that cannot be imported gives a reason. */
export function importDocument(sourceText: string, options: ImportOptions): ImportResult {
  const original = sourceText.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (original.trim() === '') return { ok: false, reason: 'the file is empty' };
  let extracted;
  try {
    extracted = extract(original, { sourceName: options.sourceName, zone: options.zone });
  } catch (error) {
    return {
      ok: false,
      reason: `the importer failed on this document: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  if (!extracted.ok) return { ok: false, reason: extracted.reason };
  const data = extracted.data;

  const withDefaults = {
    ...data,
    impact: { ...data.impact },
    actionItems: data.actionItems,
  };
  const missingPaths = missingToPublish(withDefaults);
  const review = [...missingNotes(missingPaths, data), ...extracted.notes];
  const status = missingPaths.length > 0 ? 'draft' : 'in-review';

  const frontmatter = prune({
    title: data.title,
    summary: data.summary,
    status,
    severity: data.severity,
    authors: data.authors,
    teams: data.teams,
    services: data.services,
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
    // The body is the source document itself: the page folds it away once the fields cover it.
    writeUp: 'original',
    review,
  });
  const yaml = stringifyFrontmatter(frontmatter);
  const body = renderBody(original, options.sourceName, options.useCallout ?? true);
  const text = `---\n${yaml}---\n\n${body}`;

  const base = `${localDateOf(data.started)}-${titleSlug(data.title)}`;
  let fileName = `${base}.mdx`;
  for (let n = 2; options.taken?.has(fileName); n++) fileName = `${base}-${n}.mdx`;

  // The entry must pass the same checks as a hand-written one, or it is not written.
  const checked = checkPostmortemSource({ file: fileName, name: fileName, text });
  const errors = checked.problems.filter((problem) => problem.severity === 'error');
  if (errors.length > 0) {
    const first = errors[0];
    return {
      ok: false,
      reason: `the generated entry does not validate: ${first.field} ${first.message}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''}`,
    };
  }
  return {
    ok: true,
    fileName,
    text,
    status,
    missing: missingPaths.map(pathName),
    review,
    data,
  };
}
