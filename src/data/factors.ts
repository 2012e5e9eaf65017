/**
 * The contributing-factor vocabulary beside the postmortems (content/factors.yaml), read with
 * the knowledge base and shared through the per-build memo: a facet declared in a file gets its
 * terms here, so its pages show names and definitions as a facet with a closed list does.
 */
import type { Term } from '../lib/core/taxonomy.ts';
import type { Facet } from '../lib/site/facets.ts';
import type { FactorVocabulary } from '../lib/incidents/factor-vocabulary.ts';
import { perBuild } from './per-build.ts';

/** Factors by slug, with names, descriptions, aliases and cues. */
export const getFactorVocabulary = perBuild((kb): FactorVocabulary => kb.factors);

/** A facet's terms: its closed list in code, or, for a facet declared in a file, the terms read from it. */
export const getFacetTerms = perBuild((kb) => {
  const factorTerms: Record<string, Term> = Object.fromEntries(
    kb.factors.factors.map((factor) => [factor.slug, { label: factor.name, description: factor.description }]),
  );
  return (facet: Facet): Readonly<Record<string, Term>> | undefined =>
    facet.vocabulary ?? (facet.declaredIn === 'content/factors.yaml' && kb.factors.declared ? factorTerms : undefined);
});
