/**
 * A new postmortem as a draft file: what is given, written as fields; then, as commented-out
 * fields each with an example and its one-line meaning from the field registry, first what
 * review will ask for (what is required once it leaves draft, and the recommended sections
 * `npm run validate -- --strict` looks for), then every other field; and the body's narrative
 * sections, each with a one-line prompt. Services and root-cause categories are checked against
 * the catalog and the taxonomy with "did you mean". What it writes passes validation as a draft
 * and draws no advice from `--strict` but the facts still to write. Pure: `npm run new`
 * (src/cli/new.ts) asks and writes.
 */
import { walkFields, type FieldEntry } from '../core/fields.ts';
import { crossFieldIssues, postmortemSchema, SLUG_PATTERN } from '../core/schema.ts';
import { keysOf, severities, detectionMethods, rootCauseCategories } from '../core/taxonomy.ts';
import { localDateOf, parseInstant } from '../core/time.ts';
import { findTimes, toIso } from '../importer/times.ts';
import { titleSlug } from '../importer/index.ts';
import { slugOf } from '../core/slug.ts';
import { describeSuggestion, suggestValues, termCandidates } from '../core/suggestions.ts';
import { checkPostmortemSource, formatProblem } from '../content/validation.ts';
import { frontmatterDocument } from '../content/frontmatter.ts';
import { parse as parseYaml } from 'yaml';
import { readableFields } from '../content/readable-fields.ts';
import { RECOMMENDED_SECTIONS } from '../content/review-checks.ts';
import { serviceCatalog, type ServiceCatalog } from '../site/services.ts';

export interface ScaffoldInput {
  title: string;
  /** ISO 8601 with offset, or words such as "2024-03-08 10:30 UTC". */
  started: string;
  severity?: string;
  summary?: string;
  services?: string[];
  /** Root-cause categories, as taxonomy keys. */
  categories?: string[];
  teams?: string[];
  authors?: string[];
  detected?: string;
  resolved?: string;
  detectionMethod?: string;
  slug?: string;
}

export interface ScaffoldContext {
  /** The service catalog beside the content folder; services are not checked without one. */
  catalog?: ServiceCatalog;
}

/**
 * The body's sections, each with its one-line prompt (an MDX comment, which the page does not
 * show). Facts (impact, timeline, root cause, resolution, action items, lessons) go in the
 * frontmatter, and the page shows each once; the body carries the narrative the fields cannot.
 */
export const SECTIONS: readonly [string, string][] = [
  [
    'What happened',
    "The story in the responders' words: what they saw, thought and tried, and why; the facts go in the fields above.",
  ],
  [
    'Discussion',
    'What the fields cannot say: context, trade-offs, why the system allowed this, what is still unclear.',
  ],
];

/** A time as the author typed it, as ISO 8601 with offset; the zone is never guessed. */
export function parseStarted(
  value: string,
  field = 'started',
): { ok: true; iso: string } | { ok: false; reason: string } {
  const trimmed = value.trim();
  if (parseInstant(trimmed).ok) return { ok: true, iso: trimmed };
  const [found] = findTimes(trimmed, 'ambiguous');
  if (!found || found.hour === undefined || found.day === undefined || found.year === undefined) {
    return {
      ok: false,
      reason: `--${field} "${value}" is not a date and time; write e.g. "2024-03-08 10:30 UTC" or "2024-03-08T13:30:00+03:00"`,
    };
  }
  if (!found.zone)
    return {
      ok: false,
      reason: `--${field} "${value}" has no time zone; add one, e.g. "${trimmed} UTC" or "${trimmed} +02:00"`,
    };
  const converted = toIso(
    {
      year: found.year,
      month: found.month!,
      day: found.day,
      hour: found.hour,
      minute: found.minute ?? 0,
      second: found.second,
    },
    found.zone,
  );
  return converted.ok
    ? { ok: true, iso: converted.iso }
    : { ok: false, reason: `--${field} "${value}": ${converted.reason}` };
}

function normaliseSeverity(value: string): string | undefined {
  const match = /^(?:sev)?\s*-?\s*([1-4])$/i.exec(value.trim());
  return match ? `sev${match[1]}` : undefined;
}

/** `a, b ,c` → `['a', 'b', 'c']`, as list flags and prompts are typed. */
export function splitList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}

/** What `npm run new` makes of one service it was given: the slug to write (and a note when it was an alias), or why not. */
export type ServiceAnswer = { ok: true; slug: string; note?: string } | { ok: false; reason: string };

/** A service as typed, checked against the catalog: a display name or a typo gets "did you mean". */
export function checkService(written: string, catalog: ServiceCatalog): ServiceAnswer {
  const named = (slug: string) => {
    const name = catalog.resolve(slug).name;
    return name === slug ? `"${slug}"` : `"${slug}" (${name})`;
  };
  if (!SLUG_PATTERN.test(written)) {
    // "Checkout API": the display name, as its slug, is looked up like any other slug.
    const found = catalog.declared ? catalog.lookup(slugOf(written)) : undefined;
    const meant = found === undefined ? [] : found.kind === 'unknown' ? found.suggestions : [found.service.slug];
    const hint = meant.length ? `did you mean ${meant.map(named).join(' or ')}?` : `e.g. "${slugOf(written)}"`;
    return { ok: false, reason: `"${written}" must be lower-case words joined by hyphens; ${hint}` };
  }
  const found = catalog.lookup(written);
  if (!catalog.declared || found.kind === 'service') return { ok: true, slug: written };
  if (found.kind === 'alias')
    return {
      ok: true,
      slug: found.service.slug,
      note: `"${written}" is an alias of "${found.service.slug}" in services.yaml, so the file names "${found.service.slug}"`,
    };
  const hint = found.suggestions.length ? `did you mean ${found.suggestions.map(named).join(' or ')}? ` : '';
  return {
    ok: false,
    reason: `"${written}" is not declared in services.yaml; ${hint}declare a new service there first`,
  };
}

/** A root-cause category as typed: a taxonomy key, or why not with "did you mean" (from labels and aliases too). */
export function checkCategory(written: string): { ok: true } | { ok: false; reason: string } {
  if (Object.hasOwn(rootCauseCategories, written)) return { ok: true };
  const guesses = suggestValues(written, termCandidates(rootCauseCategories), 2);
  const hint = guesses.length
    ? `did you mean ${guesses.map((guess) => describeSuggestion(guess, rootCauseCategories)).join(' or ')}?`
    : `use one of ${keysOf(rootCauseCategories).join(', ')}`;
  return { ok: false, reason: `"${written}" is not a root-cause category; ${hint}` };
}

/** An example as YAML that reads back as written: text that YAML would read as a mapping ("cause: x") is quoted. */
function exampleValue(example: string): string {
  try {
    const value: unknown = parseYaml(example);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return example;
  } catch {
    // Not YAML on its own: written as text.
  }
  return JSON.stringify(example);
}

/** A field's example with its meaning (and allowed values): `key: example  # values: meaning`. */
function exampleLine(field: FieldEntry, key: string): string {
  const values = field.meta.kind === 'enum' && field.options ? `${field.options.join(' | ')}: ` : '';
  return `${key}: ${exampleValue(field.meta.example!)}  # ${values}${field.meta.meaning}`;
}

/** The fields directly inside `entry`: its group's fields, or those of one item of its list. */
function childrenOf(fields: readonly FieldEntry[], entry: FieldEntry): FieldEntry[] {
  const depth = entry.path.length;
  const inside = (other: FieldEntry) => other.path.slice(0, depth).join('.') === entry.path.join('.');
  return fields.filter(
    (other) =>
      inside(other) &&
      (other.path.length === depth + 1 || (other.path.length === depth + 2 && other.path[depth] === '[]')),
  );
}

/**
 * Commented-out YAML (without the `#`) for a field and what it holds, at any depth, from the
 * registry: a group lists its fields, a list of entries one entry; only fields with an example.
 */
function hintLines(fields: readonly FieldEntry[], entry: FieldEntry, skip: ReadonlySet<string> = new Set()): string[] {
  const key = entry.path[entry.path.length - 1];
  const children = childrenOf(fields, entry).filter((child) => !skip.has(child.name));
  const isList = children.some((child) => child.path[entry.path.length] === '[]');
  const inner = children.flatMap((child) => hintLines(fields, child));
  if (inner.length === 0) return entry.meta.example === undefined ? [] : [exampleLine(entry, key)];
  const indented = inner.map((line, index) => (isList ? (index === 0 ? `  - ${line}` : `    ${line}`) : `  ${line}`));
  return [`${key}:`, ...indented];
}

/**
 * The top-level fields review will ask for, from the schema's own rules: those a postmortem in
 * review must have (given what is already written: a near miss needs preventedBy), and the
 * recommended sections `--strict` looks for.
 */
function fieldsToWrite(data: Record<string, unknown>): Set<string> {
  const inReview = readableFields({ ...data, status: 'in-review' });
  const required = crossFieldIssues(inReview.data, inReview.unreadable).flatMap((issue) =>
    issue.missing ? [String(issue.path[0])] : [],
  );
  return new Set([...required, ...RECOMMENDED_SECTIONS.map((section) => section.field.split('.')[0])]);
}

export interface FieldHints {
  /** Fields review will ask for, not given yet, in schema order. */
  toWrite: string[];
  /** Every other field with an example, in schema order. */
  more: string[];
  /** For a group given in part (rootCause with categories), the hints for the rest of it. */
  inside: Map<string, string[]>;
}

/** Commented-out fields (without the `#`) for what `data` does not give yet. */
export function fieldHints(data: Record<string, unknown>): FieldHints {
  const fields = walkFields(postmortemSchema);
  const wanted = fieldsToWrite(data);
  const hints: FieldHints = { toWrite: [], more: [], inside: new Map() };
  for (const top of fields.filter((field) => field.path.length === 1)) {
    const given = data[top.name];
    if (given !== null && typeof given === 'object' && !Array.isArray(given)) {
      const skip = new Set(Object.keys(given).map((key) => `${top.name}.${key}`));
      const lines = hintLines(fields, top, skip).slice(1);
      if (lines.length)
        hints.inside.set(
          top.name,
          lines.map((line) => line.slice(2)),
        );
    } else if (given === undefined) {
      (wanted.has(top.name) ? hints.toWrite : hints.more).push(...hintLines(fields, top));
    }
  }
  return hints;
}

/** The text of a new postmortem file; validation problems are returned, not thrown. */
export function scaffold(
  input: ScaffoldInput,
  context: ScaffoldContext = {},
): { ok: true; fileName: string; text: string; notes: string[] } | { ok: false; reasons: string[] } {
  const reasons: string[] = [];
  const notes: string[] = [];
  const title = input.title.trim();
  if (!title) reasons.push('--title must not be empty');
  if (title.length > 160) reasons.push(`--title is ${title.length} characters; keep it under 160`);
  const started = parseStarted(input.started);
  if (!started.ok) reasons.push(started.reason);
  const severity = input.severity === undefined ? undefined : normaliseSeverity(input.severity);
  if (input.severity !== undefined && !severity)
    reasons.push(`--severity "${input.severity}" is not one of ${keysOf(severities).join(', ')}`);
  const times: Record<string, string> = {};
  for (const field of ['detected', 'resolved'] as const) {
    const value = input[field];
    if (value === undefined) continue;
    const parsed = parseStarted(value, field);
    if (parsed.ok) times[field] = parsed.iso;
    else reasons.push(parsed.reason);
  }
  const catalog = context.catalog ?? serviceCatalog(undefined);
  const services: string[] = [];
  for (const written of input.services ?? []) {
    const answer = checkService(written, catalog);
    if (!answer.ok) reasons.push(`--services: ${answer.reason}`);
    else {
      if (answer.note) notes.push(answer.note);
      if (!services.includes(answer.slug)) services.push(answer.slug);
    }
  }
  for (const category of input.categories ?? []) {
    const answer = checkCategory(category);
    if (!answer.ok) reasons.push(`--categories: ${answer.reason}`);
  }
  if (input.detectionMethod !== undefined && !(input.detectionMethod in detectionMethods)) {
    reasons.push(`--detection-method "${input.detectionMethod}" is not one of ${keysOf(detectionMethods).join(', ')}`);
  }
  const slug = input.slug ?? titleSlug(title);
  if (!SLUG_PATTERN.test(slug)) reasons.push(`--slug "${slug}" must be lower-case words joined by hyphens`);
  if (reasons.length > 0 || !started.ok) return { ok: false, reasons };

  const data: Record<string, unknown> = {
    title,
    ...(input.summary ? { summary: input.summary.trim() } : {}),
    status: 'draft',
    ...(severity ? { severity } : {}),
    ...(input.authors?.length ? { authors: input.authors } : {}),
    ...(input.teams?.length ? { teams: input.teams } : {}),
    ...(services.length ? { services } : {}),
    started: started.iso,
    ...times,
    ...(input.detectionMethod ? { detection: { method: input.detectionMethod } } : {}),
    ...(input.categories?.length ? { rootCause: { categories: [...new Set(input.categories)] } } : {}),
  };
  // What review would refuse without, listed for the reviewer as the importer lists what it could not read.
  const inReview = readableFields({ ...data, status: 'in-review' });
  const review = crossFieldIssues(inReview.data, inReview.unreadable).flatMap((issue) =>
    issue.missing ? [`${issue.path.join('.')}: still to write before review`] : [],
  );

  const hints = fieldHints(data);
  const frontmatter = frontmatterDocument({ ...data, ...(review.length ? { review } : {}) });
  for (const [name, lines] of hints.inside) {
    const group = frontmatter.document.get(name, true) as { comment?: string | null } | undefined;
    if (group) group.comment = ['Still to write (uncomment and edit):', ...lines].map((line) => ` ${line}`).join('\n');
  }
  const comments = [
    ...(hints.toWrite.length
      ? ['Still to write, as review asks for each (uncomment and edit; see the field reference in README.md):']
      : []),
    ...hints.toWrite,
    ...(hints.more.length ? ['More fields, when they apply:', ...hints.more] : []),
  ];
  const body = SECTIONS.map(([heading, prompt]) => `## ${heading}\n\n{/* ${prompt} */}\n`).join('\n');
  const given = frontmatter.text().trimEnd();
  const text = `---\n${given}\n${comments.map((line) => `# ${line}`).join('\n')}\n---\n\n${body}`;
  const fileName = `${localDateOf(started.iso)}-${slug}.mdx`;

  const checked = checkPostmortemSource({ file: fileName, name: fileName, text });
  const errors = checked.problems.filter((problem) => problem.severity === 'error');
  if (errors.length > 0) return { ok: false, reasons: errors.map(formatProblem) };
  return { ok: true, fileName, text, notes };
}
