/**
 * What an incident page shows: the sections with something in them (each listed in the section
 * index), the lessons, escalations and misleading paths worth a line (each fact once: what the
 * timeline shows is not listed again under Response), and whether the original write-up folds away.
 */
import type { Postmortem } from '../core/schema.ts';
import { toEpochMs } from '../core/time.ts';
import { RECOMMENDED_SECTIONS } from '../content/review-checks.ts';
import { placeMisleadingPaths, type MisleadingPlacement } from '../incidents/misleading-paths.ts';

export interface IncidentSection {
  /** Anchor of the section; its heading is `${id}-heading`. */
  id: string;
  title: string;
  shown: boolean;
}

export interface IncidentPage {
  lessons: { title: string; items: string[] }[];
  escalations: Postmortem['response']['escalations'];
  /** Misleading paths under the timeline entry they tell of; the rest are listed under Response. */
  misleading: MisleadingPlacement;
  /** The original write-up is kept for fidelity; once the structured sections say what it says, it is folded away. */
  folded: boolean;
  sections: IncidentSection[];
  shown: Record<string, boolean>;
}

/** The page of one incident, from its frontmatter and whether it has a body. */
export function incidentPage(data: Postmortem, hasBody: boolean): IncidentPage {
  const lessons = [
    { title: 'What went well', items: data.lessons.wentWell },
    { title: 'What went wrong', items: data.lessons.wentWrong },
    { title: 'Where we got lucky', items: data.lessons.gotLucky },
  ].filter((group) => group.items.length > 0);
  // An escalation the timeline already shows at the same moment is not listed a second time.
  const onTimeline = new Set(
    data.timeline.flatMap((moment) => (moment.kind === 'escalation' && moment.at ? [toEpochMs(moment.at)] : [])),
  );
  const escalations = data.response.escalations.filter(
    (escalation) => !escalation.at || !onTimeline.has(toEpochMs(escalation.at)),
  );
  const misleading = placeMisleadingPaths(data);
  const folded =
    hasBody && data.writeUp === 'original' && RECOMMENDED_SECTIONS.every((section) => section.filled(data));
  // Only sections with something in them are rendered, and listed in the section index.
  const sections = [
    // Who was affected is in the facts panel; the section holds what users saw.
    { id: 'impact', title: 'Impact', shown: Boolean(data.impact.description) },
    { id: 'timeline', title: 'Timeline', shown: data.timeline.length > 0 },
    {
      id: 'root-cause',
      title: 'Root cause',
      shown: Boolean(data.rootCause.description || data.rootCause.trigger || data.rootCause.contributingFactors.length),
    },
    { id: 'resolution', title: 'Resolution', shown: Boolean(data.resolution) },
    { id: 'response', title: 'Response', shown: misleading.unplaced.length > 0 || escalations.length > 0 },
    { id: 'actions', title: 'Action items', shown: data.actionItems.length > 0 },
    { id: 'lessons', title: 'Lessons', shown: lessons.length > 0 },
    {
      id: 'writeup',
      title: data.writeUp === 'original' ? 'Original write-up' : 'Narrative',
      shown: hasBody,
    },
  ];
  const shown = Object.fromEntries(sections.map((section) => [section.id, section.shown]));
  return { lessons, escalations, misleading, folded, sections, shown };
}
