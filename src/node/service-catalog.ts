/**
 * Reads the service catalog, held to the rules a postmortem is: each file regular (a symbolic
 * link could point out of the repository), UTF-8 text without control characters, YAML without
 * tags, anchors, aliases or merge keys, read by the same positioned reader, and every problem an
 * error with its line. The catalog is `content/services.yaml` beside the postmortems, or the
 * files `KB_CATALOG` lists (src/site.config.ts): the knowledge base's own format and Backstage
 * entity files (src/lib/site/backstage-catalog.ts), told apart by their content, combined.
 * A missing default file means no catalog (services are then not checked); a listed file that
 * is missing is an error. The validator and the build both read the catalog here.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { relative, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import {
  combineCatalogs,
  serviceCatalog,
  serviceCatalogPath,
  serviceCatalogSchema,
  type CatalogPart,
  type ServiceCatalog,
} from '../lib/site/services.ts';
import { isEntity, readEntities, skippedNote } from '../lib/site/backstage-catalog.ts';
import { fieldName, parseFrontmatter, yamlDocuments, yamlFeatureProblems } from '../lib/content/frontmatter.ts';
import { explainIssue } from '../lib/content/error-map.ts';
import { unsafeCharacters } from '../lib/core/characters.ts';
import type { Problem } from '../lib/content/problems.ts';
import { CATALOG_FILES } from '../site.config.ts';
import { MAX_FILE_BYTES } from './content-folder.ts';

/** The catalog files, absolute: those configured (`KB_CATALOG`, from `cwd`), else services.yaml beside the content. */
export function catalogFiles(
  contentDir: string,
  cwd = process.cwd(),
  configured: readonly string[] | undefined = CATALOG_FILES,
): { paths: string[]; configured: boolean } {
  return configured?.length
    ? { paths: configured.map((file) => resolve(cwd, file)), configured: true }
    : { paths: [serviceCatalogPath(resolve(cwd, contentDir))], configured: false };
}

export interface ReadCatalog {
  catalog: ServiceCatalog;
  problems: Problem[];
  /** What was read but not used, one line per file (Backstage entities of other kinds). */
  notes: string[];
}

/**
 * The catalog of a content folder. `files` overrides where it is read from (the importer reads
 * the services.yaml it adds to); by default `catalogFiles(contentDir)`.
 */
export function readServiceCatalog(
  contentDir: string,
  cwd = process.cwd(),
  files: { paths: string[]; configured: boolean } = catalogFiles(contentDir, cwd),
): ReadCatalog {
  const problems: Problem[] = [];
  const notes: string[] = [];
  const parts: CatalogPart[] = [];
  for (const path of files.paths) {
    const file = relative(cwd, path) || path;
    const read = readCatalogFile(path, file, files.configured);
    problems.push(...read.problems);
    if (read.note) notes.push(read.note);
    if (read.part) parts.push(read.part);
  }
  const combined = combineCatalogs(parts);
  problems.push(...combined.problems.map((p): Problem => ({ ...p, severity: 'error', rule: 'catalog' })));
  const sources = files.paths.map((path) => relative(cwd, path) || path);
  // A broken catalog checks nothing: its problems are reported, and no service is called undeclared.
  if (problems.length > 0) return { catalog: serviceCatalog(undefined, sources), problems, notes };
  return { catalog: serviceCatalog(parts.length > 0 ? combined.data : undefined, sources), problems, notes };
}

/** One catalog file: its part of the catalog, or its problems. */
function readCatalogFile(
  path: string,
  file: string,
  required: boolean,
): { part?: CatalogPart; problems: Problem[]; note?: string } {
  const problem = (line: number, column: number, field: string, message: string): Problem => ({
    file,
    line,
    column,
    field,
    message,
    severity: 'error',
    rule: 'catalog',
  });
  const refused = (problems: Problem[]) => ({ problems });
  let stats;
  try {
    stats = lstatSync(path);
  } catch {
    return required
      ? refused([
          problem(
            1,
            1,
            '(file)',
            'does not exist; KB_CATALOG lists catalog files separated by commas, from the project root',
          ),
        ])
      : { problems: [] };
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
  // The catalog is YAML as frontmatter is: the same features refused, read by the same reader;
  // only `---` between documents is allowed, as Backstage files hold one entity per document.
  const yaml = text.includes('\r') ? text.replace(/\r\n/g, '\n') : text;
  const features = yamlFeatureProblems(yaml, 1, { documents: true });
  if (features.length > 0)
    return refused(
      features.map((f) => problem(f.line, f.column, '(file)', f.message.replace('frontmatter', 'catalog'))),
    );
  const documents = yamlDocuments(yaml).map((doc) => ({ ...doc, parsed: parseFrontmatter(doc.yaml, doc.startLine) }));
  const broken = documents.flatMap((doc) => (doc.parsed.data === undefined ? doc.parsed.problems : []));
  if (broken.length > 0)
    return refused(broken.map((p) => problem(p.line, p.column, p.field, p.message.replace('frontmatter', 'catalog'))));
  if (documents.some((doc) => isEntity(doc.parsed.data))) {
    const entities = readEntities(documents.map((doc) => ({ data: doc.parsed.data, locate: doc.parsed.locate })));
    if (entities.problems.length > 0)
      return refused(entities.problems.map((p) => problem(p.line, p.column, p.field, p.message)));
    return {
      problems: [],
      note: skippedNote(file, entities.skipped),
      part: {
        file,
        data: entities.data,
        declaredAt: (kind, slug) => entities.declaredAt[kind].get(slug) ?? { line: 1, column: 1 },
      },
    };
  }
  // A catalog with nothing in it (or only comments) declares no service.
  if (documents.length === 0)
    return {
      problems: [],
      part: { file, data: serviceCatalogSchema.parse({}), declaredAt: () => ({ line: 1, column: 1 }) },
    };
  if (documents.length > 1)
    return refused([
      problem(
        documents[1].startLine,
        1,
        '(file)',
        'holds several YAML documents that are not Backstage entities; the knowledge base’s catalog is one document with "teams" and "services"',
      ),
    ]);
  const [{ parsed }] = documents;
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
  return {
    problems: [],
    part: {
      file,
      data: result.data,
      declaredAt: (kind, slug) =>
        parsed.locate([kind === 'service' ? 'services' : kind === 'team' ? 'teams' : 'systems', slug]),
    },
  };
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
