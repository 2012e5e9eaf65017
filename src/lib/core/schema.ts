/**
 * The postmortem frontmatter schema: the one place the fields are written down.
 * The content collection, `npm run validate`, the importer, the JSON Schema for editors
 * and the README's field reference are all derived from `postmortemSchema`.
 *
 * Each field is declared with `field()` (./fields.ts): its meaning (what editors show on hover,
 * what the README lists and what the validator quotes), when it is required, its kind and
 * how to ask for it. Readers of the field list walk that registry instead of restating it.
 * Times stay as recorded (an instant with its offset, a day, or unknown with a reason);
 * arithmetic on them lives in `src/lib/core/time.ts` and `src/lib/incidents/timing.ts`.
 */
import { quoted } from './characters.ts';
import { z } from 'zod';
import {
  detectionMethods,
  incidentKinds,
  keysOf,
  postmortemStatuses,
  rootCauseCategories,
  severities,
} from './taxonomy.ts';
import { readTimeValue, type TimeValue } from './time.ts';
import { field, missingFields } from './fields.ts';
import { LIMITS } from './limits.ts';
import { SLUG_PATTERN } from './slug.ts';
import {
  actionItemSchema,
  always,
  contributingFactorSchema,
  coordinationSchema,
  escalationSchema,
  optional,
  slug,
  sourceLinkSchema,
  text,
  timelineEntrySchema,
  timeValue,
  toPublish,
} from './schema-parts.ts';

export { SLUG_PATTERN };
export {
  actionItemSchema,
  contributingFactorSchema,
  coordinationSchema,
  escalationSchema,
  sourceLinkSchema,
  timelineEntrySchema,
};

export const postmortemSchema = z
  .strictObject({
    title: field(
      text().max(160),
      always('Headline of the incident, as an on-call engineer would search for it.', 'text'),
    ),
    summary: field(
      text().optional(),
      toPublish('One paragraph: what broke, for whom, for how long and why.', 'text', {
        example: 'Checkout failed for 30% of users for 45 minutes after a config change.',
        ask: 'the source has no summary paragraph; write one: what broke, for whom, for how long and why',
      }),
    ),
    status: field(
      z.enum(keysOf(postmortemStatuses)),
      always('draft, in-review or published; only published entries are built for production.', 'enum'),
    ),
    kind: field(
      z.enum(keysOf(incidentKinds)).default('incident'),
      optional(
        'incident (users were affected; the default) or near-miss (stopped before users were affected; say what stopped it in preventedBy).',
        'enum',
        { example: 'near-miss' },
      ),
    ),
    incidentNumber: field(
      z.string().trim().min(1).optional(),
      optional('The organisation\'s own number for the incident, e.g. "INC-2024-031".', 'text'),
    ),
    severity: field(
      z.enum(keysOf(severities)).optional(),
      optional('sev1 (critical) to sev4 (low); see the severity scale.', 'enum', {
        example: 'sev2',
        ask: 'the source states no severity; choose sev1 (critical) to sev4 (low)',
      }),
    ),
    authors: field(z.array(text()).default([]), optional('People who wrote the postmortem.', 'list')),
    teams: field(z.array(text()).default([]), optional('Teams that responded or own the follow-up.', 'list')),
    organisation: field(
      z.string().trim().min(1).optional(),
      optional('Organisation where the incident happened, for collections of public incidents.', 'text', {
        example: 'Amazon Web Services',
      }),
    ),
    product: field(
      z.string().trim().min(1).optional(),
      optional('Product or service of that organisation that failed, as its users know it.', 'text', {
        example: 'SimpleDB',
      }),
    ),
    services: field(
      z.array(slug('A service')).max(LIMITS.services).default([]),
      optional(`Services where the fault lay, as slugs; each gets a page (at most ${LIMITS.services}).`, 'list', {
        example: '[checkout-api]',
        ask: 'the source names no services at fault; list them as slugs, e.g. checkout-api',
      }),
    ),
    tags: field(z.array(slug('A tag')).default([]), optional('Free keywords that help search, as slugs.', 'list')),
    started: field(
      timeValue(),
      always(
        'When user impact began (time with offset, day, or unknown with reason); the file name starts with its day.',
        'time',
        { example: '"2024-03-08T10:30:00Z"' },
      ),
    ),
    detected: field(
      timeValue().optional(),
      optional(
        'When the organisation first knew (time with offset, day, or unknown with reason); leave out when not known.',
        'time',
        {
          example: '"2024-03-08T10:45:00Z"',
        },
      ),
    ),
    mitigated: field(
      timeValue().optional(),
      optional(
        'When user impact stopped, if before resolution (time with offset, day, or unknown with reason).',
        'time',
        {
          example: '"2024-03-08T11:30:00Z"',
        },
      ),
    ),
    resolved: field(
      timeValue().optional(),
      optional(
        'When the incident was declared over (time with offset, day, or unknown with reason); leave out when not known.',
        'time',
        {
          example: '"2024-03-08T12:00:00Z"',
        },
      ),
    ),
    impact: field(
      z
        .strictObject({
          description: field(
            text().optional(),
            optional('What users saw, in their terms.', 'text', {
              example: 'What users saw.',
              ask: 'the source has no impact section; say what users saw',
            }),
          ),
          usersAffectedPercent: field(
            z.number().min(0).max(100).optional(),
            optional('Share of users affected, 0 to 100.', 'number', { example: '30' }),
          ),
          affectedServices: field(
            z.array(text()).default([]),
            optional('User-facing services or journeys that were affected.', 'list'),
          ),
        })
        .prefault({}),
      optional('Who was hurt and how.', 'group'),
    ),
    detection: field(
      z
        .strictObject({
          method: field(
            z.enum(keysOf(detectionMethods)).optional(),
            optional('How the incident was first noticed.', 'enum', {
              example: 'monitoring-alert',
              ask: `the source does not say how the incident was noticed; choose ${keysOf(detectionMethods).join(', ')}`,
            }),
          ),
          source: field(
            text().optional(),
            optional('The alert, report or check that noticed it.', 'text', {
              example: 'The alert, report or check that noticed it.',
              ask: 'the source does not name the alert, report or check that noticed the incident',
            }),
          ),
        })
        .prefault({}),
      optional('How the incident came to light.', 'group'),
    ),
    rootCause: field(
      z
        .strictObject({
          categories: field(
            z
              .array(z.enum(keysOf(rootCauseCategories)))
              .default([])
              .refine((list) => new Set(list).size === list.length, { error: 'lists a category twice' }),
            optional('One or more categories from the root-cause taxonomy.', 'list', {
              example: '[database]',
              ask: 'no root-cause category could be proposed; choose from the taxonomy',
            }),
          ),
          description: field(
            text().optional(),
            optional('The underlying cause, in a few sentences.', 'text', {
              example: 'The underlying cause: the system, not the person.',
              ask: 'the source has no root-cause section; describe the underlying cause',
            }),
          ),
          trigger: field(
            text().optional(),
            optional('The event or change that set the failure off.', 'text', {
              example: 'The change or event that set it off.',
              ask: 'the source does not name the trigger; write the event or change that set the failure off',
            }),
          ),
          contributingFactors: field(
            z.array(contributingFactorSchema).default([]),
            optional(
              'Conditions that made it possible, worse or longer: each { factor: <slug from content/factors.yaml>, note: the sentence }, or a plain sentence not yet classified.',
              'list',
            ),
          ),
        })
        .prefault({}),
      optional('Why it happened.', 'group'),
    ),
    resolution: field(
      text().optional(),
      optional('What stopped the incident and restored service.', 'text', {
        example: 'What stopped the incident.',
        ask: 'the source has no resolution section; say what stopped the incident',
      }),
    ),
    preventedBy: field(
      text().optional(),
      optional(
        'For a near miss: what stopped the failure before it reached users (a check, a person, luck). Required to publish a near miss; not allowed on an incident.',
        'text',
        {
          example: 'The canary check failed in the first region and halted the rollout.',
          ask: 'this is a near miss; say what stopped the failure before it reached users',
        },
      ),
    ),
    response: field(
      z
        .strictObject({
          misleadingPaths: field(
            z.array(text()).default([]),
            optional('Hypotheses pursued that turned out wrong, and what they cost.', 'list'),
          ),
          escalations: field(
            z.array(escalationSchema).default([]),
            optional('Who was brought in, when and why.', 'list'),
          ),
        })
        .prefault({}),
      optional('How the responders worked the incident.', 'group'),
    ),
    coordination: field(
      coordinationSchema.optional(),
      optional(
        'The cost of coordination, as written: responders, teams involved, hand-offs, escalations; what is left out is derived from the timeline where it says so.',
        'group',
      ),
    ),
    timeline: field(z.array(timelineEntrySchema).default([]), optional('Moments of the incident in order.', 'list')),
    actionItems: field(
      z.array(actionItemSchema).max(LIMITS.actionItems).default([]),
      optional(`Follow-up work agreed in the review (at most ${LIMITS.actionItems}).`, 'list'),
    ),
    lessons: field(
      z
        .strictObject({
          wentWell: field(z.array(text()).default([]), optional('What worked and should be kept.', 'list')),
          wentWrong: field(z.array(text()).default([]), optional('What hurt the response.', 'list')),
          gotLucky: field(
            z.array(text()).default([]),
            optional('Where chance, not design, limited the damage.', 'list'),
          ),
        })
        .prefault({}),
      optional('What the review taught.', 'group'),
    ),
    language: field(
      z
        .string()
        .regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, {
          error: 'must be a BCP 47 language tag such as "en", "fr" or "ja"',
        })
        .default('en'),
      optional('Language the postmortem is written in, as a BCP 47 tag (en, fr, ja); defaults to en.', 'text'),
    ),
    writeUp: field(
      z.enum(['narrative', 'original']).default('narrative'),
      optional(
        'What the body is: narrative (shown in full beside the structured sections) or original (the source write-up, kept for fidelity and folded away once the structured sections cover it); defaults to narrative.',
        'enum',
        { example: 'original' },
      ),
    ),
    related: field(
      z.array(slug('A related id')).default([]),
      optional('Ids (file names without extension) of related postmortems.', 'list'),
    ),
    sources: field(
      z.array(sourceLinkSchema).default([]),
      optional(
        'Where the incident is documented: original write-up, archive copy, status page, chat channel, tickets.',
        'list',
      ),
    ),
    review: field(
      z.array(text()).default([]),
      optional(
        'Fields or facts a reviewer must still supply or check (the importer lists what it could not determine); a published page shows them as "Imported, not yet reviewed" until the list is empty.',
        'list',
      ),
    ),
  })
  .superRefine((pm, ctx) => {
    for (const { path, message } of crossFieldIssues(pm)) ctx.addIssue({ code: 'custom', path, message });
  });

/** A rule across fields broken, on the field to fix. */
export interface CrossFieldIssue {
  path: (string | number)[];
  message: string;
  /** The field that is missing (rather than wrong), when that is the issue: what a draft still has to write before review. */
  missing?: (string | number)[];
}

/**
 * The rules that compare fields: what a postmortem in review must have, times in order, no
 * value listed twice, follow-ups and escalations after the start. The schema runs them on valid
 * data; the validator also runs them on the fields that did parse when others did not
 * (`pm` partial, lists with holes where an item did not parse; `unreadable` the dotted paths of
 * fields that did not parse, which are never reported missing), so one run reports every problem.
 */
export function crossFieldIssues(pm: PostmortemFields, unreadable: readonly string[] = []): CrossFieldIssue[] {
  const issues: CrossFieldIssue[] = [];
  const addIssue = (issue: CrossFieldIssue) => issues.push(issue);
  const span = (value: TimeValue | undefined) => {
    const read = readTimeValue(value);
    return read.known ? read : undefined;
  };
  const show = (value: TimeValue | undefined) => (typeof value === 'string' ? value : JSON.stringify(value));
  const started = span(pm.started);
  const readable = (path: readonly (string | number)[]) => {
    const name = path.filter((key) => typeof key === 'string').join('.');
    return !unreadable.some((field) => name === field || name.startsWith(`${field}.`));
  };
  // A status that did not parse says nothing of what must be present.
  if (pm.status !== undefined && pm.status !== 'draft') {
    for (const path of missingToPublish(pm).filter(readable)) {
      addIssue({
        path,
        message: `is required once a postmortem is ${pm.status}; only drafts may leave it out`,
        missing: path,
      });
    }
  }
  // A near miss is a failure that did not reach users: what stopped it is its lesson.
  if (pm.kind === 'near-miss' && pm.status !== undefined && pm.status !== 'draft' && pm.preventedBy === undefined) {
    if (readable(['preventedBy']))
      addIssue({
        // Pointed at `kind`, the line that makes preventedBy required (a missing field has no line of its own).
        path: ['kind'],
        message: `is near-miss and the entry is ${pm.status}, so preventedBy must say what stopped the failure before it reached users (a check, a person, luck); add it, or set kind: incident if users were affected`,
        missing: ['preventedBy'],
      });
  }
  if (pm.kind === 'incident' && pm.preventedBy !== undefined) {
    addIssue({
      path: ['preventedBy'],
      message:
        'is only for near misses: set kind: near-miss if the failure never reached users; otherwise move what limited the damage to lessons.wentWell or lessons.gotLucky',
    });
  }
  // Times known only to the hour or day are ordered only when their spans cannot overlap.
  for (const field of ['detected', 'mitigated', 'resolved'] as const) {
    const value = span(pm[field]);
    if (value && started && value.latestMs < started.earliestMs) {
      addIssue({
        path: [field],
        message: `${field} (${show(pm[field])}) is before started (${show(pm.started)}); an incident cannot be ${field} before it starts`,
      });
    }
  }
  const mitigated = span(pm.mitigated);
  const resolved = span(pm.resolved);
  if (mitigated && resolved && resolved.latestMs < mitigated.earliestMs) {
    addIssue({
      path: ['resolved'],
      message: `resolved (${show(pm.resolved)}) is before mitigated (${show(pm.mitigated)}); impact must stop no later than resolution`,
    });
  }
  for (const [field, list] of [
    ['related', pm.related ?? []],
    ['services', pm.services ?? []],
  ] as const) {
    const seen = new Set<string>();
    list.forEach((value, index) => {
      if (seen.has(value)) addIssue({ path: [field, index], message: `${quoted(value)} is listed twice` });
      seen.add(value);
    });
  }
  (pm.actionItems ?? []).forEach((item, index) => {
    const closed = span(item.closed);
    if (closed && started && closed.latestMs < started.earliestMs) {
      addIssue({
        path: ['actionItems', index, 'closed'],
        message: `closed (${quoted(item.closed)}) is before started (${show(pm.started)}); follow-up work is closed after the incident it follows`,
      });
    }
  });
  (pm.response?.escalations ?? []).forEach((escalation, index) => {
    const when = span(escalation.at);
    if (when && started && when.latestMs < started.earliestMs) {
      addIssue({
        path: ['response', 'escalations', index, 'at'],
        message: `escalation time ${escalation.at} is before started (${show(pm.started)})`,
      });
    }
  });
  return issues;
}

/** Paths of fields a draft may leave out but a postmortem in review or published must have. */
export function missingToPublish(pm: unknown): (string | number)[][] {
  return missingFields(postmortemSchema, pm);
}

/** Frontmatter as written by an author (before defaults). */
export type PostmortemInput = z.input<typeof postmortemSchema>;
/** Frontmatter after validation and defaults: what pages and tools consume. */
export type Postmortem = z.output<typeof postmortemSchema>;
export type ActionItem = z.output<typeof actionItemSchema>;
export type TimelineEntry = z.output<typeof timelineEntrySchema>;
export type Escalation = z.output<typeof escalationSchema>;
/**
 * The fields of a postmortem that could be read: every field may be missing (it did not parse),
 * and a list may have holes where an item did not.
 */
export type PostmortemFields = Partial<Omit<Postmortem, FieldGroup>> & { [K in FieldGroup]?: Partial<Postmortem[K]> };
/** The fields that hold other fields. */
type FieldGroup = 'impact' | 'detection' | 'rootCause' | 'response' | 'lessons';
export type ContributingFactor = z.output<typeof contributingFactorSchema>;
export type Coordination = z.output<typeof coordinationSchema>;
