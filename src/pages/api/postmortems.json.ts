/**
 * `/api/postmortems.json`: every published postmortem's frontmatter plus computed durations.
 * The shape is PostmortemsExport (src/lib/incidents/export.ts), documented in docs/api.md.
 */
import type { APIRoute } from 'astro';
import { getKnowledgeBase, href } from '../../data/postmortems.ts';
import { buildClockMs } from '../../lib/incidents/build-clock.ts';
import { exportEntry, postmortemsExport } from '../../lib/incidents/export.ts';
import { routes } from '../../lib/site/routes.ts';

export const GET: APIRoute = async ({ site }) => {
  const { incidents } = await getKnowledgeBase();
  const nowMs = buildClockMs();
  const entries = incidents
    // The knowledge base already leaves drafts out of production builds; the export says so in its own words too.
    .filter((incident) => incident.entry.data.status === 'published')
    .map((incident) => {
      const path = href(routes.postmortem(incident.summary.id));
      return exportEntry(
        incident.summary.id,
        site ? new URL(path, site).href : path,
        incident.entry.data,
        incident.times,
      );
    });
  return new Response(JSON.stringify(postmortemsExport(entries, nowMs)), {
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
};
