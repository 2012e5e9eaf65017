import { test } from 'node:test';
import assert from 'node:assert/strict';
import { outDirOf } from '../../src/cli/build-args.ts';

test('the search step indexes the folder astro build writes to', () => {
  assert.equal(outDirOf([]), 'dist');
  assert.equal(outDirOf(['--outDir', '/tmp/site']), '/tmp/site');
  assert.equal(outDirOf(['--outDir=out']), 'out');
  assert.equal(outDirOf(['--root', 'site', '--outDir', 'out']), 'site/out');
  assert.equal(outDirOf(['--root', 'site']), 'site/dist');
  // Other astro options pass through untouched and do not change the folder.
  assert.equal(outDirOf(['--verbose', '--mode', 'production']), 'dist');
});
