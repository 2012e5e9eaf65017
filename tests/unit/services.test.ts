/**
 * The service catalog: aliases merge into their service, an unknown slug gets "did you mean",
 * a broken catalog is refused with its path, and the example content uses declared names.
 */
import { after, before, describe, it, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import {
  canonicalServices,
  serviceCatalog,
  serviceCatalogSchema,
  serviceProblem,
} from '../../src/lib/site/services.ts';
import { checkPostmortemFiles } from '../../src/node/postmortem-files.ts';
import { readServiceCatalog } from '../../src/node/service-catalog.ts';
import { projectTempDir } from '../helpers/tmp.ts';

const catalog = serviceCatalog(
  serviceCatalogSchema.parse({
    teams: { identity: { name: 'Identity' } },
    services: {
      'auth-service': { name: 'Authentication service', owner: 'identity', aliases: ['authentication-service'] },
      'user-database': { name: 'User database', aliases: ['database'] },
    },
  }),
);

test('an alias resolves to its service, with name and owner; a list keeps each service once', () => {
  assert.deepEqual(catalog.resolve('authentication-service'), {
    slug: 'auth-service',
    name: 'Authentication service',
    owner: { slug: 'identity', name: 'Identity' },
  });
  assert.deepEqual(canonicalServices(['authentication-service', 'auth-service', 'database'], catalog), [
    'auth-service',
    'user-database',
  ]);
  assert.deepEqual(catalog.resolve('undeclared'), { slug: 'undeclared', name: 'undeclared' });
});

test('the validator warns on an alias and refuses an unknown service with "did you mean"', () => {
  assert.equal(serviceProblem('auth-service', catalog), undefined);
  assert.deepEqual(serviceProblem('database', catalog), {
    severity: 'warning',
    message: '"database" is an alias of "user-database" in content/services.yaml; write "user-database"',
  });
  const typo = serviceProblem('auth-servce', catalog);
  assert.equal(typo?.severity, 'error');
  assert.match(typo!.message, /did you mean "auth-service" \(Authentication service\)\?/);
  assert.equal(serviceProblem('anything', serviceCatalog(undefined)), undefined, 'no catalog, no check');
});

test('"did you mean" also comes from a service\'s display name and its aliases', () => {
  // The display name "User database", written as a slug, and a word of it.
  assert.deepEqual(catalog.lookup('user-db'), { kind: 'unknown', suggestions: ['user-database'] });
  assert.deepEqual(catalog.lookup('authentication'), { kind: 'unknown', suggestions: ['auth-service'] });
  // A typo of an alias suggests the service the alias stands for, not the alias.
  assert.deepEqual(catalog.lookup('authentcation-service'), { kind: 'unknown', suggestions: ['auth-service'] });
  assert.deepEqual(catalog.lookup('databse'), { kind: 'unknown', suggestions: ['user-database'] });
  assert.deepEqual(catalog.lookup('billing'), { kind: 'unknown', suggestions: [] });
});

test('a catalog that names an undeclared owner or claims a name twice is refused', () => {
  const result = serviceCatalogSchema.safeParse({
    services: {
      a: { name: 'A', owner: 'nobody', aliases: ['b'] },
      b: { name: 'B' },
    },
  });
  assert.equal(result.success, false);
  const messages = result.error!.issues.map((issue) => issue.message).join('\n');
  assert.match(messages, /team "nobody" is not declared/);
  assert.match(messages, /"b" is already a service/);
});

test('the example content names only declared services, and the catalog itself is valid', () => {
  const raw = parse(readFileSync('content/services.yaml', 'utf8'));
  assert.ok(serviceCatalogSchema.safeParse(raw).success);
  const result = checkPostmortemFiles({ contentDir: 'content/postmortems' });
  assert.deepEqual(
    result.problems.filter((problem) => problem.field.startsWith('services')),
    [],
  );
});

describe('services.yaml is held to the rules of a postmortem', () => {
  let root: string;
  let content: string;
  const read = () => readServiceCatalog(content, root);
  const write = (data: string | Buffer) => writeFileSync(join(root, 'services.yaml'), data);
  before(() => {
    root = resolve(projectTempDir('catalog-'));
    content = join(root, 'postmortems');
    mkdirSync(content);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  const only = () => read().problems.map((p) => [p.line, p.field, p.rule, p.message]);

  it('looks teams up as own properties: owner constructor is not Object', () => {
    write('teams: {}\nservices:\n  checkout:\n    name: Checkout\n    owner: constructor\n');
    assert.deepEqual(only(), [
      [5, 'services.checkout.owner', 'catalog', 'team "constructor" is not declared under teams'],
    ]);
    const declared = serviceCatalog(serviceCatalogSchema.parse({ services: { checkout: { name: 'Checkout' } } }));
    assert.equal(declared.resolve('constructor').name, 'constructor');
    assert.equal(declared.lookup('toString').kind, 'unknown');
  });

  it('refuses tags, anchors, aliases and merge keys with their lines', () => {
    write(
      'teams:\n  ops: &ops\n    name: !!js/function "function () {}"\nservices:\n  a: {name: A, owner: ops}\n  b:\n    <<: *ops\n',
    );
    assert.deepEqual(
      read().problems.map((p) => [p.line, p.rule]),
      [
        [2, 'catalog'],
        [3, 'catalog'],
        [7, 'catalog'],
        [7, 'catalog'],
      ],
    );
    write('services:\n  a:\n    name: !include ../../.env\n');
    assert.match(only()[0][3] as string, /the YAML tag !include is not allowed/);
  });

  it('refuses a Latin-1 or UTF-16 file, and control characters, instead of publishing mojibake', () => {
    write(Buffer.from('services:\n  cafe:\n    name: Caf\u00e9\n', 'latin1'));
    assert.deepEqual(only(), [[3, '(file)', 'catalog', 'is not valid UTF-8 (Latin-1 or UTF-16?); save it as UTF-8']]);
    write(Buffer.from('\ufeffservices: {}\n', 'utf16le'));
    assert.equal(only().length, 1);
    write('services:\n  a:\n    name: "A\u001b[2J"\n');
    assert.deepEqual(
      only().map((p) => p[0]),
      [3],
    );
  });

  it('refuses a symbolic link (it could point out of the repository) and anything not a file', () => {
    rmSync(join(root, 'services.yaml'), { force: true });
    symlinkSync('/etc/hostname', join(root, 'services.yaml'));
    assert.match(only()[0][3] as string, /is a symbolic link/);
    rmSync(join(root, 'services.yaml'));
    mkdirSync(join(root, 'services.yaml'));
    assert.match(only()[0][3] as string, /is not a regular file/);
    rmSync(join(root, 'services.yaml'), { recursive: true });
  });

  it('reports broken YAML and unknown fields as errors with their lines; an empty catalog declares nothing', () => {
    write('services:\n  a:\n    name: A\n    nmae: typo\n');
    assert.deepEqual(only(), [[4, 'services.a.nmae', 'catalog', 'unknown field "nmae"; did you mean "name"?']]);
    write('services:\n  a: [unclosed\n');
    assert.equal(read().problems[0].severity, 'error');
    assert.ok(read().problems[0].line >= 2);
    write('# nothing yet\n\n');
    const empty = read();
    assert.deepEqual(empty.problems, []);
    assert.equal(empty.catalog.declared, true);
  });
});
