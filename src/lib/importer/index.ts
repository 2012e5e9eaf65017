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
import { collectionFacts, type CollectionFacts } from './collection.ts';
import { explainCategories, proposeCategories } from './category-rules.ts';
import { readSourceFrontmatter } from './source-frontmatter.ts';
import { labelKey, splitLabel } from './label-text.ts';
import { FIELD_LABELS } from './labels.ts';
import type { ServiceCatalog } from '../site/services.ts';
import type { FactorVocabulary } from '../incidents/factor-vocabulary.ts';
import { markdownTree } from '../content/markdown-tree.ts';
import { toString } from 'mdast-util-to-string';
import type { Paragraph, RootContent } from 'mdast';
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
  /** The service catalog beside the output folder; services it lacks are returned to be added. */
  catalog?: ServiceCatalog;
  /** The factor vocabulary (content/factors.yaml): contributing-factor sentences are classified by its cues, flagged. */
  factors?: FactorVocabulary;
}

/** Longest contributing-factor item the importer classifies: a sentence or two, not a paragraph. */
const MAX_CLASSIFIED_WORDS = 40;

/**
 * Contributing factors read as sentences, classified by the vocabulary's cues: the factor whose
 * cues the sentence holds most is written with the sentence as its note, and flagged with the
 * words that matched. A sentence no cue matches stays a plain sentence.
 */
function classifyFactors(data: Extracted, vocabulary: FactorVocabulary | undefined, notes: string[]): void {
  if (!vocabulary?.declared) return;
  data.rootCause.contributingFactors = data.rootCause.contributingFactors.map((item, index) => {
    // A long passage lists several conditions at once: one factor would misname it, so it stays a sentence.
    if (typeof item !== 'string' || item.split(/\s+/).length > MAX_CLASSIFIED_WORDS) return item;
    const [best] = vocabulary.cuesIn(item);
    if (!best) return item;
    notes.push(
      `rootCause.contributingFactors[${index}]: classified as ${best.factor} from the words ${best.cues.map((cue) => `"${cue}"`).join(', ')} (cues in content/factors.yaml); confirm or correct it`,
    );
    return { factor: best.factor, note: item };
  });
}

/**
 * The entry's services checked against the catalog: an alias becomes its service, a name the
 * catalog lacks is returned to be added to it, each flagged. Without a catalog nothing is checked.
 */
function catalogServices(
  data: Extracted,
  catalog: ServiceCatalog | undefined,
  notes: string[],
): { slug: string; name: string }[] {
  if (!catalog?.declared) return [];
  const added: { slug: string; name: string }[] = [];
  data.services = [
    ...new Set(
      data.services.map((slug) => {
        const found = catalog.lookup(slug);
        if (found.kind === 'service') return slug;
        if (found.kind === 'alias') {
          notes.push(`services: "${slug}" is an alias of "${found.service.slug}" in the catalog, which is written`);
          return found.service.slug;
        }
        const name = slug.replace(/-/g, ' ').replace(/^./, (letter) => letter.toUpperCase());
        added.push({ slug, name });
        notes.push(
          `services: "${slug}" is not in the service catalog; the import added it (name "${name}", no owner), check the name and give it an owner${found.suggestions.length ? `, or write ${found.suggestions.map((s) => `"${s}"`).join(' or ')} if that is the one meant` : ''}`,
        );
        return slug;
      }),
    ),
  ];
  return added;
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
      /** Services the entry names that the catalog lacks: the caller adds them to it. */
      newServices: { slug: string; name: string }[];
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
  const note = `Imported from ${codeSpan(sourceName)} by \`npm run import\`. The original document follows unchanged, without its frontmatter block. This entry's frontmatter holds what the importer could read from it, and its \`review\` list names what a reviewer must still settle.`;
  const head = `<Callout type="note" title="Imported postmortem">\n\n${note}\n\n</Callout>`;
  return `${head}\n\n---\n\n${escapeMdx(original)}\n`;
}

/** Text a reviewer reads to confirm a proposal: the prose of a Markdown passage, without link targets. */
function proseOf(markdown: string): string {
  return toString(markdownTree(markdown, { position: false }), { includeHtml: false });
}

/**
 * The first paragraph of the document that reads as prose (eight words or more besides its
 * links, not a `Label: value` fact), else its first short one, as plain text with its line.
 */
export function firstParagraph(body: string, firstLine = 1): { text: string; line: number } | undefined {
  const tree = markdownTree(body);
  const paragraphs: Paragraph[] = [];
  // Prose under "## Root cause" or "## Timeline" is that section's; under no heading, or under
  // one no field claims, it may be the summary.
  let underField = false;
  const visit = (node: RootContent) => {
    if (node.type === 'heading') {
      const key = labelKey(toString(node));
      underField = Object.entries(FIELD_LABELS).some(
        ([field, pattern]) => field !== 'summary' && field !== 'title' && pattern.test(key),
      );
    } else if (node.type === 'paragraph' && !underField) paragraphs.push(node);
    else if (node.type === 'blockquote') node.children.forEach(visit);
  };
  tree.children.forEach(visit);
  const candidates = paragraphs.flatMap((paragraph) => {
    const words = paragraph.children
      .filter((child) => child.type !== 'link' && child.type !== 'image')
      .map((child) => toString(child))
      .join(' ')
      .split(/\s+/)
      .filter((word) => /\p{L}/u.test(word));
    const onlyBold = paragraph.children.every(
      (child) => child.type === 'strong' || (child.type === 'text' && child.value.trim() === ''),
    );
    if (words.length === 0 || onlyBold) return [];
    const whole = toString(paragraph).replace(/\s+/g, ' ').trim();
    // "Root Cause: …" is a fact under its label, not the summary; "Summary: …" is.
    const pair = splitLabel(whole);
    if (pair && !FIELD_LABELS.summary.test(labelKey(pair.label))) return [];
    const line = (paragraph.position?.start.line ?? 1) + firstLine - 1;
    return [{ text: pair ? pair.value : whole, line, words: words.length }];
  });
  // A paragraph of prose first; a short one only when the document has nothing longer.
  const found = candidates.find((candidate) => candidate.words >= 8) ?? candidates[0];
  return found && { text: found.text, line: found.line };
}

/** The earliest instant a time value can mean; unknown values sort last. */
function earliestMs(value: TimeValue): number {
  const read = readTimeValue(value);
  return read.known ? read.earliestMs : Infinity;
}

/** Whether two time values name the same exact instant (two days may hold a whole incident). */
function sameInstant(a: TimeValue | undefined, b: TimeValue | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  const [x, y] = [readTimeValue(a), readTimeValue(b)];
  return x.known && y.known && x.precision === 'exact' && y.precision === 'exact' && x.earliestMs === y.earliestMs;
}

/** What a document's frontmatter states, laid over what the readers found in its text. */
function mergeCollection(facts: CollectionFacts, fromText: Extracted, notes: string[], textNotes: string[]): Extracted {
  // The frontmatter settles these; what the text readers said about them is left out.
  const settled = new Set<string>();
  const merged: Extracted = { ...fromText, rootCause: { ...fromText.rootCause }, impact: { ...fromText.impact } };
  const take = <K extends keyof Extracted>(field: K, value: Extracted[K] | undefined) => {
    if (value === undefined || (Array.isArray(value) && value.length === 0)) return;
    merged[field] = value;
    settled.add(field);
  };
  take('title', facts.title);
  take('summary', facts.summary);
  take('severity', facts.severity);
  take('organisation', facts.organisation);
  take('product', facts.product);
  take('incidentNumber', facts.incidentNumber);
  take('authors', facts.authors);
  take('sources', facts.sources);
  if (facts.tags?.length) merged.tags = [...new Set([...facts.tags, ...(fromText.tags ?? [])])];
  if (facts.impact?.affectedServices?.length) {
    merged.impact.affectedServices = facts.impact.affectedServices;
    settled.add('impact.affectedServices');
  }
  if (facts.categories.length > 0) {
    merged.rootCause.categories = facts.categories;
    settled.add('rootCause.categories');
  }
  // Factors the source's categories imply come first, each once, with where they came from.
  const implied = [...new Map(facts.factors.map((found) => [found.factor, found])).values()];
  if (implied.length > 0) {
    merged.rootCause.contributingFactors = [
      // The category is the collection's, not the author's words: no note is written for it.
      ...implied.map(({ factor }) => ({ factor })),
      ...fromText.rootCause.contributingFactors,
    ];
    notes.push(
      `rootCause.contributingFactors: ${implied.map(({ factor, category }) => `${factor} from icco's category "${category}"`).join(', ')} (table ICCO_FACTORS in src/lib/importer/collection.ts); add a note with the author's sentence on how each played its part, or remove the factor`,
    );
  }

  if (!facts.title) {
    const fromFileName = textNotes.some((note) => note.startsWith('title: the source has no title'));
    const made = [facts.organisation, facts.product].filter(Boolean).join(' ');
    const day = facts.started ?? facts.posted?.value;
    const when = typeof day === 'string' ? `, ${day.slice(0, 10)}` : '';
    if (!fromFileName || !made) merged.title = fromText.title;
    else {
      merged.title = `${made} incident${when}`;
      settled.add('title');
      notes.push(
        `title: the source has no title; "${merged.title}" was made from its ${when ? 'organisation, product and date' : 'organisation and product'}, write the headline an on-call engineer would search for`,
      );
    }
  }

  // The start: stated by the frontmatter; else read from the text; else, flagged, when it was posted.
  const textStart = fromText.started;
  const textKnows = !(typeof textStart === 'object' && 'unknown' in textStart);
  const posted = facts.posted;
  const what = facts.kind === 'cstate' ? 'the notice was posted' : 'the text was posted or written';
  let startFromText = false;
  if (facts.started) {
    merged.started = facts.started;
  } else if (textKnows && !(facts.kind === 'cstate' && posted && earliestMs(posted.value) < earliestMs(textStart))) {
    merged.started = textStart;
    startFromText = true;
    notes.push(
      `started: the frontmatter has no start time; ${JSON.stringify(textStart)} was read from the text, check it`,
    );
  } else if (posted) {
    merged.started = posted.value;
    notes.push(
      `started: the source states no start time; its ${posted.key} (${JSON.stringify(posted.value)}), when ${what}, was taken as the start${textKnows ? ` (the first time its text gives, ${JSON.stringify(textStart)}, is later)` : ''}; the incident may have begun earlier`,
    );
  } else {
    merged.started = { unknown: 'the source states no start time' };
    notes.push(
      'started: unknown: the frontmatter has no start time and the text states none; write when user impact began',
    );
  }
  if (!startFromText) settled.add('started');

  // The end: stated by the frontmatter, unless it only repeats the start or the posting time.
  if (facts.resolved !== undefined) {
    settled.add('resolved');
    // The same text as the start or the posting time, or the same exact instant as the start.
    const { written } = facts;
    const repeatsStart =
      (written.resolved !== undefined && written.resolved === written.started) ||
      sameInstant(facts.resolved, merged.started);
    const repeatsPosted = written.resolved !== undefined && written.resolved === written.posted;
    if (repeatsStart || repeatsPosted) {
      merged.resolved = undefined;
      notes.push(
        `resolved: the source's end (${JSON.stringify(facts.resolved)}) equals its ${repeatsStart ? 'start' : 'posting time'}, a placeholder rather than a zero-length incident; the end is left unknown`,
      );
    } else merged.resolved = facts.resolved;
  } else if (startFromText) {
    if (fromText.resolved !== undefined)
      notes.push(
        `resolved: the frontmatter has no end time; ${JSON.stringify(fromText.resolved)} was read from the text, check it`,
      );
  } else {
    // The text's times are not read against a start they did not give.
    merged.resolved = undefined;
  }

  // Notes the text readers left about fields the frontmatter settled no longer apply.
  const about = (note: string) => /^([\w.[\]]+):/.exec(note)?.[1];
  notes.push(
    ...textNotes.filter((note) => {
      const field = about(note);
      if (!field) return !settled.has('started');
      return !settled.has(field) && !(field === 'rootCause.categories' && facts.categories.length > 0);
    }),
  );
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

/** Reads a document: its frontmatter when it has one, laid over what the readers find in its text. */
function read(
  original: string,
  options: ImportOptions,
): { data: Extracted; notes: string[]; body: string; bodyLine: number; sourceDraft: boolean } {
  const front = readSourceFrontmatter(original);
  const fromText = extract(original, { sourceName: options.sourceName, zone: options.zone });
  if (!fromText.ok) throw new Error(fromText.reason);
  if (!front)
    return { data: fromText.data, notes: [...fromText.notes], body: original, bodyLine: 1, sourceDraft: false };
  if (!front.data) {
    // Not a frontmatter block after all: the whole document stays the body, as written.
    return {
      data: fromText.data,
      notes: [
        `frontmatter: the block on lines 1–${front.lineCount} was not read because ${front.problem}; it is kept as text at the top of the body`,
        ...fromText.notes,
      ],
      body: original,
      bodyLine: 1,
      sourceDraft: false,
    };
  }
  const { facts, notes } = collectionFacts({ ...front, data: front.data }, { zone: options.zone });
  const data = mergeCollection(facts, fromText.data, notes, fromText.notes);
  return { data, notes, body: front.body, bodyLine: front.lineCount + 1, sourceDraft: facts.draft };
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
  const notes = [...parsed.notes];
  // The summary: the document's own, else its first paragraph of prose, flagged.
  if (!data.summary) {
    const paragraph = firstParagraph(parsed.body, parsed.bodyLine);
    if (paragraph) {
      data.summary = paragraph.text;
      notes.push(
        `summary: the source has no summary; its first paragraph (line ${paragraph.line}) was taken, check that it says what broke, for whom, for how long and why`,
      );
    }
  }
  // A root cause the source does not categorise is proposed from its summary, else its text, flagged.
  if (data.rootCause.categories.length === 0) {
    for (const [text, where] of [
      [data.summary ? proseOf(data.summary) : '', 'the summary'],
      [proseOf(parsed.body), 'the text'],
    ] as const) {
      const proposals = text ? proposeCategories(text, 2) : [];
      if (proposals.length === 0) continue;
      data.rootCause.categories = proposals.map((proposal) => proposal.category);
      notes.push(explainCategories(proposals, where));
      break;
    }
  }
  // Facts a reader looks for first stay unknown when the source does not settle them, and say so.
  if (data.severity === undefined) notes.push(`severity: ${MISSING_HINTS.get('severity')}`);
  if (data.rootCause.categories.length === 0)
    notes.push(`rootCause.categories: ${MISSING_HINTS.get('rootCause.categories')}`);
  classifyFactors(data, options.factors, notes);
  const newServices = catalogServices(data, options.catalog, notes);
  const hasBody = parsed.body.trim() !== '';
  if (!hasBody) notes.push('body: the source has no text besides its frontmatter; write the narrative');
  if (parsed.sourceDraft)
    notes.push('status: the source marks itself as a draft (draft: true), so the entry is a draft too');
  const missingPaths = missingToPublish({ ...data, impact: { ...data.impact } });
  const review = [...missingNotes(missingPaths, data), ...notes];

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
    // --publish (a collection already public): every entry with a title, a body and a summary
    // is published, its open review points shown on its page. Drafts are work in progress: the
    // source says so, or a fact a published postmortem needs is missing. Without --publish an
    // entry goes to review, or is a draft when it misses such a fact or its start is unknown.
    const unknownStart = typeof data.started === 'object' && 'unknown' in data.started;
    const missing = missingToPublish({ ...data, impact: { ...data.impact } }).length > 0;
    const status = options.publish
      ? missing || parsed.sourceDraft || !hasBody
        ? 'draft'
        : 'published'
      : missing || unknownStart || parsed.sourceDraft
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
        newServices,
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
