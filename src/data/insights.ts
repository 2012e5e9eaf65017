/**
 * Figures across the knowledge base, computed once per build and shared by the insights and
 * facet pages and the records the insights page fetches to re-slice.
 */
import { factsOf, encodeRecords, type EncodedRecords, type IncidentFacts } from '../lib/insights/records.ts';
import { computeFigures, NO_FILTER, topServices, type Figures } from '../lib/insights/figures.ts';
import { periodsOf, type Period } from '../lib/insights/periods.ts';
import { comparePeriods, type ComparisonFigure } from '../lib/insights/comparison.ts';
import { findRecurrences, type Recurrence } from '../lib/insights/recurrence.ts';
import { facetList, type FacetKey } from '../lib/site/facets.ts';
import type { Incident, KnowledgeBase } from './postmortems.ts';
import { perBuild } from './per-build.ts';
import { buildClockMs } from '../lib/incidents/build-clock.ts';

export interface Insights {
  /** The start of the build's UTC day: what ages and "overdue" are judged against (see build-clock.ts). */
  nowMs: number;
  facts: IncidentFacts[];
  /** Services charted by name on every slice. */
  services: string[];
  /** Periods with incidents: the choices of the year menus. */
  periods: Period[];
  /** The whole knowledge base, unfiltered. */
  overall: Figures;
  /** The two latest periods with incidents, compared; undefined with fewer than two. */
  comparison: ComparisonFigure | undefined;
  recurrences: Recurrence[];
  /** What the page fetches to re-slice: every record, compactly. */
  encoded: EncodedRecords;
  /** Per facet with `figures` (category, service), figures per value for the first page of its listing. */
  byFacet: Partial<Record<FacetKey, Map<string, Figures>>>;
}

function compute(kb: KnowledgeBase): Insights {
  const nowMs = buildClockMs();
  // Near misses are counted apart (see countedIncidents): their "duration" is not an outage's.
  const counted = countedIncidents(kb.incidents);
  // Services as the catalog names them (aliases merged), as every page lists them.
  const facts = counted.map((incident) =>
    factsOf(incident.summary.id, { ...incident.entry.data, services: incident.summary.services }, incident.times),
  );
  const factOf = new Map(counted.map((incident, index) => [incident, facts[index]]));
  const services = topServices(facts);
  // Figures name services as the catalog does, like every other page.
  const serviceName = (slug: string) => kb.services.resolve(slug).name;
  const periods = periodsOf(facts.flatMap((fact) => (fact.year === undefined ? [] : [fact.year]))).periods.filter(
    (period) => !period.gap,
  );
  // Grouped as the facet pages list them, so a page's figures count exactly the postmortems it lists.
  const byFacet = Object.fromEntries(
    facetList
      .filter((facet) => facet.figures)
      .map((facet) => [
        facet.key,
        new Map(
          kb.byFacet[facet.key].map((group) => [
            group.value,
            computeFigures(
              group.items.flatMap((incident) => factOf.get(incident) ?? []),
              NO_FILTER,
              { nowMs, serviceName },
            ),
          ]),
        ),
      ]),
  );
  const [a, b] = periods.slice(-2);
  return {
    nowMs,
    facts,
    services,
    periods,
    overall: computeFigures(facts, NO_FILTER, { nowMs, services, serviceName }),
    comparison: b ? comparePeriods(facts, a, b) : undefined,
    recurrences: findRecurrences(facts),
    encoded: encodeRecords(facts, serviceName),
    byFacet,
  };
}

/**
 * The postmortems the figures count: incidents only. A near miss never reached users, so its
 * start-to-end span is not an outage's duration and would pull every distribution down; near
 * misses are listed, searched and counted on their own (the kind facet, the home page).
 */
export function countedIncidents(incidents: readonly Incident[]): Incident[] {
  return incidents.filter((incident) => incident.entry.data.kind !== 'near-miss');
}

/** Every cross-postmortem figure, computed once per build. */
export const getInsights = perBuild(compute);

/** Per incident, the first recurrence listed for it: what its page's note shows. */
export const getRecurrenceOf = perBuild(async () => {
  const first = new Map<string, Recurrence>();
  for (const recurrence of (await getInsights()).recurrences)
    if (!first.has(recurrence.id)) first.set(recurrence.id, recurrence);
  return first;
});
