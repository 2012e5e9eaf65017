import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { declareMissingPlatforms } from '../../src/cli/lock-platforms.ts';

describe('declareMissingPlatforms', () => {
  it('adds os/cpu-gated entries for optional platform packages the lock lacks, and only those', () => {
    const packages: Record<string, Record<string, unknown>> = {
      '': { name: 'kb' },
      'node_modules/pagefind': {
        version: '1.6.0',
        optionalDependencies: { '@pagefind/linux-x64': '1.6.0', '@pagefind/darwin-arm64': '1.6.0' },
      },
      'node_modules/@pagefind/linux-x64': { version: '1.6.0', optional: true, os: ['linux'], cpu: ['x64'] },
      'node_modules/binding': {
        version: '0.5.1',
        optionalDependencies: { 'binding-linux-arm64-musl': '0.5.1', 'binding-wasm32-wasi': '0.5.1' },
      },
    };
    assert.deepEqual(declareMissingPlatforms(packages), [
      '@pagefind/darwin-arm64',
      'binding-linux-arm64-musl',
      'binding-wasm32-wasi',
    ]);
    assert.deepEqual(packages['node_modules/@pagefind/darwin-arm64'], {
      version: '1.6.0',
      dev: true,
      optional: true,
      os: ['darwin'],
      cpu: ['arm64'],
    });
    assert.deepEqual(packages['node_modules/binding-linux-arm64-musl'], {
      version: '0.5.1',
      dev: true,
      optional: true,
      os: ['linux'],
      cpu: ['arm64'],
      libc: ['musl'],
    });
    assert.deepEqual(packages['node_modules/binding-wasm32-wasi'], {
      version: '0.5.1',
      dev: true,
      optional: true,
      cpu: ['wasm32'],
    });
    assert.deepEqual(declareMissingPlatforms(packages), [], 'a second run adds nothing');
  });

  it('refuses a platform it does not know instead of guessing', () => {
    assert.throws(
      () => declareMissingPlatforms({ 'node_modules/x': { optionalDependencies: { 'x-plan9-mips': '1.0.0' } } }),
      /unknown platform suffix/,
    );
  });
});
