/**
 * Reads the facts of a free-form postmortem into frontmatter fields. The rule throughout:
 * a value is taken only when the source states it. Whatever had to be inferred (a zone
 * assumed from the rest of the document, a date carried over from an earlier line, a
 * category proposed from keywords) is kept and explained in `notes`, and whatever cannot be
 * read is left out for the reviewer. Each field has its reader in ./readers/; this module
 * runs them in order (the order of the notes follows it).
 */
import { slugOf } from '../core/slug.ts';
import type { ExtractOptions, ExtractResult } from './extracted.ts';
import { FIELD_LABELS } from './labels.ts';
import { splitList } from './prose.ts';
import { listUnder, Reader } from './reader.ts';
import { readActionItems } from './readers/action-items.ts';
import { readEscalations } from './readers/escalations.ts';
import { readImpact, readSummary } from './readers/impact.ts';
import { readIncidentTimes, timelineLeavesOf } from './readers/incident-times.ts';
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

/** Slugs of the services a "Services affected" passage names. */
function readServices(reader: Reader): string[] {
  const names = listUnder(reader, FIELD_LABELS.services).flatMap(splitList);
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
