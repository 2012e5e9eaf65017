import type { TimeValue } from '../core/time.ts';
import type { ContributingFactor } from '../core/schema.ts';

/**
 * The shape of what the importer reads from a document, before it becomes frontmatter.
 * Shared by the field readers (./readers/) and the entry writer (./index.ts).
 */
export interface ExtractOptions {
  /** Zone for times written without one, given by the person importing (`--zone`). */
  zone?: string;
  /** File name of the source, used in messages and as a last-resort title. */
  sourceName: string;
}

export interface ExtractedActionItem {
  title: string;
  term?: 'short' | 'mid' | 'long';
  type?: 'prevent' | 'mitigate' | 'detect' | 'process';
  owner?: string;
  status?: 'open' | 'in-progress' | 'done' | 'wont-do';
  due?: string;
  tracker?: string;
  line: number;
}

export interface ExtractedTimelineEntry {
  at: string;
  kind: string;
  event: string;
}

export interface Extracted {
  title: string;
  summary?: string;
  severity?: string;
  authors: string[];
  teams: string[];
  services: string[];
  /** An instant, a day, or `{ unknown }` with the reason (the review list says which line was read). */
  started: TimeValue;
  detected?: TimeValue;
  mitigated?: TimeValue;
  resolved?: TimeValue;
  incidentNumber?: string;
  organisation?: string;
  product?: string;
  tags?: string[];
  sources?: { url: string; kind: string; title?: string }[];
  impact: { description?: string; usersAffectedPercent?: number; affectedServices?: string[] };
  detection: { method?: string; source?: string };
  rootCause: {
    categories: string[];
    description?: string;
    trigger?: string;
    /** Sentences as read (plain), or classified with a factor, flagged for review (see importer/index.ts). */
    contributingFactors: ContributingFactor[];
  };
  resolution?: string;
  response: { misleadingPaths: string[]; escalations: { to: string; at?: string; reason?: string }[] };
  timeline: ExtractedTimelineEntry[];
  actionItems: ExtractedActionItem[];
  lessons: { wentWell: string[]; wentWrong: string[]; gotLucky: string[] };
}

export type ExtractResult = { ok: true; data: Extracted; notes: string[] } | { ok: false; reason: string };

/** A day found without a usable time of day (none written, or no zone to place it in). */
export interface DayFact {
  day: string;
  line: number;
}

/** A time read from the source, resolved to an instant, with the line it came from. */
export interface Moment {
  iso: string;
  epochMs: number;
  line: number;
  zone: string;
}
