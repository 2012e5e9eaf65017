/**
 * Cache keys for Astro's incremental build (`experimental.incrementalBuild`): a page returned
 * by `getStaticPaths()` with a `cacheKey` is copied from the previous build instead of being
 * rendered again when its key and its code (Astro hashes the page's module graph) are both
 * unchanged. So a key must be a digest of everything the page shows that does not come from
 * code: here, always the very values the page's template and components read, never a guess.
 * A build test (tests/build/incremental.test.ts) holds every route to that: after an edit, an
 * incremental build writes the same bytes as a cold one.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildClockMs } from '../lib/incidents/build-clock.ts';
import { serviceCatalogPath } from '../lib/site/services.ts';
import { factorVocabularyFile } from '../node/factor-vocabulary.ts';
import type { FacetIndex } from '../lib/site/facets.ts';
import type { IncidentSummary } from '../lib/site/listing.ts';
import { CONTENT_DIR, site } from '../site.config.ts';
import { getRecurrenceOf } from './insights.ts';
import { getKnowledgeBase, type Incident } from './postmortems.ts';
import { getSimilarIndex } from './similar.ts';
import { getFollowUps } from './follow-ups.ts';
import { perBuild } from './per-build.ts';

/** Maps and Sets as entries; functions are code, which Astro's dependency hash covers. */
function plain(_key: string, value: unknown): unknown {
  if (value instanceof Map) return [...value];
  if (value instanceof Set) return [...value];
  return value;
}

function digest(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value, plain)).digest('base64url');
}

let shared: string | undefined;

/**
 * What every page may show besides its own data: the site settings (title and edit links come
 * from the environment), the service catalog (names and owners of services) and the factor
 * vocabulary (names and definitions of contributing factors).
 */
function sharedKey(): string {
  if (shared === undefined) {
    const catalog = serviceCatalogPath(resolve(CONTENT_DIR));
    const factors = factorVocabularyFile(resolve(CONTENT_DIR));
    shared = digest([
      site,
      existsSync(catalog) ? readFileSync(catalog, 'utf8') : null,
      factors ? readFileSync(factors, 'utf8') : null,
    ]);
  }
  return shared;
}

/** The key of a page showing `parts` (plain values; entries are represented by their digest). */
export function pageKey(...parts: unknown[]): string {
  return digest([sharedKey(), parts]);
}

/**
 * An incident by the digest of its file: the content loader stores each entry with a digest of
 * its text and of the code that checks and renders it, so data, body and HTML are all covered.
 */
export function incidentDigest(incident: Incident): string {
  const stored = incident.entry.digest;
  return stored !== undefined
    ? String(stored)
    : digest([incident.entry.data, incident.entry.body, incident.entry.rendered]);
}

/** Counts per facet value: what the facet navigation beside a listing shows. */
export function facetCountsKey(byFacet: FacetIndex<unknown>): string {
  return digest(
    Object.entries(byFacet).map(([key, groups]) => [key, groups.map((group) => [group.value, group.count])]),
  );
}

/** The follow-up board as a whole: every follow-up page shows its totals and the build's day. */
export const followUpsKey = perBuild(async () => digest(await getFollowUps()));

export interface IncidentPageProps {
  incident: Incident;
  newer?: IncidentSummary;
  older?: IncidentSummary;
  related: IncidentSummary[];
}

/**
 * Keys for incident pages. Besides its own file, an incident page shows its neighbours and
 * related incidents (as summaries), its similar incidents and key terms (computed over the whole
 * corpus, so another file's edit can change them), a recurrence note naming an earlier incident,
 * its edit link and overdue marks judged against the build's day.
 */
export async function incidentPageKeys(): Promise<(props: IncidentPageProps) => string> {
  const [similar, recurrenceOf, { byId }] = await Promise.all([
    getSimilarIndex(),
    getRecurrenceOf(),
    getKnowledgeBase(),
  ]);
  const nowMs = buildClockMs();
  return ({ incident, newer, older, related }) => {
    const id = incident.entry.id;
    const recurrence = recurrenceOf.get(id);
    return pageKey(
      incidentDigest(incident),
      incident.entry.filePath,
      nowMs,
      newer,
      older,
      related,
      similar.similarTo(id),
      similar.keyTermsOf(id),
      recurrence,
      recurrence && byId.get(recurrence.earlierId)?.summary,
    );
  };
}
