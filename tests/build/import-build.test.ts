/**
 * Importing every fixture in one command gives a content folder that a real `astro build`
 * compiles with no MDX error: the importer's escaping holds up against the actual compiler.
 * And the authoring components a postmortem may import render on its page.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ASTRO = 'node_modules/astro/bin/astro.mjs';
// Two levels below the project root, like content/postmortems, so the entries' component imports resolve.
const CONTENT = join('tmp', `import-build-${process.pid}`);
const OUT = join('tmp', `import-build-${process.pid}-dist`);

test('the imported fixtures build into the site with no MDX error', { timeout: 240_000 }, (t) => {
  try {
    const fixtures = readdirSync('tests/fixtures/import');
    const started = performance.now();
    const imported = spawnSync(process.execPath, ['src/cli/import.ts', 'tests/fixtures/import', '--out', CONTENT], {
      encoding: 'utf8',
      env: { ...process.env, CI: 'true' },
    });
    const seconds = (performance.now() - started) / 1000;
    assert.equal(imported.status, 0, imported.stdout + imported.stderr);
    assert.match(
      imported.stdout,
      new RegExp(
        `${fixtures.length} files: \\d+ imported \\(status in-review\\), \\d+ imported as draft with fields to review, 0 failed`,
      ),
    );
    assert.equal(readdirSync(CONTENT).length, fixtures.length, 'one entry per fixture');

    const built = spawnSync(process.execPath, [ASTRO, 'build', '--outDir', OUT], {
      encoding: 'utf8',
      env: { ...process.env, KB_CONTENT_DIR: `./${CONTENT}` },
    });
    const log = built.stdout + built.stderr;
    assert.equal(built.status, 0, log);
    assert.match(log, new RegExp(`${fixtures.length} postmortems valid`), 'the build read the imported entries');
    assert.doesNotMatch(log, /\[ERROR\]|Unexpected character|Could not parse/);
    assert.ok(existsSync(join(OUT, 'index.html')));
    t.diagnostic(`import of ${fixtures.length} files took ${seconds.toFixed(2)} s`);
  } finally {
    rmSync(CONTENT, { recursive: true, force: true });
    rmSync(OUT, { recursive: true, force: true });
  }
});

const PUBLISHED = `---
title: Authoring components probe
summary: Checkout failed for a third of users for 20 minutes after a config change.
status: published
severity: sev3
services: [checkout-api]
started: "2024-01-05T10:00:00Z"
detected: "2024-01-05T10:05:00Z"
resolved: "2024-01-05T10:20:00Z"
impact:
  description: Checkout failed.
detection:
  method: monitoring-alert
  source: Error-rate alert.
rootCause:
  categories: [config-change]
  description: A flag enabled an unfinished code path.
  trigger: The flag was turned on.
resolution: The flag was turned off.
---

<Callout type="warning" title="Still open">

The flag has **no** owner yet.

</Callout>

<Timeline zone="UTC" title="Second wave">

- **10:00** Errors rise.

</Timeline>

<ActionItems title="Options considered" term="long">

- Remove the flag.

</ActionItems>
`;

test('the authoring components render on a published postmortem page', { timeout: 240_000 }, () => {
  const content = join('tmp', `authoring-${process.pid}`);
  const out = `${content}-dist`;
  try {
    mkdirSync(content, { recursive: true });
    writeFileSync(join(content, '2024-01-05-authoring-components-probe.mdx'), PUBLISHED);
    const built = spawnSync(process.execPath, [ASTRO, 'build', '--outDir', out], {
      encoding: 'utf8',
      env: { ...process.env, KB_CONTENT_DIR: `./${content}` },
    });
    assert.equal(built.status, 0, built.stdout + built.stderr);
    const html = readFileSync(join(out, 'postmortems', '2024-01-05-authoring-components-probe', 'index.html'), 'utf8');
    assert.match(html, /<aside class="callout[^"]*" data-type="warning" aria-label="Still open"/);
    assert.match(html, /The flag has <strong>no<\/strong> owner yet\./, 'Markdown inside a component is rendered');
    assert.match(html, /<section class="authoring-timeline[^"]*" aria-label="Second wave"/);
    assert.match(html, /Times in UTC/);
    assert.match(html, /<section class="authoring-actions[^"]*" aria-label="Options considered"/);
    assert.match(html, /Long term/);
  } finally {
    rmSync(content, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  }
});
