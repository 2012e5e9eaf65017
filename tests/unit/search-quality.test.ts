/**
 * The measuring instrument of the judged search evaluation (npm run eval:search): recall at a
 * cut-off, reciprocal rank, a plain BM25 ranking worked out by hand on a tiny corpus, the rule
 * that calls a Similar incidents reason generic, the judged-set checks, and the reader of the
 * Similar incidents markup.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { recallAt, reciprocalRank, summarizeRetrieval } from '../../bench/lib/search-quality/metrics.ts';
import { buildBm25Index, inverseDocumentFrequency, rankBm25, tokenize } from '../../bench/lib/search-quality/bm25.ts';
import {
  genericTerms,
  lightStem,
  mechanismVocabulary,
  readTermList,
  reasonTerms,
  sharesMechanism,
} from '../../bench/lib/search-quality/reasons.ts';

const SEARCH_CORPUS = 'tests/corpus/search';
import { readHoldout, readJudgments, sourceId } from '../../bench/lib/search-quality/judgments.ts';
import { documentText } from '../../bench/lib/search-quality/document-text.ts';
import { readSimilarList } from '../../bench/lib/search-quality/similar-lists.ts';
import { importDocument } from '../../src/lib/importer/index.ts';

const set = (...ids: string[]) => new Set(ids);

test('recall@k counts the relevant documents within the first k, over all relevant ones', () => {
  const ranked = ['a', 'x', 'b', 'y', 'z', 'c'];
  assert.equal(recallAt(1, ranked, set('a', 'b', 'c')), 1 / 3);
  assert.equal(recallAt(5, ranked, set('a', 'b', 'c')), 2 / 3);
  assert.equal(recallAt(10, ranked, set('a', 'b', 'c')), 1);
  assert.equal(recallAt(5, [], set('a')), 0);
  assert.throws(() => recallAt(5, ranked, set()), /no relevant document/);
  assert.throws(() => recallAt(0, ranked, set('a')), /positive integer/);
});

test('reciprocal rank is 1 / position of the first relevant result, 0 when none', () => {
  assert.equal(reciprocalRank(['a', 'b'], set('a')), 1);
  assert.equal(reciprocalRank(['x', 'y', 'b', 'a'], set('a', 'b')), 1 / 3);
  assert.equal(reciprocalRank(['x', 'y'], set('a')), 0);
});

test('the summary averages per query and lists empty and missed queries', () => {
  const summary = summarizeRetrieval([
    { query: 'one', ranked: ['a'], relevant: set('a') },
    { query: 'two', ranked: [], relevant: set('b') },
    { query: 'three', ranked: ['x', 'c'], relevant: set('c', 'd') },
    { query: 'four', ranked: ['x'], relevant: set('e') },
  ]);
  assert.equal(summary.queries, 4);
  assert.equal(summary.recallAt5, (1 + 0 + 0.5 + 0) / 4);
  assert.equal(summary.meanReciprocalRank, (1 + 0 + 0.5 + 0) / 4);
  assert.deepEqual(summary.noResult, ['two']);
  assert.deepEqual(summary.missedInTop10, ['four']);
});

test('the tokenizer lower-cases runs of letters and digits and splits on everything else', () => {
  assert.deepEqual(tokenize('K8s OOM-killed the pod; 502s at 03:00 — Ünïcode'), [
    'k8s',
    'oom',
    'killed',
    'the',
    'pod',
    '502s',
    'at',
    '03',
    '00',
    'ünïcode',
  ]);
});

test('document text keeps words of adjacent blocks apart and drops HTML tags', () => {
  const text = documentText(
    '- Dependency on ADFS for **SSO**\n\n## Lessons\n\n| a | b |\n|---|---|\n| x | `y` |\n\n<b>html</b>\n\n![alt text](i.png)',
  );
  assert.deepEqual(tokenize(text), [
    'dependency',
    'on',
    'adfs',
    'for',
    'sso',
    'lessons',
    'a',
    'b',
    'x',
    'y',
    'html',
    'alt',
    'text',
  ]);
});

test('BM25 scores match the formula worked out by hand on a three-document corpus', () => {
  const index = buildBm25Index([
    { id: 'a', text: 'dns outage dns' },
    { id: 'b', text: 'disk full outage' },
    { id: 'c', text: 'certificate expired' },
  ]);
  assert.equal(index.averageLength, 8 / 3);
  // "dns" is in one document of three: ln(1 + (3 - 1 + 0.5) / (1 + 0.5)).
  const idfDns = Math.log(1 + 2.5 / 1.5);
  assert.equal(inverseDocumentFrequency(index, 'dns'), idfDns);
  const hits = rankBm25(index, 'dns outage');
  assert.deepEqual(
    hits.map((hit) => hit.id),
    ['a', 'b'],
  );
  const norm = 1.2 * (1 - 0.75 + (0.75 * 3) / (8 / 3));
  const idfOutage = Math.log(1 + 1.5 / 2.5);
  const expectedA = (idfDns * 2 * 2.2) / (2 + norm) + (idfOutage * 1 * 2.2) / (1 + norm);
  assert.ok(Math.abs(hits[0].score - expectedA) < 1e-12, `${hits[0].score} vs ${expectedA}`);
});

test('BM25 ranks the rarer matched word higher and returns nothing when no word matches', () => {
  const index = buildBm25Index([
    { id: 'common', text: 'database outage database outage' },
    { id: 'rare', text: 'database deadlock' },
    { id: 'other', text: 'database slow' },
  ]);
  assert.deepEqual(
    rankBm25(index, 'db deadlock').map((hit) => hit.id),
    ['rare'],
  );
  assert.equal(rankBm25(index, 'leap second').length, 0);
  // Every document has "database": a positive but tiny weight, so all three are returned.
  assert.equal(rankBm25(index, 'database').length, 3);
});

test('a reason term is generic unless it, or each of its words, names a judged mechanism or a listed technical term', () => {
  const vocabulary = mechanismVocabulary([['leap-second', 'clock'], ['power-failure']], ['dns', 'load balancer']);
  assert.deepEqual(reasonTerms('shared terms: timer, Leap , interrupt'), ['timer', 'leap', 'interrupt']);
  assert.deepEqual(reasonTerms('same category: time / certificate expiry; shared terms: certificate, aws'), [
    'time',
    'certificate expiry',
    'certificate',
    'aws',
  ]);
  assert.deepEqual(genericTerms('shared: leap second, clock', vocabulary), []);
  assert.deepEqual(genericTerms('shared terms: valid', vocabulary), ['valid']);
  assert.deepEqual(genericTerms('shared terms: pacific, impacted, dns', vocabulary), ['pacific', 'impacted']);
  assert.deepEqual(genericTerms('shared: load balancer', vocabulary), []);
  assert.deepEqual(genericTerms('shared: load balancers, clocks, leaps, timers', vocabulary), ['timers']);
  // A listed phrase counts whole: its words alone are not technical terms.
  assert.deepEqual(genericTerms('shared: load, dns', vocabulary), ['load']);
  // "power-failure" makes "power" specific; "failure" alone qualifies, it names no mechanism.
  assert.deepEqual(genericTerms('shared: power, failure', vocabulary), ['failure']);
});

test('reason words meet the vocabulary by a light stem: plurals, tenses and -ation forms of one word', () => {
  assert.equal(lightStem('certificates'), lightStem('certificate'));
  for (const form of ['expires', 'expiry', 'expiration']) assert.equal(lightStem(form), lightStem('expired'), form);
  assert.equal(lightStem('queries'), lightStem('query'));
  // Short words keep their letters: "us" and "az" are not folded into something else.
  assert.equal(lightStem('us'), 'us');
  assert.equal(lightStem('dns'), 'dns');
  const vocabulary = mechanismVocabulary([['certificate-expiry']], ['load balancer']);
  assert.deepEqual(genericTerms('shared: expired certificates, expiration, load balancers', vocabulary), []);
});

test("the project's rule: technical names and mechanisms are specific, the generic words reasons showed are not", () => {
  const judged = ['icco', 'dfds'].flatMap((corpus) =>
    Object.values(
      (
        JSON.parse(readFileSync(join(SEARCH_CORPUS, corpus, 'queries.json'), 'utf8')) as {
          mechanisms: Record<string, string[]>;
        }
      ).mechanisms,
    ),
  );
  const vocabulary = mechanismVocabulary(
    judged,
    readTermList(readFileSync(join(SEARCH_CORPUS, 'technical-terms.txt'), 'utf8')),
  );
  for (const reason of [
    'shared: regular expression, regex, backtracking',
    'shared: load balancer, health check',
    'shared: az, ec2, volume',
    'shared: cooling system, hosts',
    'shared: expired, expires, certificates',
  ])
    assert.deepEqual(genericTerms(reason, vocabulary), [], reason);
  // The examples, and generic words the site has shown as reasons.
  const generic = ['valid', 'quickly', 'creating', 'pacific', 'impacted', 'us', 'commenced', 'managed', 'intended'];
  generic.push('customer', 'services returning', 'implement monitoring', 'themselves', 'tested', 'processed');
  generic.push('wrong', 'stuck', 'value', 'status');
  assert.deepEqual(genericTerms(`shared: ${generic.join(', ')}`, vocabulary), generic);
});

test('sharing a mechanism needs a common label; an unjudged side is unknown, not false', () => {
  assert.equal(sharesMechanism(['bgp', 'bad-config'], ['bgp']), true);
  assert.equal(sharesMechanism(['bgp'], ['dns']), false);
  assert.equal(sharesMechanism(['bgp'], undefined), undefined);
});

test('judged sets name every problem with its place, and ids come from source file names', () => {
  assert.equal(sourceId('PM2020-004 - CoreDNS upgrade issue.md'), 'PM2020-004');
  assert.equal(sourceId('0a1b-uuid.md'), '0a1b-uuid');
  const known = set('a', 'b');
  assert.throws(
    () =>
      readJudgments(
        'q.json',
        {
          queries: [{ query: 'x', kind: 'guess', relevant: ['z'], why: '' }],
          mechanisms: { a: [] },
          similarPages: ['b'],
        },
        known,
      ),
    (error: Error) =>
      [
        /queries\[0\]\.kind/,
        /"z" is not a document/,
        /queries\[0\]\.why/,
        /mechanisms\.a/,
        /"b" has no judged mechanisms/,
      ].every((pattern) => pattern.test(error.message)),
  );
  const ok = readJudgments(
    'q.json',
    {
      queries: [{ query: 'x', kind: 'symptom', relevant: ['a'], why: 'y' }],
      mechanisms: { a: ['dns'] },
      similarPages: ['a'],
    },
    known,
  );
  assert.equal(ok.queries.length, 1);
  assert.throws(
    () =>
      readHoldout('h.json', { queries: [{ query: 'X', kind: 'cause', relevant: ['a'], why: 'y' }] }, known, ok.queries),
    /h\.json: queries\[0\]: "X" is also in the tuned set/,
  );
  assert.throws(() => readHoldout('h.json', { queries: [] }, known, []), /h\.json: queries: must be a non-empty list/);
});

test('the Similar incidents list is read from the contract markup, else from the older markup', () => {
  const contract = readSimilarList(`<section><ol>
    <li data-similar><a href="/postmortems/x/">X</a> <span data-similar-reason>shared: leap second, clock</span></li>
    <li data-similar><a href="/postmortems/y/">Y</a><span data-similar-reason>shared: dns</span></li></ol></section>`);
  assert.equal(contract.markup, 'contract');
  assert.deepEqual(contract.neighbours, [
    { href: '/postmortems/x/', reason: 'shared: leap second, clock' },
    { href: '/postmortems/y/', reason: 'shared: dns' },
  ]);
  const older = readSimilarList(`<ul><li><a href="/elsewhere/">no</a></li></ul><section class="similar no-print"><ol>
    <li><a href="/postmortems/z/">Z</a><span class="meta">SEV?</span><span class="reason">shared terms: timer</span></li></ol></section>`);
  assert.equal(older.markup, 'fallback');
  assert.deepEqual(older.neighbours, [{ href: '/postmortems/z/', reason: 'shared terms: timer' }]);
  assert.deepEqual(readSimilarList('<main></main>').neighbours, []);
});

test('the judged sets in tests/corpus/search name real source documents and hold enough queries', () => {
  const root = join(import.meta.dirname, '../corpus');
  const corpora = {
    icco: readdirSync(join(root, 'import/icco')).filter((name) => /^[0-9a-f-]{36}\.md$/.test(name)),
    dfds: readdirSync(join(root, 'search/dfds/sources')).filter((name) => name.endsWith('.md')),
  };
  for (const [corpus, files] of Object.entries(corpora)) {
    const file = join(root, 'search', corpus, 'queries.json');
    const judged = readJudgments(file, JSON.parse(readFileSync(file, 'utf8')), new Set(files.map(sourceId)));
    assert.ok(judged.queries.length >= 40, `${corpus}: ${judged.queries.length} queries`);
    assert.ok(judged.similarPages.length >= 15, `${corpus}: ${judged.similarPages.length} similar pages`);
    const holdoutFile = join(root, 'search', corpus, 'holdout.json');
    const holdout = readHoldout(
      holdoutFile,
      JSON.parse(readFileSync(holdoutFile, 'utf8')),
      new Set(files.map(sourceId)),
      judged.queries,
    );
    assert.ok(holdout.length >= 15, `${corpus}: ${holdout.length} held-out queries`);
  }
});

test('every judged query has a relevant document the importer publishes, and every published document has judged mechanisms', () => {
  // The evaluation's site holds what `npm run import -- --publish` publishes, nothing more: a
  // query whose relevant documents are all unpublished measures nothing, and a published
  // document without mechanisms cannot be scored when it is listed as a similar incident.
  const root = join(import.meta.dirname, '../corpus');
  const corpora = {
    icco: { folder: join(root, 'import/icco'), include: (name: string) => /^[0-9a-f-]{36}\.md$/.test(name) },
    dfds: { folder: join(root, 'search/dfds/sources'), include: (name: string) => name.endsWith('.md') },
  };
  for (const [corpus, { folder, include }] of Object.entries(corpora)) {
    const names = readdirSync(folder).filter(include);
    const published = new Set(
      names
        .filter((name) => {
          const result = importDocument(readFileSync(join(folder, name), 'utf8'), { sourceName: name, publish: true });
          assert.ok(result.ok, `${corpus}: ${name} does not import`);
          return result.status === 'published';
        })
        .map(sourceId),
    );
    const file = join(root, 'search', corpus, 'queries.json');
    const judged = readJudgments(file, JSON.parse(readFileSync(file, 'utf8')), new Set(names.map(sourceId)));
    const holdoutFile = join(root, 'search', corpus, 'holdout.json');
    const holdout = readHoldout(
      holdoutFile,
      JSON.parse(readFileSync(holdoutFile, 'utf8')),
      new Set(names.map(sourceId)),
      judged.queries,
    );
    const unreachable = [...judged.queries, ...holdout]
      .filter((q) => !q.relevant.some((id) => published.has(id)))
      .map((q) => q.query);
    assert.deepEqual(unreachable, [], `${corpus}: queries with no published relevant document`);
    const unlabelled = [...published].filter((id) => !judged.mechanisms[id]);
    assert.deepEqual(unlabelled, [], `${corpus}: published documents without judged mechanisms`);
  }
});
