/**
 * Lessons across incidents: what stopped each near miss, where chance limited the damage and
 * what worked, gathered from every postmortem with a link back to it, newest first. What went
 * well and what luck did are the half of a review that counts of failures never show.
 */
import type { Postmortem } from '../core/schema.ts';

export interface LessonLine {
  /** The postmortem the line comes from. */
  id: string;
  title: string;
  kind: Postmortem['kind'];
  text: string;
  /** The language the postmortem is written in (BCP 47), so a page can mark lines in another. */
  language: string;
}

export interface LessonGroup {
  key: 'preventedBy' | 'gotLucky' | 'wentWell';
  /** Its URL segment below /lessons/, e.g. `got-lucky`. */
  slug: string;
  title: string;
  /** What the group holds, in one sentence for the reader. */
  intro: string;
  lines: LessonLine[];
  /** How many postmortems the lines come from. */
  postmortems: number;
}

export interface LessonSource {
  id: string;
  data: Pick<Postmortem, 'title' | 'kind' | 'preventedBy' | 'lessons' | 'language'>;
}

const SLUGS: Record<LessonGroup['key'], string> = {
  preventedBy: 'prevented-by',
  gotLucky: 'got-lucky',
  wentWell: 'went-well',
};

/** The three groups, each line in the order of `sources` (give them newest first). */
export function lessonsAcross(sources: readonly LessonSource[]): LessonGroup[] {
  const group = (
    key: LessonGroup['key'],
    title: string,
    intro: string,
    textsOf: (data: LessonSource['data']) => readonly string[],
  ): LessonGroup => {
    const lines = sources.flatMap(({ id, data }) =>
      textsOf(data).map((text) => ({ id, title: data.title, kind: data.kind, text, language: data.language })),
    );
    return { key, slug: SLUGS[key], title, intro, lines, postmortems: new Set(lines.map((line) => line.id)).size };
  };
  return [
    group(
      'preventedBy',
      'What stopped a near miss',
      'Failures that were under way and stopped before users were affected, and what stopped them.',
      (data) => (data.kind === 'near-miss' && data.preventedBy ? [data.preventedBy] : []),
    ),
    group(
      'gotLucky',
      'Where we got lucky',
      'Where chance, not design, limited the damage: each is a safeguard the system does not have yet.',
      (data) => data.lessons.gotLucky,
    ),
    group(
      'wentWell',
      'What went well',
      'What worked in the response and should be kept.',
      (data) => data.lessons.wentWell,
    ),
  ];
}

/** One page of a group's lines: pages hold `pageSize` lines, so no page grows with the knowledge base. */
export interface LessonPage {
  group: LessonGroup;
  /** 1-based. */
  page: number;
  pageCount: number;
  lines: LessonLine[];
  /** Position of the first line on this page among the group's lines, 1-based (0 when the group is empty). */
  from: number;
}

/** Every page of every group; an empty group still has one page, which says so. */
export function lessonPages(groups: readonly LessonGroup[], pageSize: number): LessonPage[] {
  return groups.flatMap((group) => {
    const pageCount = Math.max(1, Math.ceil(group.lines.length / pageSize));
    return Array.from({ length: pageCount }, (_, index) => ({
      group,
      page: index + 1,
      pageCount,
      lines: group.lines.slice(index * pageSize, (index + 1) * pageSize),
      from: group.lines.length === 0 ? 0 : index * pageSize + 1,
    }));
  });
}
