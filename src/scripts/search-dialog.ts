/**
 * The search dialog, loaded the first time someone searches from the header: Pagefind's
 * modal with our result rows and a link to the full search page (filters, sorting).
 */
import { loadSearch, pagefindElement, renderResult, unavailableMessage, type SearchConfig } from './search-ui.ts';
import { toSearchParams } from '../lib/search/url.ts';

const INSTANCE = 'kb-dialog';

interface PagefindModal extends HTMLElement {
  open(): void;
  close(): void;
  readonly isOpen: boolean;
}

let modal: PagefindModal | undefined;
let opening: Promise<void> | undefined;

/** Where focus was before the dialog opened; it goes back there when the dialog closes. */
let returnFocusTo: HTMLElement | undefined;

function buildModal(config: SearchConfig): PagefindModal {
  const dialog = pagefindElement('pagefind-modal', INSTANCE) as PagefindModal;
  // A plain element, not <pagefind-modal-header>: the modal re-renders when its translations
  // arrive, and that element then wraps itself again and adds a second close button.
  const header = document.createElement('div');
  header.className = 'pf-modal-header kb-dialog-header';
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'kb-dialog-close';
  close.setAttribute('aria-label', 'Close search');
  close.textContent = '×';
  close.addEventListener('click', () => dialog.close());
  // Short enough to show whole in a phone-wide input.
  header.append(pagefindElement('pagefind-input', INSTANCE, { placeholder: 'Symptom, cause, service…' }), close);
  const body = pagefindElement('pagefind-modal-body', INSTANCE);
  // The dialog is for a quick look: the best 20, with the search page a click away for more.
  const results = pagefindElement('pagefind-results', INSTANCE, {
    'hide-sub-results': '',
    'max-results': '20',
  }) as HTMLElement & {
    resultTemplate: typeof renderResult;
  };
  results.resultTemplate = renderResult;
  body.append(pagefindElement('pagefind-summary', INSTANCE), results);
  const footer = pagefindElement('pagefind-modal-footer', INSTANCE);
  const row = document.createElement('div');
  row.className = 'kb-dialog-footer';
  const more = document.createElement('a');
  more.href = config.searchPage;
  more.textContent = 'Filters and all results →';
  // Our own hints: Pagefind's say "esc clear", but in the dialog Esc closes and keeps the query.
  const hints = document.createElement('p');
  hints.className = 'kb-dialog-hints';
  hints.setAttribute('aria-hidden', 'true');
  for (const [key, action] of [
    ['↑↓', 'move'],
    ['↵', 'open'],
    ['esc', 'close'],
  ]) {
    const kbd = document.createElement('kbd');
    kbd.textContent = key;
    hints.append(kbd, ` ${action} `);
  }
  row.append(hints, more);
  footer.append(row);
  dialog.append(header, body, footer);
  dialog.dataset.searchDialog = '';
  // The dialog is site chrome, English even when opened on a page in another language.
  dialog.lang = 'en';
  // `close` does not bubble, but capturing listeners on an ancestor still see it; the inner
  // <dialog> is re-created on re-render, so the listener sits on the modal element.
  dialog.addEventListener(
    'close',
    () => {
      const target = returnFocusTo;
      returnFocusTo = undefined;
      if (target?.isConnected) target.focus();
    },
    true,
  );
  return dialog;
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
  if (modal?.isOpen) return Promise.resolve();
  if (opener instanceof HTMLElement && opener !== document.body) returnFocusTo = opener;
  // A second shortcut press while the bundle loads must not open two dialogs.
  opening ??= (async () => {
    try {
      const instance = await loadSearch(config, INSTANCE);
      if (!modal) {
        modal = buildModal(config);
        document.body.append(modal);
        const more = modal.querySelector<HTMLAnchorElement>('.kb-dialog-footer a')!;
        instance.on('search', (query) => {
          more.href = `${config.searchPage}${toSearchParams({ query, filters: {} })}`;
        });
      }
      // Set before opening: the input copies a search term only while it is not focused.
      const term = typed();
      if (term) instance.triggerSearch(term);
      modal.open();
    } catch (error) {
      console.error(error);
      showNotice(config, error);
    } finally {
      opening = undefined;
    }
  })();
  return opening;
}
