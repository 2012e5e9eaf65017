import { test } from 'node:test';
import assert from 'node:assert/strict';
import { plainText } from '../../src/lib/content/plain-text.ts';

test('summaries written in Markdown read as plain text', () => {
  assert.equal(
    plainText('The [`config`](https://example.com/x) flag was *off* and **nobody** knew_about_it.'),
    'The config flag was off and nobody knew_about_it.',
  );
  assert.equal(plainText('# 3 regions failed'), '# 3 regions failed', 'a leading # is text, not a heading');
  assert.equal(plainText('- dash at start'), '- dash at start');
  assert.equal(plainText('Plain words stay as they are.'), 'Plain words stay as they are.');
  assert.equal(plainText('<b>bold</b> &amp; more'), 'bold & more');
});
