/**
 * Figures across the knowledge base, computed once per build from getKnowledgeBase() and
 * shared by the insights, category and service pages.
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
import type { RootCauseCategory } from '../lib/core/taxonomy.ts';
import type { KnowledgeBase } from './postmortems.ts';
import { perBuild } from './per-build.ts';
import { buildClockMs } from '../lib/incidents/build-clock.ts';

export interface Insights {
  /** The start of the build's UTC day: what ages and "overdue" are judged against (see build-clock.ts). */
  nowMs: number;
  facts: IncidentFacts[];
  /** Re-sliceable by year range and category; embedded in the insights page. */
  cube: InsightsCube;
  /** The whole knowledge base, unfiltered. */
  overall: Figures;
  /** Figures per category and per service page (first page of each listing). */
  byCategory: Map<RootCauseCategory, Figures>;
  byService: Map<string, Figures>;
}

function compute(kb: KnowledgeBase): Insights {
  const nowMs = buildClockMs();
  const facts = kb.incidents.map((incident) =>
    factsOf(incident.summary.id, { ...incident.entry.data, services: incident.summary.services }, incident.times),
  );
  const cube = buildCube(facts, { nowMs, ranges: 'all' });
  const group = (keysOf: (fact: IncidentFacts) => readonly string[]) => {
    const groups = new Map<string, IncidentFacts[]>();
    for (const fact of facts) {
      for (const key of new Set(keysOf(fact))) {
        const list = groups.get(key) ?? [];
        list.push(fact);
        groups.set(key, list);
      }
    }
    return new Map([...groups].map(([key, members]) => [key, computeFigures(members, { nowMs })]));
  };
  return {
    nowMs,
    facts,
    cube,
    overall: figuresFromCube(cube, fullFilter(cube)),
    byCategory: group((fact) => fact.categories) as Map<RootCauseCategory, Figures>,
    byService: group((fact) => fact.services),
  };
}

/** Every cross-postmortem figure, computed once per build. */
export const getInsights = perBuild(compute);
