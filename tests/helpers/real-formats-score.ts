/**
 * Scores the importer on tests/corpus/import/real-formats: real postmortems in many formats
 * (timeline tables, heading timelines, Zola/Jekyll/Docusaurus posts, cState files, the Google
 * SRE template), labelled by hand in labels.json before the importer ran on them. Per document:
 * whether it became an entry (which means it validated), whether `--publish` published it, and
 * per time field whether the value is right (corpus-score's rule) and, when it is wrong,
 * whether the review list names the field so that a reviewer is told to check it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importDocument } from '../../src/lib/importer/index.ts';
import { readTimeValue } from '../../src/lib/core/time.ts';
import { timeIsRight, TIME_FIELDS, type LabelledTime } from './corpus-score.ts';

export const REAL_FORMATS = 'tests/corpus/import/real-formats';

export interface RealLabel {
  format: string;
  title: string | null;
  started: LabelledTime | null;
  resolved: LabelledTime | null;
  detected: LabelledTime | null;
  notes?: string;
}

export type TimeField = (typeof TIME_FIELDS)[number];

export interface RealScore {
  name: string;
  format: string;
  imported: boolean;
  published: boolean;
  reason?: string;
  right: Partial<Record<TimeField, boolean>>;
  /** A wrong value the review list names (so `review` tells the reader to check it). */
  flagged: Partial<Record<TimeField, boolean>>;
  actual: Partial<Record<TimeField, unknown>>;
  review: string[];
}

export function readLabels(folder = REAL_FORMATS): Record<string, RealLabel> {
  return JSON.parse(readFileSync(join(folder, 'labels.json'), 'utf8')) as Record<string, RealLabel>;
}

/** Whether a review line is about `field` (lines start with the field path, e.g. `resolved: …`). */
function names(review: string[], field: TimeField): boolean {
  return review.some((line) => line.startsWith(`${field}:`) || line.startsWith(`${field} `));
}

export function scoreRealFormats(folder = REAL_FORMATS): RealScore[] {
  const labels = readLabels(folder);
  return Object.entries(labels).map(([name, label]) => {
    const source = readFileSync(join(folder, name), 'utf8');
    const sourceName = name.split('/').pop() ?? name;
    const draft = importDocument(source, { sourceName });
    const published = importDocument(source, { sourceName, publish: true });
    const score: RealScore = {
      name,
      format: label.format,
      imported: draft.ok,
      published: published.ok && published.status === 'published',
      right: {},
      flagged: {},
      actual: {},
      review: draft.ok ? draft.review : [],
    };
    if (!draft.ok) return { ...score, reason: draft.reason };
    for (const field of TIME_FIELDS) {
      const value = draft.data[field];
      score.actual[field] = value;
      score.right[field] = timeIsRight(label[field], value);
      score.flagged[field] = !score.right[field] && readTimeValue(value).known && names(draft.review, field);
    }
    return score;
  });
}

/** Whether the label states the field with a date (a time with no date counts as not stated). */
export function states(label: RealLabel, field: TimeField): boolean {
  const value = label[field];
  return value !== null && /^\d{4}-/.test(value.local);
}

export interface RealSummary {
  documents: number;
  entries: number;
  published: number;
  perField: Record<TimeField, { right: number; stated: number }>;
  /** Known values that are wrong and that the review list does not name. */
  wrongUnflagged: { name: string; field: TimeField; actual: unknown }[];
}

export function summarise(scores: RealScore[], labels: Record<string, RealLabel>): RealSummary {
  const perField = Object.fromEntries(
    TIME_FIELDS.map((field) => {
      const pool = scores.filter((score) => states(labels[score.name], field));
      return [field, { right: pool.filter((score) => score.right[field]).length, stated: pool.length }];
    }),
  ) as RealSummary['perField'];
  const wrongUnflagged = scores.flatMap((score) =>
    TIME_FIELDS.filter(
      (field) =>
        score.imported &&
        score.right[field] === false &&
        readTimeValue(score.actual[field] as never).known &&
        !score.flagged[field],
    ).map((field) => ({ name: score.name, field, actual: score.actual[field] })),
  );
  return {
    documents: scores.length,
    entries: scores.filter((score) => score.imported).length,
    published: scores.filter((score) => score.published).length,
    perField,
    wrongUnflagged,
  };
}
