/**
 * `npm run new`: starts a postmortem as content/postmortems/<date>-<slug>.mdx with every
 * field listed (the ones not given yet commented out, with what to write) and the
 * recommended sections. On a terminal it asks; with flags, in CI or when stdin is not a
 * terminal it never prompts. It never overwrites a file, and what it writes passes
 * `npm run validate` as a draft.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { missingToPublish, postmortemSchema, SLUG_PATTERN } from '../lib/core/schema.ts';
import { keysOf, severities, detectionMethods } from '../lib/core/taxonomy.ts';
import { findTimes, toIso } from '../lib/importer/times.ts';
import { slugOf } from '../lib/importer/index.ts';
import { localDateOf, parseInstant } from '../lib/core/time.ts';
import { checkPostmortemSource, formatProblem } from '../lib/content/validation.ts';

export const DEFAULT_DIR = 'content/postmortems';

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
  slug?: string;
}

/** Recommended sections of the body, with what each should say. */
export const SECTIONS: readonly [string, string][] = [
  ['Summary', 'What broke, for whom, for how long and why, in a few sentences.'],
  ['Impact', 'What users saw, in their terms: which journeys, how many people, for how long.'],
  ['Timeline', 'Moments in order, with times and their zone. The frontmatter timeline feeds the incident page.'],
  [
    'Root cause',
    'The conditions in the system that made this possible. Describe the system, not the person: what allowed the mistake, not who made it.',
  ],
  ['Resolution', 'What stopped the impact and what restored service.'],
  ['Action items', 'Each item in the frontmatter actionItems with a term, a type and an owner.'],
  ['Lessons learned', 'What went well, what went wrong, where we got lucky.'],
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

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}

const shape = postmortemSchema.shape;

/** Commented-out YAML for a field not given yet, with its description from the schema. */
function hint(key: string, example: string): string {
  const description = (shape as Record<string, { description?: string }>)[key]?.description ?? '';
  return `# ${key}: ${example}  # ${description}`;
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
  const slug = input.slug ?? slugOf(title);
  if (!SLUG_PATTERN.test(slug)) reasons.push(`--slug "${slug}" must be lower-case words joined by hyphens`);
  if (reasons.length > 0 || !started.ok) return { ok: false, reasons };

  const data = {
    title,
    ...(input.summary ? { summary: input.summary.trim() } : {}),
    status: 'draft',
    ...(severity ? { severity } : {}),
    ...(input.authors?.length ? { authors: input.authors } : {}),
    ...(input.teams?.length ? { teams: input.teams } : {}),
    ...(input.services?.length ? { services: input.services } : {}),
    started: started.iso,
    ...times,
    ...(input.detectionMethod ? { detection: { method: input.detectionMethod } } : {}),
  };
  const missing = missingToPublish({
    summary: data.summary,
    severity: data.severity,
    services: data.services ?? [],
    detected: times.detected,
    impact: {},
    detection: { method: input.detectionMethod },
    rootCause: { categories: [] },
    actionItems: [],
  }).map((path) => path.join('.'));
  const review = missing.map((path) => `${path}: still to write before review`);

  const given = stringify({ ...data, review }, { customTags: ['timestamp'], lineWidth: 100 }).trimEnd();
  const hints = [
    !data.summary && hint('summary', 'Checkout failed for 30% of users for 45 minutes after a config change.'),
    !severity && hint('severity', 'sev2'),
    !data.services && hint('services', '[checkout-api]'),
    !times.detected && hint('detected', '"2024-03-08T10:45:00Z"'),
    hint('mitigated', '"2024-03-08T11:30:00Z"'),
    !times.resolved && hint('resolved', '"2024-03-08T12:00:00Z"'),
    '# impact:',
    '#   description: What users saw.',
    '#   usersAffectedPercent: 30',
    '# detection:',
    `#   method: monitoring-alert  # ${keysOf(detectionMethods).join(' | ')}`,
    '#   source: The alert, report or check that noticed it.',
    '# rootCause:',
    '#   categories: [database]  # see the root-cause taxonomy in README.md',
    '#   description: The underlying cause: the system, not the person.',
    '#   trigger: The change or event that set it off.',
    hint('resolution', 'What stopped the incident.'),
    '# timeline:',
    '#   - at: "2024-03-08T10:30:00Z"',
    '#     kind: impact',
    '#     event: Error rate on login rises to 30%.',
    '# actionItems:',
    '#   - title: Add the missing index to the user table.',
    '#     term: short  # short | mid | long',
    '#     type: prevent  # prevent | mitigate | detect | process',
    '#     owner: Database team',
  ].filter((line): line is string => typeof line === 'string' && line !== '');
  const body = SECTIONS.map(([heading, help]) => `## ${heading}\n\n{/* ${help} */}\n`).join('\n');
  const text = `---\n${given}\n# Fields still to fill (uncomment and edit; see the field reference in README.md):\n${hints.join('\n')}\n---\n\n${body}`;
  const fileName = `${localDateOf(started.iso)}-${slug}.mdx`;

  const checked = checkPostmortemSource({ file: fileName, name: fileName, text });
  const errors = checked.problems.filter((problem) => problem.severity === 'error');
  if (errors.length > 0) return { ok: false, reasons: errors.map(formatProblem) };
  return { ok: true, fileName, text };
}

const OPTIONS = {
  title: { type: 'string' },
  started: { type: 'string' },
  severity: { type: 'string' },
  summary: { type: 'string' },
  services: { type: 'string' },
  teams: { type: 'string' },
  authors: { type: 'string' },
  detected: { type: 'string' },
  resolved: { type: 'string' },
  'detection-method': { type: 'string' },
  slug: { type: 'string' },
  dir: { type: 'string', default: DEFAULT_DIR },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

const USAGE = `Usage: npm run new                 (asks for each field on a terminal)
       npm run new -- --title TEXT --started TIME --severity sev1..sev4 [options]

Creates ${DEFAULT_DIR}/<date>-<slug>.mdx as a draft with every field listed and the
recommended sections. In CI, or when stdin is not a terminal, it never prompts: --title,
--started and --severity are then required. An existing file is never overwritten.
  --title TEXT            headline, as an on-call engineer would search for it
  --started TIME          when impact began, with its zone: "2024-03-08 10:30 UTC",
                          "2024-03-08T13:30:00+03:00", "March 8, 2024 1:30 PM EAT"
  --severity LEVEL        sev1 (critical) to sev4 (near miss)
  --summary TEXT          one paragraph: what broke, for whom, how long, why
  --services a,b          services at fault, as slugs
  --teams a,b  --authors a,b
  --detected TIME  --resolved TIME
  --detection-method M    ${keysOf(detectionMethods).join(', ')}
  --slug SLUG             file name after the date (default: from the title)
  --dir DIR               folder to write to (default ${DEFAULT_DIR})`;

async function ask(
  values: Record<string, string | boolean | undefined>,
): Promise<Record<string, string | boolean | undefined> | undefined> {
  const prompts = await import('@clack/prompts');
  prompts.intro('New postmortem');
  const answers = { ...values };
  const cancelled = (value: unknown) => prompts.isCancel(value);
  if (!answers.title) {
    const title = await prompts.text({
      message: 'Title (what an on-call engineer would search for)',
      validate: (v) => (!v?.trim() ? 'Write a title' : v.length > 160 ? 'Keep it under 160 characters' : undefined),
    });
    if (cancelled(title)) return undefined;
    answers.title = title as string;
  }
  if (!answers.started) {
    const started = await prompts.text({
      message: 'When did user impact start? (with zone, e.g. 2024-03-08 10:30 UTC)',
      validate: (v) => {
        const parsed = parseStarted(v ?? '');
        return parsed.ok ? undefined : parsed.reason;
      },
    });
    if (cancelled(started)) return undefined;
    answers.started = started as string;
  }
  if (!answers.severity) {
    const severity = await prompts.select({
      message: 'Severity',
      options: keysOf(severities).map((key) => ({
        value: key,
        label: severities[key].label,
        hint: severities[key].description,
      })),
    });
    if (cancelled(severity)) return undefined;
    answers.severity = severity as string;
  }
  if (answers.services === undefined) {
    const services = await prompts.text({
      message: 'Services at fault, as slugs separated by commas (optional)',
      placeholder: 'checkout-api, user-database',
      defaultValue: '',
    });
    if (cancelled(services)) return undefined;
    answers.services = services as string;
  }
  if (answers.summary === undefined) {
    const summary = await prompts.text({
      message: 'One-paragraph summary (optional, you can write it later)',
      defaultValue: '',
    });
    if (cancelled(summary)) return undefined;
    answers.summary = summary as string;
  }
  return answers;
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: OPTIONS, allowPositionals: false });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const interactive = Boolean(process.stdin.isTTY) && process.env.CI !== 'true' && process.env.CI !== '1';
  let answers: Record<string, string | boolean | undefined> = values;
  if (interactive) {
    const asked = await ask(values);
    if (!asked) {
      console.error('Cancelled; nothing was written.');
      return 1;
    }
    answers = asked;
  } else {
    const missing = (['title', 'started', 'severity'] as const).filter((flag) => !values[flag]);
    if (missing.length > 0) {
      console.error(
        `Missing ${missing.map((flag) => `--${flag}`).join(', ')}: without a terminal (or with CI=true) npm run new does not prompt, so give them as flags.\n\n${USAGE}`,
      );
      return 2;
    }
  }
  const str = (key: string) =>
    typeof answers[key] === 'string' && (answers[key] as string).trim() !== '' ? (answers[key] as string) : undefined;
  const result = scaffold({
    title: str('title') ?? '',
    started: str('started') ?? '',
    severity: str('severity'),
    summary: str('summary'),
    services: list(str('services')),
    teams: list(str('teams')),
    authors: list(str('authors')),
    detected: str('detected'),
    resolved: str('resolved'),
    detectionMethod: str('detection-method'),
    slug: str('slug'),
  });
  if (!result.ok) {
    for (const reason of result.reasons) console.error(reason);
    return 2;
  }
  const dir = String(answers.dir ?? DEFAULT_DIR);
  const target = join(dir, result.fileName);
  if (existsSync(target)) {
    console.error(`${target} already exists; it was not overwritten. Choose another --slug or edit that file.`);
    return 1;
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(target, result.text, { flag: 'wx' });
  const shown = relative(process.cwd(), target) || target;
  const message = `Created ${shown} (status: draft). Fill the commented fields and sections, then run npm run validate -- --strict ${shown}`;
  if (interactive) (await import('@clack/prompts')).outro(message);
  else console.log(message);
  return 0;
}

// Only the command runs main(); tests import scaffold() and parseStarted() directly.
if (import.meta.main) process.exitCode = await main();
