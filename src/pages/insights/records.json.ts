/**
 * The insights page's records, fetched when a reader filters or breaks figures down: every
 * published postmortem reduced to the numbers the figures need (no titles, no text).
 */
import type { APIRoute } from 'astro';
import { getInsights } from '../../data/insights.ts';

export const GET: APIRoute = async () => {
  const { encoded } = await getInsights();
  return new Response(JSON.stringify(encoded), { headers: { 'Content-Type': 'application/json' } });
};
