/**
 * Contributing factors as every consumer reads them: the page, the facet, the figures, the
 * per-service JSON and the similarity model all go through `factorsOf`, so a plain sentence
 * (not yet classified) and a classified `{ factor, note }` are read one way.
 */
import type { Postmortem } from '../core/schema.ts';

/**
 * One contributing factor: the vocabulary slug when classified, and the author's sentence when
 * written. A plain sentence has no factor; a classified factor may have no sentence yet (an
 * importer that classified from a collection's category writes none rather than inventing one).
 */
export interface FactorNote {
  /** Slug declared in content/factors.yaml; undefined while the sentence is not classified. */
  factor?: string;
  /** The author's sentence; undefined while nobody has written it. */
  note?: string;
}

/** The contributing factors of a postmortem, in the order written. */
export function factorsOf(data: Pick<Postmortem, 'rootCause'>): FactorNote[] {
  return data.rootCause.contributingFactors.map((item) =>
    typeof item === 'string'
      ? { note: item }
      : item.note === undefined
        ? { factor: item.factor }
        : { factor: item.factor, note: item.note },
  );
}

/** The distinct factor slugs a postmortem names, in the order first written. */
export function factorSlugsOf(data: Pick<Postmortem, 'rootCause'>): string[] {
  return [...new Set(factorsOf(data).flatMap((item) => (item.factor ? [item.factor] : [])))];
}

/** The authors' sentences alone, classified or not, for search and similarity. */
export function factorNotesOf(data: Pick<Postmortem, 'rootCause'>): string[] {
  return factorsOf(data).flatMap((item) => (item.note === undefined ? [] : [item.note]));
}
