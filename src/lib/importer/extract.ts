/**
 * Reads the facts of a free-form postmortem into frontmatter fields. The rule throughout:
 * a value is taken only when the source states it. Whatever had to be inferred (a zone
 * assumed from the rest of the document, a date carried over from an earlier line, a
 * category proposed from keywords) is kept and explained in `notes`, and whatever cannot be
 * read is left out for the reviewer. Each field has its reader in ./readers/; this module
 * runs them in order (the order of the notes follows it).
 */
import { slugOf } from '../core/slug.ts';
import { HOUR } from '../core/time.ts';
import type { ExtractedTimelineEntry, ExtractOptions, ExtractResult } from './extracted.ts';
import { FIELD_LABELS } from './labels.ts';
import { splitList } from './prose.ts';
import { listUnder, Reader } from './reader.ts';
import { readActionItems } from './readers/action-items.ts';
import { readEscalations } from './readers/escalations.ts';
import { readImpact, readSummary } from './readers/impact.ts';
import { readIncidentTimes, timelineLeavesOf, type IncidentTimeValues } from './readers/incident-times.ts';
import { readMisleading } from './readers/misleading.ts';
import { readRootCause } from './readers/root-cause.ts';
import { readSeverity } from './readers/severity.ts';
import { readTimeline } from './readers/timeline.ts';
import { readTitle } from './readers/title.ts';

export type {
  Extracted,
  ExtractedActionItem,
  ExtractedTimelineEntry,
  ExtractOptions,
  ExtractResult,
} from './extracted.ts';
export { FIELD_LABELS } from './labels.ts';

/**
 * A start or end stated in a summary that the timeline contradicts (the timeline runs hours
 * before the start or after the end) is kept, and both places are named for the reviewer.
 */
function flagContradictions(reader: Reader, times: IncidentTimeValues, timeline: ExtractedTimelineEntry[]): void {
  const at = timeline.flatMap((entry) => (entry.at ? [Date.parse(entry.at)] : []));
  if (!times.startMoment || at.length === 0) return;
  const slack = 2 * HOUR;
  const first = Math.min(...at);
  const last = Math.max(...at);
  if (first < times.startMoment.epochMs - slack)
    reader.note(
      `started: ${times.startMoment.iso} (line ${times.startMoment.line}) is contradicted by the timeline, which begins ${new Date(first).toISOString()}; check which is right`,
    );
  const end = typeof times.resolved === 'string' ? Date.parse(times.resolved) : undefined;
  if (end !== undefined && !Number.isNaN(end) && last > end + slack)
    reader.note(
      `resolved: ${times.resolved as string} is contradicted by the timeline, which runs until ${new Date(last).toISOString()}; check which is right`,
    );
}

/** Slugs of the services a "Services affected" passage names. */
function readServices(reader: Reader): string[] {
  // "Search (temporary, during recovery)": a parenthetical qualifies a service, it is not one.
  const names = listUnder(reader, FIELD_LABELS.services)
    .map((passage) => passage.replace(/\s*\([^()]*\)/g, ''))
    .flatMap(splitList);
  return [...new Set(names.map((name) => slugOf(name)).filter(Boolean))];
}

/** Reads every field the source states; what it cannot read is left unknown and noted. Never fails. */
export function extract(source: string, options: ExtractOptions): ExtractResult {
  const reader = new Reader(source, options);
  const title = readTitle(reader, source, options);

  const times = readIncidentTimes(reader);
  const started = times.startMoment;
  const timelineLeaves = timelineLeavesOf(reader);

  const summary = readSummary(reader) || undefined;
  const impact = readImpact(reader);
  const rootCause = readRootCause(reader);
  const resolution = reader.best('resolution', FIELD_LABELS.resolution)?.text;
  const escalations = readEscalations(reader, started, times.detectedMoment);
  const misleadingPaths = readMisleading(reader);
  const actionItems = readActionItems(reader);
  const timeline = readTimeline(reader, started, timelineLeaves);
  flagContradictions(reader, times, timeline);
  const services = readServices(reader);
  const authors = [...new Set(listUnder(reader, FIELD_LABELS.authors).flatMap(splitList))];
  const teams = [...new Set(listUnder(reader, FIELD_LABELS.teams).flatMap(splitList))];

  reader.flushAssumptions();
  const data = {
    title,
    summary,
    severity: readSeverity(reader),
    authors,
    teams,
    services,
    started: times.started,
    detected: times.detected,
    mitigated: times.mitigated,
    resolved: times.resolved,
    impact,
    detection: times.detection,
    rootCause,
    resolution,
    response: { misleadingPaths, escalations },
    timeline,
    actionItems,
    lessons: {
      wentWell: listUnder(reader, FIELD_LABELS.wentWell),
      wentWrong: listUnder(reader, FIELD_LABELS.wentWrong),
      gotLucky: listUnder(reader, FIELD_LABELS.gotLucky),
    },
  };
  return { ok: true, data, notes: reader.notes };
}
