/**
 * Each misleading path is shown once on an incident page (src/lib/incidents/misleading-paths.ts):
 * under the timeline entry it tells of, or under Response when no entry does. Checked on the
 * postmortems in content/, whose paths and timelines were written apart, in three languages.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { placeMisleadingPaths } from '../../src/lib/incidents/misleading-paths.ts';
import { checkPostmortemSource } from '../../src/lib/content/validation.ts';
import { postmortemSchema, type Postmortem } from '../../src/lib/core/schema.ts';
import { validFrontmatter } from '../helpers/postmortem.ts';

const DIR = 'content/postmortems';
const entry = (name: string): Postmortem => {
  const data = checkPostmortemSource({ file: join(DIR, name), name, text: readFileSync(join(DIR, name), 'utf8') }).data;
  assert.ok(data, `${name} is valid`);
  return data as Postmortem;
};
/** For each path placed under an entry: the first words of the entry it sits under. */
const placedUnder = (data: Postmortem) =>
  placeMisleadingPaths(data).underEntry.flatMap((paths, index) =>
    paths.map((path) => [path.slice(0, 30), data.timeline[index].event.slice(0, 30)]),
  );

test('every path is shown exactly once, under an entry or under Response, word for word', () => {
  for (const name of readdirSync(DIR)) {
    const data = entry(name);
    const { underEntry, unplaced } = placeMisleadingPaths(data);
    assert.equal(underEntry.length, data.timeline.length, name);
    assert.deepEqual(
      [...underEntry.flat(), ...unplaced].sort(),
      [...data.response.misleadingPaths].sort(),
      `${name}: every path once`,
    );
    assert.ok(
      underEntry.every((paths) => paths.length <= 1),
      `${name}: one path per entry`,
    );
  }
});

test('the seed: a path goes under the entry that tells of it, even one the author marked as an action', () => {
  assert.deepEqual(placedUnder(entry('2024-03-08-authentication-outage-missing-index.mdx')), [
    ['Initial investigations focused', 'Initial investigations focus o'],
    ['A network latency hypothesis w', 'A network latency hypothesis i'],
  ]);
});

test('an entry marked misleading wins over a trigger that shares more words', () => {
  // "Because debug logging had been switched on to investigate the SMS provider, the first theory…"
  // shares most words with the trigger entry, but tells of the dead end that followed it.
  assert.deepEqual(placedUnder(entry('2024-09-03-notification-worker-disk-full-debug-logging.mdx')), [
    ['Because debug logging had been', 'The SMS provider is suspected;'],
    ['Restarting the workers at 07:5', 'Workers are restarted without '],
  ]);
});

test('French and Japanese paths find their entries; a path no entry tells of stays under Response', () => {
  const french = placeMisleadingPaths(entry('2022-10-04-panne-electrique-entrepot-de-donnees.mdx'));
  assert.equal(french.underEntry.flat().length, 1);
  assert.match(french.unplaced.join(), /contrôleur RAID/);
  const japanese = placeMisleadingPaths(entry('2025-05-19-waf-blocked-mobile-carrier-logins.mdx'));
  assert.equal(japanese.underEntry.flat().length, 2);
  assert.deepEqual(japanese.unplaced, []);
  const search = placeMisleadingPaths(entry('2024-01-09-search-index-alias-swapped-by-reindex-script.mdx'));
  assert.deepEqual(
    search.unplaced.map((path) => path.slice(0, 25)),
    ['The mobile team checked w'],
  );
});

test('a path unlike every entry is not forced under one; no paths, nothing placed', () => {
  const data = postmortemSchema.parse({
    ...validFrontmatter(),
    timeline: [
      { at: '2024-05-02T09:14:00+02:00', kind: 'misleading', event: 'The payment provider is suspected and called.' },
      { at: '2024-05-02T09:20:00+02:00', kind: 'action', event: 'Pool metrics are checked.' },
    ],
    response: {
      misleadingPaths: ['Suspected the payment provider for ten minutes.', 'Someone restarted the cache cluster.'],
      escalations: [],
    },
  });
  const { underEntry, unplaced } = placeMisleadingPaths(data);
  assert.deepEqual(underEntry, [['Suspected the payment provider for ten minutes.'], []]);
  assert.deepEqual(unplaced, ['Someone restarted the cache cluster.']);
  assert.deepEqual(placeMisleadingPaths({ ...data, response: { misleadingPaths: [], escalations: [] } }), {
    underEntry: [[], []],
    unplaced: [],
  });
});
