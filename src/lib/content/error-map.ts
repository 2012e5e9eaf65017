/**
 * Turns zod issues into sentences an author can act on: what is wrong with which field and
 * what would be right, quoting the field's own description from the schema.
 */
import { quoted } from '../core/characters.ts';
import { editDistance } from '../core/edit-distance.ts';
import { describeSuggestion, suggestValues, termCandidates, vocabularyOf } from '../core/suggestions.ts';
import type { z } from 'zod';

type AnySchema = z.ZodType;

interface Walkable {
  def?: {
    type?: string;
    innerType?: AnySchema;
    in?: AnySchema;
    out?: AnySchema;
    element?: AnySchema;
    options?: AnySchema[];
    shape?: Record<string, AnySchema>;
    valueType?: AnySchema;
  };
  description?: string;
}

/** Strips optional/default/pipe wrappers to reach the schema that holds the shape. */
function unwrap(schema: AnySchema): AnySchema {
  let current = schema as unknown as Walkable;
  for (let i = 0; i < 10; i++) {
    const def = current.def;
    if (!def) break;
    if (def.innerType) current = def.innerType as unknown as Walkable;
    else if (def.type === 'pipe' && def.in) current = def.in as unknown as Walkable;
    else break;
  }
  return current as unknown as AnySchema;
}

/** The schema at a field path, or undefined when the path is not in the schema. */
export function schemaAt(root: AnySchema, path: readonly PropertyKey[]): AnySchema | undefined {
  let current: AnySchema | undefined = root;
  for (const segment of path) {
    if (!current) return undefined;
    const def: Walkable['def'] = (unwrap(current) as unknown as Walkable).def;
    if (typeof segment === 'number') current = def?.element;
    // A record (the catalog's services by slug) holds one schema for every key.
    else if (def?.type === 'record') current = def.valueType;
    else current = def?.shape && Object.hasOwn(def.shape, String(segment)) ? def.shape[String(segment)] : undefined;
  }
  return current;
}

/** The `.describe()` text of a field, looking through wrappers. */
export function descriptionAt(root: AnySchema, path: readonly PropertyKey[]): string | undefined {
  let current = schemaAt(root, path) as unknown as Walkable | undefined;
  for (let i = 0; current && i < 10; i++) {
    if (current.description) return current.description;
    current = (current.def?.innerType ?? current.def?.in) as unknown as Walkable | undefined;
  }
  return undefined;
}

/** Field names an object accepts at a path, for "did you mean" hints. */
export function knownKeysAt(root: AnySchema, path: readonly PropertyKey[]): string[] {
  const schema = path.length === 0 ? root : schemaAt(root, path);
  if (!schema) return [];
  return Object.keys((unwrap(schema) as unknown as Walkable).def?.shape ?? {});
}

/** The closest candidate when it is close enough to be a typo. */
export function closest(value: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(value, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(value.length / 3)) ? best : undefined;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a group of fields';
  if (typeof value === 'string') return `text ${quoted(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `${typeof value} ${String(value)}`;
}

const EXPECTED_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  array: 'a list',
  object: 'a group of fields',
  boolean: 'true or false',
};

export interface FieldIssue {
  path: PropertyKey[];
  message: string;
}

/**
 * One or more author-facing issues for a zod issue. An unrecognised-keys issue becomes one
 * issue per key so each points at its own line.
 */
export function explainIssue(root: AnySchema, issue: z.core.$ZodIssue, input: unknown): FieldIssue[] {
  const path = issue.path as PropertyKey[];
  const valueAt = (p: readonly PropertyKey[]) =>
    p.reduce<unknown>(
      (node, key) => (node && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined),
      input,
    );
  const value = valueAt(path);
  const description = descriptionAt(root, path);
  const plain = description
    ? description.replace(/\s*(?:Required|At least one) unless draft\.$/, '').replace(/[.;]$/, '')
    : undefined;
  const expectedHint = plain ? ` (${plain[0].toLowerCase()}${plain.slice(1)})` : '';

  switch (issue.code) {
    case 'invalid_union': {
      // A time is one of several shapes: explain the shape the value was meant to have, the
      // branch that got furthest (not one that refused the value's type outright).
      if (value === undefined)
        return [{ path, message: plain ? `is required: ${plain[0].toLowerCase()}${plain.slice(1)}` : 'is required' }];
      const branches = (issue as unknown as { errors: z.core.$ZodIssue[][] }).errors.filter(
        (branch) => !branch.every((sub) => sub.code === 'invalid_type' && sub.path.length === 0),
      );
      const closestBranch = branches.sort((a, b) => a.length - b.length)[0];
      if (closestBranch)
        return closestBranch.flatMap((sub) =>
          explainIssue(root, { ...sub, path: [...path, ...sub.path] } as z.core.$ZodIssue, input),
        );
      return [{ path, message: `must be ${plain ? plain[0].toLowerCase() + plain.slice(1) : 'one of the allowed forms'}, not ${describeValue(value)}` }];
    }
    case 'unrecognized_keys': {
      const known = knownKeysAt(root, path);
      return issue.keys.map((key) => {
        const guess = closest(key, known);
        return {
          path: [...path, key],
          message: `unknown field ${quoted(key)}${guess ? `; did you mean "${guess}"?` : `; known fields here: ${known.join(', ')}`}`,
        };
      });
    }
    case 'invalid_type': {
      if (value === undefined)
        return [{ path, message: plain ? `is required: ${plain[0].toLowerCase()}${plain.slice(1)}` : 'is required' }];
      const expected = EXPECTED_WORDS[issue.expected] ?? issue.expected;
      return [{ path, message: `must be ${expected}, not ${describeValue(value)}${expectedHint}` }];
    }
    case 'invalid_value': {
      if (value === undefined)
        return [{ path, message: plain ? `is required: ${plain[0].toLowerCase()}${plain.slice(1)}` : 'is required' }];
      const allowed = issue.values.map(String);
      // Matched against each value's label and aliases too: "certificate" is in "Time / certificate expiry".
      const vocabulary = vocabularyOf(allowed);
      const candidates = vocabulary ? termCandidates(vocabulary) : allowed.map((v) => ({ value: v, names: [v] }));
      const guesses = typeof value === 'string' ? suggestValues(value, candidates, 2) : [];
      const hint = guesses.map((guess) => describeSuggestion(guess, vocabulary)).join(' or ');
      return [
        {
          path,
          message: `${describeValue(value)} is not allowed; use one of: ${allowed.join(', ')}${hint ? ` (did you mean ${hint}?)` : ''}`,
        },
      ];
    }
    case 'too_small': {
      if (issue.message && !issue.message.startsWith('Too small')) return [{ path, message: issue.message }];
      if (issue.origin === 'array') return [{ path, message: `needs at least ${issue.minimum} item(s)` }];
      if (issue.origin === 'string') return [{ path, message: 'must not be empty' }];
      return [{ path, message: `must be at least ${issue.minimum}, not ${String(value)}` }];
    }
    case 'too_big': {
      if (issue.origin === 'string')
        return [{ path, message: `is ${String(value).length} characters; the limit is ${issue.maximum}` }];
      if (issue.origin === 'array')
        return [
          {
            path,
            message: `has ${Array.isArray(value) ? value.length : 'more than'} items; the limit is ${issue.maximum}`,
          },
        ];
      return [{ path, message: `must be at most ${issue.maximum}, not ${String(value)}` }];
    }
    case 'invalid_union': {
      return [{ path, message: `${describeValue(value)} is not valid here${expectedHint}` }];
    }
    default:
      // Publishing rules name the field's meaning too, so the author knows what to write.
      if (issue.code === 'custom' && issue.message.startsWith('is required') && plain) {
        return [{ path, message: `${issue.message}: ${plain[0].toLowerCase()}${plain.slice(1)}` }];
      }
      return [{ path, message: issue.message }];
  }
}
