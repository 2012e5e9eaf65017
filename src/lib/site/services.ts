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

export interface Service {
  slug: string;
  name: string;
  owner?: { slug: string; name: string };
}

/** Where the catalog lives: beside the postmortems folder (`content/services.yaml`). */
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
  services: Service[];
  lookup(slug: string): ServiceLookup;
  /** The service a slug stands for: the catalog's entry, or (undeclared) the slug as its own name. */
  resolve(slug: string): Service;
}

/** The catalog as the validator and the site use it; `data` undefined means no catalog file. */
export function serviceCatalog(data: ServiceCatalogData | undefined): ServiceCatalog {
  const teams = data?.teams ?? {};
  const services = Object.entries(data?.services ?? {}).map(([slug, entry]): Service => ({
    slug,
    name: entry.name,
    owner: entry.owner
      ? { slug: entry.owner, name: Object.hasOwn(teams, entry.owner) ? teams[entry.owner].name : entry.owner }
      : undefined,
  }));
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
    services,
    lookup,
    resolve(slug) {
      const found = lookup(slug);
      return found.kind === 'unknown' ? { slug, name: slug } : found.service;
    },
  };
}

/** A service list with aliases replaced by their service, each service once, in the order written. */
export function canonicalServices(slugs: readonly string[], catalog: ServiceCatalog): string[] {
  return [...new Set(slugs.map((slug) => catalog.resolve(slug).slug))];
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
      message: `"${slug}" is an alias of "${found.service.slug}" in content/services.yaml; write "${found.service.slug}"`,
    };
  }
  const named = (suggested: string) => {
    const name = catalog.resolve(suggested).name;
    return name === suggested ? `"${suggested}"` : `"${suggested}" (${name})`;
  };
  const hint = found.suggestions.length ? `did you mean ${found.suggestions.map(named).join(' or ')}? ` : '';
  return {
    severity: 'error',
    message: `"${slug}" is not a service in content/services.yaml; ${hint}declare it there (name, owner, aliases) or use a declared slug`,
  };
}
