/**
 * Reads the service catalog, each file held to the rules a postmortem is (./strict-yaml-file.ts:
 * a regular file of printable UTF-8, YAML without tags, anchors, aliases or merge keys, read by
 * the same positioned reader), every problem an error with its line. The catalog is `content/services.yaml` beside the postmortems, or the
 * files `KB_CATALOG` lists (src/site.config.ts): the knowledge base's own format and Backstage
 * entity files (src/lib/site/backstage-catalog.ts), told apart by their content, combined.
 * A missing default file means no catalog (services are then not checked); a listed file that
 * is missing is an error. The validator and the build both read the catalog here.
 */
import { readFileSync, writeFileSync } from 'node:fs';
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
import { fieldName, parseFrontmatter, yamlDocuments } from '../lib/content/frontmatter.ts';
import { explainIssue } from '../lib/content/error-map.ts';
import type { Problem } from '../lib/content/problems.ts';
import { CATALOG_FILES } from '../site.config.ts';
import { declarationProblem, readStrictYamlText } from './strict-yaml-file.ts';

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
    const read = readCatalogFile(path, file, files.configured, cwd);
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
  cwd: string,
): { part?: CatalogPart; problems: Problem[]; note?: string } {
  const problem = declarationProblem(file);
  const refused = (problems: Problem[]) => ({ problems });
  // The file-level rules of every declaration file; `---` between documents is allowed, as
  // Backstage files hold one entity per document.
  const text = readStrictYamlText(path, 'the catalog', cwd, { documents: true });
  if (text.state === 'missing')
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
  if (text.state === 'refused') return text;
  const documents = yamlDocuments(text.yaml).map((doc) => ({
    ...doc,
    parsed: parseFrontmatter(doc.yaml, doc.startLine),
  }));
  const broken = documents.flatMap((doc) => (doc.parsed.data === undefined ? doc.parsed.problems : []));
  if (broken.length > 0)
    return refused(
      broken.map((p) => problem(p.line, p.column, p.field, p.message.replace('the frontmatter', 'the catalog'))),
    );
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
