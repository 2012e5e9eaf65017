/**
 * Two production builds of the same content, into different folders, write byte-identical
 * files, search index included, so a deploy or a cache only sees what really changed.
 *
 * Deliberate exception: "overdue" marks, action-item ages and the "as of" date on the
 * insights, follow-up, incident pages and in the JSON export depend on the build's UTC day
 * (src/lib/incidents/build-clock.ts). They change once a day, not with every build; SOURCE_DATE_EPOCH
 * pins them. Builds either side of midnight UTC are retried rather than compared.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { astroBuild } from '../helpers/astro.ts';
import { digests } from '../helpers/digests.ts';
import { buildClockMs } from '../../src/lib/incidents/build-clock.ts';

describe('two builds of the same content are byte-identical', () => {
  let root: string;
  let first: Map<string, string>;
  let second: Map<string, string>;

  before(() => {
    root = mkdtempSync(join(tmpdir(), 'kb-determinism-'));
    for (let attempt = 1; ; attempt++) {
      const day = buildClockMs();
      for (const name of ['a', 'b']) {
        rmSync(join(root, name), { recursive: true, force: true });
        const build = astroBuild({ outDir: join(root, name) });
        assert.equal(build.status, 0, build.output);
      }
      if (buildClockMs() === day || attempt === 2) break;
    }
    first = digests(join(root, 'a'));
    second = digests(join(root, 'b'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  test('the same files', () => {
    assert.deepEqual([...second.keys()], [...first.keys()]);
    assert.ok([...first.keys()].some((name) => name.startsWith('pagefind/')));
  });

  test('with the same bytes: pages, feed, export, sitemap, scripts, styles and the search index', (t) => {
    const differing = [...first].filter(([name, digest]) => second.get(name) !== digest).map(([name]) => name);
    assert.deepEqual(differing, []);
    const pages = [...first.keys()].filter((name) => name.endsWith('.html')).length;
    t.diagnostic(`${first.size} files compared (${pages} HTML pages), none differ`);
  });
});
