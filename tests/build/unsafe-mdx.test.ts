/**
 * An MDX postmortem that imports code or evaluates an expression is refused by
 * `npm run validate` and by `astro build` (whose content guard runs the validator before
 * anything is compiled), both naming the file and the line.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ASTRO = 'node_modules/astro/bin/astro.mjs';

const CASES = [
  { name: 'import', line: "import fs from 'node:fs'", message: /import of "node:fs" is not allowed/ },
  {
    name: 'expression',
    line: 'Home directory: {process.env.HOME}',
    message: /the expression \{process\.env\.HOME\} is code/,
  },
];

for (const unsafe of CASES) {
  test(`an MDX postmortem with ${unsafe.line} is rejected by validate and by the build`, { timeout: 120_000 }, () => {
    const content = join('tmp', `unsafe-${unsafe.name}-${process.pid}`);
    const out = `${content}-dist`;
    const file = join(content, '2024-01-05-unsafe-probe.mdx');
    const text = [
      '---',
      'title: Unsafe probe',
      'status: draft',
      'started: "2024-01-05T10:00:00Z"',
      '---',
      '',
      'An ordinary paragraph.',
      '',
      unsafe.line,
      '',
    ].join('\n');
    const line = text.split('\n').indexOf(unsafe.line) + 1;
    try {
      mkdirSync(content, { recursive: true });
      writeFileSync(file, text);
      const where = new RegExp(`${file.replace(/[.\\/]/g, '\\$&')}:${line}:\\d+  \\(body\\)  `);

      const validate = spawnSync(process.execPath, ['src/cli/validate.ts', '--content-dir', content], {
        encoding: 'utf8',
      });
      assert.equal(validate.status, 1);
      assert.match(validate.stdout, where);
      assert.match(validate.stdout, unsafe.message);

      const build = spawnSync(process.execPath, [ASTRO, 'build', '--outDir', out], {
        encoding: 'utf8',
        env: { ...process.env, KB_CONTENT_DIR: `./${content}` },
      });
      const log = build.stdout + build.stderr;
      assert.notEqual(build.status, 0, 'the build fails');
      assert.match(log, where, log);
      assert.match(log, unsafe.message);
      assert.ok(!existsSync(join(out, 'index.html')), 'nothing is built');
    } finally {
      rmSync(content, { recursive: true, force: true });
      rmSync(out, { recursive: true, force: true });
    }
  });
}
