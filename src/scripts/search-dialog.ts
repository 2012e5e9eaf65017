/**
 * The search dialog, loaded the first time someone searches from the header: a box, the best
 * rows of the same ranking as the search page (search-engine.ts) and a link to that page for
 * filters, sorting and more. The dialog carries `data-search-state` and `data-search-query`
 * like the search page's root does, so tests wait on its state, never on time.
 */
import { loadOwnStyles, unavailableMessage, type SearchConfig } from './search-ui.ts';
import { loadSearchEngine, type SearchEngine } from './search-engine.ts';
import { resultRows, showSuggestion, summaryLine } from './search-results.ts';
import { toSearchParams } from '../lib/search/url.ts';

/** Typing pauses this long before a search runs. */
const DEBOUNCE_MS = 150;
/** The dialog is for a quick look; the search page is a click away for more. */
const ROWS = 10;

interface SearchDialog {
  modal: HTMLDialogElement;
  input: HTMLInputElement;
  /** Puts `term` in the box and searches it at once. */
  searchFor(term: string): void;
}

let dialog: SearchDialog | undefined;
let opening: Promise<void> | undefined;

/** Where focus was before the dialog opened; it goes back there when the dialog closes. */
let returnFocusTo: HTMLElement | undefined;

function child<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string) {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function buildDialog(config: SearchConfig, engine: SearchEngine): SearchDialog {
  const modal = child('dialog', 'kb-search-dialog');
  modal.dataset.searchDialog = '';
  modal.setAttribute('aria-label', 'Search postmortems');
  // The dialog is site chrome, English even when opened on a page in another language.
  modal.lang = 'en';

  const header = child('div', 'kb-dialog-header');
  const input = child('input', 'kb-dialog-input');
  input.type = 'search';
  input.placeholder = 'Symptom, cause, service…';
  input.setAttribute('aria-label', 'Search postmortems');
  input.autocomplete = 'off';
  const close = child('button', 'kb-dialog-close', '×');
  close.type = 'button';
  close.setAttribute('aria-label', 'Close search');
  close.addEventListener('click', () => modal.close());
  header.append(input, close);

  const body = child('div', 'kb-dialog-body');
  const summary = child('p', 'kb-dialog-summary');
  summary.setAttribute('role', 'status');
  const partial = child('p', 'kb-dialog-partial');
  partial.hidden = true;
  const suggestion = child('p', 'kb-dialog-partial');
  suggestion.hidden = true;
  const list = child('ol', 'kb-dialog-results');
  body.append(summary, partial, suggestion, list);

  const footer = child('div', 'kb-dialog-footer');
  // Our own hints: in the dialog Esc closes and keeps the query.
  const hints = child('p', 'kb-dialog-hints');
  hints.setAttribute('aria-hidden', 'true');
  for (const [key, action] of [
    ['↑↓', 'move'],
    ['↵', 'open'],
    ['esc', 'close'],
  ]) {
    hints.append(child('kbd', '', key), ` ${action} `);
  }
  const more = child('a', '', 'Filters and all results →');
  more.href = config.searchPage;
  footer.append(hints, more);
  modal.append(header, body, footer);

  let generation = 0;
  let debounce: ReturnType<typeof setTimeout> | undefined;
  const run = async (query: string) => {
    const current = ++generation;
    more.href = `${config.searchPage}${toSearchParams({ query, filters: {} })}`;
    try {
      const outcome = await engine.run({ query, filters: {} });
      const rows = await resultRows(engine, outcome.pages.slice(0, ROWS));
      if (current !== generation) return;
      list.replaceChildren(...rows);
      summary.textContent = summaryLine(outcome, false);
      partial.textContent = outcome.notice ?? '';
      partial.hidden = !outcome.notice;
      showSuggestion(
        suggestion,
        outcome,
        (corrected) => `${config.searchPage}${toSearchParams({ query: corrected, filters: {} })}`,
        (corrected) => {
          input.value = corrected;
          search(0);
        },
      );
    } catch (error) {
      if (current !== generation) return;
      console.error(error);
      list.replaceChildren();
      summary.textContent = unavailableMessage(config, error);
    }
    if (current !== generation || debounce !== undefined) return;
    modal.dataset.searchQuery = query;
    modal.dataset.searchState = 'settled';
  };
  const search = (delay: number) => {
    modal.dataset.searchState = 'pending';
    clearTimeout(debounce);
    debounce = setTimeout(() => {
      debounce = undefined;
      void run(input.value.trim());
    }, delay);
  };
  input.addEventListener('input', () => {
    engine.prepare({ query: input.value.trim(), filters: {} }, ROWS);
    search(DEBOUNCE_MS);
  });
  input.addEventListener('keydown', (event) => {
    // In a search box Escape would first clear the words; here it closes and keeps them.
    if (event.key === 'Escape') {
      event.preventDefault();
      modal.close();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      list.querySelector<HTMLAnchorElement>('a.kb-result-link')?.click();
    }
  });
  // ↑ and ↓ move between the box and the result links.
  modal.addEventListener('keydown', (event) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const stops = [input, ...list.querySelectorAll<HTMLElement>('a.kb-result-link')];
    const at = stops.indexOf(document.activeElement as HTMLElement);
    if (at === -1) return;
    event.preventDefault();
    stops[Math.max(0, Math.min(stops.length - 1, at + (event.key === 'ArrowDown' ? 1 : -1)))].focus();
  });
  // A click on the backdrop (outside the box) closes the dialog.
  modal.addEventListener('click', (event) => {
    if (event.target === modal) modal.close();
  });
  modal.addEventListener('close', () => {
    const target = returnFocusTo;
    returnFocusTo = undefined;
    if (target?.isConnected) target.focus();
  });
  const searchFor = (term: string) => {
    input.value = term;
    search(0);
  };
  return { modal, input, searchFor };
}

function showNotice(config: SearchConfig, error: unknown) {
  const notice = document.createElement('dialog');
  notice.className = 'kb-search-notice';
  notice.lang = 'en';
  notice.setAttribute('aria-labelledby', 'kb-search-notice-title');
  const title = document.createElement('h2');
  title.id = 'kb-search-notice-title';
  title.textContent = 'Search is not available here';
  const text = document.createElement('p');
  text.textContent = unavailableMessage(config, error);
  const form = document.createElement('form');
  form.method = 'dialog';
  const close = document.createElement('button');
  close.textContent = 'Close';
  form.append(close);
  notice.append(title, text, form);
  notice.addEventListener('close', () => notice.remove());
  document.body.append(notice);
  notice.showModal();
}

/** Opens the dialog, seeded with what was typed so far (read once the search code has loaded). */
export function openSearchDialog(typed: () => string, config: SearchConfig, opener?: Element | null): Promise<void> {
  if (dialog?.modal.open) return Promise.resolve();
  if (opener instanceof HTMLElement && opener !== document.body) returnFocusTo = opener;
  // A second shortcut press while the code loads must not open two dialogs.
  opening ??= (async () => {
    try {
      const [engine] = await Promise.all([loadSearchEngine(config), loadOwnStyles()]);
      if (!dialog) {
        dialog = buildDialog(config, engine);
        document.body.append(dialog.modal);
      }
      const term = typed();
      dialog.modal.showModal();
      if (term) dialog.searchFor(term);
      else dialog.modal.dataset.searchState ??= 'settled';
      dialog.input.focus();
    } catch (error) {
      console.error(error);
      showNotice(config, error);
    } finally {
      opening = undefined;
    }
  })();
  return opening;
}
