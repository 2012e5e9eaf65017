/**
 * `npm run schema:json`: writes schemas/postmortem.schema.json, the JSON Schema of the
 * frontmatter, generated from the zod schema in src/lib/core/schema.ts so editors can complete and
 * check fields (see .vscode/settings.json and CONTRIBUTING.md). `--check` only compares,
 * for CI and the unit test that keeps the committed file current.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { missingToPublish, postmortemSchema } from '../lib/core/schema.ts';
import { ISO_WITH_OFFSET } from '../lib/core/time.ts';

export const SCHEMA_PATH = 'schemas/postmortem.schema.json';

type JsonSchema = {
  [key: string]: unknown;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  description?: string;
};

/** Adds the ISO-with-offset pattern to every time field (they say so in their description). */
function markInstants(schema: JsonSchema): void {
  if (
    schema.type === 'string' &&
    typeof schema.description === 'string' &&
    /ISO 8601 with offset/.test(schema.description)
  ) {
    schema.pattern = ISO_WITH_OFFSET.source;
  }
  for (const child of [
    ...Object.values(schema.properties ?? {}),
    ...(schema.items ? [schema.items] : []),
    ...(schema.anyOf ?? []),
  ])
    markInstants(child);
}

/**
 * `required` rules for a postmortem in review or published, from missingToPublish in the
 * schema: probed with an empty entry holding one empty action item, so its paths name every
 * field a draft may leave out.
 */
function publishRules(schema: JsonSchema): JsonSchema {
  const probe = { services: [], impact: {}, detection: {}, rootCause: { categories: [] }, actionItems: [{}] };
  const rule: JsonSchema = {};
  const require = (target: JsonSchema, field: string) => {
    const list = (target.required as string[] | undefined) ?? [];
    if (!list.includes(field)) target.required = [...list, field];
  };
  for (const path of missingToPublish(probe)) {
    let target = rule;
    let source: JsonSchema | undefined = schema;
    for (const [index, key] of path.entries()) {
      if (typeof key === 'number') {
        // An array index: the rule applies to every item.
        target.items ??= {};
        target = target.items;
        source = source?.items;
        continue;
      }
      source = source?.properties?.[key];
      // A list may be empty; only its items have required fields.
      if (typeof path[index + 1] !== 'number') require(target, key);
      target.properties ??= {};
      target.properties[key] ??= {};
      if (index === path.length - 1 && source?.type === 'array') target.properties[key].minItems = 1;
      target = target.properties[key];
    }
  }
  return rule;
}

/** The JSON Schema as committed: deterministic, so the file only changes with the zod schema. */
export function buildJsonSchema(): JsonSchema {
  const generated = z.toJSONSchema(postmortemSchema, {
    io: 'input',
    unrepresentable: 'any',
    // An unquoted YAML date (due: 2024-04-01) is read as a date; editors see it as a string.
    override: (ctx) => {
      if ((ctx.zodSchema as { _zod: { def: { type: string } } })._zod.def.type === 'date') {
        ctx.jsonSchema.type = 'string';
        ctx.jsonSchema.format = 'date';
      }
    },
  }) as JsonSchema;
  markInstants(generated);
  return {
    $schema: generated.$schema,
    $id: 'https://postmortem-kb.example/schemas/postmortem.schema.json',
    title: 'Postmortem frontmatter',
    description:
      'Frontmatter of a postmortem in content/postmortems. Generated from src/lib/core/schema.ts by `npm run schema:json`; do not edit by hand.',
    ...Object.fromEntries(Object.entries(generated).filter(([key]) => key !== '$schema')),
    allOf: [
      {
        // Drafts may leave out what the author does not know yet; review and publishing may not.
        if: { properties: { status: { enum: ['in-review', 'published'] } }, required: ['status'] },
        then: publishRules(generated),
      },
      {
        if: { properties: { status: { const: 'published' } }, required: ['status'] },
        then: { required: ['resolved'], properties: { review: { maxItems: 0 } } },
      },
    ],
  };
}

export function renderJsonSchema(): string {
  return `${JSON.stringify(buildJsonSchema(), null, 2)}\n`;
}

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
