/**
 * What the insights figures need of one postmortem, and a compact encoding of it for the page
 * to re-slice in the browser. Every time-derived measure may be undefined (an unknown or
 * imprecise time): figures exclude such incidents from that measure and count them.
 */
import type { Postmortem } from '../core/schema.ts';
import type { IncidentTimes } from '../incidents/timing.ts';
import {
  actionItemStatuses,
  actionItemTerms,
  actionItemTypes,
  keysOf,
  rootCauseCategories,
  severityOrder,
  type ActionItemStatus,
  type ActionItemTerm,
  type ActionItemType,
  type RootCauseCategory,
  type Severity,
} from '../core/taxonomy.ts';

export interface ActionItemRecord {
  term?: ActionItemTerm;
  type?: ActionItemType;
  status: ActionItemStatus;
  /** Due day, YYYY-MM-DD. */
  due?: string;
  /** Day it was done, YYYY-MM-DD, when the postmortem says. */
  closed?: string;
}

export interface IncidentRecord {
  /** Start year (UTC); undefined when the start is unknown or imprecise. */
  year?: number;
  severity?: Severity;
  categories: RootCauseCategory[];
  services: string[];
  /** started → resolved. */
  durationMs?: number;
  /** started → detected. */
  timeToDetectMs?: number;
  /** started → mitigated. */
  timeToMitigateMs?: number;
  /** Moment follow-up starts: the incident's end, else its start; undefined when neither is known. */
  followUpFromMs?: number;
  actionItems: ActionItemRecord[];
}

/** A record with what only the build needs (links, recurrence), never shipped to the browser. */
export interface IncidentFacts extends IncidentRecord {
  id: string;
  title: string;
  startedMs?: number;
}

type Times = Partial<Pick<IncidentTimes, 'startedMs' | 'sortMs' | 'resolvedMs' | 'durationMs' | 'timeToDetectMs'>> &
  Pick<IncidentTimes, 'timeToMitigateMs'>;

const yearOf = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).getUTCFullYear());

export function factsOf(id: string, data: Postmortem, times: Times): IncidentFacts {
  return {
    id,
    title: data.title,
    startedMs: times.startedMs,
    // A start known only to the day still has a year.
    year: yearOf(times.sortMs ?? times.startedMs),
    severity: data.severity,
    categories: data.rootCause.categories,
    services: data.services,
    durationMs: times.durationMs,
    timeToDetectMs: times.timeToDetectMs,
    timeToMitigateMs: times.timeToMitigateMs,
    followUpFromMs: times.resolvedMs ?? times.startedMs,
    actionItems: data.actionItems.map(({ term, type, status, due, closed }) => ({ term, type, status, due, closed })),
  };
}

const CATEGORIES = keysOf(rootCauseCategories);
const TERMS = keysOf(actionItemTerms);
const TYPES = keysOf(actionItemTypes);
const STATUSES = keysOf(actionItemStatuses);

/** One incident as a tuple: [year, severity index, category bits, service indexes, seconds…, items]. */
type EncodedRecord = [
  year: number | null,
  severity: number,
  categories: number,
  services: number[],
  duration: number | null,
  detect: number | null,
  mitigate: number | null,
  followUpFrom: number | null,
  items: [term: number, type: number, status: number, due: string | null, closed: string | null][],
];

/** The records of a page, small enough to fetch when a reader first filters. */
export interface EncodedRecords {
  version: 2;
  services: string[];
  /** How the catalog names each of `services`, same order; figures label services by it. */
  serviceNames: string[];
  records: EncodedRecord[];
}

const seconds = (ms: number | undefined) => (ms === undefined ? null : ms / 1000);
const millis = (s: number | null) => (s === null ? undefined : Math.round(s * 1000));
const index = <T>(list: readonly T[], value: T | undefined) => (value === undefined ? -1 : list.indexOf(value));
const at = <T>(list: readonly T[], i: number) => (i < 0 ? undefined : list[i]);

export function encodeRecords(
  records: readonly IncidentRecord[],
  serviceName: (slug: string) => string = (slug) => slug,
): EncodedRecords {
  const services = [...new Set(records.flatMap((record) => record.services))].sort();
  const serviceIndex = new Map(services.map((service, i) => [service, i]));
  return {
    version: 2,
    services,
    serviceNames: services.map(serviceName),
    records: records.map((record) => [
      record.year ?? null,
      index(severityOrder, record.severity),
      record.categories.reduce((bits, category) => bits | (1 << CATEGORIES.indexOf(category)), 0),
      record.services.map((service) => serviceIndex.get(service)!),
      seconds(record.durationMs),
      seconds(record.timeToDetectMs),
      seconds(record.timeToMitigateMs),
      seconds(record.followUpFromMs),
      record.actionItems.map((item) => [
        index(TERMS, item.term),
        index(TYPES, item.type),
        index(STATUSES, item.status),
        item.due ?? null,
        item.closed ?? null,
      ]),
    ]),
  };
}

export function decodeRecords(encoded: EncodedRecords): IncidentRecord[] {
  if (encoded.version !== 2) throw new Error(`unknown insights data version ${encoded.version}`);
  return encoded.records.map(([year, severity, bits, services, duration, detect, mitigate, from, items]) => ({
    year: year ?? undefined,
    severity: at(severityOrder, severity),
    categories: CATEGORIES.filter((_, i) => bits & (1 << i)),
    services: services.map((i) => encoded.services[i]),
    durationMs: millis(duration),
    timeToDetectMs: millis(detect),
    timeToMitigateMs: millis(mitigate),
    followUpFromMs: millis(from),
    actionItems: items.map(([term, type, status, due, closed]) => ({
      term: at(TERMS, term),
      type: at(TYPES, type),
      status: STATUSES[status],
      due: due ?? undefined,
      closed: closed ?? undefined,
    })),
  }));
}
