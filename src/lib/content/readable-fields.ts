/**
 * What can be read of a postmortem whose frontmatter does not pass the schema as a whole: every
 * field parsed on its own (groups field by field, lists item by item), so the rules across fields,
 * the service catalog and the review advice still run on what did parse and report their
 * problems in the same run as the field errors, instead of one round of fixes at a time.
 */
import type { z } from 'zod';
import { unwrapSchema } from '../core/fields.ts';
import { postmortemSchema, type PostmortemFields } from '../core/schema.ts';

export interface ReadableFields {
  /**
   * The fields that parsed, with their defaults. A group holds the fields of it that parsed; a
   * list holds the items that parsed at their own index, with holes where an item did not
   * (`forEach` and `flatMap` skip holes, so every index reported is the one written).
   */
  data: PostmortemFields;
  /** Dotted paths of fields that did not parse, whole or in part: no rule may call them missing. */
  unreadable: string[];
}

interface Def {
  type?: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
}
const defOf = (schema: z.ZodType) => (schema as unknown as { def: Def }).def;

const isGroup = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** `value` parsed by `schema`, or its parts that parse; `found` false when nothing of it does. */
function readPart(
  schema: z.ZodType,
  value: unknown,
  name: string,
  unreadable: string[],
): { found: true; value: unknown } | { found: false } {
  const whole = schema.safeParse(value);
  if (whole.success) return { found: true, value: whole.data };
  unreadable.push(name);
  const def = defOf(unwrapSchema(schema));
  if (def.type === 'object' && def.shape && isGroup(value)) {
    const group: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(def.shape)) {
      const part = readPart(child, value[key], `${name}.${key}`, unreadable);
      if (part.found && part.value !== undefined) group[key] = part.value;
    }
    return { found: true, value: group };
  }
  if (def.type === 'array' && def.element && Array.isArray(value)) {
    const list: unknown[] = new Array(value.length);
    value.forEach((item, index) => {
      const parsed = def.element!.safeParse(item);
      if (parsed.success) list[index] = parsed.data;
    });
    return { found: true, value: list };
  }
  return { found: false };
}

/** The fields of `input` (frontmatter as read) that parse, and the paths of those that do not. */
export function readableFields(input: unknown): ReadableFields {
  const unreadable: string[] = [];
  const data: Record<string, unknown> = {};
  const fields = isGroup(input) ? input : {};
  for (const [key, schema] of Object.entries(postmortemSchema.shape)) {
    const part = readPart(schema as z.ZodType, fields[key], key, unreadable);
    if (part.found && part.value !== undefined) data[key] = part.value;
  }
  return { data: data as PostmortemFields, unreadable };
}
