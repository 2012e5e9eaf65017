/**
 * Words to search for, from an address that led nowhere: `/kb/postmortems/2024-03-08-auth-outage/`
 * gives "auth outage". The 404 page offers them as a search.
 */
const STRUCTURE = new Set([
  'postmortems',
  'categories',
  'services',
  'severities',
  'years',
  'page',
  'sort',
  'index',
  'html',
]);

export function wordsFromPath(pathname: string, base = '/'): string {
  let path = pathname;
  if (base !== '/' && path.startsWith(base)) path = path.slice(base.length);
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    // A malformed escape: search for the path as it is.
  }
  return decoded
    .split('/')
    .flatMap((segment) => segment.replace(/\.html?$/i, '').split(/[-_.+\s]+/))
    .filter((word) => word && !STRUCTURE.has(word.toLowerCase()) && !/^\d+$/.test(word))
    .join(' ')
    .slice(0, 100);
}
