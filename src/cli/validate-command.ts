/**
 * `npm run validate [-- paths...]`: checks postmortems against the schema and each other
 * without building the site. One line per problem, exit 1 when any error is found. Loaded by
 * validate.ts; this thread reads files and runs the cross-file rules, workers parse.
 */
import { CONTENT_DIR } from '../site.config.ts';
import { parseCommandLine } from './args.ts';
import { checkPostmortemFilesInParallel } from '../node/check-files.ts';
import { formatProblem, sortProblems } from '../lib/content/problems.ts';
import { resolve, sep } from 'node:path';
import { appendFileSync } from 'node:fs';

/** The content folder every command reads by default; KB_CONTENT_DIR overrides it. */
export const DEFAULT_CONTENT_DIR = CONTENT_DIR;

const USAGE = `Usage: npm run validate -- [paths...] [--content-dir DIR] [--production] [--strict]

Checks postmortem files (default: every file in ${DEFAULT_CONTENT_DIR}) against the schema
and the cross-file rules, and the services they list against content/services.yaml.
Prints "path:line:column  field  message" per problem.
  --content-dir DIR  folder that holds every postmortem (related ids resolve against it)
  --production       also apply the rules of a production build (published entries may
                     only relate to published ones)
  --json             print the problems as one JSON array (file, line, column, field,
                     rule, message, severity) instead of lines
  --no-cache         check every file again instead of reusing the clean verdicts of files
                     unchanged since the last run (kept in node_modules/.cache/postmortem-kb/,
                     or KB_CACHE_DIR; keyed by each file's digest and the checker's code)
  --strict           also warn about what reviewers ask for: empty or missing sections, no
                     narrative, action items without owner, a root cause that blames people,
                     a summary over 300 characters (warnings never change the exit code)
Given paths, it also lists for each of those postmortems the most similar earlier incidents,
why, and their open action items, and warns when one looks like a duplicate.
In GitHub Actions (GITHUB_ACTIONS=true) each problem is also printed as an annotation, and the
similar incidents are written to the job summary (GITHUB_STEP_SUMMARY).`;

const { values, positionals } = parseCommandLine('validate', USAGE, {
  allowPositionals: true,
  allowNegative: true,
  options: {
    'content-dir': { type: 'string', default: DEFAULT_CONTENT_DIR },
    production: { type: 'boolean', default: false },
    strict: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    cache: { type: 'boolean', default: true },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log(USAGE);
} else {
  const started = performance.now();
  const result = await checkPostmortemFilesInParallel({
    contentDir: values['content-dir'],
    paths: positionals,
    production: values.production,
    cache: values.cache,
  });
  const problems = [...result.problems];
  if (values.strict) {
    // Review advice only for the files asked about, not for every file read to resolve ids.
    const asked = (positionals.length ? positionals : [values['content-dir']]).map((path) => resolve(path));
    const { reviewChecks } = await import('../lib/content/review-checks.ts');
    for (const entry of result.entries) {
      const absolute = resolve(entry.file);
      if (!asked.some((path) => absolute === path || absolute.startsWith(path + sep))) continue;
      // A file with errors gets its advice in the same run, on the fields that did parse.
      if (entry.data) problems.push(...reviewChecks({ ...entry, data: entry.data }));
      else if (entry.readable) problems.push(...reviewChecks({ ...entry, ...entry.readable }));
    }
  }
  // In GitHub Actions each problem is also printed as an annotation (the review module is loaded only there).
  const annotate =
    process.env.GITHUB_ACTIONS === 'true'
      ? (await import('../lib/content/review-checks.ts')).formatGithubAnnotation
      : undefined;
  if (values.json) {
    console.log(JSON.stringify(sortProblems(problems)));
    process.exitCode = problems.some((p) => p.severity === 'error') ? 1 : 0;
  }
  for (const problem of values.json ? [] : sortProblems(problems)) {
    console.log(formatProblem(problem));
    if (annotate) console.log(annotate(problem));
  }
  if (positionals.length > 0) {
    // "Has this happened before?" for the files under review, against every valid postmortem.
    const asked = new Set(positionals.map((path) => resolve(path)));
    const valid = result.entries.flatMap((entry) =>
      entry.data ? [{ id: entry.id, data: entry.data, body: entry.body, file: entry.file }] : [],
    );
    const ids = result.entries.filter((entry) => entry.data && asked.has(resolve(entry.file))).map((entry) => entry.id);
    const { happenedBefore, happenedBeforeMarkdown, happenedBeforeText } =
      await import('../lib/similarity/happened-before.ts');
    const found = happenedBefore(valid, ids);
    for (const line of happenedBeforeText(found)) console.log(line);
    const summary = process.env.GITHUB_STEP_SUMMARY;
    if (summary && found.length > 0) appendFileSync(summary, `${happenedBeforeMarkdown(found)}\n`);
  }
  const errors = problems.filter((p) => p.severity === 'error');
  const warnings = problems.length - errors.length;
  const advice = warnings > 0 ? `, ${warnings} review warning${warnings === 1 ? '' : 's'}` : '';
  // After the parenthesis, so the summary keeps its shape for scripts that read it.
  // A reused verdict is a clean one for the same bytes under the same checker code and settings
  // (check-cache.ts); the cross-file rules and --strict's advice ran on every file all the same.
  const reused = result.reused
    ? `; ${result.reused} unchanged since they passed the same per-file checks, so that verdict still holds and was reused (--no-cache checks them again)`
    : '';
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  const files = new Set(errors.map((p) => p.file)).size;
  if (values.json) {
    // The JSON array is the whole output.
  } else if (errors.length > 0) {
    console.log(
      `✗ ${errors.length} problem${errors.length === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'} (${result.fileCount} checked in ${seconds} s${advice})${reused}`,
    );
    process.exitCode = 1;
  } else {
    console.log(
      `✓ ${result.fileCount} postmortem${result.fileCount === 1 ? '' : 's'} valid (${seconds} s${advice})${reused}`,
    );
  }
}
