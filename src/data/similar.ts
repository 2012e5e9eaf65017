/**
 * Similar incidents for every postmortem, computed once per build over the whole knowledge
 * base (the same set of postmortems the site publishes) and shared by every incident page.
 */
import type { KnowledgeBase } from './postmortems.ts';
import { perBuild } from './per-build.ts';
import { computeSimilarity, describeMatch, type SimilarMatch } from '../lib/similarity/similar-incidents.ts';
import { formatOfFile, similarityInputOf } from '../lib/similarity/incident-record.ts';
import type { IncidentSummary } from '../lib/site/listing.ts';

export interface SimilarIncident {
  summary: IncidentSummary;
  match: SimilarMatch;
  /** e.g. "shared: leap second, clock; same service: ntp". */
  reason: string;
}

export interface SimilarIndex {
  similarTo(id: string): SimilarIncident[];
  /** Words that best characterise an incident's root cause, for a "search for similar" link. */
  keyTermsOf(id: string): string[];
}

function build({ incidents, byId }: KnowledgeBase): SimilarIndex {
  const { similar, keyTerms } = computeSimilarity(
    incidents.map(({ entry, summary }) =>
      similarityInputOf(
        { id: entry.id, data: entry.data, body: entry.body ?? '', format: formatOfFile(entry.filePath ?? '') },
        // Services as listed on the site: an alias counts as its service.
        summary.services,
      ),
    ),
  );
  return {
    similarTo: (id) =>
      (similar.get(id) ?? []).flatMap((match) => {
        const other = byId.get(match.id);
        return other ? [{ summary: other.summary, match, reason: describeMatch(match) }] : [];
      }),
    keyTermsOf: (id) => keyTerms.get(id) ?? [],
  };
}

/** Similarity over all published postmortems, computed once per build. */
export const getSimilarIndex = perBuild(build);
