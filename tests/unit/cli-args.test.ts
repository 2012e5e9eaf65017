/** Every command answers bad usage with one line and its usage, exit code 2, never a stack trace. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';

const COMMANDS: [string, string[]][] = [
  ['validate', ['src/cli/validate.ts', '--bogus']],
  ['import', ['src/cli/import.ts', '--publsh']],
  ['new', ['src/cli/new.ts', '--nope']],
  ['schema:json', ['src/cli/json-schema.ts', '--x']],
  ['docs:fields', ['src/cli/field-reference.ts', 'stray']],
  ['lock:platforms', ['src/cli/lock-platforms.ts', '--y']],
  ['bench', ['bench/run.ts', '--z']],
  ['bench/generate', ['bench/generate.ts', '--count']],
];

for (const [command, args] of COMMANDS) {
  test(`${command}: bad usage is one line, the usage, and exit code 2`, () => {
    const run = spawnSync(process.execPath, args, { encoding: 'utf8' });
    assert.equal(run.status, 2, run.stderr);
    const [first, blank, usage] = run.stderr.split('\n');
    assert.match(first, new RegExp(`^${command.replace('/', '\\/')}: `));
    assert.equal(blank, '');
    assert.match(usage, /^Usage: /);
    assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
    assert.equal(run.stdout, '');
  });
}
