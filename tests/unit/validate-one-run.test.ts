/**
 * One `npm run validate -- --strict` run reports every problem of a file, whatever rule finds
 * it: a value the schema refuses, times out of order (a rule zod runs only on valid data), a
 * service the catalog lacks, a body rule and review advice, each on its own line with
 * file:line:column, field and what would be right. Before, each fix revealed the next.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { FIVE_MISTAKES, FIVE_MISTAKES_FILE, stageFiveMistakes } from '../fixtures/five-mistakes/mistakes.ts';
import { projectTempDir } from '../helpers/tmp.ts';

describe('validate reports five mistakes of five kinds in one run', () => {
  let dir: string;
  let content: string;
  const validate = (...args: string[]) =>
    spawnSync(
      process.execPath,
      [
        'src/cli/validate.ts',
        '--strict',
        '--no-cache',
        '--content-dir',
        content,
        join(content, FIVE_MISTAKES_FILE),
        ...args,
      ],
      { encoding: 'utf8', env: { ...process.env, GITHUB_ACTIONS: '' } },
    );

  before(() => {
    dir = projectTempDir('five-mistakes-');
    content = stageFiveMistakes(dir);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('lists all five, and nothing else, as JSON', () => {
    const run = validate('--json');
    assert.equal(run.status, 1, run.stderr);
    const problems = JSON.parse(run.stdout) as {
      line: number;
      column: number;
      field: string;
      message: string;
      severity: string;
      rule: string;
    }[];
    assert.equal(problems.length, FIVE_MISTAKES.length, run.stdout);
    FIVE_MISTAKES.forEach((expected, index) => {
      const found = problems[index];
      assert.deepEqual(
        [found.line, found.column, found.field, found.severity, found.rule],
        [expected.line, expected.column, expected.field, expected.severity, expected.rule],
        `${expected.kind}: ${JSON.stringify(found)}`,
      );
      assert.match(found.message, expected.message, expected.kind);
    });
  });

  it('prints each as one line, file:line:column  field  message, then the count', () => {
    const run = validate();
    const lines = run.stdout.trim().split('\n');
    assert.equal(lines.length, FIVE_MISTAKES.length + 1, run.stdout);
    FIVE_MISTAKES.forEach((expected, index) => {
      const prefix = `${join(content, FIVE_MISTAKES_FILE)}:${expected.line}:${expected.column}  ${expected.field}  `;
      assert.ok(lines[index].startsWith(prefix), `${lines[index]}\n  expected to start with ${prefix}`);
      const message = lines[index].slice(prefix.length);
      assert.match(message.replace(/^warning: /, ''), expected.message);
      assert.equal(message.startsWith('warning: '), expected.severity === 'warning');
    });
    assert.match(lines.at(-1)!, /^✗ 4 problems in 1 file \(1 checked in [\d.]+ s, 1 review warning\)$/);
  });
});
