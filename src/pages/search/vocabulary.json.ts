/**
 * The synonym groups and vague words of content/vocabulary.yaml, fetched by search on first use
 * (a few KB) so that any member of a group finds pages with the others and vague words weigh little. A broken file fails the build with
 * its file and line.
 */
import type { APIRoute } from 'astro';
import { readVocabulary } from '../../node/vocabulary.ts';
import { CONTENT_DIR } from '../../site.config.ts';

export const GET: APIRoute = () =>
  new Response(JSON.stringify(readVocabulary(CONTENT_DIR)), { headers: { 'Content-Type': 'application/json' } });
