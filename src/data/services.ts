/**
 * The service catalog beside the postmortems (content/services.yaml), read once per build.
 * The content guard has already refused a broken catalog, so problems are not repeated here.
 */
import { resolve } from 'node:path';
import { readServiceCatalog } from '../node/service-catalog.ts';
import { CONTENT_DIR } from '../site.config.ts';
import type { ServiceCatalog } from '../lib/site/services.ts';
import { valueLabel, type Facet } from '../lib/site/facets.ts';

let cached: ServiceCatalog | undefined;

/** Services by slug and alias, with display names and owners. */
export function getServiceCatalog(): ServiceCatalog {
  cached ??= readServiceCatalog(resolve(CONTENT_DIR)).catalog;
  return cached;
}

/** How a facet value reads on a page: a service by its catalog name, any other value by the facet registry. */
export function facetValueName(facet: Facet, value: string): string {
  return facet.key === 'service' ? getServiceCatalog().resolve(value).name : valueLabel(facet, value);
}
