import { test } from 'node:test';
import assert from 'node:assert/strict';
import { editUrl } from '../../src/lib/site/edit-url.ts';

test('edit links point into the repository, and are left out for content outside it', () => {
  const base = 'https://github.com/o/r/edit/main/';
  assert.equal(editUrl(base, 'content/postmortems/a b.mdx'), `${base}content/postmortems/a%20b.mdx`);
  assert.equal(editUrl(base, './content/postmortems/a.mdx'), `${base}content/postmortems/a.mdx`);
  assert.equal(editUrl(base, '../../tmp/corpus/a.mdx'), undefined);
  assert.equal(editUrl(base, '/tmp/corpus/a.mdx'), undefined);
  assert.equal(editUrl(base, undefined), undefined);
});
