import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { astroBuild, PROJECT_ROOT } from '../helpers/astro.ts';

const FIXTURES = join(PROJECT_ROOT, 'tests/fixtures');

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.html'))
    .map((file) => join(dir, file));
}

describe('production build of a small fixture site under /kb/', () => {
  let outDir: string;
  let build: ReturnType<typeof astroBuild>;
  before(() => {
    outDir = mkdtempSync(join(tmpdir(), 'kb-fixture-'));
    build = astroBuild({ outDir, contentDir: join(FIXTURES, 'site-content'), base: '/kb/' });
  });
  after(() => rmSync(outDir, { recursive: true, force: true }));

  it('succeeds', () => {
    assert.equal(build.status, 0, build.output);
  });

  it('writes one page per published postmortem and none for drafts', () => {
    const pages = readdirSync(join(outDir, 'postmortems'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && /^\d{4}-/.test(entry.name))
      .map((entry) => entry.name)
      .sort();
    assert.deepEqual(pages, [
      '2023-10-10-web-stack-outage-database-deadlock',
      '2024-03-08-authentication-outage-missing-index',
    ]);
    assert.equal(existsSync(join(outDir, 'postmortems/2024-06-01-queue-backlog-draft')), false);
    for (const file of htmlFiles(outDir)) {
      assert.doesNotMatch(
        readFileSync(file, 'utf8'),
        /Queue backlog during a broker upgrade/,
        `${relative(outDir, file)} mentions the draft`,
      );
    }
  });

  it('shows the facts of a seed on its page', () => {
    const html = readFileSync(
      join(outDir, 'postmortems/2023-10-10-web-stack-outage-database-deadlock/index.html'),
      'utf8',
    );
    assert.match(html, /<h1[^>]*>Web stack outage from a database deadlock<\/h1>/);
    assert.match(html, /13 h 30 min/);
    assert.match(html, /2023-10-10 14:00 UTC/);
    assert.match(html, /2023-10-11 03:30 UTC/);
    assert.match(html, /70%/);
  });

  it('prefixes every internal link and asset with the base', () => {
    const offenders: string[] = [];
    for (const file of htmlFiles(outDir)) {
      const html = readFileSync(file, 'utf8');
      for (const [, url] of html.matchAll(/(?:href|src)="(\/[^"]*)"/g)) {
        if (!url.startsWith('/kb/')) offenders.push(`${relative(outDir, file)}: ${url}`);
      }
    }
    assert.deepEqual(offenders, []);
  });

  it('has a 404 page, listing pages and facet pages', () => {
    for (const page of [
      '404.html',
      'index.html',
      'postmortems/index.html',
      'postmortems/sort/duration/index.html',
      'categories/database/index.html',
      'services/user-database/index.html',
      'severities/sev1/index.html',
      'years/2024/index.html',
    ]) {
      assert.ok(existsSync(join(outDir, page)), page);
    }
  });
});

describe('production build with invalid content', () => {
  it('fails with the validator lines, no stack trace, and writes nothing', () => {
    const outDir = join(mkdtempSync(join(tmpdir(), 'kb-invalid-')), 'dist');
    const build = astroBuild({ outDir, contentDir: join(FIXTURES, 'invalid-content') });
    assert.equal(build.status, 1);
    assert.match(
      build.output,
      /tests\/fixtures\/invalid-content\/2024-03-08-authentication-outage-missing-index\.mdx:2:1 {2}started {2}is required: when user impact began/,
    );
    assert.match(
      build.output,
      /2023-10-10-web-stack-outage-database-deadlock\.mdx:\d+:\d+ {2}severity {2}text "sev9" is not allowed; use one of: sev1, sev2, sev3, sev4/,
    );
    assert.match(build.output, /2 problems in 2 postmortem files; nothing was built/);
    assert.doesNotMatch(build.output, /^\s+at .+\(.+:\d+:\d+\)$/m, 'no stack trace');
    assert.equal(existsSync(outDir), false);
    rmSync(join(outDir, '..'), { recursive: true, force: true });
  });
});
