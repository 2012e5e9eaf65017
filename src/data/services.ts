/**
 * The service catalog beside the postmortems (content/services.yaml), read with the knowledge
 * base and shared through the per-build memo like every other derived value.
 */
import type { ServiceCatalog } from '../lib/site/services.ts';
import { valueLabel, type Facet } from '../lib/site/facets.ts';
import { perBuild } from './per-build.ts';
import { getFacetTerms } from './factors.ts';

/** Services by slug and alias, with display names and owners. */
export const getServiceCatalog = perBuild((kb): ServiceCatalog => kb.services);

/** How a facet value reads on a page: a service by its catalog name, any other value by its facet's terms. */
export const getFacetValueName = perBuild(async (kb) => {
  const termsOf = await getFacetTerms();
  return (facet: Facet, value: string): string =>
    facet.key === 'service' ? kb.services.resolve(value).name : valueLabel(facet, value, termsOf(facet));
});
