/**
 * The excerpt under a result: the stretch of the page's indexed text with the most matched
 * words, escaped, with those words in <mark>. Built from every term's matches (Pagefind's own
 * excerpt only knows the one search it came from). Pure.
 */

const escapeHtml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

/**
 * `length` words of `content` (Pagefind's page text; `locations` index its whitespace-separated
 * words) around the densest run of matches, as HTML.
 */
export function excerptHtml(content: string, locations: readonly number[], length = 30): string {
  const words = content.split(/\s+/).filter(Boolean);
  if (words.length === 0) return '';
  const marked = new Set(locations.filter((at) => at >= 0 && at < words.length));
  let start = 0;
  let best = -1;
  // The window that holds the most matches; with none, the start of the page.
  for (const at of [...marked].sort((a, b) => a - b)) {
    const from = Math.max(0, Math.min(at - Math.floor(length / 4), words.length - length));
    let count = 0;
    for (let i = from; i < from + length; i++) if (marked.has(i)) count++;
    if (count > best) {
      best = count;
      start = from;
    }
  }
  const end = Math.min(words.length, start + length);
  const html = words
    .slice(start, end)
    .map((word, offset) => (marked.has(start + offset) ? `<mark>${escapeHtml(word)}</mark>` : escapeHtml(word)))
    .join(' ');
  return `${start > 0 ? '…' : ''}${html}${end < words.length ? '…' : ''}`;
}
