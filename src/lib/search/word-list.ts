/**
 * The list of words the postmortems contain, most common first, that "did you mean" picks a
 * correction from. Written once per build; fetched only when a searched word finds nothing,
 * so it costs the first search nothing. Pure.
 */
import { wordsOf } from './words.ts';

/** Words worth suggesting: letters only (no ids, versions or numbers), 3 to 30 of them. */
const SUGGESTIBLE = /^\p{L}{3,30}$/u;

/** Every suggestible word in `documents` (one text per postmortem), by how many documents have it, then alphabetically. */
export function wordListOf(documents: readonly string[]): string[] {
  const found = new Map<string, number>();
  for (const document of documents)
    for (const word of new Set(wordsOf(document)))
      if (SUGGESTIBLE.test(word)) found.set(word, (found.get(word) ?? 0) + 1);
  return [...found].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([word]) => word);
}

/**
 * The prose inside a value (frontmatter data), depth first: strings with a space in them. Single
 * tokens are slugs, enum values, ids or URLs, which are not words a page shows.
 */
export function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return /\s/.test(value.trim()) ? [value] : [];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value && typeof value === 'object' && !(value instanceof Date)) return Object.values(value).flatMap(stringsIn);
  return [];
}
