/**
 * The cost of coordination of one incident: responders, teams involved, hand-offs and
 * escalations. Each measure is the number the author wrote under `coordination` when there is
 * one, else derived where the record says it, else unknown with the reason:
 * - escalations: the entries of `response.escalations` (source `escalations`); when that list is
 *   empty, the timeline's `escalation` moments (source `timeline`), but only from a timeline that
 *   records the response, i.e. has at least one moment with a time.
 * - handoffs: the timeline's `handoff` moments (source `timeline`), from such a timeline only.
 * - teamsInvolved: when `response.escalations` is not empty, the distinct names among the
 *   escalation targets and the `teams` list, compared ignoring case (source `escalations`); a
 *   `teams` list alone is not counted, since it also names the teams owning the follow-up.
 * - responders: only as written; no record here names every person who took part.
 * Pure: reads validated frontmatter only.
 */
import type { Postmortem } from '../core/schema.ts';

/** Where a number comes from: written by the author, counted in the timeline, or in the escalations list. */
export type CoordinationSource = 'written' | 'timeline' | 'escalations';

export type CoordinationFact = { value: number; source: CoordinationSource } | { unknown: string };

export type CoordinationMeasure = 'responders' | 'teamsInvolved' | 'handoffs' | 'escalations';

/** The four measures in the order pages and figures show them, with their labels. */
export const coordinationMeasures: readonly { key: CoordinationMeasure; label: string }[] = [
  { key: 'responders', label: 'Responders' },
  { key: 'teamsInvolved', label: 'Teams involved' },
  { key: 'handoffs', label: 'Hand-offs' },
  { key: 'escalations', label: 'Escalations' },
];

/** How a source reads beside its number. */
export const coordinationSourceLabels: Record<CoordinationSource, string> = {
  written: 'as written',
  timeline: 'from the timeline',
  escalations: 'from the escalations',
};

export type CoordinationInput = Pick<Postmortem, 'coordination' | 'response' | 'timeline' | 'teams'>;

/** Each coordination measure of an incident, written, derived or unknown (see the module's rules). */
export function coordinationOf(data: CoordinationInput): Record<CoordinationMeasure, CoordinationFact> {
  const written = data.coordination ?? {};
  const escalations = data.response.escalations;
  const timed = data.timeline.some((entry) => entry.at !== undefined);
  const momentsOf = (kind: 'escalation' | 'handoff') => data.timeline.filter((entry) => entry.kind === kind).length;
  const untimed = 'not written, and the timeline has no times to count from';

  const responders: CoordinationFact =
    written.responders !== undefined
      ? { value: written.responders, source: 'written' }
      : { unknown: 'not written under coordination.responders' };

  let escalationCount: CoordinationFact;
  if (written.escalations !== undefined) escalationCount = { value: written.escalations, source: 'written' };
  else if (escalations.length > 0) escalationCount = { value: escalations.length, source: 'escalations' };
  else if (timed) escalationCount = { value: momentsOf('escalation'), source: 'timeline' };
  else escalationCount = { unknown: untimed };

  let handoffs: CoordinationFact;
  if (written.handoffs !== undefined) handoffs = { value: written.handoffs, source: 'written' };
  else if (timed) handoffs = { value: momentsOf('handoff'), source: 'timeline' };
  else handoffs = { unknown: untimed };

  let teamsInvolved: CoordinationFact;
  if (written.teamsInvolved !== undefined) teamsInvolved = { value: written.teamsInvolved, source: 'written' };
  else if (escalations.length > 0) {
    const names = new Set([...data.teams, ...escalations.map((escalation) => escalation.to)].map(comparable));
    teamsInvolved = { value: names.size, source: 'escalations' };
  } else teamsInvolved = { unknown: 'not written, and no escalations are recorded' };

  return { responders, teamsInvolved, handoffs, escalations: escalationCount };
}

function comparable(name: string): string {
  return name.trim().toLocaleLowerCase('en');
}

/** The value of a fact, or undefined when it is unknown. */
export function knownValue(fact: CoordinationFact): number | undefined {
  return 'value' in fact ? fact.value : undefined;
}
