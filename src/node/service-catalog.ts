/**
 * Reads the service catalog beside the postmortems folder (see src/lib/site/services.ts), held
 * to the rules a postmortem is (./strict-yaml-file.ts): every problem an error with its line.
 * A missing file means no catalog: services are then not checked.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { serviceCatalog, serviceCatalogPath, serviceCatalogSchema, type ServiceCatalog } from '../lib/site/services.ts';
import type { Problem } from '../lib/content/problems.ts';
import { readStrictYamlFile } from './strict-yaml-file.ts';

export function readServiceCatalog(
  contentDir: string,
  cwd = process.cwd(),
): { catalog: ServiceCatalog; problems: Problem[] } {
  const read = readStrictYamlFile(serviceCatalogPath(contentDir), serviceCatalogSchema, 'the catalog', cwd);
  if (read.state === 'read') return { catalog: serviceCatalog(read.data), problems: [] };
  return { catalog: serviceCatalog(undefined), problems: read.state === 'refused' ? read.problems : [] };
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
