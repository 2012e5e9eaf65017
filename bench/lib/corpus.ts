/**
 * Synthetic postmortems for benchmarks: schema-valid, about the size of the seeds (~500 words
 * of body plus full frontmatter), with the shapes real incident records have — log-normal
 * durations and detection times, Zipf-skewed services, categories and tags, action items
 * whose status depends on age, and related links to earlier incidents. Pure and seeded:
 * the same count and seed give byte-identical files, and a smaller count is a prefix.
 */
import { stringifyFrontmatter } from '../../src/lib/content/frontmatter.ts';
import type { ActionItemStatus, TimelineKind } from '../../src/lib/core/taxonomy.ts';
import { chance, distinct, logNormal, mulberry32, pick, randInt, weighted, type Rng } from './random.ts';
import {
  CATEGORY_TEXT,
  CONFIG_KEYS,
  DETECTION_SOURCES,
  GOT_LUCKY,
  IMPACT_SENTENCES,
  METRICS,
  REGIONS,
  SYMPTOMS,
  TABLES,
  TEAMS,
  TICKET_PROJECTS,
  VENDORS,
  WENT_WELL,
  WENT_WRONG,
  serviceLabel,
} from './vocabulary.ts';
import {
  DAY,
  DETECT_MEDIAN_MINUTES,
  DETECT_SIGMA,
  DETECTION_METHODS,
  DURATION_MEDIAN_MINUTES,
  DURATION_SIGMA,
  FIRST_START,
  LAST_START,
  MINUTE,
  REVIEW_AS_OF,
  SEVERITIES,
  TERM_DAYS,
  TERMS,
  TYPES,
  ZONES,
  sampleCategory,
  sampleCommonTag,
  sampleJourney,
  samplePerson,
  sampleService,
  sampleTeam,
} from './corpus-shapes.ts';
import { fill, humanDuration, isoAt, localDay, pad, renderBody, sentences, type Slots } from './corpus-text.ts';

/** The duration shape, for tests that check the corpus follows it. */
export { DURATION_MEDIAN_MINUTES, DURATION_SIGMA } from './corpus-shapes.ts';

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
