/**
 * The term model of similar incidents: phrases, stop words, boilerplate derived from document
 * frequency, product names of one organisation, and the body text the model reads.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tokenize } from '../../src/lib/similarity/term-model.ts';
import { computeSimilarity, type SimilarityInput } from '../../src/lib/similarity/similar-incidents.ts';
import { bodyText, similarityInputOf } from '../../src/lib/similarity/incident-record.ts';
import { importDocument, renderBody } from '../../src/lib/importer/index.ts';
import { checkPostmortemSource } from '../../src/lib/content/validation.ts';
import { postmortemSchema } from '../../src/lib/core/schema.ts';
import { validFrontmatter } from '../helpers/postmortem.ts';

process.env.KB_EARLIEST_YEAR ??= '1';

test('function words, adverbs and places are dropped and break a phrase; a hyphen does not', () => {
  const tokens = tokenize('The split-brain quickly spread to us-east-1, then the leap second hit.');
  assert.deepEqual(
    tokens.map((token) => token.word),
    ['split', 'brain', 'spread', 'leap', 'second', 'hit'],
  );
  assert.deepEqual(
    tokens.map((token) => token.phraseStart),
    [true, false, true, true, false, false],
  );
  assert.equal(tokens.find((token) => token.word === 'second')!.kind, 'time');
  assert.equal(tokenize('a valid config')[0].kind, 'generic');
  assert.deepEqual(tokenize('en.wikipedia.org example.com'), []);
});

const MECHANISMS = [
  'A leap second made the clock step back and the scheduler spun.',
  'A split brain after a network partition left two primaries accepting writes.',
  'The connection pool was exhausted by slow queries to the billing database.',
  'An expired certificate on the load balancer broke every handshake.',
  'A regular expression with catastrophic backtracking pinned the CPU.',
  'Transaction id wraparound forced the database into single user mode until vacuum finished.',
  'The cooling system failed and servers shut down on thermal limits.',
  'A BGP session reset withdrew our prefixes from the internet.',
  'A full disk on the log volume stopped the message broker.',
  'A thundering herd of retries overloaded the token service after it restarted.',
  'An int32 primary key overflowed and inserts failed.',
  'A DNS resolver fleet lost its minimum healthy hosts setting and answered nothing.',
];

/**
 * 60 postmortems that tell their story in the same words; the first 36 share a mechanism in
 * threes, the other 24 have nothing in common but the story.
 */
function corpus(extra: (i: number) => Partial<SimilarityInput> = () => ({})): SimilarityInput[] {
  return Array.from({ length: 60 }, (_, i) => {
    const mechanism = i < 36 ? MECHANISMS[i % 12] : `Zq${i}x yv${i}w failed.`;
    return {
      id: `pm-${String(i).padStart(3, '0')}`,
      title: `Outage ${i}`,
      summary: 'Customers were impacted and the team restored service after engineers investigated.',
      body:
        'Our customers were impacted. The on-call team was paged, engineers investigated and the service was ' +
        `restored. ${mechanism} ${mechanism} Word${i}a word${i}b appear only here.`,
      categories: [],
      services: [],
      ...extra(i),
    };
  });
}

test('words most postmortems use are boilerplate: they never make a reason; phrases name the mechanism', () => {
  const { similar } = computeSimilarity(corpus());
  const terms = new Set([...similar.values()].flatMap((matches) => matches.flatMap((match) => match.sharedTerms)));
  for (const boilerplate of ['customers', 'impacted', 'team', 'engineers', 'investigated', 'restored', 'service'])
    assert.ok(!terms.has(boilerplate), boilerplate);
  for (const [id, matches] of similar) {
    const index = Number(id.slice(3));
    const siblings = index < 36 ? [0, 1, 2].map((k) => (index % 12) + 12 * k).filter((other) => other !== index) : [];
    assert.deepEqual(
      matches.map((match) => Number(match.id.slice(3))).sort((a, b) => a - b),
      siblings,
      id,
    );
  }
  const leap = similar.get('pm-000')![0].sharedTerms;
  assert.ok(leap.includes('leap second'), leap.join());
  assert.ok(!leap.includes('leap') && !leap.includes('second'), 'a phrase stands for its words');
  assert.ok(similar.get('pm-001')![0].sharedTerms.includes('split brain'));
  assert.ok(similar.get('pm-002')![0].sharedTerms.includes('connection pool'));
});

test('a postmortem with nothing distinctive in common with others lists nothing', () => {
  const inputs = corpus();
  inputs.push({
    id: 'unrelated',
    title: 'Warehouse flooding',
    body: 'Customers were impacted. Water entered the warehouse through the roof drains during a storm.',
    categories: [],
    services: [],
  });
  assert.deepEqual(computeSimilarity(inputs).similar.get('unrelated'), []);
});

test('product names one organisation uses are not reasons; its own name is left out of its terms', () => {
  // Three of Acme's postmortems name its products; two of them share a mechanism with each other.
  const plain = corpus();
  const inputs = corpus((i) =>
    [0, 12, 37].includes(i)
      ? { organisation: 'Acme', body: `Acme Zorblat and Quuxdb failed. Zorblat again. ${plain[i].body}` }
      : { organisation: `Company ${i}` },
  );
  const { similar } = computeSimilarity(inputs);
  const match = similar.get('pm-000')!.find((candidate) => candidate.id === 'pm-012')!;
  assert.ok(match.sharedTerms.includes('leap second'), match.sharedTerms.join());
  const terms = [...similar.values()].flatMap((matches) => matches.flatMap((other) => other.sharedTerms));
  for (const name of ['acme', 'zorblat', 'quuxdb', 'zorblat quuxdb']) assert.ok(!terms.includes(name), name);
  assert.ok(!similar.get('pm-037')!.some((other) => other.id === 'pm-000'), 'product names alone are no similarity');
});

test('the same write-up filed twice is the closest match, near a cosine of 1', () => {
  const inputs = corpus();
  inputs.push({ ...inputs[0], id: 'copy' });
  const top = computeSimilarity(inputs).similar.get('pm-000')![0];
  assert.equal(top.id, 'copy');
  assert.ok(top.score > 0.9, String(top.score));
});

test('the body text leaves out the import note the importer writes, code and bare URLs', () => {
  // What `npm run import` writes: its note, then the original without its frontmatter.
  assert.equal(
    bodyText(renderBody('The pool ran dry.\n\nRetries piled up.', 'a.md'), 'mdx'),
    'The pool ran dry.\n\nRetries piled up.',
  );

  const name = 'a0e252d3-10a6-4345-84c3-f271124e2d7b.md';
  const imported = importDocument(readFileSync(join('tests/corpus/import/icco', name), 'utf8'), {
    sourceName: name,
    publish: true,
  });
  assert.ok(imported.ok);
  const checked = checkPostmortemSource({ file: imported.fileName, name: imported.fileName, text: imported.text });
  const text = bodyText(checked.body, 'mdx');
  assert.match(text, /poorly written regular expression/);
  for (const absent of ['npm run import', 'Imported postmortem', 'source_fetched_at', 'archive_url', 'uuid:'])
    assert.ok(!text.includes(absent), absent);

  const authored = bodyText(
    '## What happened\n\nThe pool ran dry, see https://example.com/graph.\n\n```\nERROR pool exhausted\n```\n\n<div>raw</div>\n',
    'md',
  );
  assert.equal(authored, 'What happened\n\nThe pool ran dry, see .');
  // A body that is prose already is read as written: its markers are punctuation to the tokenizer.
  const prose = '## What happened\n\nThe pool ran dry.\n\n- Retries piled up.\n';
  assert.equal(bodyText(prose, 'md'), prose);
  assert.deepEqual(
    tokenize(bodyText(prose, 'md')).map((token) => [token.word, token.phraseStart]),
    tokenize('What happened\n\nThe pool ran dry.\n\nRetries piled up.').map((token) => [token.word, token.phraseStart]),
  );
});

test('the input of a postmortem reads its fields, narrative and body', () => {
  const data = postmortemSchema.parse({ ...validFrontmatter(), organisation: 'Acme' });
  const input = similarityInputOf({ id: 'x', data, body: 'The pool ran dry.', format: 'mdx' });
  assert.equal(input.title, data.title);
  assert.equal(input.rootCause, 'The pool was sized below peak concurrency.');
  assert.equal(input.organisation, 'Acme');
  assert.deepEqual(input.tags, ['connection-pool']);
  for (const part of [
    'Checkout returned errors.',
    'No load test for pool changes.',
    'Alert fired.',
    'The pool ran dry.',
  ])
    assert.ok(input.body!.includes(part), part);
});

test('a facet is weighted by its rarity and never lists a neighbour alone', () => {
  // Half the corpus shares a category, and two postmortems with nothing else in common share a rare tag.
  const inputs = corpus((i) => ({
    categories: i % 2 === 0 ? ['config-change'] : [],
    tags: i === 40 || i === 41 ? ['thermal-runaway'] : [],
  }));
  const plain = computeSimilarity(corpus()).similar;
  const { similar } = computeSimilarity(inputs);
  for (const [id, matches] of similar) {
    assert.deepEqual(
      matches.map((match) => match.id),
      plain.get(id)!.map((match) => match.id),
      `${id}: a category on half of the postmortems changes nothing`,
    );
  }
  assert.deepEqual(similar.get('pm-040'), [], 'a shared tag alone is no reason');
  // The same tag beside a shared mechanism adds to the score; the reason still names the mechanism.
  const tagged = computeSimilarity(corpus((i) => ({ tags: i === 0 || i === 12 ? ['thermal-runaway'] : [] }))).similar;
  const withTag = tagged.get('pm-000')!.find((match) => match.id === 'pm-012')!;
  const without = plain.get('pm-000')!.find((match) => match.id === 'pm-012')!;
  assert.ok(withTag.score > without.score, `${withTag.score} > ${without.score}`);
  assert.ok(withTag.sharedTerms.includes('leap second'), withTag.sharedTerms.join());
});
