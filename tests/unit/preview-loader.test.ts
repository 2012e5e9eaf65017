import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LoaderContext } from 'astro/loaders';
import { InvalidPostmortemsError, postmortemLoaders } from '../../src/loaders/postmortems.ts';
import { checkPostmortemFiles } from '../../src/node/postmortem-files.ts';
import { postmortemText, validFrontmatter } from '../helpers/postmortem.ts';
import { PROJECT_ROOT } from '../helpers/astro.ts';

interface StoredEntry {
  id: string;
  data: Record<string, unknown>;
  rendered?: { html: string };
  digest?: string;
}

/** A data store as a loader sees it, that tells when it was written to. */
function fakeStore() {
  const entries = new Map<string, StoredEntry>();
  let written: () => void = () => undefined;
  return {
    entries,
    /** Resolves at the next write. */
    nextWrite: () => new Promise<void>((resolvePromise) => (written = resolvePromise)),
    store: {
      get: (id: string) => entries.get(id),
      set: (entry: StoredEntry) => {
        entries.set(entry.id, entry);
        written();
        return true;
      },
      delete: (id: string) => void entries.delete(id),
      keys: () => [...entries.keys()],
      values: () => [...entries.values()],
      entries: () => [...entries.entries()],
      has: (id: string) => entries.has(id),
      clear: () => entries.clear(),
    },
  };
}

/** A watcher that records its listeners, so a test can say "this file changed". */
function fakeWatcher() {
  const listeners = new Map<string, ((path: string) => void)[]>();
  const watcher = {
    add: () => watcher,
    on: (event: string, listener: (path: string) => void) => {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      return watcher;
    },
  };
  return { watcher, changed: (path: string) => listeners.get('change')?.forEach((listener) => listener(path)) };
}

function contextFor(store: ReturnType<typeof fakeStore>['store'], watcher?: ReturnType<typeof fakeWatcher>['watcher']) {
  let digests = 0;
  const texts = new Map<string, string>();
  return {
    store,
    config: { root: pathToFileURL(`${PROJECT_ROOT}/`) },
    logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
    // Equal texts, equal digests: enough for the loader's cache.
    generateDigest: (text: string) => {
      if (!texts.has(text)) texts.set(text, String(digests++));
      return texts.get(text)!;
    },
    watcher,
  } as unknown as LoaderContext;
}

const BROKEN = '2024-05-02-broken-severity.mdx';
const DRAFT = '2024-05-02-a-draft.mdx';
const VALID = '2024-05-02-all-good.mdx';

describe('the postmortem loaders: previews in dev, none in production', () => {
  let dir: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'kb-preview-'));
    writeFileSync(
      join(dir, BROKEN),
      postmortemText({ ...validFrontmatter(), severity: 'sev5' }, '\n## What happened\n\nThe **pool** ran dry.\n'),
    );
    writeFileSync(join(dir, DRAFT), postmortemText({ ...validFrontmatter(), status: 'draft', actionItems: [] }));
    writeFileSync(join(dir, VALID), postmortemText(validFrontmatter()));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('a production build still refuses a file with problems, and makes no preview', async () => {
    const loaders = postmortemLoaders({ contentDir: dir });
    const postmortems = fakeStore();
    const previews = fakeStore();
    previews.store.set({ id: 'left-over', data: {} });
    const results = await Promise.allSettled([
      loaders.postmortems.load(contextFor(postmortems.store)),
      loaders.previews.load(contextFor(previews.store)),
    ]);
    assert.equal(results[0].status, 'rejected');
    assert.ok((results[0] as PromiseRejectedResult).reason instanceof InvalidPostmortemsError);
    assert.equal(results[1].status, 'fulfilled');
    assert.deepEqual([...previews.entries.keys()], []);
  });

  it('astro dev keeps a preview of the broken file (the validator’s problems, its clean body) and of the draft', async () => {
    const loaders = postmortemLoaders({ contentDir: dir });
    const postmortems = fakeStore();
    const previews = fakeStore();
    const { watcher, changed } = fakeWatcher();
    // Astro runs every collection's loader at once.
    await Promise.all([
      loaders.postmortems.load(contextFor(postmortems.store, watcher)),
      loaders.previews.load(contextFor(previews.store, watcher)),
    ]);
    const id = (name: string) => name.replace(/\.mdx$/, '');
    assert.deepEqual([...postmortems.entries.keys()].sort(), [id(DRAFT), id(VALID)].sort());
    assert.deepEqual([...previews.entries.keys()].sort(), [id(DRAFT), id(BROKEN)]);

    const broken = previews.entries.get(id(BROKEN))!;
    const validated = checkPostmortemFiles({ contentDir: dir, cwd: PROJECT_ROOT }).problems.filter((problem) =>
      problem.file.endsWith(BROKEN),
    );
    assert.equal(broken.data.kind, 'invalid');
    assert.deepEqual(
      (broken.data.problems as { message: string; line: number }[]).map(({ message, line }) => ({ message, line })),
      validated.map(({ message, line }) => ({ message, line })),
      'the same problems as npm run validate',
    );
    assert.match(broken.rendered!.html, /<strong>pool<\/strong>/);

    const draft = previews.entries.get(id(DRAFT))!;
    assert.equal(draft.data.kind, 'unpublished');
    assert.equal(draft.data.status, 'draft');
    assert.ok(
      (draft.data.problems as { severity: string; field: string }[]).some(
        (problem) => problem.severity === 'warning' && problem.field === 'actionItems',
      ),
      'a draft lists what --strict warns about',
    );

    // The author fixes the file: on the watcher's word the preview goes and the entry comes.
    const written = previews.nextWrite();
    writeFileSync(join(dir, BROKEN), postmortemText(validFrontmatter()));
    changed(join(dir, BROKEN));
    await written;
    assert.deepEqual([...previews.entries.keys()], [id(DRAFT)]);
    assert.ok(postmortems.entries.has(id(BROKEN)));
  });
});
