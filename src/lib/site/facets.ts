/**
 * The facets a reader narrows postmortems by: root-cause category, severity, detection method,
 * service, year, contributing factor and kind (incident or near miss). Each entry says everything the site knows about one facet: where an
 * incident's values come from, how a value reads, the order values are listed in, and whether
 * the facet gets pages, a search filter and subset figures. Every route, list, count, filter and
 * figure that enumerates facets reads this registry, so adding a facet is one entry here.
 * Pure: no Astro imports.
 */
import type { Postmortem } from '../core/schema.ts';
import {
  detectionMethods,
  incidentKinds,
  keysOf,
  labelOf,
  rootCauseCategories,
  severities,
  type Term,
} from '../core/taxonomy.ts';
import { factorSlugsOf } from '../incidents/contributing-factors.ts';

/** What a facet reads an incident's values from. */
export interface FacetSource {
  /** The validated frontmatter. */
  data: Postmortem;
  /** The year the incident started, by the day its postmortem gives; undefined when unknown. */
  year?: number;
}

/** Most postmortems first; in the vocabulary's order; or highest value (newest year) first. */
export type FacetOrder = 'count' | 'vocabulary' | 'descending';

export interface FacetPages {
  /** First path segment of the facet's pages, e.g. `categories` for `/categories/database/`. */
  segment: string;
  /** Heading of a value's listing; defaults to "<singular label>: <value label>". */
  heading?: (value: string) => string;
  /** A muted line under the heading; a vocabulary term's definition is shown without one. */
  note?: (value: string) => string;
  /** An index page at `<segment>/` with every value and its count; its breadcrumb parent on value pages. */
  index?: {
    /** Meta description of the index page. */
    description: string;
    /** Paragraph under the heading. */
    intro: string;
    /** Heading of the value column, e.g. "Category". */
    column: string;
  };
}

export interface FacetSpec {
  /** Names of the facet: singular in navigation and headings, plural for its index and breadcrumb. */
  label: { singular: string; plural: string };
  /** The incident's values as URL-safe slugs; an incident without one is counted under `none`. */
  values: (source: FacetSource) => readonly string[];
  /** How the postmortems without a value are named where they are counted, e.g. "Not categorised". */
  none: string;
  /** Every postmortem has a value (the schema gives a default), so no "none" row is shown in its index. */
  always?: true;
  /** Closed list of values with their labels and definitions; without one, a value reads as written. */
  vocabulary?: Readonly<Record<string, Term>>;
  /**
   * The file its values are declared in, read by the site at build time instead of a closed list
   * in code (the factor vocabulary, content/factors.yaml); pages pass its terms as the vocabulary.
   */
  declaredIn?: 'content/factors.yaml';
  /** Order of values in counts and lists. */
  order: FacetOrder;
  /**
   * A listing per value at `<segment>/<value>/`, newest first and paginated. A facet with a
   * vocabulary gets a page for every term, even an unused one; any other facet one per value present.
   */
  pages?: FacetPages;
  /** A filter on the search page: its Pagefind filter name (also the URL parameter), and whether the pane starts open. */
  search?: { filter: string; open?: boolean };
  /** Figures for each value's postmortems on the first page of its listing, charting `other` beside the rest. */
  figures?: { other: 'services' | 'categories' };
}

const registry = {
  category: {
    label: { singular: 'Root cause', plural: 'Root-cause categories' },
    values: ({ data }) => data.rootCause.categories,
    none: 'Not categorised',
    vocabulary: rootCauseCategories,
    order: 'count',
    pages: {
      segment: 'categories',
      index: {
        description: 'The root-cause taxonomy every postmortem is filed under.',
        intro:
          'A postmortem names one or more of these categories; one that names none yet is counted last, as not categorised. An incident often has a trigger in one category and a cause that let it spread in another; both are listed.',
        column: 'Category',
      },
    },
    search: { filter: 'category', open: true },
    figures: { other: 'services' },
  },
  severity: {
    label: { singular: 'Severity', plural: 'Severities' },
    values: ({ data }) => (data.severity ? [data.severity] : []),
    none: 'No severity',
    vocabulary: severities,
    order: 'vocabulary',
    pages: {
      segment: 'severities',
      index: {
        description: 'Postmortems by severity, from SEV1 (critical) to SEV4 (near miss).',
        intro: 'How much harm each incident did, on the scale every postmortem is rated on.',
        column: 'Severity',
      },
    },
    search: { filter: 'severity', open: true },
  },
  detection: {
    label: { singular: 'Detection method', plural: 'Detection methods' },
    values: ({ data }) => (data.detection.method ? [data.detection.method] : []),
    none: 'No detection method',
    vocabulary: detectionMethods,
    order: 'vocabulary',
    search: { filter: 'detection' },
  },
  service: {
    label: { singular: 'Service', plural: 'Services' },
    values: ({ data }) => data.services,
    none: 'No service named',
    order: 'count',
    pages: {
      segment: 'services',
      index: {
        description: 'Postmortems by the service where the fault lay.',
        intro: 'Services where the fault lay, by number of postmortems.',
        column: 'Service',
      },
    },
    search: { filter: 'service' },
    figures: { other: 'categories' },
  },
  year: {
    label: { singular: 'Year', plural: 'Years' },
    values: ({ year }) => (year === undefined ? [] : [String(year)]),
    none: 'Unknown start year',
    order: 'descending',
    pages: {
      segment: 'years',
      heading: (year) => `Postmortems of ${year}`,
      note: (year) => `Incidents that started in ${year}, by the day their postmortem gives.`,
      index: {
        description: 'Postmortems by the year their incident started.',
        intro: 'Years in which incidents started, newest first, by the day each postmortem gives.',
        column: 'Year',
      },
    },
    search: { filter: 'year' },
  },
  factor: {
    label: { singular: 'Contributing factor', plural: 'Contributing factors' },
    values: ({ data }) => factorSlugsOf(data),
    none: 'No factor named',
    declaredIn: 'content/factors.yaml',
    order: 'count',
    pages: {
      segment: 'factors',
      index: {
        description: 'Postmortems by the contributing factors their authors name.',
        intro:
          'An incident rarely has one root cause. Each postmortem names the conditions that made it possible, worse or longer, from the vocabulary in content/factors.yaml, each with a sentence of its own; one postmortem counts under every factor it names. A sentence not yet classified counts under none.',
        column: 'Factor',
      },
    },
    search: { filter: 'factor' },
  },
  kind: {
    label: { singular: 'Kind', plural: 'Kinds' },
    values: ({ data }) => [data.kind],
    none: 'No kind',
    // kind defaults to incident: no postmortem is without one.
    always: true,
    vocabulary: incidentKinds,
    order: 'vocabulary',
    pages: {
      segment: 'kinds',
      index: {
        description: 'Incidents that reached users, and near misses that were stopped before they did.',
        intro:
          'A near miss is a failure that was under way but stopped before users were affected; what stopped it is its lesson. Near misses are listed and searchable like incidents, and counted apart in every figure: durations and times to detect are those of incidents only.',
        column: 'Kind',
      },
    },
    search: { filter: 'kind' },
  },
} as const satisfies Record<string, FacetSpec>;

type Registry = typeof registry;
export type FacetKey = keyof Registry;
export type Facet = FacetSpec & { key: FacetKey };
export type PagedFacet = Facet & { pages: FacetPages };
/** Pagefind filter names (and search URL parameters) of the facets that are search filters. */
export type SearchFilter = {
  [K in FacetKey]: Registry[K] extends { search: { filter: infer F } } ? F : never;
}[FacetKey];
export type SearchFacet = Facet & { search: { filter: SearchFilter; open?: boolean } };

/** Every facet by key, e.g. `facets.category`. */
export const facets = Object.fromEntries(Object.entries(registry).map(([key, spec]) => [key, { key, ...spec }])) as {
  [K in FacetKey]: Registry[K] & { key: K };
};

/** Every facet, in the order navigation and the search filter pane list them. */
export const facetList: readonly Facet[] = Object.values(facets);
/** Facets with a listing page per value. */
export const pagedFacets = facetList.filter((facet): facet is PagedFacet => facet.pages !== undefined);
/** Facets the search page filters by, in the order of its URL parameters. */
export const searchFacets = facetList.filter((facet): facet is SearchFacet => facet.search !== undefined);

/** A facet's terms: its closed list, or those read from the file it is declared in (`declaredIn`). */
type Terms = Readonly<Record<string, Term>> | undefined;

/** How a value reads: its vocabulary label, or the value as written. */
export function valueLabel(facet: Facet, value: string, terms: Terms = facet.vocabulary): string {
  return terms ? labelOf(terms, value) : value;
}

/** The vocabulary's definition of a value, if the facet has one. */
export function valueDefinition(facet: Facet, value: string, terms: Terms = facet.vocabulary): string | undefined {
  return terms && Object.hasOwn(terms, value) ? terms[value].description : undefined;
}

/** Heading of a value's listing page, e.g. "Root cause: Database". */
export function valueHeading(facet: PagedFacet, value: string, terms: Terms = facet.vocabulary): string {
  return facet.pages.heading?.(value) ?? `${facet.label.singular}: ${valueLabel(facet, value, terms)}`;
}

/** One incident's values, per facet. */
export type FacetValues = Record<FacetKey, readonly string[]>;

export function facetValuesOf(source: FacetSource): FacetValues {
  return Object.fromEntries(facetList.map((facet) => [facet.key, facet.values(source)])) as FacetValues;
}

export interface FacetCount {
  value: string;
  count: number;
}

/** A facet value with the items that carry it, in the order they were given. */
export interface FacetGroup<T> extends FacetCount {
  items: T[];
}

/** Counts per facet value, in each facet's order. */
export type FacetCounts = Record<FacetKey, readonly FacetCount[]>;
/** Per facet, each value present with its items, in the facet's order. */
export type FacetIndex<T> = Record<FacetKey, FacetGroup<T>[]>;

function compareGroups(facet: Facet): (a: FacetCount, b: FacetCount) => number {
  switch (facet.order) {
    case 'count':
      return (a, b) => b.count - a.count || a.value.localeCompare(b.value);
    case 'descending':
      // Numeric collation: year 627 is older than 2024, though its text sorts after it.
      return (a, b) => b.value.localeCompare(a.value, 'en', { numeric: true });
    case 'vocabulary': {
      const rank = new Map(Object.keys(facet.vocabulary ?? {}).map((key, index) => [key, index]));
      return (a, b) => (rank.get(a.value) ?? rank.size) - (rank.get(b.value) ?? rank.size);
    }
  }
}

/**
 * The values of one item a facet counts: each once, and none outside the facet's vocabulary
 * (the schema rejects those anyway).
 */
function countedValues(facet: Facet, values: FacetValues): string[] {
  return [...new Set(values[facet.key])].filter((value) => !facet.vocabulary || Object.hasOwn(facet.vocabulary, value));
}

/** Groups items by every facet's values, once per build; an item naming a value twice counts once. */
export function indexFacets<T>(items: readonly T[], valuesOf: (item: T) => FacetValues): FacetIndex<T> {
  const index = {} as FacetIndex<T>;
  for (const facet of facetList) {
    const groups = new Map<string, T[]>();
    for (const item of items) {
      for (const value of countedValues(facet, valuesOf(item))) {
        const members = groups.get(value) ?? [];
        members.push(item);
        groups.set(value, members);
      }
    }
    index[facet.key] = [...groups]
      .map(([value, members]) => ({ value, count: members.length, items: members }))
      .sort(compareGroups(facet));
  }
  return index;
}

/** Per facet, how many items it counts under no value (see `none`): no postmortem goes uncounted. */
export function countWithoutValue<T>(
  items: readonly T[],
  valuesOf: (item: T) => FacetValues,
): Record<FacetKey, number> {
  return Object.fromEntries(
    facetList.map((facet) => [
      facet.key,
      items.filter((item) => countedValues(facet, valuesOf(item)).length === 0).length,
    ]),
  ) as Record<FacetKey, number>;
}

/**
 * The values a facet lists on its own pages and index: every term of its vocabulary in the
 * vocabulary's order, used or not (the taxonomy is worth reading whole); otherwise the values present.
 */
export function listedValues<T>(
  facet: Facet,
  groups: readonly FacetGroup<T>[],
  terms: Terms = facet.vocabulary,
): FacetGroup<T>[] {
  if (!terms || Object.keys(terms).length === 0) return [...groups];
  const present = new Map(groups.map((group) => [group.value, group]));
  const listed = keysOf(terms).map((value) => present.get(value) ?? { value, count: 0, items: [] });
  // A declared facet lists its terms by count, as its groups are ordered; a value outside them still shows.
  const extra = groups.filter((group) => !Object.hasOwn(terms, group.value));
  if (facet.declaredIn && facet.order === 'count')
    return [...listed, ...extra].sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  return [...listed, ...extra];
}
