/**
 * The pieces the frontmatter schema (./schema.ts) is built from: value types (slugs, text,
 * times as recorded, calendar days, safe URLs), the requirement helpers of the field registry,
 * and the schemas of list entries (timeline moments, escalations, action items, source links).
 */
import { quoted } from './characters.ts';
import { z } from 'zod';
import {
  actionItemStatuses,
  actionItemTerms,
  actionItemTypes,
  keysOf,
  sourceKinds,
  timelineKinds,
} from './taxonomy.ts';
import { parseCalendarDay, parseInstant, readTimeValue, timeValueProblem, type TimeValue } from './time.ts';
import { field, type FieldMeta } from './fields.ts';
import { SLUG_PATTERN } from './slug.ts';

export const slug = (what: string) =>
  z.string().regex(SLUG_PATTERN, { error: `${what} must be lower-case words joined by hyphens, e.g. "checkout-api"` });

export const text = () => z.string().trim().min(1, { error: 'must not be empty' });

/** A moment, as ISO 8601 with an explicit offset; checked for a real calendar date. */
export const instant = () =>
  z.string().superRefine((value, ctx) => {
    const parsed = parseInstant(value);
    if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.reason });
  });

/**
 * An incident time with what is known of it: an instant with offset (exact), a calendar day
 * `YYYY-MM-DD`, `{ at, precision: hour | day }`, or `{ unknown: reason }`. Years and "not in
 * the future" are checked against INCIDENT_YEARS in ./time.ts. Frontmatter is read without
 * YAML timestamps (see content/frontmatter.ts), so an unquoted time arrives as the text written.
 */
export const timeValue = () =>
  z
    .union([
      z.string(),
      z.strictObject({
        at: z.string().describe('The instant, ISO 8601 with offset.'),
        precision: z.enum(['hour', 'day']).describe('How precisely the instant is known.'),
      }),
      z.strictObject({ unknown: text().describe('Why the time is not known, e.g. "the source gives no end time".') }),
    ])
    .superRefine((value, ctx) => {
      const problem = timeValueProblem(value as TimeValue);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });

/** A calendar day, `YYYY-MM-DD`, read as written: a day that does not exist is refused, never rolled over. */
export const calendarDay = () =>
  z.string().superRefine((value, ctx) => {
    const day = parseCalendarDay(value);
    if (!day.ok) ctx.addIssue({ code: 'custom', message: day.reason });
  });

/** A calendar day that has already begun somewhere on Earth: a thing done cannot be done tomorrow. */
export const pastDay = () =>
  calendarDay().superRefine((value, ctx) => {
    const read = readTimeValue(value);
    if (read.known && read.earliestMs > Date.now())
      ctx.addIssue({ code: 'custom', message: `${quoted(value)} is in the future; write the day the work was done` });
  });

export const safeUrl = () =>
  z.url({ protocol: /^https?$/, error: 'must be an http(s) URL, e.g. "https://tracker.example.com/OPS-123"' });

export const always = (meaning: string, kind: FieldMeta['kind'], extra: Partial<FieldMeta> = {}): FieldMeta => ({
  meaning,
  kind,
  required: 'always',
  ...extra,
});
export const toPublish = (meaning: string, kind: FieldMeta['kind'], extra: Partial<FieldMeta> = {}): FieldMeta => ({
  meaning,
  kind,
  required: 'publish',
  ...extra,
});
export const optional = (meaning: string, kind: FieldMeta['kind'], extra: Partial<FieldMeta> = {}): FieldMeta => ({
  meaning,
  kind,
  required: 'never',
  ...extra,
});

export const timelineEntrySchema = z.strictObject({
  at: field(
    instant().optional(),
    optional('When it happened (ISO 8601 with offset); omit when the source gives no time.', 'instant', {
      example: '"2024-03-08T10:30:00Z"',
    }),
  ),
  kind: field(
    z.enum(keysOf(timelineKinds)).default('action'),
    optional('What kind of moment this is.', 'enum', { example: 'impact' }),
  ),
  event: field(
    text(),
    always('What happened, in one or two sentences.', 'text', { example: 'Error rate on login rises to 30%.' }),
  ),
});

export const escalationSchema = z.strictObject({
  to: field(text(), always('Who was brought in: a team, a role or a person.', 'text')),
  at: field(instant().optional(), optional('When the escalation happened (ISO 8601 with offset).', 'instant')),
  reason: field(z.string().trim().optional(), optional('Why the incident was escalated.', 'text')),
});

export const actionItemSchema = z.strictObject({
  title: field(
    text(),
    always('What will be done, as an imperative sentence.', 'text', {
      example: 'Add the missing index to the user table.',
    }),
  ),
  term: field(
    z.enum(keysOf(actionItemTerms)).optional(),
    optional('When it is expected: short (days), mid (weeks), long (quarters).', 'enum', {
      example: 'short',
      ask: 'set short, mid or long',
    }),
  ),
  type: field(
    z.enum(keysOf(actionItemTypes)).optional(),
    optional('What it does: prevent, mitigate, detect or process.', 'enum', {
      example: 'prevent',
      ask: 'set prevent, mitigate, detect or process',
    }),
  ),
  owner: field(
    z.string().trim().min(1).optional(),
    optional('Team or person accountable for it.', 'text', { example: 'Database team' }),
  ),
  status: field(
    z.enum(keysOf(actionItemStatuses)).default('open'),
    optional('Where it stands; defaults to open.', 'enum'),
  ),
  due: field(calendarDay().optional(), optional('Date it is due, YYYY-MM-DD.', 'day')),
  closed: field(
    pastDay().optional(),
    optional(
      'Date it was done, YYYY-MM-DD, not in the future nor before the incident started; lets insights measure how long follow-ups take.',
      'day',
    ),
  ),
  tracker: field(safeUrl().optional(), optional('Link to the ticket that tracks it.', 'url')),
});

export const sourceLinkSchema = z.strictObject({
  url: field(safeUrl(), always('Address of the page.', 'url', { example: 'https://status.example.com/incidents/123' })),
  kind: field(
    z.enum(keysOf(sourceKinds)).default('original'),
    optional(`What the page is: ${keysOf(sourceKinds).join(', ')}; defaults to original.`, 'enum'),
  ),
  title: field(z.string().trim().min(1).optional(), optional('What the link shows, in a few words.', 'text')),
});

/**
 * One contributing factor: a factor from the vocabulary in content/factors.yaml with the
 * author's own sentence, or a plain sentence not yet classified (older and imported entries);
 * `npm run validate` suggests a factor for a plain sentence, as a hint, and never writes one.
 */
export const contributingFactorSchema = z.union([
  text(),
  z.strictObject({
    factor: field(
      slug('A factor'),
      always('Slug of the factor, declared in content/factors.yaml (e.g. config-push, detection-gap).', 'slug', {
        example: 'config-push',
      }),
    ),
    note: field(
      text().optional(),
      optional(
        "The author's sentence: how this factor played its part in this incident. Left out while nobody has written it (an importer classifying from a collection's category); `--strict` asks for it.",
        'text',
        { example: 'The flag change reached every region at once.' },
      ),
    ),
  }),
]);

const count = (least: number) => z.number().int({ error: 'must be a whole number' }).min(least);

/**
 * How many people and teams the response took, as written by the author; each one left out is
 * derived from the timeline and escalations where they say it (src/lib/incidents/coordination.ts).
 */
export const coordinationSchema = z.strictObject({
  responders: field(
    count(1).optional(),
    optional('People who worked the incident, as the author counts them.', 'number', { example: '4' }),
  ),
  teamsInvolved: field(
    count(1).optional(),
    optional('Teams that took part in the response, as the author counts them.', 'number', { example: '2' }),
  ),
  handoffs: field(
    count(0).optional(),
    optional(
      'Times responsibility passed from one responder or team to another; left out, counted from handoff moments in the timeline.',
      'number',
      { example: '1' },
    ),
  ),
  escalations: field(
    count(0).optional(),
    optional(
      'Times another team or person was brought in; left out, counted from response.escalations (or escalation moments in the timeline).',
      'number',
      { example: '2' },
    ),
  ),
});
