/**
 * The follow-up tracker: every action item of the published postmortems, computed once per
 * build on its own, so the tracker does not pay for the insights figures.
 */
import { buildClockMs } from '../lib/incidents/build-clock.ts';
import { followUpBoard } from '../lib/incidents/follow-ups.ts';
import { perBuild } from './per-build.ts';

/** The board of action items by term and owner, as of the build's day. */
export const getFollowUps = perBuild((kb) =>
  followUpBoard(
    kb.incidents.map((incident) => ({
      id: incident.summary.id,
      title: incident.summary.title,
      startedMs: incident.times.sortMs,
      started: incident.summary.started,
      actionItems: incident.entry.data.actionItems,
    })),
    buildClockMs(),
  ),
);
