/**
 * Recurrence: an incident with the same root-cause category and the same service as an earlier
 * one whose action items were all done. Such a pair says the follow-ups did not prevent the
 * failure from coming back; the reviewer should ask why.
 */
import type { IncidentFacts } from './records.ts';

export interface Recurrence {
  /** The later incident. */
  id: string;
  /** The earlier incident whose follow-ups were all done. */
  earlierId: string;
  categories: string[];
  services: string[];
}

const closedMs = (day: string | undefined) => (day ? Date.parse(`${day}T00:00:00Z`) : undefined);

/**
 * Every recurrence, latest incident first; for each later incident, only the most recent
 * earlier match. An earlier incident counts when it had at least one action item, all done,
 * and none recorded as closed after the later incident began.
 */
export function findRecurrences(facts: readonly IncidentFacts[]): Recurrence[] {
  const timed = facts
    .filter((fact): fact is IncidentFacts & { startedMs: number } => fact.startedMs !== undefined)
    .sort((a, b) => a.startedMs - b.startedMs || a.id.localeCompare(b.id));
  const done = timed.filter(
    (fact) => fact.actionItems.length > 0 && fact.actionItems.every((item) => item.status === 'done'),
  );
  const found: Recurrence[] = [];
  for (const later of timed) {
    for (let i = done.length - 1; i >= 0; i--) {
      const earlier = done[i];
      if (earlier.startedMs >= later.startedMs || earlier.id === later.id) continue;
      if (earlier.actionItems.some((item) => (closedMs(item.closed) ?? -Infinity) > later.startedMs)) continue;
      const categories = earlier.categories.filter((category) => later.categories.includes(category));
      const services = earlier.services.filter((service) => later.services.includes(service));
      if (categories.length === 0 || services.length === 0) continue;
      found.push({ id: later.id, earlierId: earlier.id, categories, services });
      break;
    }
  }
  return found.reverse();
}
