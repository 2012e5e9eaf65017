/**
 * The service catalog (`content/services.yaml`): each service a postmortem may name is declared
 * once with a display name, an owner team and the other slugs it has been written as. The
 * validator checks postmortems against it; the site lists an alias under its service.
 * Pure: reading the file is the caller's job.
 */
import { suggestValues, type Candidate } from '../core/suggestions.ts';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { SLUG_PATTERN } from '../core/slug.ts';

const slug = z
  .string()
  .regex(SLUG_PATTERN, { error: 'must be lower-case words joined by hyphens, e.g. "checkout-api"' });

const teamSchema = z.strictObject({
  /** How the team is shown. */
  name: z.string().trim().min(1),
  /** Other names the team goes by in postmortems ("Database team"). */
  aliases: z.array(z.string().trim().min(1)).default([]),
});

const serviceSchema = z.strictObject({
  /** How the service is shown. */
  name: z.string().trim().min(1),
  /** Slug of the owning team, declared under `teams`. */
  owner: slug.optional(),
  /** Other slugs postmortems have used for the same service. */
  aliases: z.array(slug).default([]),
});

export const serviceCatalogSchema = z
  .strictObject({
    teams: z.record(slug, teamSchema).default({}),
    services: z.record(slug, serviceSchema).default({}),
  })
  .superRefine((catalog, ctx) => {
    const claimed = new Map<string, string>();
    for (const [service, entry] of Object.entries(catalog.services)) {
      // Own properties only: `owner: constructor` must not find Object.prototype.constructor.
      if (entry.owner && !Object.hasOwn(catalog.teams, entry.owner)) {
        ctx.addIssue({
          code: 'custom',
          path: ['services', service, 'owner'],
          message: `team "${entry.owner}" is not declared under teams`,
        });
      }
      for (const alias of entry.aliases) {
        const other = Object.hasOwn(catalog.services, alias) ? alias : claimed.get(alias);
        if (other) {
          ctx.addIssue({
            code: 'custom',
            path: ['services', service, 'aliases'],
            message: `"${alias}" is already ${other === alias ? 'a service' : `an alias of "${other}"`}; a name can mean one service`,
          });
        }
        claimed.set(alias, service);
      }
    }
  });

export type ServiceCatalogInput = z.input<typeof serviceCatalogSchema>;
export type ServiceCatalogData = z.output<typeof serviceCatalogSchema>;

/**
 * The catalog as read from any of its sources: `content/services.yaml` gives names, owners and
 * aliases; Backstage entities (src/lib/site/backstage-catalog.ts) add titles, systems and the
 * entity references a catalog plugin matches on.
 */
export interface CatalogData {
  teams: Record<string, { name: string; aliases?: string[]; ref?: string }>;
  services: Record<
    string,
    {
      name: string;
      aliases: string[];
      /** Backstage's `metadata.title`, when the entity has one. */
      title?: string;
      /** Backstage entity reference, e.g. `component:default/artist-lookup`. */
      ref?: string;
      /** Slug of the owning team (or user). */
      owner?: string;
      ownerRef?: string;
      /** The owner's name as referenced, shown when no team entry names it. */
      ownerName?: string;
      /** Slug of the system the service belongs to. */
      system?: string;
      systemRef?: string;
      systemName?: string;
    }
  >;
  systems?: Record<string, { name: string; ref?: string }>;
}

export interface Service {
  slug: string;
  name: string;
  /** Backstage's `metadata.title`, when the service comes from an entity that has one. */
  title?: string;
  /** Backstage entity reference, e.g. `component:default/artist-lookup`. */
  ref?: string;
  owner?: { slug: string; name: string; ref?: string };
  /** The system (Backstage) the service belongs to. */
  system?: { slug: string; name: string; ref?: string };
}

/** Where the catalog lives by default: beside the postmortems folder (`content/services.yaml`). */
export function serviceCatalogPath(contentDir: string): string {
  return join(dirname(contentDir), 'services.yaml');
}

/** What a slug written in a postmortem is, by the catalog. */
export type ServiceLookup =
  | { kind: 'service'; service: Service }
  | { kind: 'alias'; service: Service }
  | { kind: 'unknown'; suggestions: string[] };

export interface ServiceCatalog {
  /** False when no catalog file exists: every slug is then its own service, and nothing is checked. */
  declared: boolean;
  /** The files the catalog was read from, as messages name them. */
  sources: string[];
  services: Service[];
  lookup(slug: string): ServiceLookup;
  /** The service a slug stands for: the catalog's entry, or (undeclared) the slug as its own name. */
  resolve(slug: string): Service;
}

/**
 * The catalog as the validator and the site use it; `data` undefined means no catalog file.
 * `sources` are the files it came from, named in the validator's messages.
 */
export function serviceCatalog(
  data: CatalogData | undefined,
  sources: readonly string[] = ['content/services.yaml'],
): ServiceCatalog {
  const teams = data?.teams ?? {};
  const systems = data?.systems ?? {};
  const services = Object.entries(data?.services ?? {}).map(([slug, entry]): Service => {
    const team = entry.owner && Object.hasOwn(teams, entry.owner) ? teams[entry.owner] : undefined;
    const system = entry.system && Object.hasOwn(systems, entry.system) ? systems[entry.system] : undefined;
    return {
      slug,
      name: entry.name,
      ...(entry.title !== undefined && { title: entry.title }),
      ...(entry.ref !== undefined && { ref: entry.ref }),
      owner: entry.owner
        ? {
            slug: entry.owner,
            name: team?.name ?? entry.ownerName ?? entry.owner,
            ...((entry.ownerRef ?? team?.ref) !== undefined && { ref: entry.ownerRef ?? team?.ref }),
          }
        : undefined,
      ...(entry.system !== undefined && {
        system: {
          slug: entry.system,
          name: system?.name ?? entry.systemName ?? entry.system,
          ...((entry.systemRef ?? system?.ref) !== undefined && { ref: entry.systemRef ?? system?.ref }),
        },
      }),
    };
  });
  const bySlug = new Map(services.map((service) => [service.slug, service]));
  const byAlias = new Map(
    Object.entries(data?.services ?? {}).flatMap(([slug, entry]) =>
      entry.aliases.map((alias) => [alias, bySlug.get(slug)!] as const),
    ),
  );
  // Every name a written value may match: the slug, the display name and the aliases.
  const candidates: Candidate[] = Object.entries(data?.services ?? {}).map(([slug, entry]) => ({
    value: slug,
    names: [slug, entry.name, ...entry.aliases],
  }));
  const lookup = (slug: string): ServiceLookup => {
    const service = bySlug.get(slug);
    if (service) return { kind: 'service', service };
    const aliased = byAlias.get(slug);
    if (aliased) return { kind: 'alias', service: aliased };
    return { kind: 'unknown', suggestions: suggestValues(slug, candidates) };
  };
  return {
    declared: data !== undefined,
    sources: [...sources],
    services,
    lookup,
    resolve(slug) {
      const found = lookup(slug);
      return found.kind === 'unknown' ? { slug, name: slug } : found.service;
    },
  };
}

/** One source of the catalog: a file's data and where each of its entries was written. */
export interface CatalogPart {
  file: string;
  data: CatalogData;
  declaredAt(kind: 'service' | 'team' | 'system', slug: string): { line: number; column: number };
}

/**
 * Several catalog files as one catalog. A service, team or system is declared in one file only,
 * and no service slug is another's alias: a name means one thing however many files there are.
 */
export function combineCatalogs(parts: readonly CatalogPart[]): {
  data: CatalogData;
  problems: { file: string; line: number; column: number; field: string; message: string }[];
} {
  const data: Required<CatalogData> = { teams: {}, services: {}, systems: {} };
  const problems: ReturnType<typeof combineCatalogs>['problems'] = [];
  const where = new Map<string, string>();
  const names = new Map<string, string>();
  for (const part of parts) {
    const claim = (kind: 'service' | 'team' | 'system', slug: string) => {
      const key = `${kind}:${slug}`;
      const earlier = where.get(key) ?? (kind === 'service' ? names.get(slug) : undefined);
      const at = part.declaredAt(kind, slug);
      if (earlier) {
        problems.push({
          file: part.file,
          ...at,
          field: `${kind === 'service' ? 'services' : kind === 'team' ? 'teams' : 'systems'}.${slug}`,
          message: `"${slug}" is already ${earlier}; a ${kind} is declared once across the catalog files`,
        });
        return false;
      }
      where.set(key, `declared in ${part.file}:${at.line}`);
      return true;
    };
    for (const [slug, entry] of Object.entries(part.data.services)) {
      if (!claim('service', slug)) continue;
      data.services[slug] = entry;
      for (const alias of entry.aliases) names.set(alias, `an alias of "${slug}" in ${part.file}`);
      names.set(slug, `declared in ${part.file}:${part.declaredAt('service', slug).line}`);
    }
    for (const [slug, entry] of Object.entries(part.data.teams)) if (claim('team', slug)) data.teams[slug] = entry;
    for (const [slug, entry] of Object.entries(part.data.systems ?? {}))
      if (claim('system', slug)) data.systems[slug] = entry;
  }
  return { data, problems };
}

/** A service list with aliases replaced by their service, each service once, in the order written. */
export function canonicalServices(slugs: readonly string[], catalog: ServiceCatalog): string[] {
  return [...new Set(slugs.map((slug) => catalog.resolve(slug).slug))];
}

/** The catalog's files as a message names them: one or two by name, more by their count. */
function sourcesText(catalog: ServiceCatalog): string {
  const { sources } = catalog;
  return sources.length <= 2 ? sources.join(' and ') : `the catalog (${sources.length} files listed in KB_CATALOG)`;
}

/** What the validator says about one service a postmortem lists, or undefined when it is declared. */
export function serviceProblem(
  slug: string,
  catalog: ServiceCatalog,
): { severity: 'error' | 'warning'; message: string } | undefined {
  if (!catalog.declared) return undefined;
  const found = catalog.lookup(slug);
  if (found.kind === 'service') return undefined;
  if (found.kind === 'alias') {
    return {
      severity: 'warning',
      message: `"${slug}" is an alias of "${found.service.slug}" in ${sourcesText(catalog)}; write "${found.service.slug}"`,
    };
  }
  const named = (suggested: string) => {
    const name = catalog.resolve(suggested).name;
    return name === suggested ? `"${suggested}"` : `"${suggested}" (${name})`;
  };
  const hint = found.suggestions.length ? `did you mean ${found.suggestions.map(named).join(' or ')}? ` : '';
  return {
    severity: 'error',
    message: `"${slug}" is not a service in ${sourcesText(catalog)}; ${hint}declare it there or use a declared slug`,
  };
}
