/**
 * The words of a synthetic postmortem: times written as an author in the incident's zone
 * would, `{slot}` markers filled per incident, and the prose write-up in Markdown that is
 * also valid MDX.
 */
import type { DetectionMethod, RootCauseCategory, TimelineKind } from '../../src/lib/core/taxonomy.ts';
import { distinct, pick, randInt, type Rng } from './random.ts';
import { MINUTE, type Zone } from './corpus-shapes.ts';
import { CATEGORY_TEXT, IMPACT_SENTENCES, LEARNED_SENTENCES, RESPONSE_SENTENCES } from './vocabulary.ts';

export const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `2024-03-08T10:30:00+02:00` for an instant written in a fixed offset. */
export function isoAt(epochMs: number, offsetMinutes: number): string {
  const local = new Date(epochMs + offsetMinutes * MINUTE);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const offset = offsetMinutes === 0 ? 'Z' : `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  return `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:00${offset}`;
}

export function localClock(epochMs: number, offsetMinutes: number): string {
  const local = new Date(epochMs + offsetMinutes * MINUTE);
  return `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
}

export function localDay(epochMs: number, offsetMinutes: number): string {
  return new Date(epochMs + offsetMinutes * MINUTE).toISOString().slice(0, 10);
}

export function humanDuration(minutes: number): string {
  if (minutes < 60) return `${Math.round(minutes)} minutes`;
  if (minutes < 48 * 60) {
    const h = Math.floor(minutes / 60);
    const m = Math.round(minutes % 60);
    return m ? `${h} hours and ${m} minutes` : `${h} hours`;
  }
  return `${Math.round(minutes / 60 / 24)} days`;
}

export interface Slots {
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
export function fill(rng: Rng, template: string, slots: Slots): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (name === 'n') return String(randInt(rng, 2, 90));
    if (name === 'pct') return String(randInt(rng, 5, 80));
    const value = slots[name as keyof Slots];
    if (value === undefined) throw new Error(`corpus template has an unknown slot {${name}}: ${template}`);
    return value;
  });
}

export function sentences(rng: Rng, pool: readonly string[], min: number, max: number, slots: Slots): string[] {
  return distinct(rng, (r) => pick(r, pool), Math.min(pool.length, randInt(rng, min, max))).map((t) =>
    fill(rng, t, slots),
  );
}

export interface BodyParts {
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
export function renderBody(rng: Rng, p: BodyParts): string {
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
