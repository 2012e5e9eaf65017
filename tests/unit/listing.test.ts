import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { listingPages, sortIncidents, type IncidentSummary } from '../../src/lib/site/listing.ts';
import { facets } from '../../src/lib/site/facets.ts';
import { listingSlug, routes, withBase } from '../../src/lib/site/routes.ts';
import { median, quantile } from '../../src/lib/statistics/quantiles.ts';

const HOUR = 3_600_000;
function item(
  id: string,
  startedMs: number,
  severity: IncidentSummary['severity'],
  durationMs: number | undefined,
  categories: IncidentSummary['categories'] = ['database'],
): IncidentSummary {
  return {
    id,
    title: id,
    summary: id,
    severity,
    categories,
    services: ['api'],
    started: '',
    startedDay: new Date(startedMs).toISOString().slice(0, 10),
    sortMs: startedMs,
    durationMs,
    year: new Date(startedMs).getUTCFullYear(),
    status: 'published',
    kind: 'incident',
  };
}

const items = [
  item('a', Date.UTC(2024, 0, 1), 'sev3', 1 * HOUR),
  item('b', Date.UTC(2024, 5, 1), 'sev1', 0.5 * HOUR, ['database', 'capacity']),
  item('c', Date.UTC(2023, 5, 1), 'sev1', 9 * HOUR, ['network-dns']),
  item('d', Date.UTC(2022, 5, 1), undefined, undefined, []),
];
// An incident whose start is unknown sorts after every dated one and has no year.
const undated: IncidentSummary = {
  ...item('e', 0, 'sev2', undefined),
  startedDay: undefined,
  sortMs: undefined,
  year: undefined,
};

describe('sorting', () => {
  it('sorts newest first, longest first, and most severe first with unset severity last', () => {
    assert.deepEqual(
      sortIncidents(items, 'date').map((i) => i.id),
      ['b', 'a', 'c', 'd'],
    );
    assert.deepEqual(
      sortIncidents([undated, ...items], 'date').map((i) => i.id),
      ['b', 'a', 'c', 'd', 'e'],
    );
    assert.deepEqual(
      sortIncidents(items, 'duration').map((i) => i.id),
      ['c', 'a', 'b', 'd'],
    );
    assert.deepEqual(
      sortIncidents(items, 'severity').map((i) => i.id),
      ['b', 'c', 'a', 'd'],
    );
  });
});

describe('listing pages', () => {
  it('paginates every sort order with stable slugs', () => {
    const pages = listingPages(items, 3);
    assert.equal(pages.length, 6);
    assert.deepEqual(
      pages.map((p) => p.slug),
      [undefined, 'page/2', 'sort/duration', 'sort/duration/page/2', 'sort/severity', 'sort/severity/page/2'],
    );
    assert.deepEqual(
      pages[1].items.map((i) => i.id),
      ['d'],
    );
    assert.equal(pages[0].pageCount, 2);
    assert.equal(pages[0].total, 4);
  });

  it('gives an empty listing one empty page', () => {
    const pages = listingPages([], 25);
    assert.equal(pages.length, 3);
    assert.deepEqual(pages[0].items, []);
    assert.equal(listingSlug('date', 1), undefined);
  });
});

describe('paths', () => {
  it('prefixes every route with the base, with or without a trailing slash', () => {
    assert.equal(withBase('/', routes.postmortem('x')), '/postmortems/x/');
    assert.equal(withBase('/kb', routes.postmortem('x')), '/kb/postmortems/x/');
    assert.equal(
      withBase('/kb/', routes.facetValue(facets.category, 'database', 'page/2')),
      '/kb/categories/database/page/2/',
    );
    assert.equal(withBase('/kb/'), '/kb/');
    assert.equal(withBase('/kb/', 'favicon.svg'), '/kb/favicon.svg');
    assert.equal(withBase('/kb/', 'search/?q=deadlock'), '/kb/search/?q=deadlock');
  });
});

describe('quantiles', () => {
  it('interpolates between closest ranks', () => {
    assert.equal(median([1, 3, 2]), 2);
    assert.equal(median([1, 2, 3, 4]), 2.5);
    assert.equal(quantile([10, 20, 30, 40, 50], 0.9), 46);
    assert.equal(quantile([], 0.5), undefined);
    assert.throws(() => quantile([1], 2), RangeError);
  });
});
