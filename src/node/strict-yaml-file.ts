/**
 * Reads a YAML file of the repository's own declarations (the service catalog, the
 * contributing-factor vocabulary) under the rules a postmortem's frontmatter is held to: a
 * regular file (a symbolic link could point out of the repository), UTF-8 text without control
 * characters, YAML without tags, anchors, aliases or merge keys, read by the same positioned
 * reader, checked against a zod schema, and every problem an error with its line.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readFileSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { relative } from 'node:path';
import type { z } from 'zod';
import { fieldName, parseFrontmatter, yamlFeatureProblems } from '../lib/content/frontmatter.ts';
import { explainIssue } from '../lib/content/error-map.ts';
import { unsafeCharacters } from '../lib/core/characters.ts';
import type { Problem } from '../lib/content/problems.ts';
import { MAX_FILE_BYTES } from './content-folder.ts';

/** What a declaration file held: nothing (no file), its checked data, or the problems that refused it. */
export type StrictYamlRead<T> =
  { state: 'missing' } | { state: 'read'; data: T } | { state: 'refused'; problems: Problem[] };

/**
 * Reads `path` and checks it against `schema`; `what` names the file in messages ("the catalog").
 * A file with nothing but comments reads as `{}`.
 */
export function readStrictYamlFile<S extends z.ZodType>(
  path: string,
  schema: S,
  what: string,
  cwd = process.cwd(),
): StrictYamlRead<z.output<S>> {
  const file = relative(cwd, path) || path;
  const problem = (line: number, column: number, field: string, message: string): Problem => ({
    file,
    line,
    column,
    field,
    message,
    severity: 'error',
    rule: 'catalog',
  });
  const refused = (problems: Problem[]) => ({ state: 'refused' as const, problems });
  let stats;
  try {
    stats = lstatSync(path);
  } catch {
    return { state: 'missing' };
  }
  if (stats.isSymbolicLink())
    return refused([problem(1, 1, '(file)', `is a symbolic link; commit ${what} itself, inside the repository`)]);
  if (!stats.isFile()) return refused([problem(1, 1, '(file)', `is not a regular file; ${what} is one YAML file`)]);
  if (stats.size > MAX_FILE_BYTES)
    return refused([
      problem(1, 1, '(file)', `is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB; ${what} is a short list`),
    ]);
  let bytes: Buffer;
  const fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  try {
    if (!fstatSync(fd).isFile()) return refused([problem(1, 1, '(file)', 'is not a regular file')]);
    bytes = readFileSync(fd);
  } finally {
    closeSync(fd);
  }
  if (!isUtf8(bytes)) {
    const line = bytes.subarray(0, firstInvalidByte(bytes)).filter((byte) => byte === 0x0a).length + 1;
    return refused([problem(line, 1, '(file)', 'is not valid UTF-8 (Latin-1 or UTF-16?); save it as UTF-8')]);
  }
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  const raw = unsafeCharacters(text);
  if (raw.length > 0)
    return refused(
      raw.map((found) =>
        problem(found.line, found.column, '(file)', `holds ${found.character}; remove it: ${what} is printable text`),
      ),
    );
  // Declarations are YAML as frontmatter is: the same features refused, read by the same reader.
  const yaml = text.includes('\r') ? text.replace(/\r\n/g, '\n') : text;
  const features = yamlFeatureProblems(yaml, 1);
  if (features.length > 0) return refused(features.map((f) => problem(f.line, f.column, '(file)', f.message)));
  const parsed = parseFrontmatter(yaml, 1);
  let data = parsed.data;
  if (data === undefined) {
    // A file with nothing in it (or only comments) declares nothing; anything else unreadable is reported.
    if (!yaml.split('\n').every((line) => line.trim() === '' || line.trim().startsWith('#')))
      return refused(
        parsed.problems.map((p) => problem(p.line, p.column, p.field, p.message.replace('the frontmatter', what))),
      );
    data = {};
  }
  const result = schema.safeParse(data);
  if (!result.success) {
    return refused(
      result.error.issues.flatMap((issue) =>
        explainIssue(schema, issue, data).map((explained) => {
          const at = parsed.locate(explained.path);
          return problem(at.line, at.column, fieldName(explained.path), explained.message);
        }),
      ),
    );
  }
  return { state: 'read', data: result.data };
}

function firstInvalidByte(bytes: Buffer): number {
  let low = 0;
  let high = bytes.length;
  // The longest valid prefix, by halving: isUtf8 of a prefix cut inside a character is false too.
  while (high - low > 4) {
    const middle = (low + high) >> 1;
    if (isUtf8(bytes.subarray(0, middle))) low = middle;
    else high = middle;
  }
  return low;
}
