/**
 * Figures across the knowledge base, computed once per build from getKnowledgeBase() and
 * shared by the insights and facet pages.
 */
import {
  buildCube,
  computeFigures,
  factsOf,
  figuresFromCube,
  fullFilter,
  type Figures,
  type IncidentFacts,
  type InsightsCube,
} from '../lib/insights/aggregates.ts';
import { facetList, type FacetKey } from '../lib/site/facets.ts';
import type { KnowledgeBase } from './postmortems.ts';
import { perBuild } from './per-build.ts';
import { buildClockMs } from '../lib/incidents/build-clock.ts';

export interface Insights {
  /** The start of the build's UTC day: what ages and "overdue" are judged against (see build-clock.ts). */
  nowMs: number;
  facts: IncidentFacts[];
  /** Postmortems left out of every figure because their start is unknown. */
  undated: number;
  /** Re-sliceable by year range and category; embedded in the insights page. */
  cube: InsightsCube;
  /** The whole knowledge base, unfiltered. */
  overall: Figures;
  /** Per facet with `figures` (category, service), figures per value for the first page of its listing. */
  byFacet: Partial<Record<FacetKey, Map<string, Figures>>>;
}

function compute(kb: KnowledgeBase): Insights {
  const nowMs = buildClockMs();
  const facts = kb.incidents.flatMap(
    (incident) =>
      factsOf(incident.summary.id, { ...incident.entry.data, services: incident.summary.services }, incident.times) ?? [],
  );
  const cube = buildCube(facts, { nowMs, ranges: 'all' });
  // Grouped as the facet pages list them, so a page's figures count exactly the postmortems it lists.
  const factOf = new Map(kb.incidents.map((incident, index) => [incident, facts[index]]));
  const byFacet = Object.fromEntries(
    facetList
      .filter((facet) => facet.figures)
      .map((facet) => [
        facet.key,
        new Map(
          kb.byFacet[facet.key].map((group) => [
            group.value,
            computeFigures(
              group.items.map((incident) => factOf.get(incident)!),
              { nowMs },
            ),
          ]),
        ),
      ]),
  );
  return {
    nowMs,
    facts,
    undated: kb.incidents.length - facts.length,
    cube,
    overall: figuresFromCube(cube, fullFilter(cube)),
    byFacet,
  };
}

/** Every cross-postmortem figure, computed once per build. */
export const getInsights = perBuild(compute);
