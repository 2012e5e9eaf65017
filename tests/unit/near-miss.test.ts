/**
 * Near misses: `kind: near-miss` needs `preventedBy` once it leaves draft, and an incident may
 * not carry one; both refused with a sentence saying what would be right.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { postmortemSchema } from '../../src/lib/core/schema.ts';
import { validFrontmatter } from '../helpers/postmortem.ts';

const issues = (change: Record<string, unknown>) => {
  const result = postmortemSchema.safeParse({ ...validFrontmatter(), ...change });
  return result.success ? [] : result.error.issues.map((issue) => [issue.path.join('.'), issue.message]);
};

test('kind defaults to incident', () => {
  assert.equal(postmortemSchema.parse(validFrontmatter()).kind, 'incident');
});

test('a near miss in review or published must say what prevented impact; a draft may not know yet', () => {
  const [[path, message]] = issues({ kind: 'near-miss' });
  assert.equal(path, 'preventedBy');
  assert.match(message, /must be written for a near miss that is published: say what stopped the failure/);
  assert.deepEqual(issues({ kind: 'near-miss', status: 'draft' }), []);
  assert.deepEqual(issues({ kind: 'near-miss', preventedBy: 'The canary halted the rollout.' }), []);
});

test('preventedBy on an incident is refused, pointing at kind: near-miss or the lessons', () => {
  const [[path, message]] = issues({ preventedBy: 'Luck.' });
  assert.equal(path, 'preventedBy');
  assert.match(message, /only for near misses: set kind: near-miss .* lessons\.gotLucky/);
  assert.equal(issues({ kind: 'outage' }).length, 1, 'an unknown kind is refused');
});
