/**
 * "Did you mean" for closed lists: a value is matched against each candidate's key, label and
 * aliases (a category's label "Time / certificate expiry" makes `certificate` suggest `expiry`),
 * and the validator's message names the suggestion with its label.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suggestValues, termCandidates, vocabularyOf, wordsOf } from '../../src/lib/core/suggestions.ts';
import { rootCauseCategories, severities } from '../../src/lib/core/taxonomy.ts';
import { checkPostmortemSource } from '../../src/lib/content/validation.ts';
import { postmortemText, validFrontmatter } from '../helpers/postmortem.ts';

const categories = termCandidates(rootCauseCategories);

test('a word of a category label suggests the category', () => {
  assert.deepEqual(wordsOf('Time / certificate expiry'), ['time', 'certificate', 'expiry']);
  assert.deepEqual(suggestValues('certificate', categories), ['expiry']);
  assert.deepEqual(suggestValues('certificates', categories), ['expiry'], 'a plural is the same word');
  assert.deepEqual(suggestValues('third-party', categories), ['dependency'], '"Dependency / third party"');
  assert.deepEqual(suggestValues('dns', categories), ['network-dns'], '"Network / DNS"');
  assert.deepEqual(suggestValues('deploy', categories), ['software-bug'], '"Software bug / deploy"');
});

test('an alias of a category suggests it, and so does a typo of its key', () => {
  assert.deepEqual(suggestValues('human-error', categories), ['manual-operation']);
  assert.deepEqual(suggestValues('oom', categories), ['capacity']);
  assert.deepEqual(suggestValues('netwrok-dns', categories), ['network-dns']);
  assert.deepEqual(suggestValues('capacty', categories), ['capacity']);
});

test('a word of one definition only is a weaker sign, used when no name matches', () => {
  assert.deepEqual(suggestValues('deadlock', categories), ['database'], '"locks and deadlocks"');
  assert.deepEqual(suggestValues('vendor', categories), ['dependency'], '"An upstream vendor"');
});

test('nothing is suggested for a far value, a value itself, or a tie of many', () => {
  assert.deepEqual(suggestValues('timeout', categories), []);
  assert.deepEqual(suggestValues('db', categories), [], 'a two-letter value has too many neighbours');
  assert.deepEqual(suggestValues('expiry', categories), []);
  assert.deepEqual(suggestValues('sev5', termCandidates(severities)), [], 'sev1 to sev4 are all one edit away');
  assert.deepEqual(suggestValues('sev-2', termCandidates(severities)), ['sev2']);
});

test('an enum field finds its vocabulary by its values', () => {
  assert.equal(vocabularyOf(Object.keys(rootCauseCategories)), rootCauseCategories);
  assert.equal(vocabularyOf(['a', 'b']), undefined);
});

test('the validator suggests expiry for the category "certificate", with its label', () => {
  const data = validFrontmatter();
  (data.rootCause as { categories: string[] }).categories = ['certificate'];
  const name = '2024-05-02-checkout-pool.mdx';
  const problems = checkPostmortemSource({ file: name, name, text: postmortemText(data) }).problems;
  const problem = problems.find((p) => p.field === 'rootCause.categories[0]');
  assert.ok(problem, JSON.stringify(problems));
  assert.match(problem.message, /did you mean "expiry" \(Time \/ certificate expiry\)\?/);
});
