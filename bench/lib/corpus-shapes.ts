/**
 * The shapes the synthetic corpus draws from: log-normal durations and detection times, the
 * window incidents start in, and the weights of zones, severities, detection methods and
 * action items, as incident records show them.
 */
import type { ActionItemTerm, ActionItemType, DetectionMethod, Severity } from '../../src/lib/core/taxonomy.ts';
import { zipf } from './random.ts';
import { CATEGORY_RANK, COMMON_TAGS, PEOPLE, SERVICES, TEAMS, USER_JOURNEYS } from './vocabulary.ts';

export const MINUTE = 60_000;
export const DAY = 24 * 60 * MINUTE;

/** Shape of incident durations (started → resolved): log-normal with this median and sigma. */
export const DURATION_MEDIAN_MINUTES = 95;
export const DURATION_SIGMA = 1.1;
/** Time to detect: log-normal, usually minutes, occasionally hours. */
export const DETECT_MEDIAN_MINUTES = 9;
export const DETECT_SIGMA = 1.0;
/** Incidents start in this window (UTC), entirely in the past so no time is "in the future". */
export const FIRST_START = Date.UTC(2018, 0, 1);
export const LAST_START = Date.UTC(2026, 5, 30);
/** Review date used to decide which action items are done: the end of the window plus a month. */
export const REVIEW_AS_OF = LAST_START + 30 * DAY;

export interface Zone {
  offset: number;
  label: string;
}

export const ZONES: readonly (readonly [Zone, number])[] = [
  [{ offset: 0, label: 'UTC' }, 30],
  [{ offset: -420, label: 'PDT' }, 12],
  [{ offset: -480, label: 'PST' }, 8],
  [{ offset: -240, label: 'EDT' }, 10],
  [{ offset: -300, label: 'EST' }, 6],
  [{ offset: 60, label: 'CET' }, 10],
  [{ offset: 120, label: 'CEST' }, 8],
  [{ offset: 330, label: 'IST' }, 6],
  [{ offset: 540, label: 'JST' }, 5],
  [{ offset: 600, label: 'AEST' }, 5],
];

export const SEVERITIES: readonly (readonly [Severity, number])[] = [
  ['sev1', 6],
  ['sev2', 22],
  ['sev3', 44],
  ['sev4', 28],
];

export const DETECTION_METHODS: readonly (readonly [DetectionMethod, number])[] = [
  ['monitoring-alert', 56],
  ['customer-report', 18],
  ['synthetic-check', 12],
  ['engineer-noticed', 11],
  ['other', 3],
];

export const TERMS: readonly (readonly [ActionItemTerm, number])[] = [
  ['short', 45],
  ['mid', 38],
  ['long', 17],
];
export const TERM_DAYS: Record<ActionItemTerm, [number, number]> = { short: [3, 21], mid: [30, 120], long: [120, 365] };
export const TYPES: readonly (readonly [ActionItemType, number])[] = [
  ['prevent', 40],
  ['detect', 25],
  ['mitigate', 22],
  ['process', 13],
];

export const sampleService = zipf(SERVICES, 1.05);
export const sampleCategory = zipf(CATEGORY_RANK, 0.9);
export const sampleCommonTag = zipf(COMMON_TAGS, 1.0);
export const sampleTeam = zipf(TEAMS, 0.8);
export const samplePerson = zipf(PEOPLE, 0.6);
export const sampleJourney = zipf(USER_JOURNEYS, 0.9);
