/**
 * `npm run docs:fields`: rewrites the field reference in README.md from the schema.
 * With --check it only reports whether the README is current (exit 1 when stale).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { replaceFieldReference } from '../lib/fields/field-reference.ts';

const { values } = parseArgs({
  options: { write: { type: 'string', default: 'README.md' }, check: { type: 'boolean', default: false } },
});
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
