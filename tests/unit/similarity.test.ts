import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeSimilarity, describeMatch, type SimilarityInput } from '../../src/lib/similarity/similar-incidents.ts';
import { stem, tokenize } from '../../src/lib/similarity/term-model.ts';

const doc = (id: string, fields: Partial<SimilarityInput>): SimilarityInput => ({
  id,
  rootCause: '',
  trigger: '',
  summary: '',
  categories: [],
  services: [],
  ...fields,
});

const missingIndex = doc('missing-index', {
  rootCause: 'A missing index on the user table made the authentication query slow.',
  trigger: 'A deploy added a query on an unindexed column.',
  summary: 'Logins failed for 30% of users.',
  categories: ['database'],
  services: ['authentication-service', 'user-database'],
});
const deadlock = doc('deadlock', {
  rootCause: 'An unoptimized query held row locks and deadlocked the database.',
  trigger: 'A long-running query.',
  summary: 'The web shop was intermittently down.',
  categories: ['database'],
  services: ['e-commerce-website'],
});
const slowIndex = doc('slow-index', {
  rootCause: 'A query scanned the orders table because an index was dropped in a migration.',
  trigger: 'A migration dropped the index.',
  summary: 'Checkout was slow.',
  categories: ['database', 'config-change'],
  services: ['checkout-api'],
});
const certificate = doc('certificate', {
  rootCause: 'The TLS certificate on the CDN expired because renewal was manual.',
  trigger: 'Certificate expiry at midnight.',
  summary: 'The mobile app could not connect.',
  categories: ['expiry'],
  services: ['cdn'],
});

test('tokenize lower-cases, drops stopwords and numbers, and folds plurals', () => {
  assert.deepEqual(
    tokenize('The Indexes were missing at 14:00 for 30% of Queries').map((t) => t.stem),
    ['index', 'missing', 'query'],
  );
  for (const [a, b] of [
    ['caches', 'cache'],
    ['indexes', 'index'],
    ['retries', 'retry'],
    ['processes', 'process'],
  ]) {
    assert.equal(stem(a), stem(b), `${a} and ${b}`);
  }
  assert.notEqual(stem('status'), stem('statu'));
  assert.equal(stem('dns'), 'dns');
});

test('similar postmortems share distinctive terms; unrelated ones and single-word coincidences are not listed', () => {
  const { similar } = computeSimilarity([missingIndex, deadlock, slowIndex, certificate]);
  const forMissing = similar.get('missing-index')!;
  assert.deepEqual(
    forMissing.map((m) => m.id),
    ['slow-index'],
  );
  assert.deepEqual(forMissing[0].sharedCategories, ['database']);
  assert.ok(forMissing[0].sharedTerms.includes('index'), forMissing[0].sharedTerms.join());
  // The deadlock shares only the word "query" with the others: a weak cosine on one word is a coincidence.
  assert.deepEqual(similar.get('deadlock'), []);
  assert.deepEqual(similar.get('certificate'), []);
  for (const [id, matches] of similar) assert.ok(!matches.some((m) => m.id === id), `${id} lists itself`);
});

test('one shared word and no shared category or service is not similarity', () => {
  const { similar } = computeSimilarity([
    doc('a', { rootCause: 'The DNS resolver cached a negative answer.', categories: ['network-dns'] }),
    doc('b', { rootCause: 'A disk filled with debug logs on the resolver host.', categories: ['capacity'] }),
    doc('c', { rootCause: 'Debug logs filled the disk of the worker.', categories: ['capacity'] }),
  ]);
  assert.deepEqual(similar.get('a'), []);
  assert.deepEqual(
    similar.get('b')!.map((m) => m.id),
    ['c'],
  );
});

test('shared terms are spelled as in the postmortem the list is for', () => {
  const { similar } = computeSimilarity([
    doc('a', { rootCause: 'Connection pools were exhausted.', categories: ['capacity'] }),
    doc('b', { rootCause: 'The connection pool exhausted under load.', categories: ['capacity'] }),
  ]);
  // The phrase stands for its words: "connection pool" is named, "connection" and "pool" are not;
  // "exhausted", a verb in the past tense, says what happened to the pool, and is not named alone.
  assert.deepEqual(similar.get('a')![0].sharedTerms, ['connection pools']);
  assert.deepEqual(similar.get('b')![0].sharedTerms, ['connection pool']);
});

test('describeMatch names the shared mechanism, then shared services', () => {
  assert.equal(
    describeMatch({
      id: 'x',
      score: 0.5,
      sharedCategories: ['database'],
      sharedServices: [],
      sharedTerms: ['leap second', 'clock'],
      mechanismScore: 0.4,
    }),
    'shared: leap second, clock',
  );
  assert.equal(
    describeMatch({
      id: 'x',
      score: 0.5,
      sharedCategories: [],
      sharedServices: ['cdn', 'dns'],
      sharedTerms: ['expiry'],
      mechanismScore: 0.3,
    }),
    'shared: expiry; same services: cdn, dns',
  );
});

test('key terms are the strongest root-cause words, preferring ones other postmortems share', () => {
  const { keyTerms } = computeSimilarity([missingIndex, deadlock, slowIndex, certificate]);
  const terms = keyTerms.get('missing-index')!;
  // "query" is shared too, but postmortems in general write it (INCIDENT_BOILERPLATE).
  assert.deepEqual(terms, ['index', 'table']);
  assert.ok(!terms.includes('logins'), 'summary-only words are not root-cause terms');
});

// A brute-force reference: every pair, exact cosine over the same vectors.
function bruteForceTop(inputs: SimilarityInput[], limit: number): Map<string, string[]> {
  const { similar } = computeSimilarity(inputs, {
    maxPostings: Infinity,
    maxQueryTerms: Infinity,
    maxCandidates: Infinity,
    limit,
  });
  return new Map([...similar].map(([id, matches]) => [id, matches.map((m) => m.id)]));
}

function syntheticCorpus(size: number, seed: number): SimilarityInput[] {
  let state = seed;
  const random = () => (state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  const words = Array.from(
    { length: 300 },
    (_, i) => `word${String.fromCharCode(97 + (i % 26))}${Math.floor(i / 26)}x`,
  );
  const pick = () => words[Math.floor(random() ** 2 * words.length)];
  const sentence = (length: number) => Array.from({ length }, pick).join(' ');
  return Array.from({ length: size }, (_, i) =>
    doc(`doc-${i}`, {
      rootCause: sentence(20),
      trigger: sentence(6),
      summary: sentence(15),
      categories: [['database', 'capacity', 'network-dns', 'expiry'][Math.floor(random() * 4)]],
      services: [`service-${Math.floor(random() * 20)}`],
    }),
  );
}

test('with generous caps the inverted index finds exactly the brute-force top matches', () => {
  const corpus = syntheticCorpus(150, 7);
  const fast = computeSimilarity(corpus, { maxPostings: 1000, maxQueryTerms: 1000, maxCandidates: 150 });
  const exact = bruteForceTop(corpus, 5);
  for (const input of corpus)
    assert.deepEqual(
      fast.similar.get(input.id)!.map((m) => m.id),
      exact.get(input.id),
    );
});

test('with postings capped well below document frequency, most brute-force top matches are still found', () => {
  const corpus = syntheticCorpus(600, 11);
  const fast = computeSimilarity(corpus, { maxPostings: 50 });
  const exact = bruteForceTop(corpus, 5);
  let found = 0;
  let total = 0;
  for (const input of corpus) {
    const got = new Set(fast.similar.get(input.id)!.map((m) => m.id));
    for (const id of exact.get(input.id)!) {
      total++;
      if (got.has(id)) found++;
    }
  }
  assert.ok(found / total > 0.9, `recall ${found}/${total}`);
});

test('results are deterministic and scores are cosines', () => {
  const corpus = syntheticCorpus(80, 3);
  const first = computeSimilarity(corpus);
  const second = computeSimilarity([...corpus].reverse());
  for (const input of corpus) {
    const a = first.similar.get(input.id)!;
    const b = second.similar.get(input.id)!;
    assert.deepEqual(
      a.map((m) => m.id),
      b.map((m) => m.id),
    );
    for (const match of a) assert.ok(match.score > 0 && match.score <= 1);
    assert.ok(a.length <= 5);
  }
});

test('reasons and key terms never name stop words, ordinals, time zones, contractions or common words', () => {
  const noise = 'As stated separately, on the 28th at 10am PST the issue number 3 happened and we didn’t notice.';
  const inputs = Array.from({ length: 12 }, (_, i) => ({
    id: `pm-${i}`,
    // Every postmortem mentions "alerting"; only pairs share a specific cause.
    rootCause: `${noise} Alerting was late. ${i % 2 ? 'Replication lag on the primary database.' : 'Certificate expiry on the edge proxy.'}`,
    trigger: noise,
    summary: noise,
    categories: [],
    services: [],
  }));
  const { similar, keyTerms } = computeSimilarity(inputs);
  const banned = /^(stated|separately|28th|10am|pst|issue|number|didn’t|didn't|alerting)$/;
  for (const [id, matches] of similar) {
    assert.ok(matches.length > 0, `${id} has similar incidents`);
    for (const match of matches)
      for (const term of match.sharedTerms) assert.doesNotMatch(term, banned, `${id}: ${term}`);
    for (const term of keyTerms.get(id)!) assert.doesNotMatch(term, banned, `${id} key term ${term}`);
  }
  for (const term of similar.get('pm-1')![0].sharedTerms) {
    assert.ok(
      ['replication lag', 'primary database', 'replication', 'lag', 'primary', 'database'].includes(term),
      term,
    );
  }
});

test('a pair alike only through words that name no mechanism is not listed; a shared mechanism is', () => {
  // Twelve postmortems: two share a leap second, two share only how the change went out (a canary
  // rollout by an operator's script), the rest are unrelated.
  const filler = ['disk full on the log volume', 'expired certificate on the proxy', 'replication lag on the replica'];
  const inputs = [
    doc('leap-a', { rootCause: 'The leap second made the kernel clock jump; leap second handling looped.' }),
    doc('leap-b', { rootCause: 'A leap second hit the timer code; the leap second smear was missing.' }),
    doc('canary-a', {
      rootCause: 'The operator script began the canary rollout; the canary rollout reached every service.',
    }),
    doc('canary-b', {
      rootCause: 'An operator script pushed a canary rollout; the canary rollout covered each service.',
    }),
    ...Array.from({ length: 8 }, (_, i) =>
      doc(`other-${i}`, {
        rootCause: `Unrelated: ${filler[i % 3]} number ${i}, ${['queue', 'cache', 'dns'][i % 3]} trouble.`,
      }),
    ),
  ];
  const { similar } = computeSimilarity(inputs);
  assert.deepEqual(
    similar.get('leap-a')!.map((match) => [match.id, match.sharedTerms]),
    [['leap-b', ['leap second']]],
  );
  assert.deepEqual(similar.get('canary-a'), []);
  assert.deepEqual(similar.get('canary-b'), []);
});

test('version numbers, word pieces split off by a hyphen and numbered ids never name a mechanism', () => {
  const kinds = Object.fromEntries(
    tokenize('Traefik v2 re-index add-ons PM2019-009 v1.25').map((t) => [t.word, t.kind]),
  );
  assert.deepEqual(kinds, {
    traefik: 'content',
    v2: 'generic',
    re: 'generic',
    index: 'content',
    add: 'content',
    ons: 'generic',
    'v1.25': 'generic',
  });
});
