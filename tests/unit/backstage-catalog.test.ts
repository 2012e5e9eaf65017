/**
 * The service catalog read from Backstage entity files: the public files in
 * tests/corpus/catalog/backstage (from backstage/backstage, unmodified) as the whole catalog,
 * combined with services.yaml, and held to the same strict rules; the validator checks
 * postmortems against it with "did you mean".
 */
import { after, before, describe, it, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { entitySlug, parseEntityRef } from '../../src/lib/site/backstage-catalog.ts';
import { serviceProblem } from '../../src/lib/site/services.ts';
import { catalogFiles, readServiceCatalog } from '../../src/node/service-catalog.ts';
import { PROJECT_ROOT } from '../helpers/astro.ts';
import { projectTempDir } from '../helpers/tmp.ts';

const CORPUS = 'tests/corpus/catalog/backstage';
const corpusFiles = readdirSync(join(PROJECT_ROOT, CORPUS))
  .filter((name) => name.endsWith('.yaml'))
  .sort()
  .map((name) => join(CORPUS, name));
const readCorpus = () =>
  readServiceCatalog(
    'content/postmortems',
    PROJECT_ROOT,
    catalogFiles('content/postmortems', PROJECT_ROOT, corpusFiles),
  );

test('entity references take Backstage’s defaults: kind by field, namespace of the entity that wrote it', () => {
  const owner = { kind: 'Group', namespace: 'default' };
  assert.deepEqual(parseEntityRef('team-a', owner), { kind: 'Group', namespace: 'default', name: 'team-a' });
  assert.deepEqual(parseEntityRef('user:guest', owner), { kind: 'user', namespace: 'default', name: 'guest' });
  assert.deepEqual(parseEntityRef('group:default/payments', owner), {
    kind: 'group',
    namespace: 'default',
    name: 'payments',
  });
  assert.deepEqual(parseEntityRef('default/team-a', { kind: 'Group', namespace: 'alternative' }), {
    kind: 'Group',
    namespace: 'default',
    name: 'team-a',
  });
  assert.deepEqual(parseEntityRef('team-a', { kind: 'Group', namespace: 'alternative' })?.namespace, 'alternative');
  assert.equal(parseEntityRef('group:', owner), undefined);
  assert.equal(parseEntityRef('two words', owner), undefined);
  assert.equal(entitySlug({ namespace: 'default', name: 'Artist_Lookup.v2' }), 'artist-lookup-v2');
  assert.equal(
    entitySlug({ namespace: 'alternative', name: 'different-namespace' }),
    'alternative-different-namespace',
  );
});

test('the public Backstage files read as the catalog: components, systems, a group, other kinds noted', () => {
  const { catalog, problems, notes } = readCorpus();
  assert.deepEqual(problems, []);
  assert.equal(catalog.declared, true);
  assert.deepEqual(catalog.services.map((service) => service.slug).sort(), [
    'alternative-different-namespace',
    'artist-lookup',
    'backstage-existing',
    'example-website',
    'playback-order',
    'www-artist',
  ]);
  assert.deepEqual(catalog.resolve('artist-lookup'), {
    slug: 'artist-lookup',
    name: 'artist-lookup',
    ref: 'component:default/artist-lookup',
    owner: { slug: 'team-a', name: 'team-a', ref: 'group:default/team-a' },
    system: {
      slug: 'artist-engagement-portal',
      name: 'Artist Engagement Portal',
      ref: 'system:default/artist-engagement-portal',
    },
  });
  // A user owns playback-order; its system is declared in another file.
  assert.deepEqual(catalog.resolve('playback-order').owner, {
    slug: 'guest',
    name: 'guest',
    ref: 'user:default/guest',
  });
  assert.equal(catalog.resolve('playback-order').system?.name, 'audio-playback');
  // `owner: default/team-a` from namespace alternative; the owner "CNCF" is shown as written.
  assert.equal(catalog.resolve('alternative-different-namespace').owner?.ref, 'group:default/team-a');
  assert.deepEqual(catalog.resolve('backstage-existing').owner, {
    slug: 'cncf',
    name: 'CNCF',
    ref: 'group:default/CNCF',
  });
  assert.deepEqual(catalog.resolve('example-website').system, {
    slug: 'examples',
    name: 'examples',
    ref: 'system:default/examples',
  });
  assert.deepEqual(notes, [
    `${CORPUS}/all-components.yaml: 1 entity skipped: Location (line 1); the knowledge base reads Component, System, Group`,
    `${CORPUS}/entities.yaml: 1 entity skipped: API (line 22); the knowledge base reads Component, System, Group`,
    `${CORPUS}/team-a-group.yaml: 5 entities skipped: User (lines 15, 26, 37, 51, 64); the knowledge base reads Component, System, Group`,
  ]);
});

test('postmortems are checked against the Backstage catalog, with "did you mean" for a misspelling', () => {
  const { catalog } = readCorpus();
  for (const slug of ['artist-lookup', 'www-artist', 'playback-order', 'example-website'])
    assert.equal(serviceProblem(slug, catalog), undefined, slug);
  const typo = serviceProblem('artist-lokup', catalog);
  assert.equal(typo?.severity, 'error');
  assert.match(
    typo!.message,
    /^"artist-lokup" is not a service in the catalog \(10 files listed in KB_CATALOG\); did you mean "artist-lookup"/,
  );
  assert.match(serviceProblem('playback-orders', catalog)!.message, /did you mean "playback-order"\?/);
});

describe('Backstage files are held to the catalog’s rules', () => {
  let root: string;
  const file = (name: string, text: string) => {
    writeFileSync(join(root, name), text);
    return name;
  };
  const read = (...names: string[]) =>
    readServiceCatalog(join(root, 'postmortems'), root, catalogFiles('postmortems', root, names));
  const problems = (...names: string[]) => read(...names).problems.map((p) => [p.file, p.line, p.field, p.message]);
  before(() => {
    root = resolve(projectTempDir('backstage-'));
    mkdirSync(join(root, 'postmortems'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('refuses an entity without metadata.name at its line, and a name Backstage would refuse', () => {
    file(
      'nameless.yaml',
      'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: fine\n---\napiVersion: backstage.io/v1alpha1\nkind: API\nmetadata:\n  title: No name\n---\napiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: two words\n',
    );
    const found = problems('nameless.yaml');
    assert.equal(found.length, 2, JSON.stringify(found));
    assert.deepEqual(found[0].slice(0, 3), ['nameless.yaml', 8, 'metadata.name']);
    assert.match(found[0][3] as string, /is required/);
    assert.deepEqual(found[1].slice(0, 3), ['nameless.yaml', 14, 'metadata.name']);
    assert.match(found[1][3] as string, /letters and digits joined by "-", "_" or "."/);
  });

  it('reads a file with a BOM, CRLF line ends and comments before its first document, with the file’s own lines', () => {
    file(
      'crlf.yaml',
      '\uFEFF# Catalog of the ledger team\r\n---\r\napiVersion: backstage.io/v1alpha1\r\nkind: Component\r\nmetadata:\r\n  name: ledger\r\n---\r\napiVersion: backstage.io/v1alpha1\r\nkind: Component\r\nmetadata:\r\n  title: No name\r\n',
    );
    assert.deepEqual(
      problems('crlf.yaml').map((p) => p.slice(1, 3)),
      [[10, 'metadata.name']],
    );
    file(
      'crlf.yaml',
      '\uFEFF# Catalog\r\n---\r\napiVersion: backstage.io/v1alpha1\r\nkind: Component\r\nmetadata:\r\n  name: ledger\r\n',
    );
    assert.deepEqual(
      read('crlf.yaml').catalog.services.map((s) => s.ref),
      ['component:default/ledger'],
    );
  });

  it('refuses anchors, aliases, tags and merge keys between documents as in services.yaml', () => {
    file(
      'anchored.yaml',
      'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: &meta\n  name: a\n---\napiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  <<: *meta\n  name: !!str b\n',
    );
    assert.deepEqual(
      problems('anchored.yaml').map(([, line, field, message]) => [
        line,
        field,
        (message as string).split(' ').slice(0, 3).join(' '),
      ]),
      [
        [3, '(file)', 'the YAML anchor'],
        [9, '(file)', 'the YAML merge'],
        [9, '(file)', 'the YAML alias'],
        [10, '(file)', 'the YAML tag'],
      ],
    );
  });

  it('skips every kind it does not read, never an error, and reads a spec field with a wrong type as an error', () => {
    file(
      'kinds.yaml',
      ['API', 'Resource', 'Location', 'Template', 'Domain', 'User']
        .map((kind) => `apiVersion: backstage.io/v1alpha1\nkind: ${kind}\nmetadata:\n  name: x-${kind.toLowerCase()}\n`)
        .join('---\n'),
    );
    const kinds = read('kinds.yaml');
    assert.deepEqual(kinds.problems, []);
    assert.equal(kinds.catalog.services.length, 0);
    assert.match(
      kinds.notes[0],
      /6 entities skipped: API \(line 1\), Domain \(line 21\), Location \(line 11\), Resource \(line 6\), Template \(line 16\), User \(line 26\)/,
    );
    file(
      'owner.yaml',
      'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: a\nspec:\n  owner: [team-a]\n',
    );
    assert.deepEqual(
      problems('owner.yaml').map((p) => p.slice(1, 3)),
      [[6, 'spec.owner']],
    );
  });

  it('combines with services.yaml, and a service declared in both is an error naming both places', () => {
    file(
      'services.yaml',
      'teams:\n  payments:\n    name: Payments\nservices:\n  checkout-api:\n    name: Checkout API\n    owner: payments\n    aliases: [checkout]\n',
    );
    file(
      'catalog-info.yaml',
      'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ledger\n  title: Ledger service\nspec:\n  owner: group:default/payments\n  system: money\n---\napiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: platform\nspec:\n  profile:\n    displayName: Platform team\n',
    );
    const both = read('services.yaml', 'catalog-info.yaml');
    assert.deepEqual(both.problems, []);
    assert.deepEqual(
      both.catalog.services.map((s) => s.slug),
      ['checkout-api', 'ledger'],
    );
    // The Backstage component's owner is the team services.yaml declares.
    assert.deepEqual(both.catalog.resolve('ledger').owner, {
      slug: 'payments',
      name: 'Payments',
      ref: 'group:default/payments',
    });
    assert.equal(both.catalog.resolve('ledger').name, 'Ledger service');
    assert.equal(both.catalog.resolve('ledger').title, 'Ledger service');
    assert.equal(both.catalog.resolve('checkout').slug, 'checkout-api');
    assert.match(
      serviceProblem('ledgr', both.catalog)!.message,
      /not a service in services\.yaml and catalog-info\.yaml; did you mean "ledger" \(Ledger service\)\?/,
    );

    file(
      'twice.yaml',
      'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: checkout-api\n---\napiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: checkout\n',
    );
    assert.deepEqual(problems('services.yaml', 'twice.yaml'), [
      [
        'twice.yaml',
        4,
        'services.checkout-api',
        '"checkout-api" is already declared in services.yaml:5; a service is declared once across the catalog files',
      ],
      [
        'twice.yaml',
        9,
        'services.checkout',
        '"checkout" is already an alias of "checkout-api" in services.yaml; a service is declared once across the catalog files',
      ],
    ]);
    file(
      'same.yaml',
      'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: Ledger\n---\napiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ledger\n',
    );
    assert.match(problems('same.yaml')[0][3] as string, /service "ledger" is already declared on line 4/);
  });

  it('a listed file that is missing is an error; without KB_CATALOG a missing services.yaml means no catalog', () => {
    assert.match(problems('nowhere.yaml')[0][3] as string, /does not exist; KB_CATALOG lists catalog files/);
    const none = readServiceCatalog(join(root, 'postmortems'), root, {
      paths: [join(root, 'absent.yaml')],
      configured: false,
    });
    assert.deepEqual([none.problems, none.catalog.declared], [[], false]);
    file('plain-docs.yaml', 'services: {}\n---\nteams: {}\n');
    assert.match(problems('plain-docs.yaml')[0][3] as string, /several YAML documents that are not Backstage entities/);
  });
});

test('npm run validate reads KB_CATALOG: the fixture postmortems pass, a misspelt component gets "did you mean"', () => {
  const root = projectTempDir('backstage-validate-');
  try {
    const content = join(root, 'postmortems');
    mkdirSync(content);
    writeFileSync(
      join(content, '2024-05-02-www-artist-blank-page.mdx'),
      '---\ntitle: Blank artist pages\nsummary: Artist pages were blank for ten minutes.\nstatus: published\nservices: [www-artist, artist-lookp]\nstarted: "2024-05-02T10:00:00Z"\n---\n\nThe page script failed.\n',
    );
    const run = (dir: string) =>
      spawnSync(process.execPath, ['src/cli/validate.ts', '--content-dir', dir, '--no-cache'], {
        cwd: PROJECT_ROOT,
        encoding: 'utf8',
        env: { ...process.env, KB_CATALOG: corpusFiles.join(','), NO_COLOR: '1' },
      });
    const fixture = run('tests/fixtures/backstage-site/postmortems');
    assert.equal(fixture.status, 0, fixture.stdout + fixture.stderr);
    assert.match(fixture.stdout, /✓ 5 postmortems valid/);
    assert.match(fixture.stdout, /note: tests\/corpus\/catalog\/backstage\/entities\.yaml: 1 entity skipped: API/);
    const typo = run(content);
    assert.equal(typo.status, 1, typo.stdout + typo.stderr);
    assert.match(
      typo.stdout,
      /:5:\d+ {2}services\[1\] {2}"artist-lookp" is not a service in the catalog \(10 files listed in KB_CATALOG\); did you mean "artist-lookup"/,
    );
    assert.doesNotMatch(typo.stdout, /"www-artist" is not a service/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
