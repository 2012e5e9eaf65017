/**
 * The service catalog beside the postmortems (content/services.yaml), read once per build.
 * The content guard has already refused a broken catalog, so problems are not repeated here.
 */
import { resolve } from 'node:path';
import { readServiceCatalog } from '../node/service-catalog.ts';
import { CONTENT_DIR } from '../site.config.ts';
import type { ServiceCatalog } from '../lib/site/services.ts';

let cached: ServiceCatalog | undefined;

/** Services by slug and alias, with display names and owners. */
export function getServiceCatalog(): ServiceCatalog {
  cached ??= readServiceCatalog(resolve(CONTENT_DIR)).catalog;
  return cached;
}
