/** Timeline: every line with a time of day in a timeline section or table, in time order. */
import { HOUR } from '../../core/time.ts';
import type { Leaf } from '../document.ts';
import type { ExtractedTimelineEntry, Moment } from '../extracted.ts';
import { KIND, TIMELINE_KINDS, TRIGGER_WORDS } from '../labels.ts';
import { asSentence, withoutLeadingTime } from '../prose.ts';
import type { Reader } from '../reader.ts';
import { findTimes } from '../times.ts';

/**
 * Kind of a timeline moment from its own words, else from the heading it sits under. A
 * change or event at or before the start is the trigger.
 */
export function timelineKind(event: string, heading: string, beforeStart: boolean): string {
  if (beforeStart && TRIGGER_WORDS.test(event) && !KIND.resolution.test(event)) return 'trigger';
  return (
    TIMELINE_KINDS.find((rule) => rule.words.test(event))?.kind ??
    TIMELINE_KINDS.find((rule) => rule.words.test(heading))?.kind ??
    'action'
  );
}

/** What a timeline line says happened, without its time (table rows without their time cells). */
function eventText(reader: Reader, leaf: Leaf): string {
  const value = leaf.table
    ? leaf.table.cells
        .filter((cell) => cell && !findTimes(cell, reader.order).some((t) => t.text.trim() === cell.trim()))
        .join(' — ')
    : leaf.value || leaf.text;
  return withoutLeadingTime(value, findTimes(value, reader.order)).trim() || leaf.sections.at(-1)?.label || leaf.text;
}

export function readTimeline(
  reader: Reader,
  started: Moment | undefined,
  timelineLeaves: Leaf[],
): ExtractedTimelineEntry[] {
  const timeline: (ExtractedTimelineEntry & { epochMs: number })[] = [];
  let previous: Moment | undefined = started;
  for (const leaf of timelineLeaves) {
    const found = reader.times(leaf).find((time) => time.hour !== undefined && !time.rangeEnd);
    if (!found) continue;
    const moment = reader.resolve(found, leaf.line, {
      day: reader.sectionDay(leaf),
      after: previous,
      tolerance: 12 * HOUR,
      sectionZone: reader.sectionZone(leaf),
    });
    if ('problem' in moment) {
      reader.note(`timeline: line ${leaf.line} was left out of the timeline: ${moment.problem}`);
      continue;
    }
    previous = moment;
    const event = eventText(reader, leaf);
    timeline.push({
      at: moment.iso,
      kind: timelineKind(
        event,
        leaf.sections.at(-1)?.key ?? '',
        started !== undefined && moment.epochMs <= started.epochMs,
      ),
      event: asSentence(event),
      epochMs: moment.epochMs,
    });
  }
  timeline.sort((a, b) => a.epochMs - b.epochMs);
  if (timeline.length > 0)
    reader.note(
      `timeline: ${timeline.length} entries were read from the timeline; their kinds were chosen from keywords (src/lib/importer/labels.ts), check them`,
    );
  return timeline.map(({ epochMs: _epochMs, ...entry }) => entry);
}
