/**
 * `npm run schema:json`: writes schemas/postmortem.schema.json so editors can complete and
 * check fields (see .vscode/settings.json and CONTRIBUTING.md). `--check` only compares, for
 * CI and the unit test that keeps the committed file current.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { renderJsonSchema, SCHEMA_PATH } from '../lib/fields/json-schema.ts';

if (import.meta.main) {
  const { values } = parseArgs({ options: { check: { type: 'boolean', default: false } } });
  const text = renderJsonSchema();
  let current = '';
  try {
    current = readFileSync(SCHEMA_PATH, 'utf8');
  } catch {
    // No file yet: writing creates it, checking reports it.
  }
  if (values.check) {
    if (current === text) console.log(`✓ ${SCHEMA_PATH} matches src/lib/core/schema.ts`);
    else {
      console.error(
        `✗ ${SCHEMA_PATH} is out of date with src/lib/core/schema.ts; run npm run schema:json and commit it`,
      );
      process.exitCode = 1;
    }
  } else if (current === text) {
    console.log(`${SCHEMA_PATH} is already up to date`);
  } else {
    mkdirSync(dirname(SCHEMA_PATH), { recursive: true });
    writeFileSync(SCHEMA_PATH, text);
    console.log(`Wrote ${SCHEMA_PATH}`);
  }
}
