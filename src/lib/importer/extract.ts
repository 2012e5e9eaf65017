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
import { readDetection } from './readers/detection.ts';
import { readEscalations } from './readers/escalations.ts';
import { readImpact, readSummary } from './readers/impact.ts';
import { dropImpossible, readMitigated, readResolved, readStart, timelineLeavesOf } from './readers/incident-times.ts';
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

/** Reads every field the source states. Fails only when no start time can be read. */
export function extract(source: string, options: ExtractOptions): ExtractResult {
  const reader = new Reader(source, options);
  const title = readTitle(reader, source, options);

  const start = readStart(reader);
  if (!start.started) {
    const problem = start.problem;
    return {
      ok: false,
      reason: problem
        ? `no usable start time: ${problem}${/time zone/.test(problem) ? '; add the zone in the source (e.g. "14:00 UTC") or pass --zone' : ''}`
        : 'no start time found: the source needs a line such as "Start time: March 8, 2024, 10:30 UTC"',
    };
  }
  const started = start.started;
  const timelineLeaves = timelineLeavesOf(reader);
  const resolvedRead = readResolved(reader, started);
  const detection = readDetection(reader, started, timelineLeaves);
  const mitigatedRead = readMitigated(reader, started, resolvedRead);
  const { detected, mitigated, resolved } = dropImpossible(reader, {
    started,
    detected: detection.detected,
    mitigated: mitigatedRead,
    resolved: resolvedRead,
  });

  const summary = readSummary(reader) || undefined;
  const impact = readImpact(reader, summary);
  const rootCause = readRootCause(reader);
  const resolution = reader.best('resolution', FIELD_LABELS.resolution)?.text;
  const escalations = readEscalations(reader, started, detected);
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
    started: started.iso,
    detected: detected?.iso,
    mitigated: mitigated?.iso,
    resolved: resolved?.iso,
    impact,
    detection: { method: detection.method, source: detection.source },
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
