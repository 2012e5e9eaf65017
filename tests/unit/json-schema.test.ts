/**
 * The committed JSON Schema (schemas/postmortem.schema.json) is exactly what
 * `npm run schema:json` generates from src/lib/core/schema.ts, and it says what editors need.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { buildJsonSchema, renderJsonSchema, SCHEMA_PATH } from '../../src/lib/fields/json-schema.ts';
import { postmortemSchema } from '../../src/lib/core/schema.ts';

test('the committed JSON Schema is up to date with the zod schema', () => {
  assert.equal(
    readFileSync(SCHEMA_PATH, 'utf8'),
    renderJsonSchema(),
    'run npm run schema:json and commit schemas/postmortem.schema.json',
  );
});

test('the JSON Schema has every field, its description, and the rules of the zod schema', () => {
  const schema = buildJsonSchema() as {
    properties: Record<string, { description?: string; pattern?: string; enum?: string[] }>;
    required: string[];
    additionalProperties: boolean;
  };
  assert.deepEqual(Object.keys(schema.properties), Object.keys(postmortemSchema.shape));
  for (const [key, field] of Object.entries(schema.properties))
    assert.ok(field.description, `${key} has a description for editors`);
  assert.deepEqual(schema.required.sort(), ['started', 'status', 'title']);
  assert.equal(schema.additionalProperties, false, 'unknown fields are flagged');
  assert.deepEqual(schema.properties.severity.enum, ['sev1', 'sev2', 'sev3', 'sev4']);
  const text = (schema.properties.started as { anyOf: { type?: string; pattern?: string }[] }).anyOf.find(
    (branch) => branch.type === 'string',
  )!;
  const started = new RegExp(text.pattern!);
  assert.ok(started.test('2024-03-08T10:30:00Z') && started.test('2024-03-08T13:30:00+03:00'));
  assert.ok(started.test('2024-03-08'), 'a day alone is a time known to the day');
  assert.ok(!started.test('2024-03-08 10:30'), 'a time without offset is flagged in the editor');
});

test('editors see the near-miss rule: preventedBy required on a near miss out of draft, refused on an incident', () => {
  const { allOf } = buildJsonSchema() as { allOf: { if: unknown; then: unknown }[] };
  assert.deepEqual(
    allOf.find((rule) => JSON.stringify(rule.then) === JSON.stringify({ required: ['preventedBy'] }))?.if,
    {
      properties: { kind: { const: 'near-miss' }, status: { enum: ['in-review', 'published'] } },
      required: ['kind', 'status'],
    },
  );
  assert.ok(allOf.some((rule) => JSON.stringify(rule.then) === JSON.stringify({ not: { required: ['preventedBy'] } })));
});
