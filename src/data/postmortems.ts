/**
 * Query helpers over the postmortem collection. Everything here is computed once per build
 * and shared by every page; pages only arrange what these return.
 */
import { resolve } from 'node:path';
import { getCollection, type CollectionEntry } from 'astro:content';
import { incidentTimes, type IncidentTimes } from '../lib/incidents/timing.ts';
import {
  countWithoutValue,
  facetValuesOf,
  indexFacets,
  type FacetIndex,
  type FacetKey,
  type FacetValues,
} from '../lib/site/facets.ts';
import { summarize, sortIncidents, type IncidentSummary } from '../lib/site/listing.ts';
import { withBase } from '../lib/site/routes.ts';
import { canonicalServices, type ServiceCatalog } from '../lib/site/services.ts';
import { readServiceCatalog } from '../node/service-catalog.ts';
import { readFactorVocabulary } from '../node/factor-vocabulary.ts';
import type { FactorVocabulary } from '../lib/incidents/factor-vocabulary.ts';
import { CONTENT_DIR } from '../site.config.ts';

export type PostmortemEntry = CollectionEntry<'postmortems'>;

export interface Incident {
  entry: PostmortemEntry;
  summary: IncidentSummary;
  times: IncidentTimes;
  /** Its values per facet (category, service, year…), read once from the frontmatter. */
  facets: FacetValues;
}

export interface KnowledgeBase {
  /** Visible incidents, newest first (drafts only in `astro dev`). */
  incidents: Incident[];
  byId: Map<string, Incident>;
  summaries: IncidentSummary[];
  /** Per facet, each value present with its incidents (newest first), in the facet's order. */
  byFacet: FacetIndex<Incident>;
  /** Per facet, how many incidents have no value for it (not categorised, no severity…). */
  withoutValue: Record<FacetKey, number>;
  /** The service catalog beside the postmortems (content/services.yaml), read with them. */
  services: ServiceCatalog;
  /** The contributing-factor vocabulary beside them (content/factors.yaml, or the project's). */
  factors: FactorVocabulary;
}

let cached: Promise<KnowledgeBase> | undefined;

async function load(): Promise<KnowledgeBase> {
  // Drafts and postmortems in review are previewed in dev and never published.
  const entries = await getCollection(
    'postmortems',
    (entry) => !import.meta.env.PROD || entry.data.status === 'published',
  );
  // The content guard has already refused a broken catalog, so its problems are not repeated here.
  const catalog = readServiceCatalog(resolve(CONTENT_DIR)).catalog;
  const factors = readFactorVocabulary(resolve(CONTENT_DIR)).vocabulary;
  const incidents = entries.map((entry): Incident => {
    const raw = summarize(entry.id, entry.data);
    // An alias is listed under its service, so each service has one page and one count.
    const summary = { ...raw, services: canonicalServices(raw.services, catalog) };
    return {
      entry,
      summary,
      times: incidentTimes(entry.data),
      facets: facetValuesOf({ data: { ...entry.data, services: summary.services }, year: summary.year }),
    };
  });
  const order = new Map(
    sortIncidents(
      incidents.map((incident) => incident.summary),
      'date',
    ).map((summary, index) => [summary.id, index]),
  );
  incidents.sort((a, b) => order.get(a.summary.id)! - order.get(b.summary.id)!);
  const summaries = incidents.map((incident) => incident.summary);
  return {
    incidents,
    byId: new Map(incidents.map((incident) => [incident.summary.id, incident])),
    summaries,
    byFacet: indexFacets(incidents, (incident) => incident.facets),
    withoutValue: countWithoutValue(incidents, (incident) => incident.facets),
    services: catalog,
    factors,
  };
}

/** The whole knowledge base, loaded once per build (re-read on every request in dev). */
export function getKnowledgeBase(): Promise<KnowledgeBase> {
  if (!import.meta.env.PROD) return load();
  cached ??= load();
  return cached;
}

/** A site URL below Astro's `base`. */
export function href(path = ''): string {
  return withBase(import.meta.env.BASE_URL, path);
}
