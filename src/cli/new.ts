/**
 * `npm run new`: starts a postmortem as content/postmortems/<date>-<slug>.mdx (see
 * src/lib/fields/scaffold.ts for what the file holds). On a terminal it asks; with flags, in
 * CI or when stdin is not a terminal it never prompts. It never overwrites a file.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseCommandLine } from './args.ts';
import { keysOf, severities, detectionMethods, rootCauseCategories } from '../lib/core/taxonomy.ts';
import { checkService, parseStarted, scaffold, SECTIONS, splitList } from '../lib/fields/scaffold.ts';
import type { ServiceCatalog } from '../lib/site/services.ts';
import { formatProblem } from '../lib/content/problems.ts';
import { readServiceCatalog } from '../node/service-catalog.ts';
import { CONTENT_DIR as DEFAULT_DIR } from '../site.config.ts';

const OPTIONS = {
  title: { type: 'string' },
  started: { type: 'string' },
  severity: { type: 'string' },
  summary: { type: 'string' },
  services: { type: 'string' },
  categories: { type: 'string' },
  teams: { type: 'string' },
  authors: { type: 'string' },
  detected: { type: 'string' },
  resolved: { type: 'string' },
  'detection-method': { type: 'string' },
  'near-miss': { type: 'boolean', default: false },
  slug: { type: 'string' },
  dir: { type: 'string', default: DEFAULT_DIR },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

const USAGE = `Usage: npm run new                 (asks for each field on a terminal)
       npm run new -- --title TEXT --started TIME --severity sev1..sev4 [options]

Creates ${DEFAULT_DIR}/<date>-<slug>.mdx as a draft: what you give, as fields; commented
out, each with an example and a one-line prompt, first the fields review will ask for, then
every other field; and the body's sections (${SECTIONS.map(([heading]) => heading).join(', ')}), each with a
one-line prompt. In CI, or when stdin is not a terminal, it never prompts: --title, --started
and --severity are then required. An existing file is never overwritten.
  --title TEXT            headline, as an on-call engineer would search for it
  --started TIME          when impact began, with its zone: "2024-03-08 10:30 UTC",
                          "2024-03-08T13:30:00+03:00", "March 8, 2024 1:30 PM EAT"
  --severity LEVEL        sev1 (critical) to sev4 (low)
  --summary TEXT          one paragraph: what broke, for whom, how long, why
  --services a,b          services at fault, as slugs declared in services.yaml beside DIR
                          (a typo or a display name is refused with "did you mean")
  --categories a,b        root-cause categories: ${keysOf(rootCauseCategories).join(', ')}
  --teams a,b  --authors a,b
  --detected TIME  --resolved TIME
  --detection-method M    ${keysOf(detectionMethods).join(', ')}
  --near-miss             a failure stopped before users were affected (kind: near-miss);
                          the draft asks what stopped it (preventedBy)
  --slug SLUG             file name after the date (default: from the title)
  --dir DIR               folder to write to (default ${DEFAULT_DIR})`;

async function ask(
  values: Record<string, string | boolean | undefined>,
  catalog: ServiceCatalog,
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
    const declared = catalog.services.map((service) => service.slug);
    const services = await prompts.text({
      message: `Services at fault, as slugs separated by commas (optional)${declared.length ? `; declared: ${declared.join(', ')}` : ''}`,
      placeholder: declared.slice(0, 2).join(', ') || 'checkout-api, user-database',
      defaultValue: '',
      // A typo is asked again with "did you mean", before any file is written.
      validate: (typed) =>
        splitList(typed)
          .map((service) => checkService(service, catalog))
          .flatMap((answer) => (answer.ok ? [] : [answer.reason]))
          .join('; ') || undefined,
    });
    if (cancelled(services)) return undefined;
    answers.services = services as string;
  }
  if (answers.categories === undefined) {
    const categories = await prompts.multiselect({
      message: 'Root-cause categories, if known (space to pick, enter to go on)',
      options: keysOf(rootCauseCategories).map((key) => ({
        value: key,
        label: rootCauseCategories[key].label,
        hint: rootCauseCategories[key].description,
      })),
      required: false,
    });
    if (cancelled(categories)) return undefined;
    answers.categories = (categories as string[]).join(',');
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
  const { values } = parseCommandLine('new', USAGE, { options: OPTIONS, allowPositionals: false });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const interactive = Boolean(process.stdin.isTTY) && process.env.CI !== 'true' && process.env.CI !== '1';
  const dir = String(values.dir ?? DEFAULT_DIR);
  // Services are checked against the catalog beside the folder, as npm run validate checks them.
  const services = readServiceCatalog(dir);
  for (const problem of services.problems) console.error(`${formatProblem(problem)} (services are not checked)`);
  let answers: Record<string, string | boolean | undefined> = values;
  if (interactive) {
    const asked = await ask(values, services.catalog);
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
  const result = scaffold(
    {
      title: str('title') ?? '',
      started: str('started') ?? '',
      severity: str('severity'),
      summary: str('summary'),
      services: splitList(str('services')),
      categories: splitList(str('categories')),
      teams: splitList(str('teams')),
      authors: splitList(str('authors')),
      detected: str('detected'),
      resolved: str('resolved'),
      detectionMethod: str('detection-method'),
      nearMiss: answers['near-miss'] === true,
      slug: str('slug'),
    },
    { catalog: services.catalog },
  );
  if (!result.ok) {
    for (const reason of result.reasons) console.error(reason);
    return 2;
  }
  for (const note of result.notes) console.log(note);
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
