/**
 * Where a misleading path is shown on an incident page. Authors usually write each dead end twice:
 * as a timeline entry (when it happened) and under `response.misleadingPaths` (what it cost). The
 * page shows each once: a path that tells of a timeline entry is shown under that entry, in the
 * timeline, where the reader sees when it happened and what came before and after; only the paths
 * no entry tells of are listed under Response. Every path is shown, word for word, somewhere.
 *
 * A path tells of an entry when they share most of their words (Intl.Segmenter words, so French and
 * Japanese work too). Entries the author marked `misleading` are matched first and need fewer shared
 * words than others: the kind already says they are a dead end.
 */
import type { Postmortem } from '../core/schema.ts';

export interface MisleadingPlacement {
  /** For each timeline entry (same index), the misleading paths shown under it. */
  underEntry: string[][];
  /** Paths no timeline entry tells of, in the author's order: listed under Response. */
  unplaced: string[];
}

/** Share of the shorter text's words found in the longer one, for a `misleading` entry and for any other. */
export const TELLS_OF = { misleading: 0.3, other: 0.6 } as const;

/** Words of a text, lower-cased; one-letter Latin words ("a", "à") say nothing about the event. */
function wordsOf(text: string, segmenter: Intl.Segmenter): Set<string> {
  const words = new Set<string>();
  for (const { segment, isWordLike } of segmenter.segment(text.normalize('NFKC').toLowerCase())) {
    if (!isWordLike) continue;
    if (segment.length < 2 && /^[\p{Script=Latin}\d]$/u.test(segment)) continue;
    words.add(stem(segment));
  }
  return words;
}

/** "focused" and "focus", "checks" and "checked" are the same word here: English suffixes are cut. */
function stem(word: string): string {
  return word.length > 5 ? word.replace(/(?:ing|ed|es|s)$/u, '') : word;
}

/** Overlap coefficient: shared words over the smaller set. */
function overlap(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const word of a) if (b.has(word)) shared++;
  return shared / Math.min(a.size, b.size);
}

/** Places each misleading path under the timeline entry it tells of, one path per entry, best matches first. */
export function placeMisleadingPaths(
  data: Pick<Postmortem, 'timeline' | 'response' | 'language'>,
): MisleadingPlacement {
  const paths = data.response.misleadingPaths;
  const underEntry: string[][] = data.timeline.map(() => []);
  if (paths.length === 0) return { underEntry, unplaced: [] };
  const segmenter = new Intl.Segmenter(data.language, { granularity: 'word' });
  const entryWords = data.timeline.map((entry) => wordsOf(entry.event, segmenter));
  const candidates = paths.flatMap((path, pathIndex) => {
    const words = wordsOf(path, segmenter);
    return data.timeline.flatMap((entry, entryIndex) => {
      const score = overlap(words, entryWords[entryIndex]);
      const needed = entry.kind === 'misleading' ? TELLS_OF.misleading : TELLS_OF.other;
      return score >= needed ? [{ pathIndex, entryIndex, score }] : [];
    });
  });
  // Entries marked misleading first, then best pairs; ties keep the author's order of paths, then of entries.
  const rank = (entryIndex: number) => (data.timeline[entryIndex].kind === 'misleading' ? 0 : 1);
  candidates.sort(
    (a, b) =>
      rank(a.entryIndex) - rank(b.entryIndex) ||
      b.score - a.score ||
      a.pathIndex - b.pathIndex ||
      a.entryIndex - b.entryIndex,
  );
  const placed = new Set<number>();
  const used = new Set<number>();
  for (const { pathIndex, entryIndex } of candidates) {
    if (placed.has(pathIndex) || used.has(entryIndex)) continue;
    placed.add(pathIndex);
    used.add(entryIndex);
    underEntry[entryIndex].push(paths[pathIndex]);
  }
  return { underEntry, unplaced: paths.filter((_, index) => !placed.has(index)) };
}
