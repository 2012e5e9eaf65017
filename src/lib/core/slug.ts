/**
 * Slugs: the lower-case words joined by hyphens that entry ids, services and tags are written
 * in, and the one function that makes them from free text.
 */

/** Entry ids and the other slugs we route on: lower-case words joined by hyphens. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Lower-case ASCII words of `text` joined by hyphens (accents dropped), cut at a word boundary
 * once longer than `maxLength`; empty when the text has no letters or digits.
 */
export function slugOf(text: string, maxLength = Infinity): string {
  const words = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let slug = '';
  for (const word of words) {
    if (slug && slug.length + word.length + 1 > maxLength) break;
    slug = slug ? `${slug}-${word}` : word;
  }
  return slug;
}
