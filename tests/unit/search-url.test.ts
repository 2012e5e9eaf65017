import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanFilters, parseSearchParams, toSearchParams, type FilterLabels } from '../../src/lib/search/url.ts';

const labels: FilterLabels = {
  category: { database: 'Database', 'network-dns': 'Network / DNS' },
  severity: { sev1: 'SEV1' },
};

test('URL slugs become the labels the index filters on, and back', () => {
  const state = parseSearchParams(
    new URLSearchParams('q=deadlock&category=database&category=network-dns&year=2023'),
    labels,
  );
  assert.deepEqual(state, {
    query: 'deadlock',
    filters: { category: ['Database', 'Network / DNS'], year: ['2023'] },
    sort: undefined,
  });
  assert.equal(toSearchParams(state, labels), '?q=deadlock&category=database&category=network-dns&year=2023');
});

test('the query string is stable: filter order, duplicates and spaces do not matter', () => {
  const a = parseSearchParams(
    new URLSearchParams('category=network-dns&category=database&q=%20missing%20index%20'),
    labels,
  );
  const b = parseSearchParams(
    new URLSearchParams('q=missing+index&category=database&category=network-dns&category=database'),
    labels,
  );
  assert.equal(toSearchParams(a, labels), toSearchParams(b, labels));
  assert.equal(toSearchParams(a, labels), '?q=missing%20index&category=database&category=network-dns');
});

test('unknown parameters and sorts are ignored; an empty search is an empty query string', () => {
  const state = parseSearchParams(new URLSearchParams('utm_source=chat&sort=loudest&colour=red'), labels);
  assert.deepEqual(state, { query: '', filters: {}, sort: undefined });
  assert.equal(toSearchParams(state, labels), '');
  assert.equal(toSearchParams({ query: '', filters: {}, sort: 'newest' }), '?sort=newest');
});

test('values without a label (services, years, unknown slugs) pass through unchanged', () => {
  const state = parseSearchParams(new URLSearchParams('service=checkout-api&category=not-a-category'), labels);
  assert.deepEqual(state.filters, { category: ['not-a-category'], service: ['checkout-api'] });
  assert.equal(toSearchParams(state, labels), '?category=not-a-category&service=checkout-api');
});

test('cleanFilters drops cleared and unknown filters', () => {
  assert.deepEqual(cleanFilters({ category: [], severity: ['SEV1'], colour: ['red'], year: '2024' }), {
    severity: ['SEV1'],
    year: ['2024'],
  });
});
