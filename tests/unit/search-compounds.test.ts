/** Words written together or apart find each other: src/lib/search/compounds.ts. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { joinedPairs, splitCompound } from '../../src/lib/search/compounds.ts';
import { parseQuery } from '../../src/lib/search/query.ts';
import { vocabularyOf } from '../../src/lib/search/vocabulary.ts';

const vocabulary = vocabularyOf({ synonyms: [['lb', 'load balancer']], vague: ['after', 'failing'] });

test('neighbouring loose words are also searched as one word', () => {
  assert.deepEqual(joinedPairs(parseQuery('alb health check failing', vocabulary)), [
    { joined: 'albhealth', first: 0 },
    { joined: 'healthcheck', first: 1 },
  ]);
  assert.deepEqual(joinedPairs(parseQuery('blue screen after update', vocabulary)), [
    { joined: 'bluescreen', first: 0 },
  ]);
});

test('vague words, synonyms, quoted phrases, numbers and short words are never joined', () => {
  assert.deepEqual(joinedPairs(parseQuery('load balancer check', vocabulary)), []);
  assert.deepEqual(joinedPairs(parseQuery('"health check" page', vocabulary)), []);
  assert.deepEqual(joinedPairs(parseQuery('http 502 errors', vocabulary)), []);
  assert.deepEqual(joinedPairs(parseQuery('ip up', vocabulary)), []);
  assert.deepEqual(joinedPairs(parseQuery('failing after', vocabulary)), []);
});

test('an unknown word splits into the two known words whose rarer half is most common', () => {
  const known = ['the', 'screen', 'blue', 'health', 'check', 'blues', 'creen'];
  assert.deepEqual(splitCompound('bluescreen', known), ['blue', 'screen']);
  assert.deepEqual(splitCompound('HealthCheck', known), ['health', 'check']);
  assert.equal(splitCompound('screenblah', known), undefined, 'both halves must be known words');
  assert.equal(splitCompound('ofcheck', ['of', 'check']), undefined, 'halves have at least three letters');
  assert.equal(splitCompound('k8sproxy', known), undefined, 'letters only');
});
