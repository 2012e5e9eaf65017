import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { badInputCases } from '../fixtures/bad-input/cases.ts';
import { postmortemText, validFrontmatter } from '../helpers/postmortem.ts';
import { astroBuild, PROJECT_ROOT } from '../helpers/astro.ts';

const REPORT_LINE = /^(.+?):(\d+):(\d+) {2}(\S+) {2}(.+)$/;

interface ReportLine {
  file: string;
  line: number;
  field: string;
  message: string;
}

function parseReport(output: string): ReportLine[] {
  return output.split('\n').flatMap((text) => {
    const match = REPORT_LINE.exec(text.trim());
    return match ? [{ file: match[1], line: Number(match[2]), field: match[4], message: match[5] }] : [];
  });
}

describe(`bad input: ${badInputCases.length} cases in one content folder`, () => {
  let dir: string;
  let content: string;
  let validate: ReturnType<typeof spawnSync>;
  let report: ReportLine[];

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'kb-bad-'));
    content = join(dir, 'content');
    mkdirSync(content);
    writeFileSync(join(dir, 'outside.mdx'), postmortemText(validFrontmatter()));
    for (const testCase of badInputCases) {
      const path = join(content, testCase.file);
      if (testCase.symlinkTo) symlinkSync(testCase.symlinkTo, path);
      else writeFileSync(path, typeof testCase.content === 'function' ? testCase.content() : testCase.content);
    }
    validate = spawnSync(process.execPath, [join(PROJECT_ROOT, 'src/cli/validate.ts'), '--content-dir', content], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
    });
    report = parseReport(String(validate.stdout));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('npm run validate exits 1 and reports every bad file in one run', () => {
    assert.equal(validate.status, 1, String(validate.stderr));
    const reported = new Set(report.map((line) => line.file.split('/').at(-1)));
    const bad = badInputCases.filter((c) => !c.valid).map((c) => c.file);
    assert.deepEqual(
      bad.filter((file) => !reported.has(file)),
      [],
      'every bad file is reported',
    );
    assert.match(String(validate.stdout).trim().split('\n').at(-1)!, /^✗ \d+ problems in \d+ files/);
  });

  for (const testCase of badInputCases) {
    it(`${testCase.valid ? 'accepts' : 'reports'} ${testCase.name}`, () => {
      const lines = report.filter((line) => line.file.endsWith(`/${testCase.file}`));
      if (testCase.valid) {
        assert.deepEqual(lines, []);
        return;
      }
      const match = lines.find(
        (line) => line.field === testCase.expect.field && testCase.expect.message.test(line.message),
      );
      assert.ok(
        match,
        `expected "${testCase.expect.field}  ${testCase.expect.message}" for ${testCase.file}, got:\n${lines.map((l) => `${l.line}  ${l.field}  ${l.message}`).join('\n') || '(nothing)'}`,
      );
      if (testCase.expect.line) assert.equal(match.line, testCase.expect.line);
      assert.ok(match.line >= 1);
    });
  }

  it('the production build fails with the same lines, no stack trace, and publishes nothing', () => {
    const outDir = join(dir, 'dist');
    const build = astroBuild({ outDir, contentDir: content });
    assert.equal(build.status, 1);
    const buildLines = new Set(
      parseReport(build.output).map((line) => `${line.file}:${line.line}  ${line.field}  ${line.message}`),
    );
    const missing = report
      .map((line) => `${line.file}:${line.line}  ${line.field}  ${line.message}`)
      .filter((line) => !buildLines.has(line));
    assert.deepEqual(missing, []);
    assert.doesNotMatch(build.output, /^\s+at .+:\d+:\d+\)?$/m, 'no stack trace');
    assert.equal(existsSync(outDir), false, 'nothing published');
  });
});
