/**
 * One fact of an incident's facts panel, however it is shown: the panel is a list of these, so a
 * new fact is one more entry. `first` facts are always shown; the others fold behind "More facts"
 * on a phone.
 */
import type { Severity } from '../core/taxonomy.ts';
import type { TimeValue } from '../core/time.ts';

export interface FactLink {
  label: string;
  /** A page or source to follow; none for a plain value. */
  href?: string;
  /** An address outside the site (opened with rel="noopener noreferrer"). */
  external?: boolean;
}

export type IncidentFact = {
  /** The fact's name, shown as its term and kept in `data-fact` for tests and styles. */
  label: string;
  first?: boolean;
  /** A few words that say what the fact measures, after its name. */
  hint?: string;
} & (
  | { text: string; tone?: 'warn' | 'muted' }
  | { severity: Severity | undefined }
  /** A moment; `clock` shows its time alone (the day is shown on "Started"); `since` is the time from the start. */
  | { moment: TimeValue; clock: boolean; since?: { ms: number; name: string } }
  /** Values to filter by (facet pages) or plain keywords. */
  | { chips: FactLink[] }
  /** A comma-separated list of names, each a link when it has somewhere to go. */
  | { links: FactLink[] }
);
