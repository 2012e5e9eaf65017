/**
 * Reads the service catalog beside the postmortems folder (see src/lib/site/services.ts), held
 * to the rules a postmortem is: a regular file (a symbolic link could point out of the
 * repository), UTF-8 text without control characters, YAML without tags, anchors, aliases or
 * merge keys, read by the same positioned reader, and every problem an error with its line.
 * A missing file means no catalog: services are then not checked.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { relative } from 'node:path';
import { parseDocument } from 'yaml';
import { serviceCatalog, serviceCatalogPath, serviceCatalogSchema, type ServiceCatalog } from '../lib/site/services.ts';
import { fieldName, parseFrontmatter, yamlFeatureProblems } from '../lib/content/frontmatter.ts';
import { explainIssue } from '../lib/content/error-map.ts';
import { unsafeCharacters } from '../lib/core/characters.ts';
import type { Problem } from '../lib/content/problems.ts';
import { MAX_FILE_BYTES } from './content-folder.ts';

export function readServiceCatalog(
  contentDir: string,
  cwd = process.cwd(),
): { catalog: ServiceCatalog; problems: Problem[] } {
  const path = serviceCatalogPath(contentDir);
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
  const refused = (problems: Problem[]) => ({ catalog: serviceCatalog(undefined), problems });
  let stats;
  try {
    stats = lstatSync(path);
  } catch {
    return { catalog: serviceCatalog(undefined), problems: [] };
  }
  if (stats.isSymbolicLink())
    return refused([problem(1, 1, '(file)', 'is a symbolic link; commit the catalog itself, inside the repository')]);
  if (!stats.isFile()) return refused([problem(1, 1, '(file)', 'is not a regular file; the catalog is one YAML file')]);
  if (stats.size > MAX_FILE_BYTES)
    return refused([
      problem(1, 1, '(file)', `is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB; a catalog is a short list`),
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
        problem(
          found.line,
          found.column,
          '(file)',
          `holds ${found.character}; remove it: the catalog is printable text`,
        ),
      ),
    );
  // The catalog is YAML as frontmatter is: the same features refused, read by the same reader.
  const yaml = text.includes('\r') ? text.replace(/\r\n/g, '\n') : text;
  const features = yamlFeatureProblems(yaml, 1);
  if (features.length > 0) return refused(features.map((f) => problem(f.line, f.column, '(file)', f.message)));
  const parsed = parseFrontmatter(yaml, 1);
  if (parsed.data === undefined) {
    // A catalog with nothing in it (or only comments) declares no service; anything else unreadable is reported.
    if (yaml.split('\n').every((line) => line.trim() === '' || line.trim().startsWith('#')))
      return { catalog: serviceCatalog(serviceCatalogSchema.parse({})), problems: [] };
    return refused(
      parsed.problems.map((p) => problem(p.line, p.column, p.field, p.message.replace('frontmatter', 'catalog'))),
    );
  }
  const result = serviceCatalogSchema.safeParse(parsed.data);
  if (!result.success) {
    return refused(
      result.error.issues.flatMap((issue) =>
        explainIssue(serviceCatalogSchema, issue, parsed.data).map((explained) => {
          const at = parsed.locate(explained.path);
          return problem(at.line, at.column, fieldName(explained.path), explained.message);
        }),
      ),
    );
  }
  return { catalog: serviceCatalog(result.data), problems: [] };
}

/**
 * Declares services an import found that the catalog lacks, keeping the file's comments and
 * order: each gets its display name and no owner, and the entries naming it flag it for review.
 */
export function addServicesToCatalog(contentDir: string, services: readonly { slug: string; name: string }[]): void {
  if (services.length === 0) return;
  const path = serviceCatalogPath(contentDir);
  const doc = parseDocument(readFileSync(path, 'utf8'));
  for (const service of services) {
    if (!doc.hasIn(['services', service.slug])) doc.setIn(['services', service.slug], { name: service.name });
  }
  writeFileSync(path, doc.toString({ lineWidth: 100 }));
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
