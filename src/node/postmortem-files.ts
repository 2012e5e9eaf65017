/**
 * Reads postmortem files from disk for the validator and the build guard. Everything the
 * content folder holds is accounted for: a file the site would skip is reported, not ignored.
 */
import { lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, extname, join, relative, resolve, sep } from 'node:path';
import {
  checkCollection,
  checkPostmortemSource,
  POSTMORTEM_EXTENSIONS,
  sortProblems,
  type CheckedPostmortem,
  type Problem,
} from '../lib/validation.ts';

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
      return { problem: fileProblem(shown, `is a symbolic link to ${target}, outside ${contentDir}; commit the postmortem itself instead of a link`) };
    }
  }
  const stats = statSync(absolute);
  if (stats.size > MAX_FILE_BYTES) {
    return { problem: fileProblem(shown, `is ${(stats.size / 1024 / 1024).toFixed(1)} MB; a postmortem must be under ${MAX_FILE_BYTES / 1024 / 1024} MB, so link large logs or images instead of pasting them`) };
  }
  const bytes = readFileSync(absolute);
  if (bytes.includes(0)) return { problem: fileProblem(shown, 'is a binary file (it contains NUL bytes); postmortems are UTF-8 text') };
  try {
    return { text: decoder.decode(bytes) };
  } catch {
    const bad = firstInvalidUtf8(bytes);
    return { problem: { ...fileProblem(shown, 'is not valid UTF-8; save it as UTF-8'), line: bad.line, column: bad.column } };
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
      problems.push(fileProblem(shown, `is not a postmortem: the site only reads ${POSTMORTEM_EXTENSIONS.join(' and ')} files, so rename or move it`));
    } else {
      files.push(absolute);
    }
  }
  return { files, problems };
}

/** Checks files (or the whole content folder) with every per-file and cross-file rule. */
export function checkPostmortemFiles(options: CheckOptions): CheckResult {
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

  const entries: CheckedPostmortem[] = [];
  for (const absolute of [...toRead].sort()) {
    const shown = relative(cwd, absolute) || absolute;
    const read = readPostmortem(absolute, shown, contentDir);
    if (read.problem) {
      if (requested.has(absolute)) problems.push(read.problem);
      continue;
    }
    try {
      entries.push(checkPostmortemSource({ file: shown, name: basename(absolute), text: read.text! }));
    } catch (error) {
      // One file the checker cannot handle must not hide the problems of all the others.
      if (requested.has(absolute)) problems.push(fileProblem(shown, `could not be checked: ${(error as Error).message}`));
    }
  }
  const shownRequested = new Set([...requested].map((absolute) => relative(cwd, absolute) || absolute));
  for (const entry of entries) if (shownRequested.has(entry.file)) problems.push(...entry.problems);
  problems.push(...checkCollection(entries, { production: options.production }).filter((p) => shownRequested.has(p.file)));
  return { entries, problems: sortProblems(problems), fileCount: shownRequested.size };
}
