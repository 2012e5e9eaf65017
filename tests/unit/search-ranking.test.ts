import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseQuery, distinctSearches } from '../../src/lib/search/query.ts';
import {
  informativeness,
  rankPages,
  rankingNotice,
  termWeight,
  type WordSearch,
} from '../../src/lib/search/ranking.ts';
import { vocabularyOf } from '../../src/lib/search/vocabulary.ts';

const hit = (id: string, score = 1, locations: number[] = []) => ({ id, score, locations });
const searches = (entries: Record<string, WordSearch>) => new Map(Object.entries(entries));

test('pages with every word come first, then pages with most of them, by how informative their words are', () => {
  const terms = parseQuery('thundering herd retry storm');
  const ranking = rankPages(
    terms,
    searches({
      thundering: { hits: [hit('a'), hit('b')], unfiltered: 2 },
      herd: { hits: [hit('a'), hit('b')], unfiltered: 2 },
      retry: { hits: [hit('b'), hit('c'), hit('d'), hit('e')], unfiltered: 40 },
      // "storm" is on no page: Pagefind ANDing the four words found nothing.
      storm: { hits: [], unfiltered: 0 },
    }),
    100,
  );
  assert.deepEqual(
    ranking.pages.map((page) => page.id),
    ['b', 'a', 'c', 'd', 'e'],
  );
  assert.equal(ranking.complete, 0);
  assert.deepEqual(
    ranking.missing.map((term) => term.written),
    ['storm'],
  );
  assert.equal(
    rankingNotice(terms, ranking),
    'No postmortem has all of “thundering”, “herd”, “retry”, “storm”; these have most of them. Nothing has “storm”.',
  );
});

test('a rare word outweighs a common one among pages that have some of the words', () => {
  const terms = parseQuery('deadlock outage');
  const ranking = rankPages(
    terms,
    searches({
      deadlock: { hits: [hit('rare', 1)], unfiltered: 3 },
      outage: { hits: [hit('common', 9)], unfiltered: 90 },
    }),
    100,
  );
  assert.deepEqual(
    ranking.pages.map((page) => page.id),
    ['rare', 'common'],
  );
  assert.ok(informativeness(3, 100) > informativeness(90, 100));
  assert.ok(informativeness(100, 100) >= 0, 'a word on every page weighs little, never less than nothing');
});

test('when some pages have every word, the notice says how many and the rest follow', () => {
  const terms = parseQuery('db deadlock');
  const ranking = rankPages(
    terms,
    searches({
      db: { hits: [hit('x'), hit('y')], unfiltered: 2 },
      deadlock: { hits: [hit('y'), hit('z')], unfiltered: 2 },
    }),
    10,
  );
  assert.equal(ranking.pages[0].id, 'y');
  assert.equal(ranking.complete, 1);
  assert.equal(rankingNotice(terms, ranking), 'The first has all of “db”, “deadlock”; the rest have some of them.');
  const all = rankPages(
    terms,
    searches({ db: { hits: [hit('y')], unfiltered: 1 }, deadlock: { hits: [hit('y')], unfiltered: 1 } }),
    10,
  );
  assert.equal(rankingNotice(terms, all), undefined, 'nothing to say when every page has every word');
});

test('a quoted phrase is strict: pages without it are no result, however many other words they have', () => {
  const terms = parseQuery('"split brain" failover');
  assert.deepEqual(
    terms.map((term) => [term.written, term.alternatives, term.required]),
    [
      ['"split brain"', ['"split brain"'], true],
      ['failover', ['failover'], false],
    ],
  );
  const ranking = rankPages(
    terms,
    searches({
      '"split brain"': { hits: [hit('p')], unfiltered: 1 },
      failover: { hits: [hit('p'), hit('q')], unfiltered: 2 },
    }),
    10,
  );
  assert.deepEqual(
    ranking.pages.map((page) => page.id),
    ['p'],
  );
});

test('an unpaired quote is an ordinary character', () => {
  assert.deepEqual(
    parseQuery('disk "full').map((term) => [term.written, term.required]),
    [
      ['disk', false],
      ['full', false],
    ],
  );
});

test('synonyms: any member of a group finds pages with any other, as one term of the query', () => {
  const vocabulary = vocabularyOf({
    synonyms: [
      ['k8s', 'kubernetes'],
      ['oom', 'out of memory'],
      ['lb', 'load balancer'],
    ],
  });
  const terms = parseQuery('K8s OOM', vocabulary);
  assert.deepEqual(
    terms.map((term) => term.alternatives),
    [
      ['k8s', 'kubernetes'],
      ['oom', '"out of memory"'],
    ],
  );
  // The longest member wins, so "load balancer" is one term and finds "lb" too. The words typed
  // are searched as typed; another member of several words as a phrase ("out of memory" for "oom").
  assert.deepEqual(
    parseQuery('load balancer timeout', vocabulary).map((term) => term.alternatives),
    [['lb', 'load balancer'], ['timeout']],
  );
  // Either alternative counts once: a page with "kubernetes" has the term "k8s".
  const ranking = rankPages(
    terms,
    searches({
      k8s: { hits: [hit('a', 2)], unfiltered: 1 },
      kubernetes: { hits: [hit('b', 5), hit('a', 1)], unfiltered: 2 },
      oom: { hits: [hit('b')], unfiltered: 1 },
      '"out of memory"': { hits: [], unfiltered: 0 },
    }),
    50,
  );
  assert.deepEqual(
    ranking.pages.map((page) => [page.id, page.matched]),
    [
      ['b', [0, 1]],
      ['a', [0]],
    ],
  );
  assert.deepEqual(distinctSearches(parseQuery('db database', vocabularyOf({ synonyms: [['db', 'database']] }))), [
    'db',
    'database',
  ]);
});

test('with a sort, pages with every word still come first, each group in the sort order', () => {
  const terms = parseQuery('disk full');
  const ranking = rankPages(
    terms,
    searches({
      disk: { hits: [hit('old', 9), hit('new', 1), hit('mid', 5)], unfiltered: 3 },
      full: { hits: [hit('old'), hit('new')], unfiltered: 2 },
    }),
    10,
    new Map([
      ['new', 0],
      ['mid', 1],
      ['old', 2],
    ]),
  );
  assert.deepEqual(
    ranking.pages.map((page) => page.id),
    ['new', 'old', 'mid'],
  );
});

test('the matched positions of every term are kept for the excerpt', () => {
  const ranking = rankPages(
    parseQuery('disk full'),
    searches({
      disk: { hits: [hit('a', 1, [7, 2])], unfiltered: 1 },
      full: { hits: [hit('a', 1, [3])], unfiltered: 1 },
    }),
    10,
  );
  assert.deepEqual(ranking.pages[0].locations, [2, 3, 7]);
});

const vocabulary = vocabularyOf({ synonyms: [['upgrade', 'update']], vague: ['broke', 'after'] });

test('a vague word weighs little however rare: the page about the telling words comes first', () => {
  // "broke" is on one page of forty (rarer than anything), "dns" on seven.
  const terms = parseQuery('dns broke after eks upgrade', vocabulary);
  assert.deepEqual(
    terms.map((term) => [term.written, !!term.vague]),
    [
      ['dns', false],
      ['broke', true],
      ['after', true],
      ['eks', false],
      ['upgrade', false],
    ],
  );
  const ranking = rankPages(
    terms,
    searches({
      dns: { hits: [hit('coredns', 16), hit('other', 2)], unfiltered: 7 },
      broke: { hits: [hit('loose', 7)], unfiltered: 1 },
      after: { hits: [hit('loose', 2), hit('ami', 1)], unfiltered: 16 },
      eks: { hits: [hit('ami', 13), hit('coredns', 3), hit('loose', 3)], unfiltered: 10 },
      upgrade: { hits: [hit('coredns', 12), hit('ami', 4), hit('loose', 1)], unfiltered: 12 },
      update: { hits: [hit('loose', 2)], unfiltered: 20 },
    }),
    40,
  );
  assert.deepEqual(
    ranking.pages.map((page) => page.id),
    ['coredns', 'ami', 'loose', 'other'],
  );
  assert.equal(ranking.complete, 0);
  assert.ok(
    termWeight({ ...terms[1] }, 1, 40) < termWeight(terms[0], 30, 40),
    'a rare vague word < a common telling one',
  );
});

test('every matched word earns a share besides its rarity: two telling words beat one rare loose one', () => {
  const terms = parseQuery('balancer lost targets');
  const ranking = rankPages(
    terms,
    searches({
      balancer: { hits: [hit('lb', 20), hit('other', 5)], unfiltered: 10 },
      lost: { hits: [hit('logs', 12)], unfiltered: 1 },
      targets: { hits: [hit('lb', 8)], unfiltered: 7 },
    }),
    40,
  );
  assert.equal(ranking.pages[0].id, 'lb');
});

test('the notice describes the list as ranked: where pages without a word come first, it names that word', () => {
  const terms = parseQuery('dns broke', vocabulary);
  const ranking = rankPages(
    terms,
    searches({
      dns: { hits: [hit('about-dns', 9), hit('mentions-both', 1)], unfiltered: 2 },
      broke: { hits: [hit('mentions-both', 1)], unfiltered: 1 },
    }),
    40,
  );
  assert.deepEqual(
    ranking.pages.map((page) => page.id),
    ['about-dns', 'mentions-both'],
  );
  assert.equal(
    rankingNotice(terms, ranking),
    'One has all of “dns”, “broke”, the rest some of them; rarer words weigh more, so pages without “broke” can come first.',
  );
  const telling = parseQuery('dns crash', vocabulary);
  const leading = rankPages(
    telling,
    searches({
      dns: { hits: [hit('about-dns', 9), hit('both', 1)], unfiltered: 2 },
      crash: { hits: [hit('both', 1)], unfiltered: 2 },
    }),
    40,
  );
  assert.deepEqual(
    leading.pages.map((page) => page.id),
    ['both', 'about-dns'],
  );
  assert.equal(rankingNotice(telling, leading), 'The first has all of “dns”, “crash”; the rest have some of them.');
});

test('with a sort, pages with every telling word lead even when they lack a vague one', () => {
  const terms = parseQuery('disk full after', vocabulary);
  const ranking = rankPages(
    terms,
    searches({
      disk: { hits: [hit('old'), hit('new'), hit('mid')], unfiltered: 3 },
      full: { hits: [hit('old'), hit('new')], unfiltered: 2 },
      after: { hits: [hit('mid'), hit('new')], unfiltered: 2 },
    }),
    10,
    new Map([
      ['mid', 0],
      ['new', 1],
      ['old', 2],
    ]),
  );
  assert.deepEqual(
    ranking.pages.map((page) => page.id),
    ['new', 'old', 'mid'],
  );
});
