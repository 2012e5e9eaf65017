/**
 * The figures of issue 23 across the knowledge base: which contributing factors occur, which
 * occur together more often than chance, which services they gather on, the cost of
 * coordination, and what the data say about severity and duration. Near misses are counted
 * apart in every one: they show which factors were present, not what an outage cost.
 * Pure: the build computes them once from the validated postmortems (src/data/factor-insights.ts)
 * and a test recomputes them from the files.
 */
import { labelOf, severities, severityOrder, type Severity } from '../core/taxonomy.ts';
import { formatDuration } from '../core/time.ts';
import type { Postmortem } from '../core/schema.ts';
import { factorSlugsOf } from '../incidents/contributing-factors.ts';
import {
  coordinationMeasures,
  coordinationOf,
  knownValue,
  type CoordinationMeasure,
} from '../incidents/coordination.ts';
import { expectedOverlap, overlapAtLeast } from '../statistics/hypergeometric.ts';
import { quantileSorted, sortedCopy } from '../statistics/quantiles.ts';
import { spearman, type RankCorrelation } from '../statistics/rank-correlation.ts';
import { seedFrom } from '../statistics/random.ts';
import { NO_VALUE } from './no-value.ts';
import type { TableModel, TableRow } from './table-html.ts';

/** What these figures read of one postmortem. */
export interface FactorFacts {
  id: string;
  kind: 'incident' | 'near-miss';
  /** Distinct classified factor slugs; sentences not yet classified are not counted here. */
  factors: string[];
  services: string[];
  severity?: Severity;
  /** started → resolved, when both are known exactly. */
  durationMs?: number;
  coordination: Record<CoordinationMeasure, number | undefined>;
}

/** The facts of one postmortem; `services` as the catalog names them, `durationMs` from its times. */
export function factorFactsOf(
  id: string,
  data: Pick<Postmortem, 'kind' | 'rootCause' | 'severity' | 'coordination' | 'response' | 'timeline' | 'teams'>,
  services: readonly string[],
  durationMs: number | undefined,
): FactorFacts {
  const coordination = coordinationOf(data);
  return {
    id,
    kind: data.kind,
    factors: factorSlugsOf(data),
    services: [...services],
    severity: data.severity,
    durationMs,
    coordination: Object.fromEntries(
      coordinationMeasures.map(({ key }) => [key, knownValue(coordination[key])]),
    ) as FactorFacts['coordination'],
  };
}

/** Pairs shown in the co-occurrence figure; the table says how many more there are. */
export const PAIRS_SHOWN = 15;
/** Services charted in "factors by service"; the rest are left out and counted in the caption. */
export const SERVICES_SHOWN = 12;
/** Factors charted by name in "factors by service"; the rest are one "other factors" series. */
export const FACTORS_CHARTED = 8;
/** Below this many incidents with both a severity and a duration no relation is read. */
export const MIN_PAIRED = 8;
/** A pair is said to occur together more often than chance below this one-sided p-value. */
export const ALPHA = 0.05;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const cell = (value: number | null, text = value === null ? '–' : String(value)) => ({ value, text });
const textCell = (text: string) => ({ value: null, text });
const byCountThenName = <T extends { count: number; label: string }>(x: T, y: T) =>
  y.count - x.count || x.label.localeCompare(y.label, 'en');

export interface FactorFigures {
  /** Incidents (not near misses), and those of them naming at least one classified factor. */
  incidents: number;
  incidentsWithFactors: number;
  nearMisses: number;
  nearMissesWithFactors: number;
  frequency: TableModel;
  pairs: { tested: number; shown: number; belowAlpha: number; table: TableModel };
  byService: TableModel;
  coordination: TableModel;
  /** Coordination measures (their labels) known for no incident: the chart has an empty row for each. */
  coordinationUnrecorded: string[];
  severityDuration: { relation: RankCorrelation | undefined; statement: string; table: TableModel };
}

/** Every figure of this module, from the facts of each postmortem. */
export function computeFactorFigures(
  facts: readonly FactorFacts[],
  options: {
    nameOf: (slug: string) => string;
    factorHref?: (slug: string) => string;
    serviceName?: (slug: string) => string;
  },
): FactorFigures {
  const incidents = facts.filter((fact) => fact.kind === 'incident');
  const nearMisses = facts.filter((fact) => fact.kind === 'near-miss');
  const withFactors = incidents.filter((fact) => fact.factors.length > 0);
  const nearWithFactors = nearMisses.filter((fact) => fact.factors.length > 0);
  return {
    incidents: incidents.length,
    incidentsWithFactors: withFactors.length,
    nearMisses: nearMisses.length,
    nearMissesWithFactors: nearWithFactors.length,
    frequency: frequencyTable(incidents, nearMisses, options),
    pairs: pairTable(withFactors, nearWithFactors, options),
    byService: serviceTable(incidents, nearMisses, options),
    coordination: coordinationTable(incidents, nearMisses),
    coordinationUnrecorded: coordinationMeasures
      .filter(({ key }) => incidents.every((fact) => fact.coordination[key] === undefined))
      .map(({ label }) => label),
    severityDuration: severityDuration(incidents),
  };
}

function countFactors(facts: readonly FactorFacts[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const fact of facts) for (const factor of fact.factors) counts.set(factor, (counts.get(factor) ?? 0) + 1);
  return counts;
}

function frequencyTable(
  incidents: readonly FactorFacts[],
  nearMisses: readonly FactorFacts[],
  { nameOf, factorHref }: { nameOf: (slug: string) => string; factorHref?: (slug: string) => string },
): TableModel {
  const inIncidents = countFactors(incidents);
  const inNearMisses = countFactors(nearMisses);
  const rows = [...new Set([...inIncidents.keys(), ...inNearMisses.keys()])]
    .map((factor) => ({ factor, label: nameOf(factor), count: inIncidents.get(factor) ?? 0 }))
    .sort((x, y) => byCountThenName(x, y) || (inNearMisses.get(y.factor) ?? 0) - (inNearMisses.get(x.factor) ?? 0));
  const withFactors = incidents.filter((fact) => fact.factors.length > 0).length;
  const share = (count: number) => (withFactors === 0 ? '–' : `${Math.round((count / withFactors) * 100)}%`);
  const tableRows: TableRow[] = rows.map(({ factor, label, count }) => ({
    key: factor,
    label,
    href: factorHref?.(factor),
    cells: [cell(count), cell(inNearMisses.get(factor) ?? 0), textCell(share(count))],
  }));
  const noneIncidents = incidents.length - withFactors;
  const noneNear = nearMisses.filter((fact) => fact.factors.length === 0).length;
  if (noneIncidents + noneNear > 0)
    tableRows.push({
      key: NO_VALUE,
      label: 'No factor classified',
      cells: [cell(noneIncidents), cell(noneNear), textCell('–')],
    });
  return {
    caption: `Postmortems naming each contributing factor: ${plural(incidents.length, 'incident')} and ${plural(nearMisses.length, 'near miss', 'near misses')}, counted apart`,
    rowHeader: 'Contributing factor',
    columns: [
      { key: 'incidents', label: 'Incidents', series: true },
      { key: 'near-misses', label: 'Near misses', series: true },
      { key: 'share', label: 'Share of incidents with a factor', series: false },
    ],
    rows: tableRows,
    empty: 'No postmortem names a contributing factor from the vocabulary yet.',
  };
}

interface Pair {
  a: string;
  b: string;
  label: string;
  together: number;
  expected: number;
  pValue: number;
  nearMisses: number;
}

function pairTable(
  withFactors: readonly FactorFacts[],
  nearWithFactors: readonly FactorFacts[],
  { nameOf }: { nameOf: (slug: string) => string },
): FactorFigures['pairs'] {
  const n = withFactors.length;
  const counts = countFactors(withFactors);
  const together = new Map<string, number>();
  const nearTogether = new Map<string, number>();
  const key = (a: string, b: string) => (a < b ? `${a}+${b}` : `${b}+${a}`);
  const tally = (facts: readonly FactorFacts[], into: Map<string, number>) => {
    for (const fact of facts)
      for (let i = 0; i < fact.factors.length; i++)
        for (let j = i + 1; j < fact.factors.length; j++) {
          const pair = key(fact.factors[i], fact.factors[j]);
          into.set(pair, (into.get(pair) ?? 0) + 1);
        }
  };
  tally(withFactors, together);
  tally(nearWithFactors, nearTogether);
  const pairs: Pair[] = [...together].map(([pair, count]) => {
    const [a, b] = pair.split('+');
    const na = counts.get(a)!;
    const nb = counts.get(b)!;
    return {
      a,
      b,
      label: `${nameOf(a)} + ${nameOf(b)}`,
      together: count,
      expected: expectedOverlap(n, na, nb),
      pValue: overlapAtLeast(n, na, nb, count),
      nearMisses: nearTogether.get(pair) ?? 0,
    };
  });
  pairs.sort((x, y) => y.together - x.together || x.pValue - y.pValue || x.label.localeCompare(y.label, 'en'));
  const shown = pairs.slice(0, PAIRS_SHOWN);
  const rows: TableRow[] = shown.map((pair) => ({
    key: `${pair.a}+${pair.b}`,
    label: pair.label,
    cells: [
      cell(pair.together),
      { value: round(pair.expected, 2), text: pair.expected.toFixed(1) },
      textCell(pair.expected === 0 ? '–' : `${(pair.together / pair.expected).toFixed(1)}×`),
      { value: round(pair.pValue, 4), text: formatP(pair.pValue) },
      cell(pair.nearMisses),
    ],
  }));
  return {
    tested: pairs.length,
    shown: shown.length,
    belowAlpha: pairs.filter((pair) => pair.pValue < ALPHA).length,
    table: {
      caption: `Contributing factors named together in the same incident, N = ${n} incident${n === 1 ? '' : 's'} with a classified factor${pairs.length > shown.length ? `; the ${shown.length} most frequent of ${pairs.length} pairs` : ''}`,
      rowHeader: 'Factors together',
      columns: [
        { key: 'together', label: 'Incidents with both', series: true },
        { key: 'expected', label: 'Expected by chance', series: true },
        { key: 'ratio', label: 'Observed ÷ expected', series: false },
        { key: 'p', label: 'Chance of this many or more (p)', series: false },
        { key: 'near-misses', label: 'Near misses with both', series: false },
      ],
      rows,
      empty:
        n === 0
          ? 'No incident names a classified contributing factor yet.'
          : 'No incident names two classified contributing factors yet, so none can be seen together.',
    },
  };
}

function serviceTable(
  incidents: readonly FactorFacts[],
  nearMisses: readonly FactorFacts[],
  { nameOf, serviceName }: { nameOf: (slug: string) => string; serviceName?: (slug: string) => string },
): TableModel {
  const withFactors = incidents.filter((fact) => fact.factors.length > 0);
  const perService = new Map<string, FactorFacts[]>();
  for (const fact of withFactors)
    for (const service of fact.services) perService.set(service, [...(perService.get(service) ?? []), fact]);
  const services = [...perService]
    .map(([service, facts]) => ({ service, label: serviceName?.(service) ?? service, count: facts.length }))
    .sort(byCountThenName);
  const shown = services.slice(0, SERVICES_SHOWN);
  const overall = [...countFactors(withFactors)]
    .map(([factor, count]) => ({ factor, label: nameOf(factor), count }))
    .sort(byCountThenName);
  const charted = overall.slice(0, FACTORS_CHARTED).map(({ factor }) => factor);
  const other = overall.length > charted.length;
  const nearOf = (service: string) =>
    nearMisses.filter((fact) => fact.factors.length > 0 && fact.services.includes(service)).length;
  return {
    caption: `Contributing factors by service: incidents of each service naming each factor${cutNote(services, shown.length)}`,
    rowHeader: 'Service',
    columns: [
      ...charted.map((factor) => ({ key: factor, label: nameOf(factor), series: true })),
      ...(other ? [{ key: 'other', label: 'Other factors', series: true }] : []),
      { key: 'incidents', label: 'Incidents with a factor', series: false },
      { key: 'near-misses', label: 'Near misses with a factor', series: false },
    ],
    rows: shown.map(({ service, label, count }) => {
      const facts = perService.get(service)!;
      const named = (factor: string) => facts.filter((fact) => fact.factors.includes(factor)).length;
      const others = facts.filter((fact) => fact.factors.some((factor) => !charted.includes(factor))).length;
      return {
        key: service,
        label,
        cells: [
          ...charted.map((factor) => cell(named(factor))),
          ...(other ? [cell(others)] : []),
          cell(count),
          cell(nearOf(service)),
        ],
      };
    }),
    empty: 'No incident that names a service also names a classified contributing factor yet.',
  };
}

/**
 * What the caption says when only the first `shown` services are listed; when the cut falls
 * between services with the same count, it says that the order among those is by name, so a
 * reader does not take the ones listed for the ones with most.
 */
function cutNote(services: readonly { count: number }[], shown: number): string {
  if (services.length <= shown) return '';
  const last = services[shown - 1].count;
  const tied = services[shown].count === last;
  return tied
    ? `; ${shown} of ${services.length} services, most such incidents first; ${plural(services.filter((service) => service.count === last).length, 'service')} with ${last} are listed by name until ${shown} are shown`
    : `; the ${shown} services with most such incidents of ${services.length}`;
}

/** Bins of a coordination count: how many incidents needed none, one, a few, many. */
export const COORDINATION_BINS: readonly { key: string; label: string; from: number; to: number }[] = [
  { key: '0', label: '0', from: 0, to: 0 },
  { key: '1', label: '1', from: 1, to: 1 },
  { key: '2', label: '2', from: 2, to: 2 },
  { key: '3-4', label: '3–4', from: 3, to: 4 },
  { key: '5-9', label: '5–9', from: 5, to: 9 },
  { key: '10+', label: '10 or more', from: 10, to: Number.POSITIVE_INFINITY },
];

function coordinationTable(incidents: readonly FactorFacts[], nearMisses: readonly FactorFacts[]): TableModel {
  return {
    caption: `The cost of coordination: incidents by number of responders, teams, hand-offs and escalations (each counts the incidents where it is known; near misses apart)`,
    rowHeader: 'Measure',
    columns: [
      ...COORDINATION_BINS.map((bin) => ({ key: `bin-${bin.key}`, label: bin.label, series: true })),
      { key: 'known', label: 'Known (N)', series: false },
      { key: 'median', label: 'Median', series: false },
      { key: 'unknown', label: 'Unknown', series: false },
      { key: 'near-misses', label: 'Near misses known', series: false },
    ],
    rows: coordinationMeasures.map(({ key, label }) => {
      const known = incidents.flatMap((fact) =>
        fact.coordination[key] === undefined ? [] : [fact.coordination[key]!],
      );
      const median = quantileSorted(sortedCopy(known), 0.5);
      return {
        key,
        label,
        cells: [
          ...COORDINATION_BINS.map((bin) => cell(known.filter((value) => value >= bin.from && value <= bin.to).length)),
          cell(known.length),
          median === undefined ? cell(null) : { value: median, text: String(round(median, 1)) },
          cell(incidents.length - known.length),
          cell(nearMisses.filter((fact) => fact.coordination[key] !== undefined).length),
        ],
      };
    }),
    empty: 'No incident yet.',
  };
}

/** Severity as a score that grows with severity (SEV1 highest), so ρ > 0 reads "more severe, longer". */
const severityScore = (severity: Severity) => severityOrder.length - severityOrder.indexOf(severity);

function severityDuration(incidents: readonly FactorFacts[]): FactorFigures['severityDuration'] {
  const paired = incidents.filter((fact) => fact.severity !== undefined && fact.durationMs !== undefined);
  const rows: TableRow[] = severityOrder.map((severity) => {
    const durations = sortedCopy(paired.filter((fact) => fact.severity === severity).map((fact) => fact.durationMs!));
    const median = quantileSorted(durations, 0.5);
    const p90 = quantileSorted(durations, 0.9);
    const shortest = durations[0];
    const longest = durations.at(-1);
    return {
      key: severity,
      label: labelOf(severities, severity),
      cells: [
        cell(durations.length),
        median === undefined ? cell(null) : { value: median, text: formatDuration(median) },
        p90 === undefined ? cell(null) : { value: p90, text: formatDuration(p90) },
        shortest === undefined || longest === undefined
          ? textCell('–')
          : textCell(`${formatDuration(shortest)} – ${formatDuration(longest)}`),
      ],
    };
  });
  const unpaired = incidents.length - paired.length;
  let relation: RankCorrelation | undefined;
  let statement: string;
  if (paired.length === 0) {
    statement = `${incidents.length === 0 ? 'No incident' : `None of the ${plural(incidents.length, 'incident')}`} states both a severity and an exact duration yet (at least ${MIN_PAIRED} are needed to say how the two relate); they are shown as separate dimensions.`;
  } else if (paired.length < MIN_PAIRED) {
    statement = `Only ${plural(paired.length, 'incident')} state${paired.length === 1 ? 's' : ''} both a severity and a known duration (at least ${MIN_PAIRED} are needed), too few to say how severity and duration relate; they are shown as separate dimensions.`;
  } else {
    relation = spearman(
      paired.map((fact) => severityScore(fact.severity!)),
      paired.map((fact) => fact.durationMs!),
      { seed: seedFrom(paired.map((fact) => fact.id).join('\n')) },
    );
    statement = relationStatement(relation);
  }
  return {
    relation,
    statement,
    table: {
      caption: `Duration by severity, N = ${paired.length} incident${paired.length === 1 ? '' : 's'} with both known${unpaired ? ` (${unpaired} without a severity or an exact duration left out)` : ''}`,
      rowHeader: 'Severity',
      columns: [
        { key: 'n', label: 'N', series: false },
        { key: 'median', label: 'Median duration', series: false },
        { key: 'p90', label: '90th percentile', series: false },
        { key: 'range', label: 'Shortest – longest', series: false },
      ],
      // With nothing paired every row would be 0 and dashes: no rows, and the page shows the statement alone.
      rows: paired.length === 0 ? [] : rows,
      empty: 'No incident states both a severity and an exact duration.',
    },
  };
}

/** What a rank correlation between severity and duration says, in words a reviewer can act on. */
export function relationStatement(relation: RankCorrelation): string {
  const { rho, pValue, n } = relation;
  const measured = `Spearman's ρ = ${rho.toFixed(2)} between severity and duration over N = ${n} incidents (permutation p = ${formatP(pValue)}; ρ > 0 would mean more severe incidents last longer).`;
  if (Number.isNaN(rho))
    return `Every incident here has the same severity or the same duration, so no relation can be read (N = ${n}).`;
  if (pValue >= ALPHA)
    return `${measured} The data show no clear relation: severity does not predict how long an incident lasts here, so durations are not summarised per severity as if it did.`;
  const strength = Math.abs(rho) < 0.3 ? 'weak' : Math.abs(rho) < 0.5 ? 'moderate' : 'strong';
  const direction =
    rho > 0 ? 'more severe incidents tended to last longer' : 'more severe incidents tended to be shorter';
  return `${measured} Here ${direction}; the relation is ${strength}, and it says nothing about cause (severity is often judged from how long an incident lasted).`;
}

export function formatP(p: number): string {
  return p < 0.001 ? '< 0.001' : p.toFixed(p < 0.01 ? 3 : 2);
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
