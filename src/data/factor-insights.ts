/**
 * The contributing-factor, coordination and severity–duration figures of the insights page,
 * computed once per build from every visible postmortem (see src/lib/insights/factor-figures.ts).
 */
import { resolve } from 'node:path';
import { computeFactorFigures, factorFactsOf, type FactorFigures } from '../lib/insights/factor-figures.ts';
import { factorName } from '../lib/incidents/factor-vocabulary.ts';
import { facets } from '../lib/site/facets.ts';
import { routes } from '../lib/site/routes.ts';
import { readFactorVocabulary } from '../node/factor-vocabulary.ts';
import { CONTENT_DIR } from '../site.config.ts';
import { href } from './postmortems.ts';
import { perBuild } from './per-build.ts';

export const getFactorFigures = perBuild((kb): FactorFigures => {
  const vocabulary = readFactorVocabulary(resolve(CONTENT_DIR)).vocabulary;
  const facts = kb.incidents.map((incident) =>
    factorFactsOf(incident.summary.id, incident.entry.data, incident.summary.services, incident.times.durationMs),
  );
  return computeFactorFigures(facts, {
    nameOf: (slug) => factorName(vocabulary, slug),
    factorHref: (slug) => href(routes.facetValue(facets.factor, slug)),
    serviceName: (slug) => kb.services.resolve(slug).name,
  });
});
