/**
 * Figures across many postmortems: counts per root cause, severity, service and month, the
 * duration distribution, detection against resolution, and action items.
 *
 * Everything is additive per (year, category) cell so that a page can re-slice it by year
 * range and root cause in the browser without shipping one record per incident. The only
 * per-incident data is the detect/resolve scatter, capped at SCATTER_CAP points.
 * Durations are skewed (most incidents are short, a few last days), so the figures report
 * medians and percentiles, never a mean.
 */
import type { Postmortem } from '../core/schema.ts';
import { DAY, HOUR, MINUTE } from '../core/time.ts';
import type { IncidentTimes } from '../incidents/timing.ts';
import { isOutstanding, isOverdue } from '../incidents/timing.ts';

/** UTC year of a fact's start (its day's year when only the day is known). */
const yearOf = (fact: Pick<IncidentFacts, 'startedMs'>) => new Date(fact.startedMs).getUTCFullYear();
import { quantile } from '../statistics/quantiles.ts';
import {
  actionItemTerms,
  keysOf,
  labelOf,
  rootCauseCategories,
  severities,
  severityOrder,
  type ActionItemStatus,
  type ActionItemTerm,
  type RootCauseCategory,
  type Severity,
} from '../core/taxonomy.ts';

export interface Bin {
  key: string;
  label: string;
  /** Exclusive upper bound in milliseconds; a value equal to it falls in the next bin. */
  belowMs: number;
}

/** Duration bins, each a few times wider than the last: a logarithmic scale in steps. */
export const DURATION_BINS: readonly Bin[] = [
  { key: 'under-15m', label: '< 15 min', belowMs: 15 * MINUTE },
  { key: '15m-1h', label: '15–60 min', belowMs: HOUR },
  { key: '1h-4h', label: '1–4 h', belowMs: 4 * HOUR },
  { key: '4h-12h', label: '4–12 h', belowMs: 12 * HOUR },
  { key: '12h-24h', label: '12–24 h', belowMs: DAY },
  { key: '1d-3d', label: '1–3 d', belowMs: 3 * DAY },
  { key: 'over-3d', label: '> 3 d', belowMs: Infinity },
];

/** Age of an action item, counted from the end of its incident (items have no creation date). */
export const ACTION_AGE_BINS: readonly Bin[] = [
  { key: 'under-30d', label: '< 30 days', belowMs: 30 * DAY },
  { key: '30d-90d', label: '30–90 days', belowMs: 90 * DAY },
  { key: '90d-180d', label: '3–6 months', belowMs: 180 * DAY },
  { key: '180d-1y', label: '6–12 months', belowMs: 365 * DAY },
  { key: '1y-2y', label: '1–2 years', belowMs: 730 * DAY },
  { key: 'over-2y', label: '> 2 years', belowMs: Infinity },
];

/** Services charted by name; the rest are grouped so the chart stays legible at any size. */
export const TOP_SERVICES = 15;

/** Most incidents drawn on the detect/resolve scatter; above it a stable sample is drawn. */
export const SCATTER_CAP = 300;

/** Index of the bin a value falls in. */
export function binIndex(bins: readonly Bin[], ms: number): number {
  const index = bins.findIndex((bin) => ms < bin.belowMs);
  return index === -1 ? bins.length - 1 : index;
}

/** What the figures need of one postmortem; small, so a build can hold 10,000 of them. */
export interface IncidentFacts {
  id: string;
  title: string;
  /** Undefined only for drafts (seen in `astro dev`), which may not know it yet; likewise below. */
  severity?: Severity;
  categories: RootCauseCategory[];
  services: string[];
  /** Start instant, or 00:00 UTC of its day when only the day is known (see IncidentTimes.sortMs). */
  startedMs: number;
  /** started → resolved; undefined unless both are exact. */
  durationMs?: number;
  /** started → detected. */
  timeToDetectMs?: number;
  /** detected → resolved. */
  timeToResolveMs?: number;
  /** Moment action items count their age from: the incident's end, or its start while open. */
  actionsFromMs: number;
  actionItems: { term?: ActionItemTerm; status: ActionItemStatus; due?: string }[];
}

/**
 * What the figures need of one postmortem; undefined when its start is unknown, since every
 * figure is sliced by year (callers count and say how many they left out).
 */
export function factsOf(id: string, data: Postmortem, times: IncidentTimes): IncidentFacts | undefined {
  if (times.sortMs === undefined) return undefined;
  return {
    id,
    title: data.title,
    severity: data.severity,
    categories: data.rootCause.categories,
    services: data.services,
    startedMs: times.sortMs,
    durationMs: times.durationMs,
    timeToDetectMs: times.timeToDetectMs,
    timeToResolveMs: times.timeToResolveMs,
    actionsFromMs: times.resolvedMs ?? times.sortMs,
    actionItems: data.actionItems.map(({ term, status, due }) => ({ term, status, due })),
  };
}

/** Counts of action items in one group: [outstanding (open or in progress), done, won't do]. */
export type ActionCounts = [open: number, done: number, wontDo: number];

/** Additive figures of the postmortems that started in one year and carry one category (or any). */
export interface CubeCell {
  n: number;
  /** Postmortems with a recorded end: those with a duration. */
  ended: number;
  /** Postmortems with both a time to detect and a time to resolve: those the scatter can plot. */
  timed: number;
  /** Per `cube.categories` entry: postmortems naming that category. */
  categories: number[];
  /** Per DURATION_BINS entry. */
  durationBins: number[];
  /** Per severityOrder entry. */
  severities: number[];
  /** Per `cube.services` entry, then one more: postmortems naming any other service. */
  services: number[];
  /** [month 0–11][per `cube.categories` entry, then the number of postmortems]. */
  months: number[][];
  /** Per actionItemTerms key (items without a term, only in drafts, are left out). */
  actionsByTerm: ActionCounts[];
  /** Per ACTION_AGE_BINS entry. */
  actionsByAge: ActionCounts[];
  /** Outstanding action items past their due day at `cube.nowMs`. */
  overdue: number;
}

/** Order statistics, in whole seconds (rounded) to keep the page light; null for no data. */
export type StatsRow = [
  medianDuration: number | null,
  p75Duration: number | null,
  p90Duration: number | null,
  medianDetect: number | null,
  medianResolve: number | null,
];

export interface ScatterPoint {
  id: string;
  title: string;
  timeToDetectMs: number;
  timeToResolveMs: number;
  year: number;
  /** Bit i set when the postmortem names `cube.categories[i]`. */
  categoryMask: number;
}

/** `all` for every postmortem, or one root-cause category. */
export type CategoryKey = 'all' | RootCauseCategory;

export interface InsightsCube {
  version: 1;
  /** Moment ages and "overdue" are judged against: the build time. */
  nowMs: number;
  /** Every year from the first to the last incident, in order. */
  years: number[];
  categories: RootCauseCategory[];
  services: string[];
  /** cells[key][year index]; null where no postmortem falls. */
  cells: Record<string, (CubeCell | null)[]>;
  /**
   * stats[key][from index][to index − from index]: exact order statistics for every year range.
   * Quantiles do not add up across cells, so every range is computed at build time; with
   * `ranges: 'full'` only the whole span is.
   */
  stats: Record<string, StatsRow[][]>;
  /** Incidents with both times, newest first; a stable sample when more than the cap. */
  points: ScatterPoint[];
}

export interface CubeOptions {
  nowMs: number;
  /** Services to chart by name; defaults to the TOP_SERVICES most named. */
  services?: string[];
  /** 'all' computes order statistics for every year range (for a filterable page). */
  ranges?: 'all' | 'full';
  scatterCap?: number;
}

const CATEGORY_KEYS = keysOf(rootCauseCategories);
const TERM_KEYS = keysOf(actionItemTerms);

function emptyCell(categoryCount: number, serviceCount: number): CubeCell {
  return {
    n: 0,
    ended: 0,
    timed: 0,
    categories: new Array(categoryCount).fill(0),
    durationBins: new Array(DURATION_BINS.length).fill(0),
    severities: new Array(severityOrder.length).fill(0),
    services: new Array(serviceCount + 1).fill(0),
    months: Array.from({ length: 12 }, () => new Array(categoryCount + 1).fill(0)),
    actionsByTerm: TERM_KEYS.map(() => [0, 0, 0]),
    actionsByAge: ACTION_AGE_BINS.map(() => [0, 0, 0]),
    overdue: 0,
  };
}

/** Services named most often, ties by name. */
export function topServices(facts: readonly IncidentFacts[], limit = TOP_SERVICES): string[] {
  const counts = new Map<string, number>();
  for (const fact of facts) for (const service of fact.services) counts.set(service, (counts.get(service) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([service]) => service);
}

/** FNV-1a: a stable, well-spread hash, so the scatter sample is the same on every build. */
export function hashId(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

function addToCell(cell: CubeCell, fact: IncidentFacts, cube: Pick<InsightsCube, 'categories' | 'services' | 'nowMs'>) {
  cell.n++;
  const month = new Date(fact.startedMs).getUTCMonth();
  const monthRow = cell.months[month];
  monthRow[cube.categories.length]++;
  for (const category of fact.categories) {
    const index = cube.categories.indexOf(category);
    if (index === -1) continue;
    cell.categories[index]++;
    monthRow[index]++;
  }
  if (fact.durationMs !== undefined) {
    cell.ended++;
    cell.durationBins[binIndex(DURATION_BINS, fact.durationMs)]++;
  }
  if (fact.timeToDetectMs !== undefined && fact.timeToResolveMs !== undefined) cell.timed++;
  if (fact.severity) cell.severities[severityOrder.indexOf(fact.severity)]++;
  let other = false;
  for (const service of fact.services) {
    const index = cube.services.indexOf(service);
    if (index === -1) other = true;
    else cell.services[index]++;
  }
  if (other) cell.services[cube.services.length]++;
  const age = binIndex(ACTION_AGE_BINS, cube.nowMs - fact.actionsFromMs);
  for (const item of fact.actionItems) {
    const slot = isOutstanding(item.status) ? 0 : item.status === 'done' ? 1 : 2;
    if (item.term) cell.actionsByTerm[TERM_KEYS.indexOf(item.term)][slot]++;
    cell.actionsByAge[age][slot]++;
    if (isOverdue(item, cube.nowMs)) cell.overdue++;
  }
}

const toSeconds = (ms: number | undefined) => (ms === undefined ? null : Math.round(ms / 1000));

function statsOf(durations: number[], detects: number[], resolves: number[]): StatsRow {
  return [
    toSeconds(quantile(durations, 0.5)),
    toSeconds(quantile(durations, 0.75)),
    toSeconds(quantile(durations, 0.9)),
    toSeconds(quantile(detects, 0.5)),
    toSeconds(quantile(resolves, 0.5)),
  ];
}

/** Builds the additive cube from the postmortems' facts; done once per build. */
export function buildCube(facts: readonly IncidentFacts[], options: CubeOptions): InsightsCube {
  const categories = [...CATEGORY_KEYS];
  const services = options.services ?? topServices(facts);
  const yearsSeen = facts.map((fact) => yearOf(fact));
  const firstYear = yearsSeen.reduce((min, year) => Math.min(min, year), Infinity);
  const lastYear = yearsSeen.reduce((max, year) => Math.max(max, year), -Infinity);
  const years = facts.length === 0 ? [] : Array.from({ length: lastYear - firstYear + 1 }, (_, i) => firstYear + i);
  const cube: InsightsCube = {
    version: 1,
    nowMs: options.nowMs,
    years,
    categories,
    services,
    cells: {},
    stats: {},
    points: [],
  };
  const keys: CategoryKey[] = ['all', ...categories];
  const members = new Map<CategoryKey, IncidentFacts[][]>(keys.map((key) => [key, years.map(() => [])]));
  facts.forEach((fact, index) => {
    const yearIndex = yearsSeen[index] - (years[0] ?? 0);
    members.get('all')![yearIndex].push(fact);
    for (const category of new Set(fact.categories)) members.get(category)?.[yearIndex].push(fact);
  });
  for (const key of keys) {
    const perYear = members.get(key)!;
    cube.cells[key] = perYear.map((group) => {
      if (group.length === 0) return null;
      const cell = emptyCell(categories.length, services.length);
      for (const fact of group) addToCell(cell, fact, cube);
      return cell;
    });
    cube.stats[key] = rangeStats(perYear, options.ranges ?? 'all');
  }
  const eligible = facts.filter((fact) => fact.timeToResolveMs !== undefined && fact.timeToDetectMs !== undefined);
  const cap = options.scatterCap ?? SCATTER_CAP;
  const chosen =
    eligible.length <= cap
      ? eligible
      : [...eligible].sort((a, b) => hashId(a.id) - hashId(b.id) || a.id.localeCompare(b.id)).slice(0, cap);
  cube.points = [...chosen]
    .sort((a, b) => b.startedMs - a.startedMs || a.id.localeCompare(b.id))
    .map((fact) => ({
      id: fact.id,
      title: fact.title,
      timeToDetectMs: fact.timeToDetectMs!,
      timeToResolveMs: fact.timeToResolveMs!,
      year: yearOf(fact),
      categoryMask: fact.categories.reduce((mask, category) => mask | (1 << categories.indexOf(category)), 0),
    }));
  return cube;
}

function mergeSorted(a: number[], b: number[]): number[] {
  const out = new Array<number>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = a[i] <= b[j] ? a[i++] : b[j++];
  while (i < a.length) out[k++] = a[i++];
  while (j < b.length) out[k++] = b[j++];
  return out;
}

/** Order statistics for every year range [from, to], growing each range by merging one sorted year. */
function rangeStats(perYear: IncidentFacts[][], ranges: 'all' | 'full'): StatsRow[][] {
  const sortedPerYear = perYear.map((group) => {
    const sort = (values: number[]) => values.sort((a, b) => a - b);
    return {
      durations: sort(group.flatMap((f) => (f.durationMs === undefined ? [] : [f.durationMs]))),
      detects: sort(group.flatMap((f) => (f.timeToDetectMs === undefined ? [] : [f.timeToDetectMs]))),
      resolves: sort(group.flatMap((f) => (f.timeToResolveMs === undefined ? [] : [f.timeToResolveMs]))),
    };
  });
  const table: StatsRow[][] = [];
  const starts = ranges === 'all' ? perYear.map((_, i) => i) : perYear.length ? [0] : [];
  for (const from of starts) {
    const row: StatsRow[] = [];
    let durations: number[] = [];
    let detects: number[] = [];
    let resolves: number[] = [];
    for (let to = from; to < perYear.length; to++) {
      durations = mergeSorted(durations, sortedPerYear[to].durations);
      detects = mergeSorted(detects, sortedPerYear[to].detects);
      resolves = mergeSorted(resolves, sortedPerYear[to].resolves);
      if (ranges === 'all' || to === perYear.length - 1) row[to - from] = statsOf(durations, detects, resolves);
    }
    table[from] = row;
  }
  return table;
}

export interface Filter {
  /** First and last year, inclusive. */
  from: number;
  to: number;
  /** Only postmortems naming this root cause; null for all. */
  category: RootCauseCategory | null;
}

export interface CountRow {
  key: string;
  label: string;
  count: number;
}

export interface ActionRow {
  key: string;
  label: string;
  open: number;
  done: number;
}

/** Key of the services row that groups everything outside the charted services. */
export const OTHER_SERVICES = '(other)';

/** What every chart and table shows, for one slice of the postmortems. */
export interface Figures {
  filter: Filter;
  count: number;
  ended: number;
  stats: {
    medianDurationMs: number | null;
    p75DurationMs: number | null;
    p90DurationMs: number | null;
    medianDetectMs: number | null;
    medianResolveMs: number | null;
  };
  /** Categories named, most first; a postmortem with two categories counts in both. */
  categories: CountRow[];
  /** Every DURATION_BINS entry, in order. */
  durationBins: CountRow[];
  months: {
    /** `YYYY-MM` (UTC), from the first to the last month with a postmortem. */
    months: string[];
    /** Categories named in the slice, in taxonomy order. */
    categories: RootCauseCategory[];
    /** counts[month][category] */
    counts: number[][];
    /** Postmortems per month (a postmortem counts once however many categories it names). */
    totals: number[];
  };
  scatter: {
    points: ScatterPoint[];
    /** Postmortems in the slice with both times; more than `points.length` when sampled. */
    eligible: number;
  };
  /** Every severity, most severe first. */
  severities: CountRow[];
  /** Charted services most first, then OTHER_SERVICES; rows with no postmortem are left out. */
  services: CountRow[];
  actionsByTerm: ActionRow[];
  actionsByAge: ActionRow[];
  actions: { open: number; done: number; wontDo: number; overdue: number };
}

/** The whole span with every category: what a page shows before a reader filters. */
export function fullFilter(cube: Pick<InsightsCube, 'years'>): Filter {
  return { from: cube.years[0] ?? 0, to: cube.years.at(-1) ?? 0, category: null };
}

const sumInto = (target: number[], source: readonly number[]) => source.forEach((value, i) => (target[i] += value));
const fromSeconds = (value: number | null | undefined) => (value === null || value === undefined ? null : value * 1000);

/** Figures for one slice of the cube: sums its cells, looks up its order statistics. */
export function figuresFromCube(cube: InsightsCube, filter: Filter): Figures {
  const key: CategoryKey = filter.category ?? 'all';
  const first = cube.years[0] ?? 0;
  const fromIndex = Math.max(0, filter.from - first);
  const toIndex = Math.min(cube.years.length - 1, filter.to - first);
  const total = emptyCell(cube.categories.length, cube.services.length);
  const monthKeys: string[] = [];
  const monthRows: number[][] = [];
  for (let y = fromIndex; y <= toIndex; y++) {
    const cell = cube.cells[key]?.[y] ?? null;
    if (cell) {
      total.n += cell.n;
      total.ended += cell.ended;
      total.timed += cell.timed;
      total.overdue += cell.overdue;
      sumInto(total.categories, cell.categories);
      sumInto(total.durationBins, cell.durationBins);
      sumInto(total.severities, cell.severities);
      sumInto(total.services, cell.services);
      cell.actionsByTerm.forEach((counts, i) => sumInto(total.actionsByTerm[i], counts));
      cell.actionsByAge.forEach((counts, i) => sumInto(total.actionsByAge[i], counts));
    }
    for (let m = 0; m < 12; m++) {
      monthKeys.push(`${cube.years[y]}-${String(m + 1).padStart(2, '0')}`);
      monthRows.push(cell ? cell.months[m] : new Array(cube.categories.length + 1).fill(0));
    }
  }
  const totalColumn = cube.categories.length;
  const firstMonth = monthRows.findIndex((row) => row[totalColumn] > 0);
  const lastMonth = monthRows.findLastIndex((row) => row[totalColumn] > 0);
  const keptMonths = firstMonth === -1 ? [] : monthRows.slice(firstMonth, lastMonth + 1);
  const namedCategories = cube.categories.map((_, i) => i).filter((i) => total.categories[i] > 0);
  const stats = toIndex >= fromIndex ? cube.stats[key]?.[fromIndex]?.[toIndex - fromIndex] : undefined;
  const actionRow = (row: Omit<ActionRow, 'open' | 'done'>, counts: ActionCounts): ActionRow => ({
    ...row,
    open: counts[0],
    done: counts[1],
  });
  const pointYears = { from: cube.years[fromIndex], to: cube.years[toIndex] };
  const categoryBit = filter.category === null ? 0 : 1 << cube.categories.indexOf(filter.category);
  return {
    filter,
    count: total.n,
    ended: total.ended,
    stats: {
      medianDurationMs: fromSeconds(stats?.[0]),
      p75DurationMs: fromSeconds(stats?.[1]),
      p90DurationMs: fromSeconds(stats?.[2]),
      medianDetectMs: fromSeconds(stats?.[3]),
      medianResolveMs: fromSeconds(stats?.[4]),
    },
    categories: namedCategories
      .map((i) => ({
        key: cube.categories[i],
        label: labelOf(rootCauseCategories, cube.categories[i]),
        count: total.categories[i],
      }))
      .sort((a, b) => b.count - a.count),
    durationBins: DURATION_BINS.map((bin, i) => ({ key: bin.key, label: bin.label, count: total.durationBins[i] })),
    months: {
      months: firstMonth === -1 ? [] : monthKeys.slice(firstMonth, lastMonth + 1),
      categories: namedCategories.map((i) => cube.categories[i]),
      counts: keptMonths.map((row) => namedCategories.map((i) => row[i])),
      totals: keptMonths.map((row) => row[totalColumn]),
    },
    scatter: {
      points: cube.points.filter(
        (point) =>
          point.year >= pointYears.from &&
          point.year <= pointYears.to &&
          (categoryBit === 0 || (point.categoryMask & categoryBit) !== 0),
      ),
      eligible: total.timed,
    },
    severities: severityOrder.map((severity, i) => ({
      key: severity,
      label: labelOf(severities, severity),
      count: total.severities[i],
    })),
    services: [
      ...cube.services
        .map((service, i) => ({ key: service, label: service, count: total.services[i] }))
        .filter((row) => row.count > 0)
        .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key)),
      ...(total.services[cube.services.length] > 0
        ? [{ key: OTHER_SERVICES, label: 'Other services', count: total.services[cube.services.length] }]
        : []),
    ],
    actionsByTerm: TERM_KEYS.map((term, i) =>
      actionRow({ key: term, label: labelOf(actionItemTerms, term) }, total.actionsByTerm[i] as ActionCounts),
    ),
    actionsByAge: ACTION_AGE_BINS.map((bin, i) =>
      actionRow({ key: bin.key, label: bin.label }, total.actionsByAge[i] as ActionCounts),
    ),
    // Every item has an age, so the age bins hold them all.
    actions: {
      open: total.actionsByAge.reduce((sum, counts) => sum + counts[0], 0),
      done: total.actionsByAge.reduce((sum, counts) => sum + counts[1], 0),
      wontDo: total.actionsByAge.reduce((sum, counts) => sum + counts[2], 0),
      overdue: total.overdue,
    },
  };
}

/** Figures for a fixed set of postmortems (a category or service page): no re-slicing needed. */
export function computeFigures(facts: readonly IncidentFacts[], options: Omit<CubeOptions, 'ranges'>): Figures {
  const cube = buildCube(facts, { ...options, ranges: 'full' });
  return figuresFromCube(cube, fullFilter(cube));
}

/** Postmortems a filter keeps; for tests and for pages that slice facts directly. */
export function filterFacts(facts: readonly IncidentFacts[], filter: Filter): IncidentFacts[] {
  return facts.filter((fact) => {
    const year = yearOf(fact);
    return (
      year >= filter.from &&
      year <= filter.to &&
      (filter.category === null || fact.categories.includes(filter.category))
    );
  });
}
