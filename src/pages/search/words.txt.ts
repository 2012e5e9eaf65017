/**
 * Every word the published postmortems contain, most common first, one a line: "did you mean"
 * picks its correction from it. Fetched only when a searched word finds nothing at all.
 */
import type { APIRoute } from 'astro';
import { toString } from 'mdast-util-to-string';
import { markdownTree } from '../../lib/content/markdown-tree.ts';
import { getKnowledgeBase } from '../../data/postmortems.ts';
import { stringsIn, wordListOf } from '../../lib/search/word-list.ts';

export const GET: APIRoute = async () => {
  const { incidents } = await getKnowledgeBase();
  const documents = incidents.map(({ entry }) =>
    [
      ...stringsIn(entry.data),
      toString(markdownTree(entry.body ?? '', { position: false }), { includeHtml: false }),
    ].join('\n'),
  );
  return new Response(wordListOf(documents).join('\n'), { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
};
