/**
 * Figures across the knowledge base, computed once per build and shared by the insights,
 * category and service pages and the records the insights page fetches to re-slice.
 */
import { factsOf, encodeRecords, type EncodedRecords, type IncidentFacts } from '../lib/insights/records.ts';
import { computeFigures, NO_FILTER, topServices, type Figures } from '../lib/insights/figures.ts';
import { periodsOf, type Period } from '../lib/insights/periods.ts';
import { comparePeriods, type ComparisonFigure } from '../lib/insights/comparison.ts';
import { findRecurrences, type Recurrence } from '../lib/insights/recurrence.ts';
import type { RootCauseCategory } from '../lib/core/taxonomy.ts';
import type { KnowledgeBase } from './postmortems.ts';
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
  /** Figures per category and per service page (first page of each listing). */
  byCategory: Map<RootCauseCategory, Figures>;
  byService: Map<string, Figures>;
}

function compute(kb: KnowledgeBase): Insights {
  const nowMs = buildClockMs();
  const facts = kb.incidents.map((incident) => factsOf(incident.summary.id, incident.entry.data, incident.times));
  const services = topServices(facts);
  const periods = periodsOf(facts.flatMap((fact) => (fact.year === undefined ? [] : [fact.year]))).periods.filter(
    (period) => !period.gap,
  );
  const group = (keysOf: (fact: IncidentFacts) => readonly string[]) => {
    const groups = new Map<string, IncidentFacts[]>();
    for (const fact of facts) {
      for (const key of new Set(keysOf(fact))) {
        const list = groups.get(key) ?? [];
        list.push(fact);
        groups.set(key, list);
      }
    }
    return new Map([...groups].map(([key, members]) => [key, computeFigures(members, NO_FILTER, { nowMs })]));
  };
  const [a, b] = periods.slice(-2);
  return {
    nowMs,
    facts,
    services,
    periods,
    overall: computeFigures(facts, NO_FILTER, { nowMs, services }),
    comparison: b ? comparePeriods(facts, a, b) : undefined,
    recurrences: findRecurrences(facts),
    encoded: encodeRecords(facts),
    byCategory: group((fact) => fact.categories) as Map<RootCauseCategory, Figures>,
    byService: group((fact) => fact.services),
  };
}

/** Every cross-postmortem figure, computed once per build. */
export const getInsights = perBuild(compute);
