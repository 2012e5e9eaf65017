/**
 * `npm run schema:json`: writes schemas/postmortem.schema.json so editors can complete and
 * check fields (see .vscode/settings.json and CONTRIBUTING.md). `--check` only compares, for
 * CI and the unit test that keeps the committed file current.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseCommandLine } from './args.ts';
import { renderJsonSchema, SCHEMA_PATH } from '../lib/fields/json-schema.ts';

if (import.meta.main) {
  const usage = `Usage: npm run schema:json [-- --check]

Writes ${SCHEMA_PATH} from src/lib/core/schema.ts.
  --check  only compare (exit 1 when the file is out of date)`;
  const { values } = parseCommandLine('schema:json', usage, {
    options: { check: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
  });
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
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
