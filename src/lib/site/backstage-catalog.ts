/**
 * Backstage catalog entities (`catalog-info.yaml`) read as the service catalog: a Component is a
 * service (`metadata.name` gives its slug, `metadata.title` its display name, `spec.owner` its
 * team, `spec.system` its grouping), a System groups services and a Group is a team. Entities of
 * other kinds (API, Resource, Location, Template, Domain, User…) are skipped and listed, never
 * refused; an entity without a readable `metadata.name` is an error at its line.
 * Pure: the caller reads the file and splits it into documents (`yamlDocuments`).
 */
import { z } from 'zod';
import type { Position } from '../content/frontmatter.ts';
import { explainIssue } from '../content/error-map.ts';
import { slugOf } from '../core/slug.ts';
import type { CatalogData } from './services.ts';

/** One YAML document of a catalog file, parsed with positions. */
export interface EntityDocument {
  data: unknown;
  /** Where a field path was written in the file. */
  locate(path: readonly PropertyKey[]): Position;
}

/** A reference to an entity, `[kind:][namespace/]name` as Backstage writes it. */
export interface EntityRef {
  kind: string;
  namespace: string;
  name: string;
}

/** The kinds read; every other kind is skipped with a note. */
export const READ_KINDS = ['Component', 'System', 'Group'] as const;

/** Backstage's own rules for names and namespaces (at most 63 characters each). */
const NAME = /^[A-Za-z0-9]+(?:[-_.][A-Za-z0-9]+)*$/;
const NAMESPACE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const entityName = z
  .string()
  .max(63)
  .regex(NAME, {
    error: 'must be letters and digits joined by "-", "_" or ".", at most 63 characters, e.g. "artist-lookup"',
  })
  .describe('The entity’s name, e.g. "artist-lookup"');

/** What every entity must have for the catalog to read it; the rest of an entity is Backstage's. */
const entityHeader = z.looseObject({
  apiVersion: z.string().min(1).describe('The entity format, e.g. "backstage.io/v1alpha1"'),
  kind: z.string().min(1).describe('What the entity is: Component, System, Group, API…'),
  metadata: z
    .looseObject({
      name: entityName,
      namespace: z
        .string()
        .max(63)
        .regex(NAMESPACE, { error: 'must be lower-case words joined by hyphens, e.g. "default"' })
        .optional(),
      title: z.string().trim().min(1).optional().describe('How the entity is shown'),
    })
    .describe('The entity’s name, namespace and title'),
});

const entityRefText = z
  .string()
  .trim()
  .min(1)
  .describe('An entity reference, e.g. "group:default/payments" or "payments"');

/** The parts of a Component's, System's or Group's spec the catalog reads. */
const specs = {
  Component: z.looseObject({ owner: entityRefText.optional(), system: entityRefText.optional() }),
  System: z.looseObject({ owner: entityRefText.optional() }),
  Group: z.looseObject({
    profile: z.looseObject({ displayName: z.string().trim().min(1).optional() }).optional(),
  }),
};

const DEFAULT_NAMESPACE = 'default';

/**
 * `[kind:][namespace/]name` with Backstage's defaults: the kind a field refers to (`Group` for
 * an owner, `System` for a system) and the namespace of the entity that wrote it.
 */
export function parseEntityRef(ref: string, defaults: { kind: string; namespace: string }): EntityRef | undefined {
  const colon = ref.indexOf(':');
  const kind = colon === -1 ? defaults.kind : ref.slice(0, colon);
  const rest = colon === -1 ? ref : ref.slice(colon + 1);
  const slash = rest.indexOf('/');
  const namespace = slash === -1 ? defaults.namespace : rest.slice(0, slash);
  const name = slash === -1 ? rest : rest.slice(slash + 1);
  if (!kind || !NAMESPACE.test(namespace.toLowerCase()) || !NAME.test(name)) return undefined;
  return { kind, namespace: namespace.toLowerCase(), name };
}

/** `component:default/artist-lookup`: the reference Backstage itself prints (kind lower-cased). */
export function formatEntityRef(ref: EntityRef): string {
  return `${ref.kind.toLowerCase()}:${ref.namespace}/${ref.name}`;
}

/**
 * The knowledge base's slug for an entity: its name in lower-case words joined by hyphens
 * (`artist_lookup` → `artist-lookup`), prefixed by its namespace unless that is `default`
 * (`alternative/different-namespace` → `alternative-different-namespace`).
 */
export function entitySlug(ref: Pick<EntityRef, 'namespace' | 'name'>): string {
  const name = slugOf(ref.name);
  return ref.namespace === DEFAULT_NAMESPACE ? name : `${slugOf(ref.namespace)}-${name}`;
}

export interface EntityProblem extends Position {
  field: string;
  message: string;
}

/** An entity of a kind the catalog does not read, listed so the reader knows it was seen. */
export interface SkippedEntity {
  kind: string;
  name: string;
  line: number;
}

export interface BackstageEntities {
  /** Services, teams and systems in the shape of the catalog, with their references. */
  data: CatalogData;
  /** Where each service, team and system was declared, by kind and slug. */
  declaredAt: { service: Map<string, Position>; team: Map<string, Position>; system: Map<string, Position> };
  skipped: SkippedEntity[];
  problems: EntityProblem[];
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads the entities of one catalog file (its documents in order). */
export function readEntities(documents: readonly EntityDocument[]): BackstageEntities {
  const result: BackstageEntities = {
    data: { teams: {}, services: {}, systems: {} },
    declaredAt: { service: new Map(), team: new Map(), system: new Map() },
    skipped: [],
    problems: [],
  };
  const problem = (doc: EntityDocument, path: readonly PropertyKey[], field: string, message: string) =>
    result.problems.push({ ...doc.locate(path), field, message });
  for (const doc of documents) {
    if (!isObject(doc.data)) {
      problem(doc, [], '(entity)', 'must be an entity: "apiVersion", "kind", "metadata" and "spec" fields');
      continue;
    }
    const header = entityHeader.safeParse(doc.data);
    if (!header.success) {
      for (const issue of header.error.issues)
        for (const explained of explainIssue(entityHeader, issue, doc.data))
          problem(doc, explained.path, fieldPath(explained.path), explained.message);
      continue;
    }
    const { kind, metadata } = header.data;
    if (!(READ_KINDS as readonly string[]).includes(kind)) {
      result.skipped.push({ kind, name: metadata.name, line: doc.locate([]).line });
      continue;
    }
    const spec = specs[kind as keyof typeof specs].safeParse(Object.hasOwn(doc.data, 'spec') ? doc.data.spec : {});
    if (!spec.success) {
      for (const issue of spec.error.issues)
        for (const explained of explainIssue(specs[kind as keyof typeof specs], issue, doc.data.spec)) {
          const path = ['spec', ...explained.path];
          problem(doc, path, fieldPath(path), explained.message);
        }
      continue;
    }
    const self: EntityRef = { kind, namespace: metadata.namespace ?? DEFAULT_NAMESPACE, name: metadata.name };
    const slug = entitySlug(self);
    const at = doc.locate(['metadata', 'name']);
    const ref = (field: 'owner' | 'system', defaultKind: string): EntityRef | undefined => {
      const written = (spec.data as { owner?: string; system?: string })[field];
      if (written === undefined) return undefined;
      const parsed = parseEntityRef(written, { kind: defaultKind, namespace: self.namespace });
      if (!parsed)
        problem(
          doc,
          ['spec', field],
          `spec.${field}`,
          `${JSON.stringify(written)} is not an entity reference; write "[kind:][namespace/]name", e.g. "group:default/payments"`,
        );
      return parsed;
    };
    const taken = (map: Map<string, Position>, what: string) => {
      const earlier = map.get(slug);
      if (!earlier) return false;
      problem(
        doc,
        ['metadata', 'name'],
        'metadata.name',
        `${what} "${slug}" is already declared on line ${earlier.line}; each ${what} is declared once (names differing only in case, "_" or "." give the same slug)`,
      );
      return true;
    };
    if (kind === 'Component') {
      const owner = ref('owner', 'Group');
      const system = ref('system', 'System');
      if (taken(result.declaredAt.service, 'service')) continue;
      result.declaredAt.service.set(slug, at);
      result.data.services[slug] = {
        name: metadata.title ?? metadata.name,
        title: metadata.title,
        aliases: [],
        ref: formatEntityRef(self),
        owner: owner && entitySlug(owner),
        ownerRef: owner && formatEntityRef(owner),
        ownerName: owner?.name,
        system: system && entitySlug(system),
        systemRef: system && formatEntityRef(system),
        systemName: system?.name,
      };
    } else if (kind === 'System') {
      if (taken(result.declaredAt.system, 'system')) continue;
      result.declaredAt.system.set(slug, at);
      result.data.systems![slug] = { name: metadata.title ?? metadata.name, ref: formatEntityRef(self) };
    } else {
      if (taken(result.declaredAt.team, 'team')) continue;
      result.declaredAt.team.set(slug, at);
      const profile = (spec.data as { profile?: { displayName?: string } }).profile;
      result.data.teams[slug] = {
        name: profile?.displayName ?? metadata.title ?? metadata.name,
        aliases: [],
        ref: formatEntityRef(self),
      };
    }
  }
  return result;
}

/** Whether a parsed document is a Backstage entity rather than the knowledge base's own catalog. */
export function isEntity(data: unknown): boolean {
  return isObject(data) && (Object.hasOwn(data, 'kind') || Object.hasOwn(data, 'apiVersion'));
}

function fieldPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? String(key) : `.${String(key)}`))
    .join('');
}

/** One line per file: which entities were skipped, by kind, with their lines. */
export function skippedNote(file: string, skipped: readonly SkippedEntity[]): string | undefined {
  if (skipped.length === 0) return undefined;
  const byKind = new Map<string, number[]>();
  for (const entity of skipped) byKind.set(entity.kind, [...(byKind.get(entity.kind) ?? []), entity.line]);
  const kinds = [...byKind]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([kind, lines]) => `${kind} (line${lines.length === 1 ? '' : 's'} ${lines.join(', ')})`)
    .join(', ');
  return `${file}: ${skipped.length} entit${skipped.length === 1 ? 'y' : 'ies'} skipped: ${kinds}; the knowledge base reads ${READ_KINDS.join(', ')}`;
}
