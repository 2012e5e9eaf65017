/**
 * "This has happened before", at review time: for each postmortem a pull request adds or
 * changes, the most similar earlier incidents with the reason and their action items still
 * open, and a warning when one looks like the same incident written up twice.
 */
import type { Postmortem } from '../core/schema.ts';
import { isOutstanding } from '../incidents/timing.ts';
import { fileDateOf, readTimeValue, UNDATED } from '../core/time.ts';
import { computeSimilarity, describeMatch } from './similar-incidents.ts';
import { formatOfFile, similarityInputOf } from './incident-record.ts';

/** At or above this cosine, with the same start day, two write-ups are probably one incident. */
export const DUPLICATE_SCORE = 0.6;

export interface PastIncident {
  id: string;
  title: string;
  score: number;
  reason: string;
  openActionItems: string[];
  possibleDuplicate: boolean;
}

export interface HappenedBefore {
  id: string;
  title: string;
  past: PastIncident[];
}

/** The start to order incidents by: its instant, or its day; undefined when unknown. */
const startOf = (data: Postmortem) => {
  const read = readTimeValue(data.started);
  return read.known ? read.earliestMs : undefined;
};

/** For each id asked about, its most similar earlier (or same-day) incidents among `entries`. */
export function happenedBefore(
  entries: readonly { id: string; data: Postmortem; body: string; file: string }[],
  asked: readonly string[],
  limit = 3,
): HappenedBefore[] {
  const byId = new Map(entries.map((entry) => [entry.id, entry.data]));
  const { similar } = computeSimilarity(
    entries.map(({ id, data, body, file }) => similarityInputOf({ id, data, body, format: formatOfFile(file) })),
    { limit: 10 },
  );
  return asked.flatMap((id) => {
    const data = byId.get(id);
    if (!data) return [];
    const started = startOf(data);
    const past = (similar.get(id) ?? [])
      .filter((match) => {
        const other = startOf(byId.get(match.id)!);
        return started === undefined || other === undefined || other <= started + 86_400_000;
      })
      .slice(0, limit)
      .map((match) => {
        const other = byId.get(match.id)!;
        const sameDay = fileDateOf(other.started) !== UNDATED && fileDateOf(other.started) === fileDateOf(data.started);
        return {
          id: match.id,
          title: other.title,
          score: match.score,
          reason: describeMatch(match),
          openActionItems: other.actionItems.filter((item) => isOutstanding(item.status)).map((item) => item.title),
          possibleDuplicate: match.score >= DUPLICATE_SCORE && sameDay,
        };
      });
    return [{ id, title: data.title, past }];
  });
}

/** Plain lines for the terminal. */
export function happenedBeforeText(results: readonly HappenedBefore[]): string[] {
  return results.flatMap((result) => [
    `Has this happened before? ${result.id}`,
    ...(result.past.length === 0
      ? ['  no similar earlier incident']
      : result.past.flatMap((past) => [
          `  ${past.possibleDuplicate ? '⚠ possible duplicate: ' : ''}${past.id} (${past.score.toFixed(2)}): ${past.reason}`,
          ...past.openActionItems.map((title) => `      open action item: ${title}`),
        ])),
  ]);
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** Markdown for a CI job summary. */
export function happenedBeforeMarkdown(results: readonly HappenedBefore[]): string {
  const parts = ['## Has this happened before?', ''];
  for (const result of results) {
    parts.push(`### ${cell(result.title)} (\`${result.id}\`)`, '');
    if (result.past.length === 0) {
      parts.push('No similar earlier incident.', '');
      continue;
    }
    parts.push('| Earlier incident | Why it is similar | Open action items |', '| --- | --- | --- |');
    for (const past of result.past) {
      const name = `${past.possibleDuplicate ? '⚠️ **possible duplicate** ' : ''}${cell(past.title)} (\`${past.id}\`)`;
      parts.push(`| ${name} | ${cell(past.reason)} | ${past.openActionItems.map(cell).join('<br>') || 'none'} |`);
    }
    parts.push('');
  }
  return parts.join('\n');
}
