/**
 * Scores the importer against a hand-labelled corpus (tests/corpus/import/template): for each
 * document, whether the entry validates, and per field whether the value the importer wrote
 * is what the labeller read. A time is right when it names the same moment at the precision
 * the text allows: the same instant when the text gives a time and a zone, the same day (and
 * no invented time) when it gives a day or a time without a zone, and nothing when the text
 * states nothing (or gives a time without a date).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importDocument } from '../../src/lib/importer/index.ts';
import { readTimeValue, type TimeValue } from '../../src/lib/core/time.ts';

export interface LabelledTime {
  local: string;
  zone: string | null;
  offset: string | null;
  precision: 'minute' | 'hour' | 'day';
  line: number;
}

export interface Label {
  set: 'dev' | 'holdout';
  started: LabelledTime | null;
  resolved: LabelledTime | null;
  detected: LabelledTime | null;
  usersAffectedPercent: number | null;
  otherPercentages: string[];
}

export const TIME_FIELDS = ['started', 'resolved', 'detected'] as const;

/** Whether `actual` is what the label says, at the precision the label allows. */
export function timeIsRight(label: LabelledTime | null, actual: TimeValue | undefined): boolean {
  const read = readTimeValue(actual);
  if (label === null) return !read.known;
  const dated = /^\d{4}-\d{2}-\d{2}/.test(label.local);
  if (!dated) return !read.known;
  if (!read.known) return false;
  const day = label.local.slice(0, 10);
  if (label.precision === 'day') return read.precision === 'day' && read.day === day;
  if (label.offset === null) {
    // A time with no zone is a day for certain, or that wall time in a zone the importer had to assume.
    if (read.precision === 'day') return read.day === day;
    const wall = read.instant?.source.slice(0, label.local.length);
    return wall === label.local;
  }
  const text = label.local.length === 13 ? `${label.local}:00` : label.local;
  const expected = Date.parse(`${text}:00${label.offset === 'Z' ? 'Z' : label.offset}`);
  if (read.precision === 'day') return false;
  if (label.precision === 'hour') return Math.abs(read.earliestMs - expected) < 60 * 60 * 1000;
  return read.precision === 'exact' && Math.floor(read.earliestMs / 60_000) === Math.floor(expected / 60_000);
}

export interface DocumentScore {
  name: string;
  set: Label['set'];
  imported: boolean;
  reason?: string;
  fields: Record<string, boolean | undefined>;
  actual: Record<string, unknown>;
}

/** Imports every labelled document and scores it. */
export function scoreCorpus(folder: string): DocumentScore[] {
  const labels = JSON.parse(readFileSync(join(folder, 'expected.json'), 'utf8')) as Record<string, Label>;
  return Object.entries(labels).map(([name, label]) => {
    const result = importDocument(readFileSync(join(folder, name), 'utf8'), { sourceName: name });
    if (!result.ok) return { name, set: label.set, imported: false, reason: result.reason, fields: {}, actual: {} };
    const fields: DocumentScore['fields'] = {};
    for (const field of TIME_FIELDS) fields[field] = timeIsRight(label[field], result.data[field]);
    fields.usersAffectedPercent = (result.data.impact.usersAffectedPercent ?? null) === label.usersAffectedPercent;
    return {
      name,
      set: label.set,
      imported: true,
      fields,
      actual: {
        started: result.data.started,
        resolved: result.data.resolved,
        detected: result.data.detected,
        usersAffectedPercent: result.data.impact.usersAffectedPercent,
      },
    };
  });
}

/** Share right per field, over documents whose label states the field (or all, for `*All`). */
export function accuracy(scores: DocumentScore[], labels: Record<string, Label>, field: string, stated: boolean) {
  const pool = scores.filter((score) => {
    if (!stated) return true;
    const value = labels[score.name][field as keyof Label];
    return value !== null && !(typeof value === 'object' && !/^\d{4}-/.test((value as LabelledTime).local));
  });
  const right = pool.filter((score) => score.fields[field]).length;
  return { right, total: pool.length, share: pool.length === 0 ? 1 : right / pool.length };
}
