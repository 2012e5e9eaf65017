/**
 * The service catalog: aliases merge into their service, an unknown slug gets "did you mean",
 * a broken catalog is refused with its path, and the example content uses declared names.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import {
  canonicalServices,
  serviceCatalog,
  serviceCatalogSchema,
  serviceProblem,
} from '../../src/lib/site/services.ts';
import { checkPostmortemFiles } from '../../src/node/postmortem-files.ts';

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
  assert.match(typo!.message, /did you mean "auth-service"\?/);
  assert.equal(serviceProblem('anything', serviceCatalog(undefined)), undefined, 'no catalog, no check');
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
