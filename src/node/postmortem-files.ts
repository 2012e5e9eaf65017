/**
 * Reads postmortem files from disk for the validator and the build guard. Everything the
 * content folder holds is accounted for: a file the site would skip is reported, not ignored.
 */
import { lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, extname, join, relative, resolve, sep } from 'node:path';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { parseFrontmatter, splitSource } from '../lib/content/frontmatter.ts';
import {
  checkCollection,
  checkPostmortemSource,
  POSTMORTEM_EXTENSIONS,
  sortProblems,
  type CheckedPostmortem,
  type Problem,
} from '../lib/content/validation.ts';
import { serviceProblem } from '../lib/site/services.ts';
import { readServiceCatalog } from './service-catalog.ts';

/** Larger files are refused: a postmortem is prose, and a huge file is almost always a mistake. */
export const MAX_FILE_BYTES = 1024 * 1024;

export interface CheckResult {
  entries: CheckedPostmortem[];
  problems: Problem[];
  /** Number of postmortem files read. */
  fileCount: number;
}

export interface CheckOptions {
  /** The content folder; related ids are resolved against every file in it. */
  contentDir: string;
  /** Files or folders to report on; defaults to the content folder. */
  paths?: string[];
  production?: boolean;
  /** Base for the paths printed in messages. */
  cwd?: string;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

function fileProblem(file: string, message: string): Problem {
  return { file, line: 1, column: 1, field: '(file)', message, severity: 'error' };
}

/** Reads one path as a postmortem; returns a problem instead when it cannot be one. */
function readPostmortem(absolute: string, shown: string, contentDir: string): { text?: string; problem?: Problem } {
  const link = lstatSync(absolute);
  if (link.isSymbolicLink()) {
    let target: string;
    try {
      target = realpathSync(absolute);
    } catch {
      return { problem: fileProblem(shown, 'is a symbolic link to a file that does not exist') };
    }
    const root = realpathSync(contentDir);
    if (!target.startsWith(root + sep)) {
      return {
        problem: fileProblem(
          shown,
          `is a symbolic link to ${target}, outside ${contentDir}; commit the postmortem itself instead of a link`,
        ),
      };
    }
  }
  const stats = statSync(absolute);
  if (stats.size > MAX_FILE_BYTES) {
    return {
      problem: fileProblem(
        shown,
        `is ${(stats.size / 1024 / 1024).toFixed(1)} MB; a postmortem must be under ${MAX_FILE_BYTES / 1024 / 1024} MB, so link large logs or images instead of pasting them`,
      ),
    };
  }
  const bytes = readFileSync(absolute);
  if (bytes.includes(0))
    return { problem: fileProblem(shown, 'is a binary file (it contains NUL bytes); postmortems are UTF-8 text') };
  try {
    return { text: decoder.decode(bytes) };
  } catch {
    const bad = firstInvalidUtf8(bytes);
    return {
      problem: { ...fileProblem(shown, 'is not valid UTF-8; save it as UTF-8'), line: bad.line, column: bad.column },
    };
  }
}

function firstInvalidUtf8(bytes: Uint8Array): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x0a) {
      try {
        decoder.decode(bytes.subarray(start, i));
      } catch {
        return { line, column: 1 };
      }
      line++;
      start = i + 1;
    }
  }
  return { line, column: 1 };
}

/** Every entry of the content folder: postmortem files, and problems for anything else. */
function listFolder(folder: string, cwd: string): { files: string[]; problems: Problem[] } {
  const files: string[] = [];
  const problems: Problem[] = [];
  for (const name of readdirSync(folder).sort()) {
    const absolute = join(folder, name);
    const shown = relative(cwd, absolute) || absolute;
    if (name.startsWith('.')) continue;
    const stats = lstatSync(absolute);
    if (stats.isDirectory()) {
      problems.push(fileProblem(shown, 'is a folder; postmortems live directly in the content folder, one file each'));
    } else if (!POSTMORTEM_EXTENSIONS.includes(extname(name).toLowerCase() as (typeof POSTMORTEM_EXTENSIONS)[number])) {
      problems.push(
        fileProblem(
          shown,
          `is not a postmortem: the site only reads ${POSTMORTEM_EXTENSIONS.join(' and ')} files, so rename or move it`,
        ),
      );
    } else {
      files.push(absolute);
    }
  }
  return { files, problems };
}

interface CheckPlan {
  files: { absolute: string; shown: string }[];
  /** Absolute paths the caller asked about; others are read only to resolve related ids. */
  requested: Set<string>;
  problems: Problem[];
  contentDir: string;
}

/** Which files to read, and problems with the paths themselves. */
function planCheck(options: CheckOptions): CheckPlan {
  const cwd = options.cwd ?? process.cwd();
  const contentDir = resolve(cwd, options.contentDir);
  const problems: Problem[] = [];
  const requested = new Set<string>();
  const toRead = new Set<string>();

  const collect = (folder: string, report: boolean) => {
    const listed = listFolder(folder, cwd);
    if (report) problems.push(...listed.problems);
    for (const file of listed.files) {
      toRead.add(file);
      if (report) requested.add(file);
    }
  };

  const paths = options.paths?.length ? options.paths.map((p) => resolve(cwd, p)) : [contentDir];
  for (const path of paths) {
    let stats;
    try {
      stats = lstatSync(path);
    } catch {
      problems.push(fileProblem(relative(cwd, path) || path, 'does not exist'));
      continue;
    }
    if (stats.isDirectory()) collect(path, true);
    else {
      toRead.add(path);
      requested.add(path);
    }
  }
  // Related ids and duplicate ids are judged against the whole knowledge base.
  try {
    if (statSync(contentDir).isDirectory()) collect(contentDir, false);
  } catch {
    problems.push(fileProblem(relative(cwd, contentDir) || contentDir, 'the content folder does not exist'));
  }

  const files = [...toRead].sort().map((absolute) => ({ absolute, shown: relative(cwd, absolute) || absolute }));
  return { files, requested, problems, contentDir };
}

/** One file read and checked on its own; a problem instead when it cannot be read. */
export function checkOneFile(
  absolute: string,
  shown: string,
  contentDir: string,
): { entry?: CheckedPostmortem; problem?: Problem } {
  const read = readPostmortem(absolute, shown, contentDir);
  if (read.problem) return { problem: read.problem };
  try {
    return { entry: checkPostmortemSource({ file: shown, name: basename(absolute), text: read.text! }) };
  } catch (error) {
    // One file the checker cannot handle must not hide the problems of all the others.
    return { problem: fileProblem(shown, `could not be checked: ${(error as Error).message}`) };
  }
}

function finish(
  plan: CheckPlan,
  checked: { absolute: string; entry?: CheckedPostmortem; problem?: Problem }[],
  options: CheckOptions,
): CheckResult {
  const problems = [...plan.problems];
  const entries: CheckedPostmortem[] = [];
  for (const { absolute, entry, problem } of checked) {
    if (problem && plan.requested.has(absolute)) problems.push(problem);
    if (entry) entries.push(entry);
  }
  const cwd = options.cwd ?? process.cwd();
  const shownRequested = new Set([...plan.requested].map((absolute) => relative(cwd, absolute) || absolute));
  for (const entry of entries) if (shownRequested.has(entry.file)) problems.push(...entry.problems);
  problems.push(
    ...checkCollection(entries, { production: options.production }).filter((p) => shownRequested.has(p.file)),
  );
  // Services are checked against the catalog beside the content folder, when there is one.
  const services = readServiceCatalog(plan.contentDir, cwd);
  problems.push(...services.problems);
  for (const entry of entries) {
    if (!entry.data || !shownRequested.has(entry.file)) continue;
    entry.data.services.forEach((slug, index) => {
      const found = serviceProblem(slug, services.catalog);
      if (found)
        problems.push({
          file: entry.file,
          ...entry.locate(['services', index]),
          field: `services[${index}]`,
          ...found,
        });
    });
  }
  return { entries, problems: sortProblems(problems), fileCount: shownRequested.size };
}

/** Checks files (or the whole content folder) with every per-file and cross-file rule. */
export function checkPostmortemFiles(options: CheckOptions): CheckResult {
  const plan = planCheck(options);
  return finish(
    plan,
    plan.files.map(({ absolute, shown }) => ({ absolute, ...checkOneFile(absolute, shown, plan.contentDir) })),
    options,
  );
}

/** Below this many files, starting workers costs more than it saves. */
const PARALLEL_THRESHOLD = 400;

/**
 * The same checks spread over worker threads, one per core: at 10,000 postmortems parsing and
 * schema checks dominate and are independent per file. Cross-file rules run afterwards here.
 */
export async function checkPostmortemFilesInParallel(options: CheckOptions): Promise<CheckResult> {
  const plan = planCheck(options);
  const workers = Math.min(availableParallelism(), 8);
  if (workers < 2 || plan.files.length < PARALLEL_THRESHOLD) return checkPostmortemFiles(options);
  const chunks = Array.from({ length: workers }, (_, index) => plan.files.filter((_, i) => i % workers === index));
  const results = await Promise.all(
    chunks.map(
      (chunk) =>
        new Promise<WorkerResult[]>((resolvePromise, reject) => {
          const worker = new Worker(new URL('./check-worker.ts', import.meta.url), {
            workerData: { files: chunk, contentDir: plan.contentDir },
          });
          worker.once('message', resolvePromise);
          worker.once('error', reject);
        }),
    ),
  );
  const byFile = new Map(results.flat().map((result) => [result.absolute, result]));
  const checked = plan.files.map(({ absolute }) => {
    const result = byFile.get(absolute)!;
    if (!result.entry) return { absolute, problem: result.problem };
    // Positions are needed only for cross-file problems; they are re-read lazily for those few.
    let locate: CheckedPostmortem['locate'] | undefined;
    const entry: CheckedPostmortem = {
      ...result.entry,
      locate: (path) => (locate ??= locatorFor(absolute))(path),
    };
    return { absolute, entry };
  });
  return finish(plan, checked, options);
}

/** What a worker sends back: a checked file without its locate function, which cannot cross threads. */
export interface WorkerResult {
  absolute: string;
  entry?: Omit<CheckedPostmortem, 'locate'>;
  problem?: Problem;
}

function locatorFor(absolute: string): CheckedPostmortem['locate'] {
  const split = splitSource(readFileSync(absolute, 'utf8'));
  if (split.yaml === undefined) return () => ({ line: 1, column: 1 });
  return parseFrontmatter(split.yaml, split.yamlStartLine).locate;
}
