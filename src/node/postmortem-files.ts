/**
 * Reads postmortem files from disk for the validator and the build guard. Everything the
 * content folder holds is accounted for: a file the site would skip is reported, not ignored.
 */
import {
  closeSync,
  constants,
  existsSync,
  fstatSync,
  lstatSync,
  openSync,
  readdirSync,
  readFileSync,
  statSync,
  type Stats,
} from 'node:fs';
import { basename, extname, join, relative, resolve } from 'node:path';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { parseFrontmatter, splitSource } from '../lib/content/frontmatter.ts';
import {
  checkCollection,
  checkPostmortemSource,
  POSTMORTEM_EXTENSIONS,
  sortProblems,
  type CheckedPostmortem,
  type CheckOptions as SourceCheckOptions,
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
  /** Render bodies to HTML as well (the build); validation alone does not need the HTML. */
  render?: boolean;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

function fileProblem(file: string, message: string): Problem {
  return { file, line: 1, column: 1, field: '(file)', message, severity: 'error', rule: 'file' };
}

/** What a non-regular entry is, in words, for messages. */
function kindOf(stats: Stats): string {
  if (stats.isSymbolicLink()) return 'a symbolic link';
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device file';
  return 'not a regular file';
}

/** Why the site will not read this entry of the content folder, or undefined when it will. */
function refusal(name: string, stats: Stats): string | undefined {
  if (name.startsWith('.')) {
    return 'is a hidden file, which the site does not read; rename it without the leading dot or remove it';
  }
  if (stats.isSymbolicLink()) {
    return 'is a symbolic link; the site reads only regular files, so commit the postmortem itself instead of a link';
  }
  if (stats.isDirectory()) return 'is a folder; postmortems live directly in the content folder, one file each';
  if (!stats.isFile()) return `is ${kindOf(stats)}, not a regular file; the site reads only regular .mdx and .md files`;
  if (!POSTMORTEM_EXTENSIONS.includes(extname(name).toLowerCase() as (typeof POSTMORTEM_EXTENSIONS)[number])) {
    return `is not a postmortem: the site only reads ${POSTMORTEM_EXTENSIONS.join(' and ')} files, so rename or move it`;
  }
  return undefined;
}

/**
 * Reads one path as a postmortem, or returns a problem when it cannot be one. Only regular
 * files are opened: the entry is lstat'ed first, then opened without following links and
 * without blocking (a FIFO swapped in between cannot hang the build), and checked again.
 */
export function readPostmortem(absolute: string, shown: string): { text?: string; problem?: Problem } {
  let stats: Stats;
  try {
    stats = lstatSync(absolute);
  } catch {
    return { problem: fileProblem(shown, 'does not exist') };
  }
  const refused = refusal(basename(absolute), stats);
  if (refused) return { problem: fileProblem(shown, refused) };
  if (stats.size > MAX_FILE_BYTES) return { problem: tooLarge(shown, stats.size) };
  let bytes: Buffer;
  let fd: number | undefined;
  try {
    fd = openSync(absolute, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    const opened = fstatSync(fd);
    if (!opened.isFile()) return { problem: fileProblem(shown, `is ${kindOf(opened)}, not a regular file`) };
    if (opened.size > MAX_FILE_BYTES) return { problem: tooLarge(shown, opened.size) };
    bytes = readFileSync(fd);
  } catch (error) {
    return {
      problem: fileProblem(
        shown,
        `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
      ),
    };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
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

function tooLarge(shown: string, size: number): Problem {
  return fileProblem(
    shown,
    `is ${(size / 1024 / 1024).toFixed(1)} MB; a postmortem must be under ${MAX_FILE_BYTES / 1024 / 1024} MB, so link large logs or images instead of pasting them`,
  );
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

/** Every entry of the content folder: postmortem files, and problems for anything else, by name. */
function listFolder(folder: string, cwd: string): { files: string[]; problems: Problem[] } {
  const files: string[] = [];
  const problems: Problem[] = [];
  for (const name of readdirSync(folder).sort()) {
    const absolute = join(folder, name);
    const shown = relative(cwd, absolute) || absolute;
    // An entry's own images (copied by the importer) live in `<id>.assets/` beside it.
    const owner = name.endsWith('.assets') ? name.slice(0, -'.assets'.length) : undefined;
    const stats = lstatSync(absolute);
    if (stats.isDirectory() && owner && POSTMORTEM_EXTENSIONS.some((ext) => existsSync(join(folder, `${owner}${ext}`))))
      continue;
    const refused = refusal(name, stats);
    if (refused) problems.push(fileProblem(shown, refused));
    else files.push(absolute);
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

/** A postmortem file read from disk, ready to check. */
export interface ReadSource {
  absolute: string;
  shown: string;
  text: string;
}

/** A checked file as plain data (it crosses worker threads); `locate` is rebuilt from the text. */
export interface CheckedFile {
  absolute: string;
  entry?: Omit<CheckedPostmortem, 'locate'>;
  problem?: Problem;
}

/** Checks one file that has been read; a problem instead when the checker itself fails. */
export function checkSource(source: ReadSource, options: SourceCheckOptions = {}): CheckedFile {
  try {
    const { locate: _locate, ...entry } = checkPostmortemSource(
      { file: source.shown, name: basename(source.absolute), text: source.text },
      options,
    );
    return { absolute: source.absolute, entry };
  } catch (error) {
    // One file the checker cannot handle must not hide the problems of all the others.
    return {
      absolute: source.absolute,
      problem: fileProblem(source.shown, `could not be checked: ${(error as Error).message}`),
    };
  }
}

/** Below this many files, starting workers costs more than it saves. */
const PARALLEL_THRESHOLD = 400;

/**
 * Checks read files, spread over worker threads (one per core, at most 8) when there are
 * many: parsing, rendering and schema checks are independent per file and dominate at 10,000.
 */
export async function checkSources(sources: ReadSource[], options: SourceCheckOptions = {}): Promise<CheckedFile[]> {
  const workers = Math.min(availableParallelism(), 8);
  if (workers < 2 || sources.length < PARALLEL_THRESHOLD) return sources.map((source) => checkSource(source, options));
  const chunks = Array.from({ length: workers }, (_, index) => sources.filter((_, i) => i % workers === index));
  const results = await Promise.all(
    chunks.map(
      (chunk) =>
        new Promise<CheckedFile[]>((resolvePromise, reject) => {
          const worker = new Worker(new URL('./check-worker.ts', import.meta.url), {
            workerData: { sources: chunk, options },
          });
          worker.once('message', resolvePromise);
          worker.once('error', reject);
        }),
    ),
  );
  const byFile = new Map(results.flat().map((result) => [result.absolute, result]));
  return sources.map((source) => byFile.get(source.absolute)!);
}

/** Reads every planned file once; files that cannot be read become problems. */
function readAll(plan: CheckPlan): { sources: ReadSource[]; unreadable: CheckedFile[] } {
  const sources: ReadSource[] = [];
  const unreadable: CheckedFile[] = [];
  for (const { absolute, shown } of plan.files) {
    const read = readPostmortem(absolute, shown);
    if (read.problem) unreadable.push({ absolute, problem: read.problem });
    else sources.push({ absolute, shown, text: read.text! });
  }
  return { sources, unreadable };
}

/** A checked file with its `locate` function back, built lazily from the text it was read from. */
export function withLocate(entry: Omit<CheckedPostmortem, 'locate'>, text: string): CheckedPostmortem {
  let locate: CheckedPostmortem['locate'] | undefined;
  return { ...entry, locate: (path) => (locate ??= locatorFor(text))(path) };
}

function finish(
  plan: CheckPlan,
  checked: CheckedFile[],
  texts: Map<string, string>,
  options: CheckOptions,
): CheckResult {
  const problems = [...plan.problems];
  const entries: CheckedPostmortem[] = [];
  for (const { absolute, entry, problem } of checked) {
    if (problem && plan.requested.has(absolute)) problems.push(problem);
    if (entry) entries.push(withLocate(entry, texts.get(absolute) ?? ''));
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

/** Checks files (or the whole content folder) with every per-file and cross-file rule, on this thread. */
export function checkPostmortemFiles(options: CheckOptions): CheckResult {
  const plan = planCheck(options);
  const { sources, unreadable } = readAll(plan);
  const checked = [...unreadable, ...sources.map((source) => checkSource(source, { render: options.render ?? false }))];
  return finish(plan, checked, new Map(sources.map((s) => [s.absolute, s.text])), options);
}

/** The same checks with the per-file work spread over worker threads. */
export async function checkPostmortemFilesInParallel(options: CheckOptions): Promise<CheckResult> {
  const plan = planCheck(options);
  const { sources, unreadable } = readAll(plan);
  const checked = [...unreadable, ...(await checkSources(sources, { render: options.render ?? false }))];
  return finish(plan, checked, new Map(sources.map((s) => [s.absolute, s.text])), options);
}

/** Plans and reads the files of the content folder, for the content loader. */
export function readContentFolder(options: CheckOptions): {
  plan: CheckPlan;
  sources: ReadSource[];
  unreadable: CheckedFile[];
} {
  const plan = planCheck(options);
  return { plan, ...readAll(plan) };
}

export { finish as finishCheck, type CheckPlan };

function locatorFor(text: string): CheckedPostmortem['locate'] {
  const split = splitSource(text);
  if (split.yaml === undefined) return () => ({ line: 1, column: 1 });
  return parseFrontmatter(split.yaml, split.yamlStartLine).locate;
}
