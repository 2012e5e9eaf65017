/**
 * Follow-through: how long action items take to be done, as a Kaplan–Meier curve.
 *
 * An item's clock starts when its incident ended (its start when the end is unknown; items
 * carry no creation date). A done item with a `closed` day is a closure at that age; an item
 * still open or in progress is censored at its age today, because all we know is that it has
 * taken at least that long. Dropping open items, as a naive "median time to close" does,
 * keeps only the quick ones and reports follow-through as faster than it is. Done items
 * without a close day and items marked "won't do" cannot be placed in time: they are left out
 * and counted.
 */
import { DAY } from '../core/time.ts';
import { isOutstanding, isOverdue } from '../incidents/timing.ts';
import { actionItemTerms, actionItemTypes, keysOf, labelOf } from '../core/taxonomy.ts';
import { kaplanMeier, type KaplanMeierCurve, type SurvivalObservation } from '../statistics/kaplan-meier.ts';
import type { ActionItemRecord, IncidentRecord } from './records.ts';
import { LEVEL } from './distributions.ts';

/** Ages (days) at which each curve is tabulated and drawn. */
export const AGE_GRID_DAYS: readonly number[] = [
  1, 2, 3, 5, 7, 10, 14, 21, 30, 45, 60, 90, 120, 180, 270, 365, 545, 730, 1095, 1825, 3650,
];

export type FollowThroughDimension = 'term' | 'type';

export interface FollowThroughRow {
  key: string;
  label: string;
  /** Items on the curve: closures plus censored. */
  n: number;
  closed: number;
  /** Still open or in progress: censored at their age. */
  open: number;
  /**
   * Median time to close (ms) with its interval from the curve's pointwise bounds; null when
   * not reached (`medianHigh` too when the upper band never falls to one half: no upper bound).
   */
  median: number | null;
  medianLow: number | null;
  medianHigh: number | null;
  /** Share still open at each AGE_GRID_DAYS age, null beyond the oldest item (the curve says nothing there). */
  stillOpen: (number | null)[];
}

export interface FollowThroughFigure {
  /** Every action item of the incidents considered. */
  items: number;
  wontDo: number;
  /** Done, but no `closed` day: cannot be placed in time. */
  doneWithoutDate: number;
  /** Incident with neither a known end nor a known start. */
  noStart: number;
  byTerm: FollowThroughRow[];
  byType: FollowThroughRow[];
  pastDue: { outstanding: number; withDue: number; pastDue: number };
}

interface Observed {
  item: ActionItemRecord;
  observation: SurvivalObservation;
}

function observe(records: readonly IncidentRecord[], nowMs: number) {
  const observed: Observed[] = [];
  let items = 0;
  let wontDo = 0;
  let doneWithoutDate = 0;
  let noStart = 0;
  for (const record of records) {
    for (const item of record.actionItems) {
      items++;
      if (item.status === 'wont-do') wontDo++;
      else if (record.followUpFromMs === undefined) noStart++;
      else if (item.status === 'done' && !item.closed) doneWithoutDate++;
      else {
        const endMs = item.status === 'done' ? Date.parse(`${item.closed}T00:00:00Z`) : nowMs;
        // An item closed the day its incident ended (before its end hour) took no time, not negative time.
        const time = Math.max(0, endMs - record.followUpFromMs) / DAY;
        observed.push({ item, observation: { time, event: item.status === 'done' } });
      }
    }
  }
  return { observed, items, wontDo, doneWithoutDate, noStart };
}

/** A curve's row; `curve` undefined for a group without items. */
export function followThroughRow(key: string, label: string, curve: KaplanMeierCurve | undefined): FollowThroughRow {
  if (!curve) {
    return { key, label, n: 0, closed: 0, open: 0, median: null, medianLow: null, medianHigh: null, stillOpen: [] };
  }
  const lastTime = curve.steps.at(-1)!.time;
  const interval = curve.quantileInterval(0.5);
  const days = (value: number | undefined) => (value === undefined ? null : value * DAY);
  return {
    key,
    label,
    n: curve.n,
    closed: curve.events,
    open: curve.censored,
    median: days(curve.median),
    medianLow: days(interval.low),
    medianHigh: days(interval.high),
    stillOpen: AGE_GRID_DAYS.map((age) => (age > lastTime ? null : curve.survivalAt(age))),
  };
}

function rows(observed: Observed[], dimension: FollowThroughDimension): FollowThroughRow[] {
  const vocabulary = dimension === 'term' ? actionItemTerms : actionItemTypes;
  const groups = [
    { key: 'all', label: 'All items', members: observed },
    ...keysOf(vocabulary).map((key) => ({
      key,
      label: labelOf(vocabulary, key),
      members: observed.filter((o) => o.item[dimension] === key),
    })),
  ];
  return groups.map(({ key, label, members }) =>
    followThroughRow(
      key,
      label,
      kaplanMeier(
        members.map((o) => o.observation),
        { level: LEVEL },
      ),
    ),
  );
}

export function followThroughFigure(records: readonly IncidentRecord[], nowMs: number): FollowThroughFigure {
  const { observed, items, wontDo, doneWithoutDate, noStart } = observe(records, nowMs);
  const outstanding = records.flatMap((record) => record.actionItems.filter((item) => isOutstanding(item.status)));
  return {
    items,
    wontDo,
    doneWithoutDate,
    noStart,
    byTerm: rows(observed, 'term'),
    byType: rows(observed, 'type'),
    pastDue: {
      outstanding: outstanding.length,
      withDue: outstanding.filter((item) => item.due).length,
      pastDue: outstanding.filter((item) => isOverdue(item, nowMs)).length,
    },
  };
}
