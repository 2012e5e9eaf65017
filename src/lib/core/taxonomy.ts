/**
 * The vocabularies of incident review: every closed list of values the schema accepts,
 * with the label and definition a reader sees. Pure data, so the schema, the pages,
 * the validator and the importer all read the same words.
 */

export interface Term {
  /** Short label shown in lists, chips and chart axes. */
  label: string;
  /** One sentence that tells an author when to pick this value. */
  description: string;
  /** Other words authors write for this value; the validator suggests the value for them. */
  aliases?: readonly string[];
}

/** Root-cause categories; an incident may carry several (a trigger plus what let it spread). */
export const rootCauseCategories = {
  'config-change': {
    label: 'Config change',
    description:
      'A change to configuration, feature flags, infrastructure-as-code or environment settings started or worsened the incident.',
    aliases: ['misconfiguration', 'feature flag'],
  },
  'software-bug': {
    label: 'Software bug / deploy',
    description: 'A defect in application code, or a deploy or rollout of new code, caused the failure.',
    aliases: ['regression', 'bad release'],
  },
  database: {
    label: 'Database',
    description:
      'Query plans, missing indexes, locks and deadlocks, replication, migrations or other database behaviour caused the failure.',
  },
  capacity: {
    label: 'Capacity / resource exhaustion',
    description:
      'Load beyond provisioned capacity, or exhaustion of memory, disk, connections, file descriptors, quotas or rate limits.',
    aliases: ['overload', 'out of memory', 'oom'],
  },
  'network-dns': {
    label: 'Network / DNS',
    description: 'Routing, load balancers, firewalls, DNS records or resolvers, BGP, TLS termination or packet loss.',
  },
  dependency: {
    label: 'Dependency / third party',
    description: 'An upstream vendor, cloud service, library or another internal team’s service failed or changed.',
  },
  'hardware-facility': {
    label: 'Hardware / facility',
    description: 'Failed disks, hosts, power, cooling or a data-centre facility.',
  },
  expiry: {
    label: 'Time / certificate expiry',
    description:
      'Expired certificates, credentials or domains, clock skew, leap seconds, time zones or date arithmetic.',
    aliases: ['daylight saving', 'dst', 'time zone'],
  },
  security: {
    label: 'Security',
    description: 'An attack, abuse, leaked credential or a security control that blocked legitimate traffic.',
    aliases: ['ddos', 'attack'],
  },
  'manual-operation': {
    label: 'Manual operation',
    description:
      'A command, runbook step or console action taken by a person; describe the system that allowed it, not the person.',
    aliases: ['human error', 'operator error'],
  },
  unknown: {
    label: 'Unknown',
    description: 'The cause has not been established yet; say what was ruled out.',
  },
} as const satisfies Record<string, Term>;

export type RootCauseCategory = keyof typeof rootCauseCategories;

/** Severity levels, most severe first; the order is used for sorting. */
export const severities = {
  sev1: {
    label: 'SEV1',
    description: 'Critical: a core user journey is down or data is lost for a large share of users.',
  },
  sev2: {
    label: 'SEV2',
    description: 'Major: a core journey is badly degraded, or a secondary one is down, for many users.',
  },
  sev3: {
    label: 'SEV3',
    description: 'Minor: limited degradation, a workaround exists, or few users are affected.',
  },
  sev4: {
    label: 'SEV4',
    description:
      'Low: little or no user-visible impact (a cosmetic fault, an internal tool down). A failure stopped before it reached users is kind: near-miss.',
  },
} as const satisfies Record<string, Term>;

export type Severity = keyof typeof severities;

/** Lifecycle of a postmortem document; only published ones reach the production site. */
export const postmortemStatuses = {
  draft: { label: 'Draft', description: 'Being written; shown only in `astro dev`.' },
  'in-review': { label: 'In review', description: 'Waiting for review; shown only in `astro dev`.' },
  published: { label: 'Published', description: 'Reviewed and part of the knowledge base.' },
} as const satisfies Record<string, Term>;

export type PostmortemStatus = keyof typeof postmortemStatuses;

/** What an entry records: an incident that reached users, or a near miss that was stopped before it did. */
export const incidentKinds = {
  incident: { label: 'Incident', description: 'Users were affected: the failure reached them.' },
  'near-miss': {
    label: 'Near miss',
    description:
      'The failure was under way but something stopped it before users were affected; say what in preventedBy.',
  },
} as const satisfies Record<string, Term>;

export type IncidentKind = keyof typeof incidentKinds;

/** How the organisation first learned of the incident. */
export const detectionMethods = {
  'monitoring-alert': { label: 'Monitoring alert', description: 'An automated alert on metrics, logs or traces.' },
  'customer-report': { label: 'Customer report', description: 'A customer, partner or support ticket reported it.' },
  'engineer-noticed': { label: 'Engineer noticed', description: 'Someone inside the company noticed it by chance.' },
  'synthetic-check': { label: 'Synthetic check', description: 'A synthetic probe, canary or end-to-end check failed.' },
  other: { label: 'Other', description: 'Any other way; say which in the detection source.' },
} as const satisfies Record<string, Term>;

export type DetectionMethod = keyof typeof detectionMethods;

/** When an action item is expected to land. */
export const actionItemTerms = {
  short: { label: 'Short term', description: 'Within days: patch, alert, stop the bleeding.' },
  mid: { label: 'Mid term', description: 'Within weeks to a quarter: audits, redesigned checks, process changes.' },
  long: { label: 'Long term', description: 'Beyond a quarter: architecture, tooling and training.' },
} as const satisfies Record<string, Term>;

export type ActionItemTerm = keyof typeof actionItemTerms;

/** What an action item does about the failure. */
export const actionItemTypes = {
  prevent: { label: 'Prevent', description: 'Stops this class of failure from happening again.' },
  mitigate: { label: 'Mitigate', description: 'Reduces the impact or duration when it happens.' },
  detect: { label: 'Detect', description: 'Finds the failure sooner or more precisely.' },
  process: { label: 'Process', description: 'Changes how people respond, review or communicate.' },
} as const satisfies Record<string, Term>;

export type ActionItemType = keyof typeof actionItemTypes;

/** Where an action item stands. */
export const actionItemStatuses = {
  open: { label: 'Open', description: 'Not started.' },
  'in-progress': { label: 'In progress', description: 'Someone is working on it.' },
  done: { label: 'Done', description: 'Finished and verified.' },
  'wont-do': { label: 'Won’t do', description: 'Deliberately dropped; say why in the item.' },
} as const satisfies Record<string, Term>;

export type ActionItemStatus = keyof typeof actionItemStatuses;

/** What kind of moment a timeline entry records. */
export const timelineKinds = {
  impact: { label: 'Impact', description: 'User impact began or changed.' },
  trigger: { label: 'Trigger', description: 'The change or event that set the incident off.' },
  detection: { label: 'Detection', description: 'The moment someone or something noticed.' },
  action: { label: 'Action', description: 'A step taken by responders.' },
  misleading: { label: 'Misleading path', description: 'An investigation that turned out to be a dead end.' },
  escalation: { label: 'Escalation', description: 'Another team or person was paged or brought in.' },
  handoff: { label: 'Hand-off', description: 'Responsibility passed from one responder or team to another.' },
  mitigation: { label: 'Mitigation', description: 'User impact was reduced or stopped.' },
  resolution: { label: 'Resolution', description: 'The incident was declared resolved.' },
  communication: { label: 'Communication', description: 'A status page or customer update went out.' },
} as const satisfies Record<string, Term>;

export type TimelineKind = keyof typeof timelineKinds;

/** What a source link points at. */
export const sourceKinds = {
  original: { label: 'Original write-up', description: 'The postmortem or report as its authors published it.' },
  archive: { label: 'Archive copy', description: 'A copy kept by an archive, e.g. the Wayback Machine.' },
  'status-page': { label: 'Status page', description: 'The status-page incident or its updates.' },
  chat: { label: 'Chat channel', description: 'The incident channel or thread where responders worked.' },
  ticket: { label: 'Ticket', description: 'An issue or ticket that tracked the incident.' },
  discussion: { label: 'Discussion', description: 'Public discussion of the incident, e.g. a forum thread.' },
  other: { label: 'Other', description: 'Any other page about the incident.' },
} as const satisfies Record<string, Term>;

export type SourceKind = keyof typeof sourceKinds;

/** Keys of a vocabulary as a non-empty tuple, the shape `z.enum` wants. */
export function keysOf<T extends Record<string, Term>>(vocabulary: T): [keyof T & string, ...(keyof T & string)[]] {
  const keys = Object.keys(vocabulary) as (keyof T & string)[];
  if (keys.length === 0) throw new Error('A vocabulary needs at least one term');
  return keys as [keyof T & string, ...(keyof T & string)[]];
}

/** Label of a value in a vocabulary, or the raw value when it is unknown. */
export function labelOf<T extends Record<string, Term>>(vocabulary: T, key: string): string {
  return (vocabulary as Record<string, Term>)[key]?.label ?? key;
}

/** Severity keys from most to least severe, for sorting. */
export const severityOrder: readonly Severity[] = keysOf(severities);
