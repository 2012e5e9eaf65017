/**
 * Incremental builds (experimental.incrementalBuild with the cache keys of src/data/page-keys.ts)
 * are correct: after one postmortem's title is changed and another's body gets a sentence, a
 * rebuild that reuses the previous build's pages writes exactly the bytes a cold build of the
 * same content writes, every file, search index included. So every page that shows the edited
 * postmortems (its own page, listings, facet pages, related and similar incidents elsewhere) was
 * rendered again, and pages that do not show them were reused.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { writeCorpus } from '../../bench/generate.ts';
import { prepareSiteCopy } from '../../bench/lib/projects.ts';
import { PROJECT_ROOT } from '../helpers/astro.ts';
import { projectTempDir } from '../helpers/tmp.ts';
import { differing, digests } from '../helpers/digests.ts';

/** Frontmatter and body of a postmortem file, edited through a YAML document (comments and order kept). */
function editPostmortem(path: string, edit: (doc: ReturnType<typeof parseDocument>) => void, appendToBody = '') {
  const text = readFileSync(path, 'utf8');
  const close = text.indexOf('\n---\n', 4);
  const doc = parseDocument(text.slice(4, close + 1));
  edit(doc);
  writeFileSync(path, `---\n${doc.toString()}---\n${text.slice(close + 5).trimEnd()}${appendToBody}\n`);
}

describe('an incremental build after an edit equals a cold build', { timeout: 900_000 }, () => {
  let work: string;
  let content: string;
  let before_: Map<string, string>;
  let incremental: Map<string, string>;
  let cold: Map<string, string>;
  let reused = 0;
  let pages = 0;
  let edited: { id: string; oldTitle: string; newTitle: string; bodyId: string };

  // The build's day is pinned, so "overdue" marks cannot differ between the builds.
  const build = (root: string) => {
    const run = spawnSync(
      process.execPath,
      [join(root, 'node_modules/astro/bin/astro.mjs'), 'build', '--outDir', join(root, 'dist')],
      {
        cwd: root,
        encoding: 'utf8',
        env: {
          ...process.env,
          KB_CONTENT_DIR: content,
          SOURCE_DATE_EPOCH: '1767225600',
          FORCE_COLOR: '0',
          NO_COLOR: '1',
        },
        maxBuffer: 256 * 1024 * 1024,
      },
    );
    const output = `${run.stdout}${run.stderr}`;
    assert.equal(run.status, 0, output.slice(-3000));
    return output;
  };

  before(() => {
    work = resolve(projectTempDir('incremental-'));
    content = join(work, 'content');
    const corpus = writeCorpus(content, 60, 11);
    const site = join(work, 'site');
    prepareSiteCopy(PROJECT_ROOT, site);
    build(site);
    before_ = digests(join(site, 'dist'));

    // A published postmortem that another one lists as related: its title shows on many pages.
    const published = corpus.filter((pm) => /^status: published$/m.test(pm.text));
    const target = published.find((pm) =>
      published.some((other) => other.text.includes(`- ${pm.name.replace(/\.mdx?$/, '')}\n`)),
    )!;
    assert.ok(target, 'the corpus has a related link to a published postmortem');
    const id = target.name.replace(/\.mdx?$/, '');
    const bodyTarget = published.find((pm) => pm !== target)!;
    let oldTitle = '';
    const newTitle = 'Renamed during review: the incremental build must show this everywhere';
    editPostmortem(join(content, target.name), (doc) => {
      oldTitle = String(doc.get('title'));
      doc.set('title', newTitle);
    });
    editPostmortem(join(content, bodyTarget.name), () => undefined, '\n\nOne sentence added after review.');
    edited = { id, oldTitle, newTitle, bodyId: bodyTarget.name.replace(/\.mdx?$/, '') };

    const output = build(site);
    incremental = digests(join(site, 'dist'));
    reused = (output.match(/\((?:cached|restored)\)/g) ?? []).length;
    pages = [...incremental.keys()].filter((name) => name.endsWith('.html')).length;

    // The same sources and content, built cold in a fresh copy.
    const fresh = join(work, 'fresh');
    prepareSiteCopy(PROJECT_ROOT, fresh, site);
    build(fresh);
    cold = digests(join(fresh, 'dist'));
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  test('every file of the incremental build equals the cold build, byte for byte', () => {
    assert.deepEqual(differing(incremental, cold), []);
  });

  test('the rebuild reused pages, and re-rendered every page that shows an edited postmortem', () => {
    assert.ok(reused > pages / 2, `${reused} of ${pages} pages reused`);
    const changed = new Set(differing(before_, incremental));
    assert.ok(changed.has(`postmortems/${edited.id}/index.html`));
    assert.ok(changed.has(`postmortems/${edited.bodyId}/index.html`));
    // Every page that showed the old title now differs (and, by the test above, is right).
    const showing = [...before_.keys()].filter(
      (name) =>
        name.endsWith('.html') && readFileSync(join(work, 'site', 'dist', name), 'utf8').includes(edited.newTitle),
    );
    assert.ok(showing.length >= 3, `the new title is on ${showing.length} pages`);
    for (const name of showing) assert.ok(changed.has(name), `${name} shows the edit and was rebuilt`);
    assert.notEqual(edited.oldTitle, edited.newTitle);
  });
});
