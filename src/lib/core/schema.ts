/**
 * The postmortem frontmatter schema: the one place the fields are written down.
 * The content collection, `npm run validate`, the importer, the JSON Schema for editors
 * and the README's field reference are all derived from `postmortemSchema`.
 *
 * Each field's `.describe()` text is its one-line doc comment; it is what editors show on
 * hover, what the README lists and what the validator quotes when the field is missing.
 * Times stay strings (ISO 8601 with an explicit offset) so the author's offset is kept;
 * arithmetic on them lives in `src/lib/core/time.ts` and `src/lib/incidents/timing.ts`.
 */
import { z } from 'zod';
import {
  actionItemStatuses,
  actionItemTerms,
  actionItemTypes,
  detectionMethods,
  keysOf,
  postmortemStatuses,
  rootCauseCategories,
  severities,
  timelineKinds,
} from './taxonomy.ts';
import { parseInstant } from './time.ts';

/** Entry ids and the other slugs we route on: lower-case words joined by hyphens. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const slug = (what: string) =>
  z.string().regex(SLUG_PATTERN, { error: `${what} must be lower-case words joined by hyphens, e.g. "checkout-api"` });

const text = () => z.string().trim().min(1, { error: 'must not be empty' });

/** A moment, as ISO 8601 with an explicit offset; checked for a real calendar date. */
const instant = () =>
  z.string().superRefine((value, ctx) => {
    const parsed = parseInstant(value);
    if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.reason });
  });

/** A calendar day, `YYYY-MM-DD`. YAML readers turn an unquoted date into a Date, so both are taken. */
const calendarDay = () =>
  z
    .union([z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date written YYYY-MM-DD' }), z.date()])
    .transform((value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value))
    .refine(
      (value) =>
        !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
        new Date(`${value}T00:00:00Z`).toISOString().startsWith(value),
      {
        error: 'is not a real calendar date',
      },
    );

const safeUrl = () =>
  z.url({ protocol: /^https?$/, error: 'must be an http(s) URL, e.g. "https://tracker.example.com/OPS-123"' });

export const timelineEntrySchema = z.strictObject({
  at: instant().optional().describe('When it happened (ISO 8601 with offset); omit when the source gives no time.'),
  kind: z.enum(keysOf(timelineKinds)).default('action').describe('What kind of moment this is.'),
  event: text().describe('What happened, in one or two sentences.'),
});

export const escalationSchema = z.strictObject({
  to: text().describe('Who was brought in: a team, a role or a person.'),
  at: instant().optional().describe('When the escalation happened (ISO 8601 with offset).'),
  reason: z.string().trim().optional().describe('Why the incident was escalated.'),
});

export const actionItemSchema = z.strictObject({
  title: text().describe('What will be done, as an imperative sentence.'),
  term: z
    .enum(keysOf(actionItemTerms))
    .optional()
    .describe('When it is expected: short (days), mid (weeks), long (quarters). Required unless draft.'),
  type: z
    .enum(keysOf(actionItemTypes))
    .optional()
    .describe('What it does: prevent, mitigate, detect or process. Required unless draft.'),
  owner: z.string().trim().min(1).optional().describe('Team or person accountable for it.'),
  status: z.enum(keysOf(actionItemStatuses)).default('open').describe('Where it stands; defaults to open.'),
  due: calendarDay().optional().describe('Date it is due, YYYY-MM-DD.'),
  tracker: safeUrl().optional().describe('Link to the ticket that tracks it.'),
});

export const postmortemSchema = z
  .strictObject({
    title: text().max(160).describe('Headline of the incident, as an on-call engineer would search for it.'),
    summary: text()
      .optional()
      .describe('One paragraph: what broke, for whom, for how long and why. Required unless draft.'),
    status: z
      .enum(keysOf(postmortemStatuses))
      .describe('draft, in-review or published; only published entries are built for production.'),
    severity: z
      .enum(keysOf(severities))
      .optional()
      .describe('sev1 (critical) to sev4 (near miss); see the severity scale. Required unless draft.'),
    authors: z.array(text()).default([]).describe('People who wrote the postmortem.'),
    teams: z.array(text()).default([]).describe('Teams that responded or own the follow-up.'),
    services: z
      .array(slug('A service'))
      .default([])
      .describe('Services where the fault lay, as slugs; each gets a page. At least one unless draft.'),
    tags: z.array(slug('A tag')).default([]).describe('Free keywords that help search, as slugs.'),
    started: instant().describe('When user impact began (ISO 8601 with offset).'),
    detected: instant()
      .optional()
      .describe('When the organisation first knew (ISO 8601 with offset). Required unless draft.'),
    mitigated: instant().optional().describe('When user impact stopped, if before resolution (ISO 8601 with offset).'),
    resolved: instant()
      .optional()
      .describe('When the incident was declared over (ISO 8601 with offset); required once published.'),
    impact: z
      .strictObject({
        description: text().optional().describe('What users saw, in their terms. Required unless draft.'),
        usersAffectedPercent: z.number().min(0).max(100).optional().describe('Share of users affected, 0 to 100.'),
        affectedServices: z.array(text()).default([]).describe('User-facing services or journeys that were affected.'),
      })
      .prefault({})
      .describe('Who was hurt and how.'),
    detection: z
      .strictObject({
        method: z
          .enum(keysOf(detectionMethods))
          .optional()
          .describe('How the incident was first noticed. Required unless draft.'),
        source: text().optional().describe('The alert, report or check that noticed it. Required unless draft.'),
      })
      .prefault({})
      .describe('How the incident came to light.'),
    rootCause: z
      .strictObject({
        categories: z
          .array(z.enum(keysOf(rootCauseCategories)))
          .default([])
          .refine((list) => new Set(list).size === list.length, { error: 'lists a category twice' })
          .describe('One or more categories from the root-cause taxonomy; at least one unless draft.'),
        description: text().optional().describe('The underlying cause, in a few sentences. Required unless draft.'),
        trigger: text().optional().describe('The event or change that set the failure off. Required unless draft.'),
        contributingFactors: z.array(text()).default([]).describe('Conditions that made it possible, worse or longer.'),
      })
      .prefault({})
      .describe('Why it happened.'),
    resolution: text().optional().describe('What stopped the incident and restored service. Required unless draft.'),
    response: z
      .strictObject({
        misleadingPaths: z
          .array(text())
          .default([])
          .describe('Hypotheses pursued that turned out wrong, and what they cost.'),
        escalations: z.array(escalationSchema).default([]).describe('Who was brought in, when and why.'),
      })
      .prefault({})
      .describe('How the responders worked the incident.'),
    timeline: z.array(timelineEntrySchema).default([]).describe('Moments of the incident in order.'),
    actionItems: z.array(actionItemSchema).default([]).describe('Follow-up work agreed in the review.'),
    lessons: z
      .strictObject({
        wentWell: z.array(text()).default([]).describe('What worked and should be kept.'),
        wentWrong: z.array(text()).default([]).describe('What hurt the response.'),
        gotLucky: z.array(text()).default([]).describe('Where chance, not design, limited the damage.'),
      })
      .prefault({})
      .describe('What the review taught.'),
    language: z
      .string()
      .regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, {
        error: 'must be a BCP 47 language tag such as "en", "fr" or "ja"',
      })
      .default('en')
      .describe('Language the postmortem is written in, as a BCP 47 tag (en, fr, ja); defaults to en.'),
    related: z
      .array(slug('A related id'))
      .default([])
      .describe('Ids (file names without extension) of related postmortems.'),
    review: z
      .array(text())
      .default([])
      .describe(
        'Fields or facts a reviewer must still supply or check (the importer lists what it could not determine); empty to publish.',
      ),
  })
  .superRefine((pm, ctx) => {
    const at = (value: string | undefined) => {
      if (value === undefined) return undefined;
      const parsed = parseInstant(value);
      return parsed.ok ? parsed.instant.epochMs : undefined;
    };
    const started = at(pm.started);
    const now = Date.now();
    if (pm.status !== 'draft') {
      for (const path of missingToPublish(pm)) {
        ctx.addIssue({
          code: 'custom',
          path,
          message: `is required once a postmortem is ${pm.status}; only drafts may leave it out`,
        });
      }
    }
    if (pm.status === 'published' && pm.review.length > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['review'],
        message: `lists ${pm.review.length} open point(s) to review; settle them and empty the list before publishing`,
      });
    }
    const order: [keyof typeof pm, string][] = [
      ['detected', 'detected'],
      ['mitigated', 'mitigated'],
      ['resolved', 'resolved'],
    ];
    for (const [field, word] of order) {
      const value = at(pm[field] as string | undefined);
      if (value !== undefined && started !== undefined && value < started) {
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: `${word} (${pm[field]}) is before started (${pm.started}); an incident cannot be ${word} before it starts`,
        });
      }
    }
    const mitigated = at(pm.mitigated);
    const resolved = at(pm.resolved);
    if (mitigated !== undefined && resolved !== undefined && resolved < mitigated) {
      ctx.addIssue({
        code: 'custom',
        path: ['resolved'],
        message: `resolved (${pm.resolved}) is before mitigated (${pm.mitigated}); impact must stop no later than resolution`,
      });
    }
    for (const field of ['started', 'detected', 'mitigated', 'resolved'] as const) {
      const value = at(pm[field]);
      if (value !== undefined && value > now) {
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: `${pm[field]} is in the future; postmortems describe past incidents`,
        });
      }
    }
    if (pm.status === 'published' && pm.resolved === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['resolved'],
        message: 'a published postmortem needs resolved, the time the incident ended (ISO 8601 with offset)',
      });
    }
    for (const [field, list] of [
      ['related', pm.related],
      ['services', pm.services],
    ] as const) {
      const seen = new Set<string>();
      list.forEach((value, index) => {
        if (seen.has(value))
          ctx.addIssue({ code: 'custom', path: [field, index], message: `"${value}" is listed twice` });
        seen.add(value);
      });
    }
    pm.response.escalations.forEach((escalation, index) => {
      const when = at(escalation.at);
      if (when !== undefined && started !== undefined && when < started) {
        ctx.addIssue({
          code: 'custom',
          path: ['response', 'escalations', index, 'at'],
          message: `escalation time ${escalation.at} is before started (${pm.started})`,
        });
      }
    });
  });

/** Paths of fields a draft may leave out but a postmortem in review or published must have. */
export function missingToPublish(pm: {
  summary?: string;
  severity?: string;
  services: string[];
  detected?: string;
  impact: { description?: string };
  detection: { method?: string; source?: string };
  rootCause: { categories: string[]; description?: string; trigger?: string };
  resolution?: string;
  actionItems: { term?: string; type?: string }[];
}): (string | number)[][] {
  const missing: (string | number)[][] = [];
  const need = (present: boolean, ...path: (string | number)[]) => {
    if (!present) missing.push(path);
  };
  need(pm.summary !== undefined, 'summary');
  need(pm.severity !== undefined, 'severity');
  need(pm.services.length > 0, 'services');
  need(pm.detected !== undefined, 'detected');
  need(pm.impact.description !== undefined, 'impact', 'description');
  need(pm.detection.method !== undefined, 'detection', 'method');
  need(pm.detection.source !== undefined, 'detection', 'source');
  need(pm.rootCause.categories.length > 0, 'rootCause', 'categories');
  need(pm.rootCause.description !== undefined, 'rootCause', 'description');
  need(pm.rootCause.trigger !== undefined, 'rootCause', 'trigger');
  need(pm.resolution !== undefined, 'resolution');
  pm.actionItems.forEach((item, index) => {
    need(item.term !== undefined, 'actionItems', index, 'term');
    need(item.type !== undefined, 'actionItems', index, 'type');
  });
  return missing;
}

/** Frontmatter as written by an author (before defaults). */
export type PostmortemInput = z.input<typeof postmortemSchema>;
/** Frontmatter after validation and defaults: what pages and tools consume. */
export type Postmortem = z.output<typeof postmortemSchema>;
export type ActionItem = z.output<typeof actionItemSchema>;
export type TimelineEntry = z.output<typeof timelineEntrySchema>;
export type Escalation = z.output<typeof escalationSchema>;

/** Time fields in the order an incident passes through them. */
export const TIME_FIELDS = ['started', 'detected', 'mitigated', 'resolved'] as const;
