/**
 * Synthetic postmortems for benchmarks: schema-valid, about the size of the seeds (~500 words
 * of body plus full frontmatter), with the shapes real incident records have — log-normal
 * durations and detection times, Zipf-skewed services, categories and tags, action items
 * whose status depends on age, and related links to earlier incidents. Pure and seeded:
 * the same count and seed give byte-identical files, and a smaller count is a prefix.
 */
import { stringifyFrontmatter } from '../../src/lib/content/frontmatter.ts';
import type {
  ActionItemStatus,
  ActionItemTerm,
  ActionItemType,
  DetectionMethod,
  RootCauseCategory,
  Severity,
  TimelineKind,
} from '../../src/lib/core/taxonomy.ts';
import { chance, distinct, logNormal, mulberry32, pick, randInt, weighted, zipf, type Rng } from './random.ts';
import {
  CATEGORY_RANK,
  CATEGORY_TEXT,
  COMMON_TAGS,
  CONFIG_KEYS,
  DETECTION_SOURCES,
  GOT_LUCKY,
  IMPACT_SENTENCES,
  LEARNED_SENTENCES,
  METRICS,
  PEOPLE,
  REGIONS,
  RESPONSE_SENTENCES,
  SERVICES,
  SYMPTOMS,
  TABLES,
  TEAMS,
  TICKET_PROJECTS,
  USER_JOURNEYS,
  VENDORS,
  WENT_WELL,
  WENT_WRONG,
  serviceLabel,
} from './vocabulary.ts';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** Shape of incident durations (started → resolved): log-normal with this median and sigma. */
export const DURATION_MEDIAN_MINUTES = 95;
export const DURATION_SIGMA = 1.1;
/** Time to detect: log-normal, usually minutes, occasionally hours. */
export const DETECT_MEDIAN_MINUTES = 9;
export const DETECT_SIGMA = 1.0;
/** Incidents start in this window (UTC), entirely in the past so no time is "in the future". */
export const FIRST_START = Date.UTC(2018, 0, 1);
export const LAST_START = Date.UTC(2026, 5, 30);
/** Review date used to decide which action items are done: the end of the window plus a month. */
const REVIEW_AS_OF = LAST_START + 30 * DAY;

export interface CorpusOptions {
  count: number;
  seed: number;
}

export interface GeneratedPostmortem {
  /** File name, `YYYY-MM-DD-slug.mdx`. */
  name: string;
  id: string;
  /** Whole file: frontmatter block and MDX body. */
  text: string;
  data: Record<string, unknown>;
  /** started → resolved, in minutes (what the duration charts measure). */
  durationMinutes: number;
  bodyWords: number;
}

interface Zone {
  offset: number;
  label: string;
}

const ZONES: readonly (readonly [Zone, number])[] = [
  [{ offset: 0, label: 'UTC' }, 30],
  [{ offset: -420, label: 'PDT' }, 12],
  [{ offset: -480, label: 'PST' }, 8],
  [{ offset: -240, label: 'EDT' }, 10],
  [{ offset: -300, label: 'EST' }, 6],
  [{ offset: 60, label: 'CET' }, 10],
  [{ offset: 120, label: 'CEST' }, 8],
  [{ offset: 330, label: 'IST' }, 6],
  [{ offset: 540, label: 'JST' }, 5],
  [{ offset: 600, label: 'AEST' }, 5],
];

const SEVERITIES: readonly (readonly [Severity, number])[] = [
  ['sev1', 6],
  ['sev2', 22],
  ['sev3', 44],
  ['sev4', 28],
];

const DETECTION_METHODS: readonly (readonly [DetectionMethod, number])[] = [
  ['monitoring-alert', 56],
  ['customer-report', 18],
  ['synthetic-check', 12],
  ['engineer-noticed', 11],
  ['other', 3],
];

const TERMS: readonly (readonly [ActionItemTerm, number])[] = [
  ['short', 45],
  ['mid', 38],
  ['long', 17],
];
const TERM_DAYS: Record<ActionItemTerm, [number, number]> = { short: [3, 21], mid: [30, 120], long: [120, 365] };
const TYPES: readonly (readonly [ActionItemType, number])[] = [
  ['prevent', 40],
  ['detect', 25],
  ['mitigate', 22],
  ['process', 13],
];

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `2024-03-08T10:30:00+02:00` for an instant written in a fixed offset. */
export function isoAt(epochMs: number, offsetMinutes: number): string {
  const local = new Date(epochMs + offsetMinutes * MINUTE);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const offset = offsetMinutes === 0 ? 'Z' : `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  return `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:00${offset}`;
}

function localClock(epochMs: number, offsetMinutes: number): string {
  const local = new Date(epochMs + offsetMinutes * MINUTE);
  return `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
}

function localDay(epochMs: number, offsetMinutes: number): string {
  return new Date(epochMs + offsetMinutes * MINUTE).toISOString().slice(0, 10);
}

function humanDuration(minutes: number): string {
  if (minutes < 60) return `${Math.round(minutes)} minutes`;
  if (minutes < 48 * 60) {
    const h = Math.floor(minutes / 60);
    const m = Math.round(minutes % 60);
    return m ? `${h} hours and ${m} minutes` : `${h} hours`;
  }
  return `${Math.round(minutes / 60 / 24)} days`;
}

const sampleService = zipf(SERVICES, 1.05);
const sampleCategory = zipf(CATEGORY_RANK, 0.9);
const sampleCommonTag = zipf(COMMON_TAGS, 1.0);
const sampleTeam = zipf(TEAMS, 0.8);
const samplePerson = zipf(PEOPLE, 0.6);
const sampleJourney = zipf(USER_JOURNEYS, 0.9);

interface Slots {
  svc: string;
  dep: string;
  team: string;
  region: string;
  vendor: string;
  table: string;
  key: string;
  metric: string;
  host: string;
  ver: string;
  n: string;
  pct: string;
}

/** Fills `{slot}` markers; numbers are drawn fresh per use so texts differ like real ones. */
function fill(rng: Rng, template: string, slots: Slots): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (name === 'n') return String(randInt(rng, 2, 90));
    if (name === 'pct') return String(randInt(rng, 5, 80));
    const value = slots[name as keyof Slots];
    if (value === undefined) throw new Error(`corpus template has an unknown slot {${name}}: ${template}`);
    return value;
  });
}

function sentences(rng: Rng, pool: readonly string[], min: number, max: number, slots: Slots): string[] {
  return distinct(rng, (r) => pick(r, pool), Math.min(pool.length, randInt(rng, min, max))).map((t) =>
    fill(rng, t, slots),
  );
}

interface Published {
  id: string;
  services: string[];
}

/** Generates the corpus in memory; `count` files, in generation order. */
export function generateCorpus(options: CorpusOptions): GeneratedPostmortem[] {
  const rng = mulberry32(options.seed);
  const ids = new Set<string>();
  const published: Published[] = [];
  const byService = new Map<string, string[]>();
  const out: GeneratedPostmortem[] = [];
  for (let index = 0; index < options.count; index++) {
    const pm = generateOne(rng, ids, published, byService);
    out.push(pm);
  }
  return out;
}

function generateOne(
  rng: Rng,
  ids: Set<string>,
  published: Published[],
  byService: Map<string, string[]>,
): GeneratedPostmortem {
  const zone = weighted(rng, ZONES);
  // More incidents in recent years, as an organisation (and its habit of writing reviews) grows.
  const startedMs = Math.floor((FIRST_START + (LAST_START - FIRST_START) * Math.sqrt(rng())) / MINUTE) * MINUTE;
  const durationMinutes = Math.round(
    Math.min(Math.max(logNormal(rng, DURATION_MEDIAN_MINUTES, DURATION_SIGMA), 4), 14 * 24 * 60),
  );
  const resolvedMs = startedMs + durationMinutes * MINUTE;
  const detectMinutes = Math.max(
    1,
    Math.min(Math.round(logNormal(rng, DETECT_MEDIAN_MINUTES, DETECT_SIGMA)), Math.floor(durationMinutes * 0.6)),
  );
  const detectedMs = startedMs + detectMinutes * MINUTE;
  const mitigatedMs = chance(rng, 0.7)
    ? detectedMs + Math.round(((resolvedMs - detectedMs) * (0.3 + 0.6 * rng())) / MINUTE) * MINUTE
    : undefined;

  const serviceCount = weighted(rng, [
    [1, 62],
    [2, 28],
    [3, 10],
  ] as const);
  const services = distinct(rng, sampleService, serviceCount);
  const categoryCount = weighted(rng, [
    [1, 70],
    [2, 25],
    [3, 5],
  ] as const);
  const categories = distinct(rng, sampleCategory, categoryCount);
  const main = CATEGORY_TEXT[categories[0]];
  const severity = weighted(rng, SEVERITIES);
  const teams = distinct(rng, sampleTeam, randInt(rng, 1, 3));
  const slots: Slots = {
    svc: serviceLabel(services[0]),
    dep: serviceLabel(services[1] ?? sampleService(rng)),
    team: teams[0],
    region: pick(rng, REGIONS),
    vendor: pick(rng, VENDORS),
    table: pick(rng, TABLES),
    key: pick(rng, CONFIG_KEYS),
    metric: pick(rng, METRICS),
    host: `${services[0].split('-')[0]}-${pad(randInt(rng, 1, 40))}.${pick(rng, REGIONS)}`,
    ver: `${randInt(rng, 1, 9)}.${randInt(rng, 0, 40)}.${randInt(rng, 0, 20)}`,
    n: '',
    pct: '',
  };

  const [symptom, symptomSlug] = pick(rng, SYMPTOMS);
  const [cause, causeSlug] = pick(rng, main.causes);
  const title = `${slots.svc} ${symptom} ${fill(rng, cause, slots)}`;
  const day = localDay(startedMs, zone.offset);
  let id = `${day}-${services[0]}-${symptomSlug}-${causeSlug}`;
  for (let n = 2; ids.has(id); n++) id = `${day}-${services[0]}-${symptomSlug}-${causeSlug}-${n}`;
  ids.add(id);

  const status = weighted(rng, [
    ['published', 96],
    ['in-review', 3],
    ['draft', 1],
  ] as const);
  const usersAffectedPercent = chance(rng, 0.7) ? Math.round(100 * rng() ** 2.2 * 10) / 10 : undefined;
  const journeys = distinct(rng, sampleJourney, randInt(rng, 1, 3));
  const rootSentences = sentences(rng, main.root, 2, 3, slots);
  const extraCategorySentences = categories
    .slice(1)
    .map((category) => fill(rng, pick(rng, CATEGORY_TEXT[category].root), slots));
  const trigger = fill(rng, pick(rng, main.triggers), slots);
  const fixes = sentences(rng, main.fixes, 1, 2, slots);
  const impactSentences = sentences(rng, IMPACT_SENTENCES, 2, 3, slots);
  const method = weighted(rng, DETECTION_METHODS);
  const detectionSource = fill(rng, pick(rng, DETECTION_SOURCES[method]), slots);
  const misleadingPaths = chance(rng, 0.45) ? sentences(rng, main.misleading, 1, 2, slots) : [];

  // Escalations happen while responders work: between detection and resolution.
  const escalations = Array.from(
    {
      length: weighted(rng, [
        [0, 40],
        [1, 35],
        [2, 18],
        [3, 7],
      ] as const),
    },
    () => {
      const atMs = detectedMs + Math.round(((resolvedMs - detectedMs) * rng() * 0.5) / MINUTE) * MINUTE;
      const to = chance(rng, 0.6) ? `${pick(rng, TEAMS)} on-call` : `${pick(rng, TEAMS)} engineering lead`;
      return {
        to,
        at: isoAt(atMs, zone.offset),
        reason: fill(
          rng,
          pick(rng, [
            'The investigation pointed at {dep}.',
            'Severity was raised and a decision was needed.',
            'Error rates kept rising after the first mitigation.',
            'Responders needed access to {svc} infrastructure.',
          ]),
          slots,
        ),
        atMs,
      };
    },
  ).sort((a, b) => a.atMs - b.atMs);

  const timeline: { atMs: number; kind: TimelineKind; event: string }[] = [
    { atMs: startedMs - randInt(rng, 0, 20) * MINUTE, kind: 'trigger', event: trigger },
    {
      atMs: startedMs,
      kind: 'impact',
      event: fill(
        rng,
        pick(rng, [
          'Errors from {svc} start rising.',
          'Latency of {svc} climbs above its objective.',
          'Users start seeing failures.',
          'The first failed requests appear in the logs of {svc}.',
        ]),
        slots,
      ),
    },
    { atMs: detectedMs, kind: 'detection', event: detectionSource },
    ...escalations.map((e) => ({ atMs: e.atMs, kind: 'escalation' as const, event: `${e.to} is brought in.` })),
    ...misleadingPaths.map((path, i) => ({
      atMs: detectedMs + Math.round(((resolvedMs - detectedMs) * (0.1 + 0.15 * i)) / MINUTE) * MINUTE,
      kind: 'misleading' as const,
      event: path.split(/(?<=\.) /)[0],
    })),
    ...Array.from({ length: randInt(rng, 1, 4) }, (_, i) => ({
      atMs: detectedMs + Math.round(((resolvedMs - detectedMs) * (0.2 + 0.15 * i)) / MINUTE) * MINUTE,
      kind: 'action' as const,
      event: fill(
        rng,
        pick(rng, [
          'Responders check recent deploys to {svc}.',
          'The team scales {svc} out.',
          'Dashboards of {dep} are compared with {svc}.',
          'A rollback of {svc} starts.',
          'Traffic is shifted away from {region}.',
          'Logs of {svc} are searched for the first error.',
        ]),
        slots,
      ),
    })),
    ...(chance(rng, 0.5)
      ? [
          {
            atMs: Math.min(detectedMs + 10 * MINUTE, resolvedMs - MINUTE),
            kind: 'communication' as const,
            event: 'The status page is updated.',
          },
        ]
      : []),
    ...(mitigatedMs !== undefined
      ? [{ atMs: mitigatedMs, kind: 'mitigation' as const, event: fixes[0].split(/(?<=\.) /)[0] }]
      : []),
    { atMs: resolvedMs, kind: 'resolution', event: 'The incident is resolved.' },
  ];
  timeline.sort((a, b) => a.atMs - b.atMs);

  const ageDays = (REVIEW_AS_OF - startedMs) / DAY;
  const actionCount = weighted(rng, [
    [0, 4],
    [1, 8],
    [2, 16],
    [3, 22],
    [4, 20],
    [5, 14],
    [6, 9],
    [7, 5],
    [8, 2],
  ] as const);
  const project = pick(rng, TICKET_PROJECTS);
  const ticketBase = randInt(rng, 100, 9000);
  const actionTitles = distinct(
    rng,
    (r) => pick(r, [...main.actions, ...CATEGORY_TEXT[pick(r, categories)].actions]),
    actionCount,
  );
  const actionItems = actionTitles.map((template, i) => {
    const term = weighted(rng, TERMS);
    const [minDays, maxDays] = TERM_DAYS[term];
    const dueMs = startedMs + randInt(rng, minDays, maxDays) * DAY;
    // Older incidents have mostly finished their follow-ups; recent ones are mostly open.
    const doneChance = Math.min(0.92, ageDays / 700);
    const itemStatus: ActionItemStatus = chance(rng, doneChance)
      ? chance(rng, 0.93)
        ? 'done'
        : 'wont-do'
      : weighted(rng, [
          ['open', 60],
          ['in-progress', 40],
        ] as const);
    return {
      title: fill(rng, template, slots),
      term,
      type: weighted(rng, TYPES),
      owner: chance(rng, 0.85) ? pick(rng, teams) : undefined,
      status: itemStatus,
      due: chance(rng, 0.8) ? new Date(dueMs).toISOString().slice(0, 10) : undefined,
      tracker: chance(rng, 0.75) ? `https://tracker.example.com/${project}-${ticketBase + i}` : undefined,
    };
  });

  // Related: earlier published incidents, mostly ones that share a service.
  const relatedCount =
    status === 'published'
      ? weighted(rng, [
          [0, 50],
          [1, 28],
          [2, 15],
          [3, 7],
        ] as const)
      : 0;
  const related = distinct(
    rng,
    (r) => {
      const sameService = byService.get(pick(r, services));
      if (sameService?.length && chance(r, 0.75)) return pick(r, sameService.slice(-40));
      return published.length ? pick(r, published).id : undefined;
    },
    relatedCount,
  ).filter((value): value is string => value !== undefined);

  const tags = distinct(rng, (r) => (chance(r, 0.55) ? pick(r, main.tags) : sampleCommonTag(r)), randInt(rng, 2, 6));
  const authors = distinct(rng, samplePerson, randInt(rng, 1, 3));
  const summary = `${slots.svc} ${symptom} for ${humanDuration(durationMinutes)} on ${day}${usersAffectedPercent !== undefined ? `, affecting about ${Math.max(1, Math.round(usersAffectedPercent))}% of users` : ''}. ${rootSentences[0]} ${fixes[0]}`;

  const data: Record<string, unknown> = {
    title,
    summary,
    status,
    severity,
    authors,
    teams,
    services,
    tags,
    started: isoAt(startedMs, zone.offset),
    detected: isoAt(detectedMs, zone.offset),
    ...(mitigatedMs !== undefined ? { mitigated: isoAt(mitigatedMs, zone.offset) } : {}),
    resolved: isoAt(resolvedMs, zone.offset),
    impact: {
      description: impactSentences.join(' '),
      ...(usersAffectedPercent !== undefined ? { usersAffectedPercent } : {}),
      affectedServices: journeys,
    },
    detection: { method, source: detectionSource },
    rootCause: {
      categories,
      description: [...rootSentences, ...extraCategorySentences].join(' '),
      trigger,
      contributingFactors: sentences(rng, main.factors, 1, 3, slots),
    },
    resolution: fixes.join(' '),
    response: {
      misleadingPaths,
      escalations: escalations.map(({ to, at, reason }) => ({ to, at, reason })),
    },
    timeline: timeline.map(({ atMs, kind, event }) => ({ at: isoAt(atMs, zone.offset), kind, event })),
    actionItems: actionItems.map((item) =>
      Object.fromEntries(Object.entries(item).filter(([, value]) => value !== undefined)),
    ),
    lessons: {
      wentWell: distinct(rng, (r) => pick(r, WENT_WELL), randInt(rng, 1, 3)),
      wentWrong: distinct(rng, (r) => pick(r, WENT_WRONG), randInt(rng, 1, 3)),
      gotLucky: chance(rng, 0.4) ? [pick(rng, GOT_LUCKY)] : [],
    },
    related,
    ...(status === 'in-review' ? { review: ['Confirm the detection time against the pager log.'] } : {}),
  };

  const body = renderBody(rng, {
    title,
    day,
    zone,
    startedMs,
    durationMinutes,
    usersAffectedPercent,
    slots,
    impactSentences,
    rootSentences,
    extraCategorySentences,
    trigger,
    fixes,
    timeline,
    misleadingPaths,
    categories,
    detectionSource,
    detectMinutes,
    method,
  });
  const text = `---\n${stringifyFrontmatter(data)}---\n${body}`;
  if (status === 'published') {
    published.push({ id, services });
    for (const service of services) byService.set(service, [...(byService.get(service) ?? []), id]);
  }
  return { name: `${id}.mdx`, id, text, data, durationMinutes, bodyWords: body.split(/\s+/).filter(Boolean).length };
}

interface BodyParts {
  title: string;
  day: string;
  zone: Zone;
  startedMs: number;
  durationMinutes: number;
  usersAffectedPercent?: number;
  slots: Slots;
  impactSentences: string[];
  rootSentences: string[];
  extraCategorySentences: string[];
  trigger: string;
  fixes: string[];
  timeline: { atMs: number; kind: TimelineKind; event: string }[];
  misleadingPaths: string[];
  categories: RootCauseCategory[];
  detectionSource: string;
  detectMinutes: number;
  method: DetectionMethod;
}

const DETECTION_NOTES = [
  'Until then the dashboards of {svc} looked normal, because {metric} is averaged over five minutes.',
  'The alert went to the {team} on-call rotation, which owns {svc}.',
  'An earlier, quieter warning on {metric} had been firing for days and was ignored.',
  'The first page was acknowledged quickly, but it took longer to see that {dep} was involved.',
];

/** The prose write-up: the sections of the seeds, in Markdown that is also valid MDX. */
function renderBody(rng: Rng, p: BodyParts): string {
  const { slots } = p;
  const paragraphs: string[] = [];
  paragraphs.push(
    '## Summary',
    `On ${p.day}, ${slots.svc} had ${p.durationMinutes > 120 ? 'a long' : 'a'} incident that lasted ${humanDuration(p.durationMinutes)}${p.usersAffectedPercent !== undefined ? ` and affected about ${Math.max(1, Math.round(p.usersAffectedPercent))}% of users` : ''}. ${p.rootSentences[0]} ${p.fixes[0]}`,
    '## Impact',
    [...p.impactSentences, ...sentences(rng, IMPACT_SENTENCES, 1, 2, slots)].join(' '),
    '## Timeline',
    `All times ${p.zone.label}.`,
    p.timeline.map((entry) => `- **${localClock(entry.atMs, p.zone.offset)}** ${entry.event}`).join('\n'),
    '## Detection',
    `${p.detectionSource} The incident was noticed ${humanDuration(p.detectMinutes)} after impact began${p.method === 'monitoring-alert' || p.method === 'synthetic-check' ? '' : ', before any alert fired'}. ${fill(rng, pick(rng, DETECTION_NOTES), slots)}`,
    '## Response',
    [...sentences(rng, RESPONSE_SENTENCES, 3, 5, slots), ...p.misleadingPaths].join(' '),
    '## Root cause',
    [`The trigger: ${p.trigger.charAt(0).toLowerCase()}${p.trigger.slice(1)}`, ...p.rootSentences.slice(1)].join(' '),
  );
  if (p.extraCategorySentences.length) paragraphs.push(p.extraCategorySentences.join(' '));
  paragraphs.push(
    sentences(rng, CATEGORY_TEXT[p.categories[0]].factors, 1, 3, slots).join(' '),
    '## Resolution',
    p.fixes.join(' ') + ` The incident was declared resolved ${humanDuration(p.durationMinutes)} after it started.`,
    '## What we learned',
    sentences(rng, LEARNED_SENTENCES, 3, 5, slots).join(' '),
  );
  return `\n${paragraphs.join('\n\n')}\n`;
}
