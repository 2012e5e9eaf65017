import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { postmortemSchema, SLUG_PATTERN, type Postmortem } from '../../src/lib/core/schema.ts';
import { keysOf, rootCauseCategories, severities } from '../../src/lib/core/taxonomy.ts';
import { SEARCH_FILTERS } from '../../src/lib/search/url.ts';
import {
  countWithoutValue,
  facetList,
  facets,
  facetValuesOf,
  indexFacets,
  listedValues,
  pagedFacets,
  searchFacets,
  valueDefinition,
  valueHeading,
  valueLabel,
  type FacetValues,
} from '../../src/lib/site/facets.ts';
import { listingSlug, routes, withBase } from '../../src/lib/site/routes.ts';
import { validFrontmatter } from '../helpers/postmortem.ts';

/** A valid postmortem with some fields changed, root-cause categories among them. */
function postmortem(change: Record<string, unknown> = {}, categories?: string[]): Postmortem {
  const data = { ...validFrontmatter(), ...change };
  if (categories) data.rootCause = { ...(data.rootCause as object), categories };
  return postmortemSchema.parse(data);
}

interface Item {
  id: string;
  values: FacetValues;
}

function item(id: string, year: number, categories: string[], change: Record<string, unknown>): Item {
  return { id, values: facetValuesOf({ data: postmortem(change, categories), year }) };
}

const items = [
  item('a', 2024, ['database'], { severity: 'sev3', services: ['api'] }),
  item('b', 2024, ['database', 'capacity'], { severity: 'sev1', services: ['api'] }),
  item('c', 2023, ['network-dns'], { severity: 'sev1', services: ['api', 'web'] }),
  item('d', 2022, [], { status: 'draft', severity: undefined, services: ['api'], detection: {} }),
];
const index = indexFacets(items, (entry) => entry.values);
const counts = (key: keyof typeof index) => index[key].map(({ value, count }) => ({ value, count }));

describe('facet registry', () => {
  it('lists the facets in navigation order, each under its own key', () => {
    assert.deepEqual(
      facetList.map((facet) => facet.key),
      ['category', 'severity', 'detection', 'service', 'year', 'factor', 'kind'],
    );
    for (const [key, facet] of Object.entries(facets)) assert.equal(facet.key, key);
  });

  it('gives category, severity, service and year pages, and detection none', () => {
    assert.deepEqual(
      pagedFacets.map((facet) => [facet.key, facet.pages.segment]),
      [
        ['category', 'categories'],
        ['severity', 'severities'],
        ['service', 'services'],
        ['year', 'years'],
        ['factor', 'factors'],
        ['kind', 'kinds'],
      ],
    );
    assert.deepEqual(
      pagedFacets.filter((facet) => facet.pages.index).map((facet) => facet.key),
      ['category', 'severity', 'service', 'year', 'factor', 'kind'],
    );
  });

  it('puts no two facets, and no facet and another route, under the same first path segment', () => {
    const segments = pagedFacets.map((facet) => facet.pages.segment);
    assert.equal(new Set(segments).size, segments.length);
    const others = [
      routes.postmortems(),
      routes.postmortem('x'),
      routes.search(),
      routes.searchBundle(),
      routes.insights(),
      routes.followUps(),
      routes.feed(),
      routes.favicon(),
      'api/',
      '_astro/',
    ].map((path) => path.split('/')[0]);
    for (const segment of segments) {
      assert.match(segment, SLUG_PATTERN);
      assert.ok(!others.includes(segment), `${segment} is taken by another route`);
    }
  });

  it('builds the same URLs the site has always had', () => {
    const url = (path: string) => withBase('/kb/', path);
    assert.equal(url(routes.facetIndex(facets.category)), '/kb/categories/');
    assert.equal(url(routes.facetIndex(facets.service)), '/kb/services/');
    assert.equal(url(routes.facetValue(facets.category, 'database')), '/kb/categories/database/');
    assert.equal(url(routes.facetValue(facets.service, 'checkout-api')), '/kb/services/checkout-api/');
    assert.equal(url(routes.facetValue(facets.severity, 'sev1')), '/kb/severities/sev1/');
    assert.equal(url(routes.facetValue(facets.year, '2024', listingSlug('date', 2))), '/kb/years/2024/page/2/');
    assert.equal(
      url(routes.facetValue(facets.category, 'database', listingSlug('duration', 3))),
      '/kb/categories/database/sort/duration/page/3/',
    );
  });
});

describe('facet values', () => {
  it('reads each facet from the validated frontmatter and the start year', () => {
    const values = facetValuesOf({ data: postmortem(), year: 2024 });
    assert.deepEqual(values, {
      category: ['config-change', 'capacity'],
      severity: ['sev2'],
      detection: ['monitoring-alert'],
      service: ['checkout-api'],
      year: ['2024'],
      // A plain-sentence factor is not yet classified, so it names no factor.
      factor: [],
      kind: ['incident'],
    });
    const classified = postmortem({
      kind: 'near-miss',
      preventedBy: 'The canary halted it.',
      rootCause: {
        categories: [],
        contributingFactors: [
          { factor: 'config-push', note: 'A flag.' },
          'Plain.',
          { factor: 'config-push', note: 'Again.' },
          { factor: 'capacity', note: 'A pool.' },
        ],
      },
    });
    const read = facetValuesOf({ data: classified, year: 2024 });
    assert.deepEqual(read.factor, ['config-push', 'capacity'], 'each factor once, in the order written');
    assert.deepEqual(read.kind, ['near-miss']);
  });

  it('gives a draft without severity or detection method no value for them', () => {
    assert.deepEqual(items[3].values.severity, []);
    assert.deepEqual(items[3].values.detection, []);
  });

  it('yields URL-safe values for every facet with pages', () => {
    for (const entry of items)
      for (const facet of pagedFacets)
        for (const value of entry.values[facet.key]) assert.match(value, SLUG_PATTERN, `${facet.key}: ${value}`);
  });

  it('labels vocabulary values with their term and others as written', () => {
    assert.equal(valueLabel(facets.category, 'network-dns'), 'Network / DNS');
    assert.equal(valueLabel(facets.severity, 'sev1'), 'SEV1');
    assert.equal(valueLabel(facets.detection, 'customer-report'), 'Customer report');
    assert.equal(valueLabel(facets.service, 'checkout-api'), 'checkout-api');
    assert.equal(valueDefinition(facets.category, 'database'), rootCauseCategories.database.description);
    assert.equal(valueDefinition(facets.service, 'checkout-api'), undefined);
  });

  it('heads a value page with the facet and the value, or the facet own heading', () => {
    assert.equal(valueHeading(facets.category, 'database'), 'Root cause: Database');
    assert.equal(valueHeading(facets.severity, 'sev2'), 'Severity: SEV2');
    assert.equal(valueHeading(facets.service, 'edge-cdn'), 'Service: edge-cdn');
    assert.equal(valueHeading(facets.year, '2023'), 'Postmortems of 2023');
    assert.equal(facets.year.pages.note('2023'), 'Incidents that started in 2023, by the day their postmortem gives.');
  });
});

describe('facet counts', () => {
  it('orders categories and services by count, severities by the scale and years newest first', () => {
    assert.deepEqual(counts('category'), [
      { value: 'database', count: 2 },
      { value: 'capacity', count: 1 },
      { value: 'network-dns', count: 1 },
    ]);
    assert.deepEqual(counts('severity'), [
      { value: 'sev1', count: 2 },
      { value: 'sev3', count: 1 },
    ]);
    assert.deepEqual(counts('service'), [
      { value: 'api', count: 4 },
      { value: 'web', count: 1 },
    ]);
    assert.deepEqual(
      index.year.map((group) => group.value),
      ['2024', '2023', '2022'],
    );
    assert.deepEqual(counts('detection'), [{ value: 'monitoring-alert', count: 3 }]);
  });

  it('orders years as numbers, so a year before 1000 comes after 2024', () => {
    const early = indexFacets(
      [item('a', 627, ['database'], {}), item('b', 2024, ['database'], {}), item('c', 1628, ['database'], {})],
      (entry) => entry.values,
    );
    assert.deepEqual(
      early.year.map((group) => group.value),
      ['2024', '1628', '627'],
    );
  });

  it('keeps each value with its items in the order given', () => {
    assert.deepEqual(
      index.severity[0].items.map((entry) => entry.id),
      ['b', 'c'],
    );
    assert.deepEqual(
      index.year[0].items.map((entry) => entry.id),
      ['a', 'b'],
    );
  });

  it('counts an item once per value and leaves out values outside a vocabulary', () => {
    const odd: FacetValues = {
      category: ['database', 'database', 'not-a-category'],
      severity: [],
      detection: [],
      service: ['api', 'api'],
      year: ['2024'],
      factor: [],
      kind: ['incident'],
    };
    const oddIndex = indexFacets([odd], (values) => values);
    assert.deepEqual(
      oddIndex.category.map(({ value, count }) => [value, count]),
      [['database', 1]],
    );
    assert.deepEqual(
      oddIndex.service.map(({ value, count }) => [value, count]),
      [['api', 1]],
    );
  });

  it('counts the items each facet has no value for, so every item is counted somewhere', () => {
    assert.deepEqual(
      countWithoutValue(items, (entry) => entry.values),
      { category: 1, severity: 1, detection: 1, service: 0, year: 0, factor: 4, kind: 0 },
    );
    // A value outside the vocabulary is not counted, so its item counts as having none.
    const odd: FacetValues = {
      category: ['not-a-category'],
      severity: [],
      detection: [],
      service: [],
      year: [],
      factor: [],
      kind: ['not-a-kind'],
    };
    assert.deepEqual(
      countWithoutValue([odd], (values) => values),
      {
        category: 1,
        severity: 1,
        detection: 1,
        service: 1,
        year: 1,
        factor: 1,
        kind: 1,
      },
    );
    for (const facet of facetList) {
      const counted = new Set(index[facet.key].flatMap((group) => group.items.map((entry) => entry.id)));
      assert.equal(
        counted.size + countWithoutValue(items, (entry) => entry.values)[facet.key],
        items.length,
        `${facet.key}: with a value or without, each item once`,
      );
    }
  });

  it('names the items without a value in words a reader knows', () => {
    assert.deepEqual(Object.fromEntries(facetList.map((facet) => [facet.key, facet.none])), {
      category: 'Not categorised',
      severity: 'No severity',
      detection: 'No detection method',
      service: 'No service named',
      year: 'Unknown start year',
      factor: 'No factor named',
      kind: 'No kind',
    });
  });

  it('lists every vocabulary term on a facet with a vocabulary, used or not, and only present values otherwise', () => {
    const categories = listedValues(facets.category, index.category);
    assert.deepEqual(
      categories.map((group) => group.value),
      keysOf(rootCauseCategories),
    );
    assert.equal(categories.find((group) => group.value === 'expiry')?.count, 0);
    assert.deepEqual(
      listedValues(facets.severity, index.severity).map(({ value, count }) => [value, count]),
      keysOf(severities).map((value) => [value, value === 'sev1' ? 2 : value === 'sev3' ? 1 : 0]),
    );
    assert.deepEqual(
      listedValues(facets.service, index.service).map((group) => group.value),
      ['api', 'web'],
    );
  });

  it('lists a declared facet with the terms read from its file, by count, and a value outside them too', () => {
    const terms = {
      capacity: { label: 'Capacity', description: 'Load met a limit.' },
      'config-push': { label: 'Config push', description: 'A pushed change.' },
      'time-handling': { label: 'Time handling', description: 'Clocks.' },
    };
    const groups = [
      { value: 'config-push', count: 3, items: [] },
      { value: 'capacity', count: 1, items: [] },
      { value: 'undeclared', count: 1, items: [] },
    ];
    assert.deepEqual(
      listedValues(facets.factor, groups, terms).map(({ value, count }) => [value, count]),
      [
        ['config-push', 3],
        ['capacity', 1],
        ['undeclared', 1],
        ['time-handling', 0],
      ],
    );
    assert.equal(valueLabel(facets.factor, 'capacity', terms), 'Capacity');
    assert.equal(valueDefinition(facets.factor, 'constructor', terms), undefined, 'own properties only');
    assert.deepEqual(
      listedValues(facets.factor, groups).map((group) => group.value),
      ['config-push', 'capacity', 'undeclared'],
      'without its file, only the values present',
    );
  });
});

describe('search and figures', () => {
  it('makes every search facet a filter, named as the search URL and the index name it', () => {
    assert.deepEqual(SEARCH_FILTERS, ['category', 'severity', 'detection', 'service', 'year', 'factor', 'kind']);
    assert.deepEqual(
      searchFacets.filter((facet) => facet.search.open).map((facet) => facet.search.filter),
      ['category', 'severity'],
    );
  });

  it('charts figures on category and service pages, each beside the other', () => {
    assert.deepEqual(
      facetList.flatMap((facet) => (facet.figures ? [[facet.key, facet.figures.other]] : [])),
      [
        ['category', 'services'],
        ['service', 'categories'],
      ],
    );
  });
});
