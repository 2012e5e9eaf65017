/**
 * `npm run docs:fields`: rewrites the field reference in README.md from the schema.
 * With --check it only reports whether the README is current (exit 1 when stale).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseCommandLine } from './args.ts';
import { replaceFieldReference } from '../lib/fields/field-reference.ts';

const USAGE = `Usage: npm run docs:fields [-- --check] [--write FILE]

Rewrites the field reference in FILE (default README.md) from src/lib/core/schema.ts.
  --check       only report whether it is current (exit 1 when stale)
  --write FILE  the Markdown file to update`;

const { values } = parseCommandLine('docs:fields', USAGE, {
  options: {
    write: { type: 'string', default: 'README.md' },
    check: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const file = values.write;
const current = readFileSync(file, 'utf8');
const next = replaceFieldReference(current);
if (values.check) {
  if (next !== current) {
    console.log(`${file}: the field reference is out of date; run npm run docs:fields`);
    process.exitCode = 1;
  } else console.log(`${file}: field reference is current`);
} else if (next !== current) {
  writeFileSync(file, next);
  console.log(`${file}: field reference updated`);
} else {
  console.log(`${file}: field reference already current`);
}
