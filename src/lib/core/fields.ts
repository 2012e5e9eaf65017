/**
 * The field registry: beside its zod type, every frontmatter field declares what it means,
 * when it is required, what kind of value it holds and how to ask for it. One walker reads
 * the registry, and everything that lists fields derives from it: what a postmortem still
 * needs to be published, the README field table, the JSON Schema, the importer's review
 * notes and the scaffold's comments.
 */
import { z } from 'zod';

/** When a field must be present: always, once the postmortem leaves draft, or never. */
export type Requirement = 'always' | 'publish' | 'never';

/** What kind of value a field holds; readers (tables, JSON Schema, scaffold) key off it. */
export type FieldKind = 'instant' | 'time' | 'day' | 'text' | 'enum' | 'list' | 'number' | 'url' | 'slug' | 'group';

export interface FieldMeta {
  /** What the field means, in one line; also its description for editors. */
  meaning: string;
  required: Requirement;
  kind: FieldKind;
  /** A value to show in the scaffold's comments, as YAML. */
  example?: string;
  /** What a reviewer must supply when an import could not read the field. */
  ask?: string;
}

/** Registry of field metadata, separate from zod's global one so JSON Schema stays clean. */
export const fieldRegistry = z.registry<FieldMeta>();

/** Declares a field: the zod schema carries the meaning as its description and the metadata. */
export function field<T extends z.ZodType>(schema: T, meta: FieldMeta): T {
  const described = schema.describe(meta.meaning) as T;
  fieldRegistry.add(described, meta);
  return described;
}

interface Def {
  type?: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  element?: z.ZodType;
  shape?: Record<string, z.ZodType>;
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { def: Def }).def;

/** Strips optional, default, prefault and pipe wrappers to reach the schema holding the shape. */
export function unwrapSchema(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (let i = 0; i < 10; i++) {
    const def = defOf(current);
    if (def.innerType) current = def.innerType;
    else if (def.type === 'pipe' && def.in) current = def.in;
    else break;
  }
  return current;
}

/** A declared field found by the walker. */
export interface FieldEntry {
  /** Keys from the root; `[]` marks "each item of the list above". */
  path: string[];
  /** Dotted name as the README and messages write it, e.g. `actionItems[].term`. */
  name: string;
  meta: FieldMeta;
  schema: z.ZodType;
  /** Allowed values, for enum fields and lists of enums. */
  options?: string[];
}

function optionsOf(schema: z.ZodType): string[] | undefined {
  const inner = unwrapSchema(schema);
  const def = defOf(inner) as Def & { entries?: Record<string, string> };
  if (def.type === 'enum' && def.entries) return Object.values(def.entries);
  if (def.type === 'array' && def.element) return optionsOf(def.element);
  return undefined;
}

/** The object shapes a list item may take: the item itself, or each object branch of a union (text or entry). */
function entryShapes(element: z.ZodType): z.ZodType[] {
  const inner = unwrapSchema(element);
  const def = defOf(inner) as Def & { options?: z.ZodType[] };
  if (def.type === 'object') return [inner];
  if (def.type === 'union' && def.options)
    return def.options.filter((option) => defOf(unwrapSchema(option)).type === 'object');
  return [];
}

/** Whether a list's items may also be plain text (a union with a text branch). */
export function listAcceptsText(schema: z.ZodType): boolean {
  const element = defOf(unwrapSchema(schema)).element;
  if (!element) return false;
  const def = defOf(unwrapSchema(element)) as Def & { options?: z.ZodType[] };
  if (def.type === 'string') return true;
  return def.type === 'union' && (def.options ?? []).some((option) => defOf(unwrapSchema(option)).type === 'string');
}

const nameOf = (path: readonly string[]) =>
  path.reduce((name, key) => (key === '[]' ? `${name}[]` : name ? `${name}.${key}` : key), '');

/** Every declared field under `root`, parents before children, in declaration order. */
export function walkFields(root: z.ZodType, prefix: string[] = []): FieldEntry[] {
  const shape = defOf(unwrapSchema(root)).shape ?? {};
  const out: FieldEntry[] = [];
  for (const [key, schema] of Object.entries(shape)) {
    const path = [...prefix, key];
    const meta = fieldRegistry.get(schema);
    if (!meta) throw new Error(`field ${nameOf(path)} is not declared with field(); give it a meaning and a kind`);
    out.push({ path, name: nameOf(path), meta, schema, options: optionsOf(schema) });
    const inner = unwrapSchema(schema);
    const def = defOf(inner);
    if (def.type === 'object') out.push(...walkFields(inner, path));
    else if (def.type === 'array' && def.element)
      for (const shape of entryShapes(def.element)) out.push(...walkFields(shape, [...path, '[]']));
  }
  return out;
}

/** Values at a walker path, with their concrete paths (list items expanded with their index). */
function valuesAt(
  value: unknown,
  path: readonly string[],
  at: (string | number)[] = [],
): [(string | number)[], unknown][] {
  if (path.length === 0) return [[at, value]];
  const [key, ...rest] = path;
  if (key === '[]') {
    if (!Array.isArray(value)) return [];
    return value.flatMap((item, index) => valuesAt(item, rest, [...at, index]));
  }
  const next = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  if (next === undefined && rest.length > 0) return [];
  return valuesAt(next, rest, [...at, key]);
}

const present = (value: unknown) => value !== undefined && !(Array.isArray(value) && value.length === 0);

/** Fields required to publish, per schema: schemas never change, and the schema checks every file with it. */
const publishFields = new WeakMap<z.ZodType, FieldEntry[]>();

/** Paths of the fields required to publish that `entry` leaves out (lists must not be empty). */
export function missingFields(root: z.ZodType, entry: unknown): (string | number)[][] {
  const missing: (string | number)[][] = [];
  let fields = publishFields.get(root);
  if (!fields)
    publishFields.set(root, (fields = walkFields(root).filter((field) => field.meta.required === 'publish')));
  for (const field of fields) {
    for (const [path, value] of valuesAt(entry, field.path)) if (!present(value)) missing.push(path);
  }
  return missing;
}
