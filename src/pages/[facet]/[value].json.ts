/**
 * `/services/<slug>.json`: one service's history for a catalog plugin (a Backstage entity page),
 * written for every service with a page. The shape is ServiceExport
 * (src/lib/site/service-export.ts), documented in docs/api.md.
 */
import type { APIRoute, InferGetStaticPropsType } from 'astro';
import { getKnowledgeBase, href } from '../../data/postmortems.ts';
import { getServiceHistories } from '../../data/service-history.ts';
import { getFactorVocabulary } from '../../data/factors.ts';
import { factorName } from '../../lib/incidents/factor-vocabulary.ts';
import { buildClockMs } from '../../lib/incidents/build-clock.ts';
import { facets, listedValues } from '../../lib/site/facets.ts';
import { routes } from '../../lib/site/routes.ts';
import { serviceExport } from '../../lib/site/service-export.ts';

export async function getStaticPaths() {
  const { byFacet, services } = await getKnowledgeBase();
  const histories = await getServiceHistories();
  const facet = facets.service;
  return listedValues(facet, byFacet.service).map(({ value }) => ({
    params: { facet: facet.pages.segment, value },
    props: { service: services.resolve(value), history: histories.get(value)! },
  }));
}

type Props = InferGetStaticPropsType<typeof getStaticPaths>;

export const GET: APIRoute<Props> = async ({ props, site }) => {
  const vocabulary = await getFactorVocabulary();
  const url = (path: string) => (site ? new URL(href(path), site).href : href(path));
  const body = serviceExport(
    props.service,
    props.history,
    {
      service: url(routes.facetValue(facets.service, props.service.slug)),
      postmortem: (id) => url(routes.postmortem(id)),
    },
    buildClockMs(),
    (slug) => factorName(vocabulary, slug),
  );
  return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json; charset=utf-8' } });
};
