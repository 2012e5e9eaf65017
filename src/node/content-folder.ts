/**
 * Reads postmortem files from disk for the validator and the build. Everything the content
 * folder holds is accounted for: a file the site would skip is reported, not ignored.
 * Only file-system work happens here (no parser is loaded), so listing and reading 10,000
 * files costs what the system calls cost.
 */
import {
  closeSync,
  constants,
  existsSync,
  fstatSync,
  lstatSync,
  openSync,
  readdirSync,
  readSync,
  statSync,
  type Dirent,
  type Stats,
} from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { basename, extname, join, relative, resolve } from 'node:path';
import { POSTMORTEM_EXTENSIONS, type Problem } from '../lib/content/problems.ts';

/** Larger files are refused: a postmortem is prose, and a huge file is almost always a mistake. */
export const MAX_FILE_BYTES = 1024 * 1024;

export interface ReadOptions {
  /** The content folder; related ids are resolved against every file in it. */
  contentDir: string;
  /** Files or folders to report on; defaults to the content folder. */
  paths?: string[];
  /** Base for the paths printed in messages. */
  cwd?: string;
}

/** A postmortem file read from disk, ready to check. */
export interface ReadSource {
  absolute: string;
  shown: string;
  text: string;
}

export interface CheckPlan {
  files: { absolute: string; shown: string; regular?: boolean }[];
  /** Absolute paths the caller asked about; others are read only to resolve related ids. */
  requested: Set<string>;
  problems: Problem[];
  contentDir: string;
}

export function fileProblem(file: string, message: string): Problem {
  return { file, line: 1, column: 1, field: '(file)', message, severity: 'error', rule: 'file' };
}

/** The type tests both `Stats` and a directory entry answer. */
type Kind = Pick<
  Stats,
  'isSymbolicLink' | 'isDirectory' | 'isFIFO' | 'isSocket' | 'isCharacterDevice' | 'isBlockDevice' | 'isFile'
>;

/** What a non-regular entry is, in words, for messages. */
function kindOf(kind: Kind): string {
  if (kind.isSymbolicLink()) return 'a symbolic link';
  if (kind.isDirectory()) return 'a folder';
  if (kind.isFIFO()) return 'a named pipe (FIFO)';
  if (kind.isSocket()) return 'a socket';
  if (kind.isCharacterDevice() || kind.isBlockDevice()) return 'a device file';
  return 'not a regular file';
}

/** Why the site will not read this entry of the content folder, or undefined when it will. */
function refusal(name: string, kind: Kind): string | undefined {
  if (name.startsWith('.')) {
    return 'is a hidden file, which the site does not read; rename it without the leading dot or remove it';
  }
  if (kind.isSymbolicLink()) {
    return 'is a symbolic link; the site reads only regular files, so commit the postmortem itself instead of a link';
  }
  if (kind.isDirectory()) return 'is a folder; postmortems live directly in the content folder, one file each';
  if (!kind.isFile()) return `is ${kindOf(kind)}, not a regular file; the site reads only regular .mdx and .md files`;
  if (!POSTMORTEM_EXTENSIONS.includes(extname(name).toLowerCase() as (typeof POSTMORTEM_EXTENSIONS)[number])) {
    return `is not a postmortem: the site only reads ${POSTMORTEM_EXTENSIONS.join(' and ')} files, so rename or move it`;
  }
  return undefined;
}

/**
 * Reads one path as a postmortem, or returns a problem when it cannot be one. Only regular
 * files are opened: the entry is lstat'ed first (unless the folder listing already said it is a
 * regular file), then opened without following links and without blocking (a FIFO swapped in
 * between cannot hang the build), and checked again on the open descriptor.
 */
export function readPostmortem(
  absolute: string,
  shown: string,
  listedAsRegular = false,
): { text?: string; problem?: Problem } {
  if (!listedAsRegular) {
    let stats: Stats;
    try {
      stats = lstatSync(absolute);
    } catch {
      return { problem: fileProblem(shown, 'does not exist') };
    }
    const refused = refusal(basename(absolute), stats);
    if (refused) return { problem: fileProblem(shown, refused) };
    if (stats.size > MAX_FILE_BYTES) return { problem: tooLarge(shown, stats.size) };
  }
  let bytes: Buffer;
  let fd: number | undefined;
  try {
    fd = openSync(absolute, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    const opened = fstatSync(fd);
    if (!opened.isFile()) return { problem: fileProblem(shown, `is ${kindOf(opened)}, not a regular file`) };
    if (opened.size > MAX_FILE_BYTES) return { problem: tooLarge(shown, opened.size) };
    // One read of the size fstat gave, plus a check that nothing was appended meanwhile.
    bytes = Buffer.allocUnsafe(opened.size + 1);
    let length = 0;
    for (let read = -1; read !== 0 && length < bytes.length; length += read) {
      read = readSync(fd, bytes, length, bytes.length - length, length);
    }
    if (length > opened.size) return { problem: fileProblem(shown, 'changed while it was being read; try again') };
    bytes = bytes.subarray(0, length);
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
  if (isUtf16(bytes))
    return { problem: fileProblem(shown, 'is UTF-16 text; postmortems are UTF-8: save it as UTF-8 (without a BOM)') };
  if (bytes.includes(0))
    return { problem: fileProblem(shown, 'is a binary file (it contains NUL bytes); postmortems are UTF-8 text') };
  if (!isUtf8(bytes)) {
    const bad = firstInvalidUtf8(bytes);
    return {
      problem: { ...fileProblem(shown, 'is not valid UTF-8; save it as UTF-8'), line: bad.line, column: bad.column },
    };
  }
  // A leading byte-order mark is dropped, as a UTF-8 TextDecoder does.
  const text = bytes.toString('utf8');
  return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}

function tooLarge(shown: string, size: number): Problem {
  return fileProblem(
    shown,
    `is ${(size / 1024 / 1024).toFixed(1)} MB; a postmortem must be under ${MAX_FILE_BYTES / 1024 / 1024} MB, so link large logs or images instead of pasting them`,
  );
}

/** UTF-16 text: a UTF-16 byte-order mark, or ASCII written as every other byte NUL. */
function isUtf16(bytes: Uint8Array): boolean {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)))
    return true;
  // Without a BOM: the first bytes are ASCII with a NUL beside each (little or big endian).
  const sample = Math.min(bytes.length - (bytes.length % 2), 64);
  if (sample < 4) return false;
  let little = true;
  let big = true;
  for (let i = 0; i < sample; i += 2) {
    little &&= bytes[i] !== 0 && bytes[i + 1] === 0;
    big &&= bytes[i] === 0 && bytes[i + 1] !== 0;
  }
  return little || big;
}

function firstInvalidUtf8(bytes: Uint8Array): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x0a) {
      if (!isUtf8(bytes.subarray(start, i))) return { line, column: 1 };
      line++;
      start = i + 1;
    }
  }
  return { line, column: 1 };
}

/**
 * Every entry of the content folder: postmortem files, and problems for anything else, by name.
 * The listing's own entry types decide (no stat per file); a regular file is checked again on
 * its open descriptor when it is read.
 */
function listFolder(folder: string, cwd: string): { files: string[]; problems: Problem[] } {
  const files: string[] = [];
  const problems: Problem[] = [];
  // Names are listed as bytes: a name that is not UTF-8 would otherwise arrive with U+FFFD in
  // it, naming a file that does not exist.
  const entries: Dirent<Buffer>[] = readdirSync(folder, { withFileTypes: true, encoding: 'buffer' });
  entries.sort((a, b) => Buffer.compare(a.name, b.name));
  for (const entry of entries) {
    if (!isUtf8(entry.name)) {
      const shown = join(relative(cwd, folder), bytesAsText(entry.name));
      problems.push(
        fileProblem(
          shown,
          'has a file name that is not valid UTF-8; rename it (postmortem names are YYYY-MM-DD-some-slug.mdx)',
        ),
      );
      continue;
    }
    const name = entry.name.toString('utf8');
    const absolute = join(folder, name);
    // Some file systems do not report entry types; those entries are stat'ed.
    const kind: Kind = entry.isFile() || entry.isDirectory() || entry.isSymbolicLink() ? entry : lstatSync(absolute);
    // An entry's own images (copied by the importer) live in `<id>.assets/` beside it.
    const owner = name.endsWith('.assets') ? name.slice(0, -'.assets'.length) : undefined;
    if (kind.isDirectory() && owner && POSTMORTEM_EXTENSIONS.some((ext) => existsSync(join(folder, `${owner}${ext}`))))
      continue;
    const refused = refusal(name, kind);
    if (refused) problems.push(fileProblem(relative(cwd, absolute) || absolute, refused));
    else files.push(absolute);
  }
  return { files, problems };
}

/** A file name that is not UTF-8, for messages: ASCII as is, every other byte as `\xNN`. */
export function bytesAsText(name: Buffer): string {
  let text = '';
  for (const byte of name)
    text += byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : `\\x${byte.toString(16).padStart(2, '0')}`;
  return text;
}

/** Which files to read, and problems with the paths themselves. */
export function planCheck(options: ReadOptions): CheckPlan {
  const cwd = options.cwd ?? process.cwd();
  const contentDir = resolve(cwd, options.contentDir);
  const problems: Problem[] = [];
  const requested = new Set<string>();
  const toRead = new Map<string, boolean>();

  const collect = (folder: string, report: boolean) => {
    const listed = listFolder(folder, cwd);
    if (report) problems.push(...listed.problems);
    for (const file of listed.files) {
      toRead.set(file, true);
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
      // A path named on the command line is lstat'ed and judged again when it is read.
      if (!toRead.has(path)) toRead.set(path, false);
      requested.add(path);
    }
  }
  // Related ids and duplicate ids are judged against the whole knowledge base.
  try {
    if (statSync(contentDir).isDirectory()) collect(contentDir, false);
  } catch {
    problems.push(fileProblem(relative(cwd, contentDir) || contentDir, 'the content folder does not exist'));
  }

  const files = [...toRead.keys()]
    .sort()
    .map((absolute) => ({ absolute, shown: relative(cwd, absolute) || absolute, regular: toRead.get(absolute) }));
  return { files, requested, problems, contentDir };
}

/** Reads every planned file once; files that cannot be read become problems. */
export function readAll(plan: CheckPlan): {
  sources: ReadSource[];
  unreadable: { absolute: string; problem: Problem }[];
} {
  const sources: ReadSource[] = [];
  const unreadable: { absolute: string; problem: Problem }[] = [];
  for (const { absolute, shown, regular } of plan.files) {
    const read = readPostmortem(absolute, shown, regular);
    if (read.problem) unreadable.push({ absolute, problem: read.problem });
    else sources.push({ absolute, shown, text: read.text! });
  }
  return { sources, unreadable };
}
