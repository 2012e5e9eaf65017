/**
 * Reads the service catalog beside the postmortems folder (see src/lib/site/services.ts).
 * A missing file means no catalog: services are then not checked. A broken file is reported
 * as problems with its path, like a broken postmortem.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { parse, parseDocument } from 'yaml';
import { serviceCatalog, serviceCatalogPath, serviceCatalogSchema, type ServiceCatalog } from '../lib/site/services.ts';
import type { Problem } from '../lib/content/validation.ts';

export function readServiceCatalog(
  contentDir: string,
  cwd = process.cwd(),
): { catalog: ServiceCatalog; problems: Problem[] } {
  const path = serviceCatalogPath(contentDir);
  if (!existsSync(path)) return { catalog: serviceCatalog(undefined), problems: [] };
  const file = relative(cwd, path) || path;
  const problem = (field: string, message: string): Problem => ({
    file,
    line: 1,
    column: 1,
    field,
    message,
    severity: 'error',
  });
  let raw: unknown;
  try {
    raw = parse(readFileSync(path, 'utf8')) ?? {};
  } catch (error) {
    return {
      catalog: serviceCatalog(undefined),
      problems: [problem('(file)', `is not valid YAML: ${(error as Error).message.split('\n')[0]}`)],
    };
  }
  const result = serviceCatalogSchema.safeParse(raw);
  if (!result.success) {
    return {
      catalog: serviceCatalog(undefined),
      problems: result.error.issues.map((issue) => problem(issue.path.join('.') || '(file)', issue.message)),
    };
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
