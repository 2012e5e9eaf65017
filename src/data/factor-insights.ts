/**
 * The contributing-factor, coordination and severity–duration figures of the insights page,
 * computed once per build from every visible postmortem (see src/lib/insights/factor-figures.ts).
 */
import { computeFactorFigures, factorFactsOf, type FactorFigures } from '../lib/insights/factor-figures.ts';
import { factorName } from '../lib/incidents/factor-vocabulary.ts';
import { facets } from '../lib/site/facets.ts';
import { routes } from '../lib/site/routes.ts';
import { href } from './postmortems.ts';
import { perBuild } from './per-build.ts';

export const getFactorFigures = perBuild((kb): FactorFigures => {
  // The vocabulary the knowledge base read with the postmortems, not a second read of the file.
  const vocabulary = kb.factors;
  const facts = kb.incidents.map((incident) =>
    factorFactsOf(incident.summary.id, incident.entry.data, incident.summary.services, incident.times.durationMs),
  );
  return computeFactorFigures(facts, {
    nameOf: (slug) => factorName(vocabulary, slug),
    factorHref: (slug) => href(routes.facetValue(facets.factor, slug)),
    serviceName: (slug) => kb.services.resolve(slug).name,
  });
});
