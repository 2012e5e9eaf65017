/**
 * The search page: our ranking over Pagefind's index (search-engine.ts), the filters the
 * build rendered, and the whole search kept in the URL. Typing refines the current history
 * entry; a new search, a filter or a sort adds one, so the back button walks through what was
 * tried. Loading a URL restores its search.
 *
 * `<html data-search-state>` is `pending` from the first keystroke, filter or history step
 * until the rows of the LATEST search are in the page, then `settled`, with
 * `data-search-query` naming the words shown (CONTRACTS.md) and `data-search-params` the whole
 * search as its query string: tests wait on them, never on time.
 */
import { loadOwnStyles, searchConfigOf, unavailableMessage, type SearchConfig } from './search-ui.ts';
import { loadSearchEngine, type SearchEngine, type SearchOutcome } from './search-engine.ts';
import { batchedRows, resultRows, showSuggestion, summaryLine } from './search-results.ts';
import {
  cleanFilters,
  describeFilters,
  parseSearchParams,
  toSearchParams,
  type FilterLabels,
  type SearchSort,
  type SearchState,
} from '../lib/search/url.ts';

/** Keystrokes closer together than this refine one search instead of starting another. */
const TYPING_PAUSE_MS = 1500;
/** Rows shown at first, and added by "Show more": each row loads its page's fragment. */
const FIRST_ROWS = 10;
/** Rows drawn as soon as their data is in, before the rest of the first ones. */
const EARLY_ROWS = 5;
const MORE_ROWS = 20;
/** Below this width the filters sit above the results, so every group starts closed. */
const NARROW = '(max-width: 48rem)';

const root = document.documentElement;

class SearchPage extends HTMLElement {
  private engine?: SearchEngine;
  private config?: SearchConfig;
  private labels: FilterLabels = {};
  private lastWordsChange = 0;
  private generation = 0;
  private debounce?: ReturnType<typeof setTimeout>;
  /** A change waits for its debounce. */
  private waiting = false;
  private shown?: { outcome: SearchOutcome; rows: number };

  private get input() {
    return this.querySelector<HTMLInputElement>('input[name=q]')!;
  }
  private get sortSelect() {
    return this.querySelector<HTMLSelectElement>('[data-sort]')!;
  }
  private get checkboxes() {
    return [...this.querySelectorAll<HTMLInputElement>('.filters input[type=checkbox]')];
  }

  async connectedCallback() {
    if (this.config) return;
    this.config = searchConfigOf(this);
    this.labels = JSON.parse(this.dataset.labels ?? '{}') as FilterLabels;
    const initial = this.fromLocation();
    this.input.value = initial.query;
    root.dataset.searchState = 'pending';
    try {
      [this.engine] = await Promise.all([loadSearchEngine(this.config), loadOwnStyles()]);
    } catch (error) {
      console.error(error);
      const notice = this.querySelector<HTMLElement>('[data-notice]')!;
      notice.textContent = unavailableMessage(this.config, error);
      notice.hidden = false;
      root.dataset.searchState = 'settled';
      return;
    }
    // Open groups above the results would push them a screen or more down a phone.
    if (matchMedia(NARROW).matches)
      this.querySelectorAll('details[data-filter-name]').forEach((group) => group.removeAttribute('open'));
    this.querySelector<HTMLElement>('[data-search-ui]')!.hidden = false;

    this.querySelector('form')!.addEventListener('submit', (event) => {
      event.preventDefault();
      this.changed(0);
    });
    // Typing pauses this long before a search runs (the page says how long, for the benchmark too).
    const debounce = Number(this.input.dataset.debounce ?? 200);
    this.input.addEventListener('input', () => {
      this.engine!.prepare(this.fromControls(), EARLY_ROWS);
      this.changed(debounce);
    });
    this.sortSelect.addEventListener('change', () => this.changed(0, true));
    for (const box of this.checkboxes) box.addEventListener('change', () => this.changed(0, true));
    this.querySelector('[data-active-filters] button')!.addEventListener('click', () => {
      for (const box of this.checkboxes) box.checked = false;
      this.changed(0, true);
      this.input.focus();
    });
    this.querySelector('[data-more]')!.addEventListener('click', () => void this.showMore());
    // A group opened shows the counts of the results on screen, counted then.
    for (const group of this.querySelectorAll<HTMLDetailsElement>('details[data-filter-name]'))
      group.addEventListener('toggle', () => {
        if (group.open && this.shown)
          void this.settleAfter(this.showCounts(this.shown.outcome, [group.dataset.filterName!]));
      });
    addEventListener('popstate', () => this.apply(this.fromLocation()));
    this.apply(initial);
    this.dataset.ready = '';
  }

  /** Focuses the page's search box (the header shortcut lands here on this page). */
  focusSearch(term: string) {
    if (term) {
      this.input.value = term;
      this.changed(0);
    }
    this.input.focus();
  }

  private fromLocation(): SearchState {
    return parseSearchParams(new URLSearchParams(location.search), this.labels);
  }

  /** The search the controls describe. */
  private fromControls(): SearchState {
    const filters: Record<string, string[]> = {};
    for (const box of this.checkboxes) if (box.checked) (filters[box.name] ??= []).push(box.value);
    return {
      query: this.input.value.trim(),
      filters: cleanFilters(filters),
      sort: (this.sortSelect.value || undefined) as SearchSort | undefined,
    };
  }

  /** Sets the controls to a search (from the URL). */
  private setControls(state: SearchState) {
    if (this.input.value.trim() !== state.query) this.input.value = state.query;
    this.sortSelect.value = state.sort ?? '';
    for (const box of this.checkboxes)
      box.checked = (state.filters[box.name as keyof SearchState['filters']] ?? []).includes(box.value);
  }

  /** The reader changed something: after `delay`, record it in the URL and search. */
  private changed(delay: number, facets = false) {
    root.dataset.searchState = 'pending';
    clearTimeout(this.debounce);
    this.waiting = true;
    this.debounce = setTimeout(() => {
      this.waiting = false;
      const state = this.fromControls();
      this.record(state, facets);
      void this.run(state);
    }, delay);
  }

  /** Runs the search a URL describes, without writing it back to history. */
  private apply(state: SearchState) {
    clearTimeout(this.debounce);
    this.waiting = false;
    this.setControls(state);
    void this.run(state);
  }

  /** Writes a search the reader made into the URL. */
  private record(next: SearchState, facets: boolean) {
    const current = this.fromLocation();
    const search = toSearchParams(next, this.labels);
    if (search === toSearchParams(current, this.labels)) return;
    const url = `${location.pathname}${search}`;
    const sameFacets = !facets || toSearchParams({ ...next, query: '' }) === toSearchParams({ ...current, query: '' });
    const now = Date.now();
    const refining = sameFacets && current.query !== '' && now - this.lastWordsChange < TYPING_PAUSE_MS;
    if (refining) history.replaceState(null, '', url);
    else history.pushState(null, '', url);
    if (sameFacets) this.lastWordsChange = now;
  }

  private async run(state: SearchState) {
    const generation = ++this.generation;
    root.dataset.searchState = 'pending';
    for (const group of this.querySelectorAll<HTMLElement>('details[data-counted]')) delete group.dataset.counted;
    const engine = this.engine!;
    let outcome: SearchOutcome;
    let rows: HTMLElement[];
    let rest: Promise<HTMLElement[]>;
    let started = 0;
    try {
      started = performance.now();
      outcome = await engine.run(state);
      // Where a search's time goes, for profiling in the browser's performance panel.
      performance.measure('kb-search: rank', { start: started });
      let top: Promise<HTMLElement[]>;
      [top, rest] = batchedRows(engine, outcome.pages.slice(0, FIRST_ROWS), EARLY_ROWS);
      rest.catch(() => undefined);
      rows = await top;
      performance.measure('kb-search: first rows', { start: started });
    } catch (error) {
      if (generation !== this.generation) return;
      console.error(error);
      const notice = this.querySelector<HTMLElement>('[data-notice]')!;
      notice.textContent = unavailableMessage(this.config!, error);
      notice.hidden = false;
      root.dataset.searchState = 'settled';
      return;
    }
    // A later search started meanwhile: its results, not these, are the ones to show.
    if (generation !== this.generation) return;
    const list = this.querySelector('#search-results')!;
    list.replaceChildren(...rows);
    const filtered = Object.keys(state.filters).length > 0;
    this.querySelector('[data-search-summary]')!.textContent = summaryLine(outcome, filtered);
    const partial = this.querySelector<HTMLElement>('[data-search-partial]')!;
    partial.textContent = outcome.notice ?? '';
    partial.hidden = !outcome.notice;
    showSuggestion(
      this.querySelector<HTMLElement>('[data-search-suggestion]')!,
      outcome,
      (query) => toSearchParams({ ...state, query }, this.labels) || '?',
      (query) => {
        this.input.value = query;
        this.changed(0);
      },
    );
    // A filter from a pasted link is easy to miss: it is named above the results, with a way out.
    const described = describeFilters(state.filters);
    const active = this.querySelector<HTMLElement>('[data-active-filters]')!;
    active.hidden = described === '';
    active.querySelector('[data-filter-list]')!.textContent = described;
    try {
      const more = await rest;
      if (generation !== this.generation) return;
      list.append(...more);
      rows.push(...more);
    } catch (error) {
      console.error(error);
    }
    this.shown = { outcome, rows: rows.length };
    this.updateMore();
    const counting = performance.now();
    await this.showCounts(outcome, this.openGroups());
    performance.measure('kb-search: filter counts', { start: counting });
    if (generation !== this.generation) return;
    // A change still waiting for its debounce will search again: not settled yet.
    if (this.waiting) return;
    root.dataset.searchQuery = state.query;
    // The whole search shown (words, filters, sort) as its query string, e.g. "?q=outage&category=database".
    root.dataset.searchParams = toSearchParams(state, this.labels);
    root.dataset.searchState = 'settled';
  }

  /** Marks the page pending until `work` (on the results shown) is done, unless a search starts meanwhile. */
  private async settleAfter(work: Promise<void>) {
    const generation = this.generation;
    root.dataset.searchState = 'pending';
    await work;
    if (generation === this.generation && !this.waiting) root.dataset.searchState = 'settled';
  }

  /** Filter groups a reader can see the values of. */
  private openGroups(): string[] {
    return [...this.querySelectorAll<HTMLDetailsElement>('details[data-filter-name]')]
      .filter((group) => group.open)
      .map((group) => group.dataset.filterName!);
  }

  /**
   * Each value's count among the results, in the groups given; values no result has are hidden
   * unless chosen. With no words and no filters the build's counts (every postmortem) stay.
   */
  private async showCounts(outcome: SearchOutcome, groups: string[]) {
    const { state } = outcome;
    const browsing = !state.query && Object.keys(state.filters).length === 0;
    // Each open group with the values the page offers (the build rendered them).
    const offered = Object.fromEntries(
      groups.map((group) => [group, this.checkboxes.filter((box) => box.name === group).map((box) => box.value)]),
    );
    const counts = browsing ? {} : await this.engine!.filterCounts(outcome, offered);
    if (this.shown?.outcome !== outcome) return;
    for (const label of this.querySelectorAll<HTMLLabelElement>('.filters label')) {
      const box = label.querySelector('input')!;
      if (!browsing && !groups.includes(box.name)) continue;
      const count = browsing ? Number(label.dataset.total) : (counts[box.name]?.[box.value] ?? 0);
      label.querySelector('.count')!.textContent = String(count);
      label.hidden = count === 0 && !box.checked;
    }
    // Which groups' counts are those of the results shown (tests wait on it after opening one);
    // an open group none of whose values the results have says so instead of showing nothing.
    for (const group of this.querySelectorAll<HTMLElement>('details[data-filter-name]')) {
      if (!browsing && !groups.includes(group.dataset.filterName!)) continue;
      group.dataset.counted = '';
      const none = [...group.querySelectorAll<HTMLLabelElement>('label')].every((label) => label.hidden);
      group.querySelector<HTMLElement>('[data-no-values]')!.hidden = !none;
    }
  }

  private updateMore() {
    const more = this.querySelector<HTMLButtonElement>('[data-more]')!;
    const left = this.shown ? this.shown.outcome.pages.length - this.shown.rows : 0;
    more.hidden = left <= 0;
    more.textContent = `Show ${Math.min(left, MORE_ROWS)} more of ${left}`;
  }

  private async showMore() {
    if (!this.shown) return;
    const { outcome, rows } = this.shown;
    const generation = this.generation;
    const more = await resultRows(this.engine!, outcome.pages.slice(rows, rows + MORE_ROWS));
    if (generation !== this.generation) return;
    this.querySelector('#search-results')!.append(...more);
    this.shown = { outcome, rows: rows + more.length };
    this.updateMore();
    more[0]?.querySelector('a')?.focus();
  }
}

customElements.define('kb-search-page', SearchPage);
