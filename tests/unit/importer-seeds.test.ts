/**
 * Importing the two seed documents gives the facts a person wrote by hand in the matching
 * entries of content/postmortems: same times, share of users, detection method, escalation,
 * root cause, misleading paths and action items (with terms where the source states them).
 */
import { test } from 'node:test';
import { readTimeValue, type TimeValue } from '../../src/lib/core/time.ts';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importDocument } from '../../src/lib/importer/index.ts';
import { checkPostmortemSource } from '../../src/lib/content/validation.ts';
import type { Postmortem } from '../../src/lib/core/schema.ts';

const SEEDS = [
  {
    source: 'tests/fixtures/import/seed-web-stack-outage-database-deadlock.txt',
    entry: 'content/postmortems/2023-10-10-web-stack-outage-database-deadlock.mdx',
  },
  {
    source: 'tests/fixtures/import/seed-authentication-outage-missing-index.txt',
    entry: 'content/postmortems/2024-03-08-authentication-outage-missing-index.mdx',
  },
];

const STOP = new Set(
  'a an and the of to in on for by with was were is are be been this that it its at as from our their they them into which such any all or not but'.split(
    ' ',
  ),
);

/** Content words, crudely stemmed, so "conducted" and "Conduct" count as the same word. */
function words(text: string): Set<string> {
  return new Set(
    text
      .toLowerCase()
      .split(/[^a-z0-9%]+/)
      .filter((word) => word && !STOP.has(word))
      .map((word) => word.replace(/(ing|ed|es|s)$/, '')),
  );
}

/** Share of the words of `expected` that `actual` also says. */
function coverage(expected: string, actual: string): number {
  const want = words(expected);
  const have = words(actual);
  return [...want].filter((word) => have.has(word)).length / want.size;
}

function similarity(a: string, b: string): number {
  const x = words(a);
  const y = words(b);
  const shared = [...x].filter((word) => y.has(word)).length;
  return shared / new Set([...x, ...y]).size;
}

/** The earliest instant a recorded time allows; undefined when it is not known. */
const epoch = (value: TimeValue | undefined) => {
  const read = readTimeValue(value);
  return read.known ? read.earliestMs : undefined;
};

for (const seed of SEEDS) {
  test(`importing ${seed.source} gives the facts of ${seed.entry}`, () => {
    const name = seed.entry.split('/').pop()!;
    const hand = checkPostmortemSource({ file: seed.entry, name, text: readFileSync(seed.entry, 'utf8') })
      .data as Postmortem;
    assert.ok(hand, 'the hand-written entry is valid');
    const imported = importDocument(readFileSync(seed.source, 'utf8'), { sourceName: seed.source.split('/').pop()! });
    assert.ok(imported.ok, imported.ok ? '' : imported.reason);
    const data = imported.data;

    // The entry itself passes validation; without --publish it is never published.
    const checked = checkPostmortemSource({ file: imported.fileName, name: imported.fileName, text: imported.text });
    assert.deepEqual(
      checked.problems.filter((p) => p.severity === 'error'),
      [],
    );
    assert.equal(checked.data?.status, imported.status);
    assert.notEqual(imported.status, 'published');

    for (const field of ['started', 'detected', 'mitigated', 'resolved'] as const) {
      assert.equal(
        epoch(data[field]),
        epoch(hand[field]),
        `${field}: imported ${JSON.stringify(data[field])}, hand-written ${JSON.stringify(hand[field])}`,
      );
    }
    assert.equal(data.impact.usersAffectedPercent, hand.impact.usersAffectedPercent);
    assert.equal(data.detection.method, hand.detection.method);

    assert.equal(data.response.escalations.length, hand.response.escalations.length);
    hand.response.escalations.forEach((escalation, index) => {
      const got = data.response.escalations[index];
      assert.equal(got.to.toLowerCase(), escalation.to.toLowerCase());
      assert.equal(epoch(got.at), epoch(escalation.at), `escalation to ${escalation.to}`);
      assert.ok(got.reason && coverage(escalation.reason!, got.reason) >= 0.9, `escalation reason "${got.reason}"`);
    });

    assert.ok(data.rootCause.description, 'a root cause was read');
    const rootCoverage = coverage(hand.rootCause.description!, data.rootCause.description!);
    assert.ok(rootCoverage >= 0.9, `root cause covers ${rootCoverage.toFixed(2)} of the hand-written words`);
    assert.deepEqual(data.rootCause.categories, hand.rootCause.categories);

    const handPaths = hand.response.misleadingPaths.join(' ');
    const gotPaths = data.response.misleadingPaths.join(' ');
    assert.ok(
      coverage(handPaths, gotPaths) >= 0.8,
      `misleading paths cover ${coverage(handPaths, gotPaths).toFixed(2)} of the hand-written ones`,
    );
    assert.ok(
      coverage(gotPaths, handPaths) >= 0.75,
      `misleading paths add only what the hand-written ones say (${coverage(gotPaths, handPaths).toFixed(2)})`,
    );

    // Every hand-written action item has its own imported counterpart.
    assert.equal(data.actionItems.length, hand.actionItems.length);
    const unmatched = [...data.actionItems];
    for (const item of hand.actionItems) {
      const best = unmatched.reduce((a, b) =>
        similarity(item.title, b.title) > similarity(item.title, a.title) ? b : a,
      );
      assert.ok(
        similarity(item.title, best.title) >= 0.5,
        `"${item.title}" has no imported counterpart (best: "${best.title}")`,
      );
      unmatched.splice(unmatched.indexOf(best), 1);
      if (best.term !== undefined) assert.equal(best.term, item.term, `term of "${item.title}"`);
    }
    const source = readFileSync(seed.source, 'utf8');
    const statedTerms = /Short-Term|Mid-Term|Long-Term/.test(source);
    // The authentication seed lists nine tasks under Short-Term, Mid-Term and Long-Term labels.
    assert.equal(
      data.actionItems.filter((item) => item.term).length,
      statedTerms ? 9 : 0,
      'terms exactly where the source states them',
    );
  });
}

const SHARED_SEEDS = '/work/shared/seeds';
test(
  'the seed fixtures are the documents in the shared seed folder',
  { skip: !existsSync(SHARED_SEEDS) && 'no shared seed folder here' },
  () => {
    const shared = readdirSync(SHARED_SEEDS)
      .map((name) => readFileSync(join(SHARED_SEEDS, name), 'utf8'))
      .sort();
    const fixtures = SEEDS.map((seed) => readFileSync(seed.source, 'utf8')).sort();
    assert.deepEqual(fixtures, shared);
  },
);
