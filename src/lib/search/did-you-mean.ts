/**
 * "Did you mean": for a word no postmortem has, the closest word that some do, from the list
 * of indexed words the build writes (most common first). Pure.
 */

/** Edit distance between `a` and `b`, or `limit + 1` as soon as it must exceed `limit`. */
export function boundedEditDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    let smallest = i;
    for (let j = 1; j <= b.length; j++) {
      const swapped =
        i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1] ? (row[j - 2] ?? Infinity) : Infinity;
      next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1), swapped);
      smallest = Math.min(smallest, next[j]);
    }
    if (smallest > limit) return limit + 1;
    row = next;
  }
  return row[b.length];
}

/** Edits allowed for a word of this length: shorter words have too many neighbours two edits away ("renewal", "reveal"). */
const allowedEdits = (word: string) => (word.length < 8 ? 1 : 2);

/**
 * The known word closest to `word` with the same first letter (fewest edits; among equals the
 * more common, i.e. earlier in `known`), or undefined when none is close enough to be a typo. A known word is its own answer.
 */
export function closestKnownWord(word: string, known: readonly string[]): string | undefined {
  const target = word.toLowerCase();
  if (target.length < 3) return undefined;
  const limit = allowedEdits(target);
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of known) {
    if (candidate === target) return undefined;
    // A typo rarely hits the first letter; words that differ there are different words ("renewal", "general").
    if (candidate[0] !== target[0]) continue;
    const distance = boundedEditDistance(target, candidate, Math.min(limit, bestDistance - 1));
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** The query with `word` replaced by `instead` wherever it stands as a whole word (case-insensitive). */
export function replaceWord(query: string, word: string, instead: string): string {
  return query
    .split(/(\s+)/)
    .map((part) => (part.toLowerCase() === word.toLowerCase() ? instead : part))
    .join('');
}
