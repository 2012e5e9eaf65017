/**
 * The search page: Pagefind's input, filter pane and results, with the search kept in the
 * URL. Typing refines the current history entry; a new search, a filter or a sort adds one,
 * so the back button walks through what was tried. Loading a URL restores its search.
 */
import { loadSearch, renderResult, searchConfigOf, unavailableMessage, type PagefindInstance } from './search-ui.ts';
import {
  SEARCH_SORTS,
  cleanFilters,
  describeFilters,
  parseSearchParams,
  toSearchParams,
  type FilterLabels,
  type SearchSort,
  type SearchState,
} from '../lib/search/url.ts';
import { inGivenOrder } from '../lib/search/filter-order.ts';

const INSTANCE = 'kb-page';
/** Keystrokes closer together than this refine one search instead of starting another. */
const TYPING_PAUSE_MS = 1500;
/** Results rendered at most (the max-results of <pagefind-results>); the note says so only when it applies. */
const RESULT_LIMIT = 50;
/** Below this width the filters sit above the results, so every group starts closed. */
const NARROW = '(max-width: 48rem)';

/**
 * Keeps the pane's groups that have an order of their own (`order`: filter name → values) in
 * that order, however often Pagefind draws them; other groups keep Pagefind's sort.
 */
function keepInOrder(pane: HTMLElement, order: Record<string, string[]>) {
  const sortGroup = (group: HTMLElement) => {
    const values = order[group.dataset.filterName ?? ''];
    const options = group.querySelector('.pf-filter-options');
    if (!values || !options) return;
    const labels = [...options.children];
    const sorted = inGivenOrder(labels, (label) => label.querySelector('input')?.value ?? '', values);
    // Moving the options is itself a change; once in order there is nothing to move.
    if (sorted.some((label, index) => label !== labels[index])) options.append(...sorted);
  };
  const sortAll = () => pane.querySelectorAll<HTMLElement>('details[data-filter-name]').forEach(sortGroup);
  new MutationObserver(sortAll).observe(pane, { childList: true, subtree: true });
  sortAll();
}

class SearchPage extends HTMLElement {
  private instance?: PagefindInstance;
  private labels: FilterLabels = {};
  private sortSelect?: HTMLSelectElement;
  private applying = false;
  private lastWordsChange = 0;

  async connectedCallback() {
    if (this.instance) return;
    const config = searchConfigOf(this);
    this.labels = JSON.parse(this.dataset.labels ?? '{}') as FilterLabels;
    let instance: PagefindInstance;
    try {
      instance = await loadSearch(config, INSTANCE);
      await instance.triggerLoad();
    } catch (error) {
      console.error(error);
      const notice = this.querySelector<HTMLElement>('[data-notice]')!;
      notice.textContent = unavailableMessage(config, error);
      notice.hidden = false;
      const words = this.querySelector<HTMLInputElement>('input[name=q]');
      if (words) words.value = this.fromLocation().query;
      return;
    }
    // Filters alone, without words, list every postmortem that matches them.
    instance.faceted = true;
    this.instance = instance;

    // importNode (not cloneNode) creates the elements in this document, so they are upgraded
    // now and the result template set below is not reset when they connect.
    const ui = document.importNode(this.querySelector('template')!.content, true);
    const results = ui.querySelector('pagefind-results') as HTMLElement & { resultTemplate: typeof renderResult };
    results.resultTemplate = renderResult;
    const pane = ui.querySelector<HTMLElement>('pagefind-filter-pane')!;
    // Open groups above the results would push them a screen or more down a phone.
    if (matchMedia(NARROW).matches) pane.setAttribute('open', '');
    keepInOrder(pane, JSON.parse(this.dataset.valueOrder ?? '{}') as Record<string, string[]>);
    this.sortSelect = ui.querySelector<HTMLSelectElement>('[data-sort]')!;
    this.sortSelect.addEventListener('change', () => {
      this.setSort(this.sortSelect!.value as SearchSort | '');
      instance.triggerSearchWithFilters(instance.searchTerm, instance.searchFilters);
    });
    const active = ui.querySelector<HTMLElement>('[data-active-filters]')!;
    const limit = ui.querySelector<HTMLElement>('[data-result-limit]')!;
    active.querySelector('button')!.addEventListener('click', () => {
      instance.triggerSearchWithFilters(instance.searchTerm, {});
      this.focusSearch('');
    });
    this.querySelector('form')!.replaceWith(ui);

    // One listener per event and owner: Pagefind keeps only the last one an owner registers.
    instance.on(
      'search',
      (term, filters) => {
        this.record(term, filters);
        // A filter from a pasted link is easy to miss: it is named above the results, with a way out.
        const described = describeFilters(filters);
        active.hidden = described === '';
        active.querySelector('[data-filter-list]')!.textContent = described;
      },
      this,
    );
    instance.on(
      'results',
      (result) => {
        limit.hidden = result.results.length <= RESULT_LIMIT;
      },
      this,
    );
    addEventListener('popstate', () => this.apply(this.fromLocation()));
    this.apply(this.fromLocation());
    this.dataset.ready = '';
  }

  /** Focuses the page's search box (the header shortcut lands here on this page). */
  focusSearch(term: string) {
    if (term && this.instance) this.instance.triggerSearch(term);
    (
      this.querySelector<HTMLInputElement>('pagefind-input input') ??
      this.querySelector<HTMLInputElement>('input[name=q]')
    )?.focus();
  }

  private fromLocation(): SearchState {
    return parseSearchParams(new URLSearchParams(location.search), this.labels);
  }

  private setSort(sort: SearchSort | '' | undefined) {
    const order = sort ? SEARCH_SORTS[sort] : undefined;
    this.instance!.searchSort = order ? { [order.key]: order.direction } : {};
    this.sortSelect!.value = sort ?? '';
  }

  private currentSort(): SearchSort | undefined {
    return (this.sortSelect?.value || undefined) as SearchSort | undefined;
  }

  /** Runs the search a URL describes, without writing it back to history. */
  private apply(state: SearchState) {
    this.applying = true;
    try {
      this.setSort(state.sort);
      this.instance!.triggerSearchWithFilters(state.query, state.filters as Record<string, string[]>);
    } finally {
      this.applying = false;
    }
  }

  /** Writes a search the reader made into the URL. */
  private record(term: string, filters: Record<string, string[]>) {
    if (this.applying) return;
    const next: SearchState = { query: term.trim(), filters: cleanFilters(filters), sort: this.currentSort() };
    const current = this.fromLocation();
    const search = toSearchParams(next, this.labels);
    if (search === toSearchParams(current, this.labels)) return;
    const url = `${location.pathname}${search}`;
    const sameFacets = toSearchParams({ ...next, query: '' }) === toSearchParams({ ...current, query: '' });
    const now = Date.now();
    const refining = sameFacets && current.query !== '' && now - this.lastWordsChange < TYPING_PAUSE_MS;
    if (refining) history.replaceState(null, '', url);
    else history.pushState(null, '', url);
    if (sameFacets) this.lastWordsChange = now;
  }
}

customElements.define('kb-search-page', SearchPage);
