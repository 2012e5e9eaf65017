/**
 * The follow-up tracker: every action item still owed (open or in progress) across all
 * postmortems, grouped by owner and then by term, oldest incident first.
 */
import type { ActionItem } from '../core/schema.ts';
import { isOutstanding, isOverdue } from './timing.ts';
import type { TimeValue } from '../core/time.ts';
import { actionItemTerms, keysOf, labelOf, type ActionItemTerm } from '../core/taxonomy.ts';

export interface FollowUpSource {
  id: string;
  title: string;
  /** When the incident started (its day when only that is known); undefined when unknown. */
  startedMs?: number;
  /** `started` as recorded, for showing the day in the incident's own offset. */
  started?: TimeValue;
  actionItems: readonly ActionItem[];
}

export interface FollowUp {
  postmortemId: string;
  postmortemTitle: string;
  /** When the incident started; items are listed oldest incident first, unknown starts last. */
  startedMs?: number;
  started?: TimeValue;
  item: ActionItem;
  overdue: boolean;
}

export interface TermGroup {
  /** Null for items without a term, which only drafts (seen in `astro dev`) may have. */
  term: ActionItemTerm | null;
  label: string;
  items: FollowUp[];
  overdue: number;
}

export interface OwnerGroup {
  /** Null for items nobody owns. */
  owner: string | null;
  label: string;
  /** Fragment id of the owner's section. */
  anchor: string;
  total: number;
  overdue: number;
  /** Terms with at least one item, short before long. */
  terms: TermGroup[];
}

export interface FollowUpBoard {
  nowMs: number;
  total: number;
  overdue: number;
  /** Owners by name; unassigned items last. */
  owners: OwnerGroup[];
  /** Totals per term across owners, short before long (items without a term last, if any). */
  byTerm: { term: ActionItemTerm | null; label: string; total: number; overdue: number }[];
}

const UNASSIGNED = 'Unassigned';
const NO_TERM = 'No term yet';

/** A fragment id for an owner's section: lower-case words (any script) joined by hyphens, made unique. */
function anchorFor(label: string, taken: Set<string>): string {
  const base = `owner-${
    label
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '') || 'x'
  }`;
  let anchor = base;
  for (let n = 2; taken.has(anchor); n++) anchor = `${base}-${n}`;
  taken.add(anchor);
  return anchor;
}

const oldestFirst = (a: FollowUp, b: FollowUp) =>
  (a.startedMs ?? Infinity) - (b.startedMs ?? Infinity) ||
  (a.item.due ?? '9999').localeCompare(b.item.due ?? '9999') ||
  a.postmortemId.localeCompare(b.postmortemId) ||
  a.item.title.localeCompare(b.item.title);

/** Groups outstanding action items; `nowMs` (the build time) decides what is overdue. */
export function followUpBoard(sources: readonly FollowUpSource[], nowMs: number): FollowUpBoard {
  const terms: (ActionItemTerm | null)[] = [...keysOf(actionItemTerms), null];
  const termLabel = (term: ActionItemTerm | null) => (term === null ? NO_TERM : labelOf(actionItemTerms, term));
  const inTermOf = (term: ActionItemTerm | null) => (followUp: FollowUp) => (followUp.item.term ?? null) === term;
  const byOwner = new Map<string | null, FollowUp[]>();
  for (const source of sources) {
    for (const item of source.actionItems) {
      if (!isOutstanding(item.status)) continue;
      const owner = item.owner?.trim() || null;
      const list = byOwner.get(owner) ?? [];
      list.push({
        postmortemId: source.id,
        postmortemTitle: source.title,
        startedMs: source.startedMs,
        started: source.started,
        item,
        overdue: isOverdue(item, nowMs),
      });
      byOwner.set(owner, list);
    }
  }
  const taken = new Set<string>();
  const owners = [...byOwner.keys()]
    .sort((a, b) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b)))
    .map((owner): OwnerGroup => {
      const items = byOwner.get(owner)!;
      const label = owner ?? UNASSIGNED;
      return {
        owner,
        label,
        anchor: anchorFor(label, taken),
        total: items.length,
        overdue: items.filter((followUp) => followUp.overdue).length,
        terms: terms.flatMap((term) => {
          const inTerm = items.filter(inTermOf(term)).sort(oldestFirst);
          return inTerm.length
            ? [{ term, label: termLabel(term), items: inTerm, overdue: inTerm.filter((f) => f.overdue).length }]
            : [];
        }),
      };
    });
  const all = [...byOwner.values()].flat();
  return {
    nowMs,
    total: all.length,
    overdue: all.filter((followUp) => followUp.overdue).length,
    owners,
    byTerm: terms.flatMap((term) => {
      const inTerm = all.filter(inTermOf(term));
      if (term === null && inTerm.length === 0) return [];
      return [
        {
          term,
          label: termLabel(term),
          total: inTerm.length,
          overdue: inTerm.filter((followUp) => followUp.overdue).length,
        },
      ];
    }),
  };
}

export interface FollowUpPage {
  page: number;
  pageCount: number;
  /** Owner groups on this page; a group split across pages keeps its totals and lists only this page's items. */
  owners: (OwnerGroup & { continued: boolean })[];
}

/**
 * Splits the board into pages of at most `perPage` items, in board order (owner, term,
 * oldest first), so the tracker stays light with tens of thousands of open items.
 */
export function paginateFollowUps(board: FollowUpBoard, perPage: number): FollowUpPage[] {
  const pages: FollowUpPage['owners'][] = [[]];
  const started = new Set<string>();
  let used = 0;
  for (const owner of board.owners) {
    let current: FollowUpPage['owners'][number] | undefined;
    for (const term of owner.terms) {
      let currentTerm: TermGroup | undefined;
      for (const item of term.items) {
        if (used === perPage) {
          pages.push([]);
          used = 0;
          current = undefined;
          currentTerm = undefined;
        }
        if (!current) {
          current = { ...owner, terms: [], continued: started.has(owner.anchor) };
          started.add(owner.anchor);
          pages.at(-1)!.push(current);
        }
        if (!currentTerm) {
          currentTerm = { ...term, items: [] };
          current.terms.push(currentTerm);
        }
        currentTerm.items.push(item);
        used++;
      }
    }
  }
  return pages.map((owners, index) => ({ page: index + 1, pageCount: pages.length, owners }));
}

/** Page number on which each owner's section starts, by anchor. */
export function ownerStartPages(pages: readonly FollowUpPage[]): Map<string, number> {
  const start = new Map<string, number>();
  for (const page of pages)
    for (const owner of page.owners) if (!start.has(owner.anchor)) start.set(owner.anchor, page.page);
  return start;
}
