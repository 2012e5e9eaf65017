/**
 * The JSON Schema of the frontmatter for editors (schemas/postmortem.schema.json), generated
 * from the zod schema and its field registry: time patterns and the rules for leaving draft
 * come from each field's declared kind and requirement.
 */
import { z } from 'zod';
import { walkFields } from '../core/fields.ts';
import { postmortemSchema } from '../core/schema.ts';
import { CALENDAR_DAY, ISO_WITH_OFFSET } from '../core/time.ts';

type JsonSchema = {
  [key: string]: unknown;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  description?: string;
};

export const SCHEMA_PATH = 'schemas/postmortem.schema.json';

/** The JSON Schema node of a walker path (`[]` steps into list items). */
function nodeAt(schema: JsonSchema, path: readonly string[]): JsonSchema | undefined {
  let node: JsonSchema | undefined = schema;
  for (const key of path) node = key === '[]' ? node?.items : node?.properties?.[key];
  return node;
}

/** Every time field gets its patterns, by its declared kind: an instant, or an instant or a day. */
function markInstants(schema: JsonSchema): void {
  const either = `${ISO_WITH_OFFSET.source}|${CALENDAR_DAY.source}`;
  for (const field of walkFields(postmortemSchema)) {
    const node = nodeAt(schema, field.path);
    if (!node) continue;
    if (field.meta.kind === 'instant') node.pattern = ISO_WITH_OFFSET.source;
    if (field.meta.kind !== 'time') continue;
    for (const branch of node.anyOf ?? []) {
      if (branch.type === 'string') branch.pattern = either;
      const at = (branch.properties as Record<string, JsonSchema> | undefined)?.at;
      if (at) at.pattern = ISO_WITH_OFFSET.source;
    }
  }
}

/** `required` rules for a postmortem in review or published: every field declared 'publish'. */
function publishRules(): JsonSchema {
  const rule: JsonSchema = {};
  for (const field of walkFields(postmortemSchema)) {
    if (field.meta.required !== 'publish') continue;
    let target = rule;
    for (const [index, key] of field.path.entries()) {
      if (key === '[]') {
        target.items ??= {};
        target = target.items;
        continue;
      }
      // A list may be empty; only its items have required fields.
      if (field.path[index + 1] !== '[]') {
        const list = (target.required as string[] | undefined) ?? [];
        if (!list.includes(key)) target.required = [...list, key];
      }
      target.properties ??= {};
      target.properties[key] ??= {};
      target = target.properties[key];
    }
    if (field.meta.kind === 'list') target.minItems = 1;
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
        then: publishRules(),
      },
      {
        if: { properties: { status: { const: 'published' } }, required: ['status'] },
        then: { properties: { review: { maxItems: 0 } } },
      },
      // The near-miss rule of postmortemSchema's superRefine: what stopped it, once it leaves draft…
      {
        if: {
          properties: { kind: { const: 'near-miss' }, status: { enum: ['in-review', 'published'] } },
          required: ['kind', 'status'],
        },
        then: { required: ['preventedBy'] },
      },
      // …and only a near miss says what stopped it (kind defaults to incident).
      {
        if: { not: { properties: { kind: { const: 'near-miss' } }, required: ['kind'] } },
        then: { not: { required: ['preventedBy'] } },
      },
    ],
  };
}

export function renderJsonSchema(): string {
  return `${JSON.stringify(buildJsonSchema(), null, 2)}\n`;
}
