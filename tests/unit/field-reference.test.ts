import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderFieldReference, replaceFieldReference } from '../../src/lib/fields/field-reference.ts';
import { postmortemSchema } from '../../src/lib/core/schema.ts';

const README = join(import.meta.dirname, '../../README.md');

describe('README field reference', () => {
  it('is generated from the schema and current (run npm run docs:fields when this fails)', () => {
    const readme = readFileSync(README, 'utf8');
    assert.equal(replaceFieldReference(readme), readme);
  });

  it('documents every top-level field of the schema with its description', () => {
    const reference = renderFieldReference();
    for (const [name, field] of Object.entries(postmortemSchema.shape)) {
      assert.ok(reference.includes(`| \`${name}\` |`), `${name} is listed`);
      assert.ok(field.description && reference.includes(field.description), `${name} has its doc comment`);
    }
  });
});
