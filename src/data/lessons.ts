/**
 * Lessons across incidents (what stopped near misses, got lucky, went well), gathered once per
 * build for /lessons/ and every page of each group.
 */
import { perBuild } from './per-build.ts';
import { lessonsAcross } from '../lib/incidents/lessons.ts';

// Incidents are newest first, so each group is too.
export const getLessons = perBuild(({ incidents }) =>
  lessonsAcross(incidents.map((incident) => ({ id: incident.summary.id, data: incident.entry.data }))),
);
