/**
 * A new postmortem as a draft file: every field listed (the ones not given yet commented out,
 * with an example and their meaning from the field registry) and the recommended sections.
 * What it writes passes validation as a draft. Pure: `npm run new` (src/cli/new.ts) asks
 * and writes.
 */
import { walkFields, type FieldEntry } from '../core/fields.ts';
import { postmortemSchema } from '../core/schema.ts';
import { missingToPublish, SLUG_PATTERN } from '../core/schema.ts';
import { keysOf, severities, detectionMethods } from '../core/taxonomy.ts';
import { localDateOf, parseInstant } from '../core/time.ts';
import { findTimes, toIso } from '../importer/times.ts';
import { titleSlug } from '../importer/index.ts';
import { slugOf } from '../core/slug.ts';
import { checkPostmortemSource, formatProblem } from '../content/validation.ts';
import { stringifyFrontmatter } from '../content/frontmatter.ts';

export interface ScaffoldInput {
  title: string;
  /** ISO 8601 with offset, or words such as "2024-03-08 10:30 UTC". */
  started: string;
  severity?: string;
  summary?: string;
  services?: string[];
  teams?: string[];
  authors?: string[];
  detected?: string;
  resolved?: string;
  detectionMethod?: string;
  /** A near miss (kind: near-miss): the draft lists what stopped it among what is still to write. */
  nearMiss?: boolean;
  slug?: string;
}

/**
 * Sections of the body, with what each should say. Facts (impact, timeline, root cause,
 * resolution, action items, lessons) go in the frontmatter, and the page shows each once; the
 * body carries the narrative the fields cannot.
 */
export const SECTIONS: readonly [string, string][] = [
  [
    'What happened',
    "The story in the responders' words: what they saw, what they thought, what they tried and why. Times, impact, cause and resolution go in the frontmatter fields; do not repeat them here.",
  ],
  [
    'Discussion',
    'What the fields cannot say: context, trade-offs, why the system allowed this, what is still unclear. Describe the system, not the person.',
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

/** The registry's metadata of a top-level field. */
function fieldMeta(name: string): FieldEntry['meta'] {
  const found = walkFields(postmortemSchema).find((field) => field.name === name);
  if (!found) throw new Error(`no field ${name} in the schema`);
  return found.meta;
}

/** `a, b ,c` → `['a', 'b', 'c']`, as list flags and prompts are typed. */
export function splitList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}

/** A field's example with its meaning (and allowed values), as a YAML comment line. */
function exampleLine(field: FieldEntry, indent: string, key: string): string {
  const values = field.meta.kind === 'enum' && field.options ? `${field.options.join(' | ')}: ` : '';
  return `# ${indent}${key}: ${field.meta.example}  # ${values}${field.meta.meaning}`;
}

/**
 * Commented-out YAML for every field not given yet that has an example, in schema order:
 * groups and lists of entries are written with their children, so the scaffold shows the
 * shape of the whole frontmatter without restating it.
 */
export function fieldHints(given: ReadonlySet<string>): string[] {
  const fields = walkFields(postmortemSchema);
  const lines: string[] = [];
  for (const top of fields.filter((field) => field.path.length === 1 && !given.has(field.name))) {
    const children = fields.filter(
      (field) => field.path.length > 1 && field.path[0] === top.name && field.meta.example !== undefined,
    );
    if (children.length === 0) {
      if (top.meta.example !== undefined) lines.push(exampleLine(top, '', top.name));
      continue;
    }
    lines.push(`# ${top.name}:`);
    const isList = children[0].path[1] === '[]';
    children.forEach((child, index) => {
      const key = child.path[child.path.length - 1];
      const indent = isList ? (index === 0 ? '  - ' : '    ') : '  ';
      lines.push(exampleLine(child, indent, key));
    });
  }
  return lines;
}

/** The text of a new postmortem file; validation problems are returned, not thrown. */
export function scaffold(
  input: ScaffoldInput,
): { ok: true; fileName: string; text: string } | { ok: false; reasons: string[] } {
  const reasons: string[] = [];
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
  for (const service of input.services ?? []) {
    if (!SLUG_PATTERN.test(service))
      reasons.push(`--services: "${service}" must be lower-case words joined by hyphens, e.g. "${slugOf(service)}"`);
  }
  if (input.detectionMethod !== undefined && !(input.detectionMethod in detectionMethods)) {
    reasons.push(`--detection-method "${input.detectionMethod}" is not one of ${keysOf(detectionMethods).join(', ')}`);
  }
  const slug = input.slug ?? titleSlug(title);
  if (!SLUG_PATTERN.test(slug)) reasons.push(`--slug "${slug}" must be lower-case words joined by hyphens`);
  if (reasons.length > 0 || !started.ok) return { ok: false, reasons };

  const data = {
    title,
    ...(input.summary ? { summary: input.summary.trim() } : {}),
    status: 'draft',
    ...(input.nearMiss ? { kind: 'near-miss' } : {}),
    ...(severity ? { severity } : {}),
    ...(input.authors?.length ? { authors: input.authors } : {}),
    ...(input.teams?.length ? { teams: input.teams } : {}),
    ...(input.services?.length ? { services: input.services } : {}),
    started: started.iso,
    ...times,
    ...(input.detectionMethod ? { detection: { method: input.detectionMethod } } : {}),
  };
  const missing = missingToPublish(data).map((path) => path.join('.'));
  const review = missing.map((path) => `${path}: still to write before review`);
  // A near miss needs what stopped it before review (a rule across fields, so not in missingToPublish).
  if (input.nearMiss) review.push(`preventedBy: ${fieldMeta('preventedBy').ask}`);

  const given = stringifyFrontmatter({ ...data, review }).trimEnd();
  const hints = fieldHints(new Set(Object.keys(data)));
  const body = SECTIONS.map(([heading, help]) => `## ${heading}\n\n{/* ${help} */}\n`).join('\n');
  const text = `---\n${given}\n# Fields still to fill (uncomment and edit; see the field reference in README.md):\n${hints.join('\n')}\n---\n\n${body}`;
  const fileName = `${localDateOf(started.iso)}-${slug}.mdx`;

  const checked = checkPostmortemSource({ file: fileName, name: fileName, text });
  const errors = checked.problems.filter((problem) => problem.severity === 'error');
  if (errors.length > 0) return { ok: false, reasons: errors.map(formatProblem) };
  return { ok: true, fileName, text };
}
