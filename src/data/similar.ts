/**
 * Similar incidents for every postmortem, computed once per build over the whole knowledge
 * base (the same set of postmortems the site publishes) and shared by every incident page.
 */
import type { KnowledgeBase } from './postmortems.ts';
import { perBuild } from './per-build.ts';
import { computeSimilarity, describeMatch, type SimilarMatch } from '../lib/similarity/similar-incidents.ts';
import type { IncidentSummary } from '../lib/site/listing.ts';
import { labelOf, rootCauseCategories } from '../lib/core/taxonomy.ts';

export interface SimilarIncident {
  summary: IncidentSummary;
  match: SimilarMatch;
  /** e.g. "same category: database; shared terms: index, query". */
  reason: string;
}

export interface SimilarIndex {
  similarTo(id: string): SimilarIncident[];
  /** Words that best characterise an incident's root cause, for a "search for similar" link. */
  keyTermsOf(id: string): string[];
}

function build({ incidents, byId }: KnowledgeBase): SimilarIndex {
  const { similar, keyTerms } = computeSimilarity(
    incidents.map(({ entry, summary }) => ({
      id: entry.id,
      // Drafts (dev only) may not say yet; an empty field simply adds no words.
      rootCause: entry.data.rootCause.description ?? '',
      trigger: entry.data.rootCause.trigger ?? '',
      summary: entry.data.summary ?? '',
      categories: entry.data.rootCause.categories,
      services: summary.services,
    })),
  );
  const category = (value: string) => labelOf(rootCauseCategories, value).toLowerCase();
  return {
    similarTo: (id) =>
      (similar.get(id) ?? []).flatMap((match) => {
        const other = byId.get(match.id);
        return other ? [{ summary: other.summary, match, reason: describeMatch(match, { category }) }] : [];
      }),
    keyTermsOf: (id) => keyTerms.get(id) ?? [],
  };
}

/** Similarity over all published postmortems, computed once per build. */
export const getSimilarIndex = perBuild(build);
