/**
 * The header search box on every page. Deliberately tiny: it only waits for a first use
 * (a click, typing, `/` or Ctrl/Cmd-K) and then loads the search dialog. Without JavaScript
 * the box is a plain GET form to the search page.
 */

interface SearchPageElement extends HTMLElement {
  focusSearch(term: string): void;
}

function isEditing(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement && (target.isContentEditable || /^(?:INPUT|TEXTAREA|SELECT)$/.test(target.tagName))
  );
}

/** What is typed while the dialog's code loads (first use), so no keystroke is lost; undefined when not loading. */
let typedWhileLoading: string | undefined;

function bufferKey(event: KeyboardEvent) {
  if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
  if (event.key.length === 1) typedWhileLoading += event.key;
  else if (event.key === 'Backspace') typedWhileLoading = typedWhileLoading!.slice(0, -1);
  else return;
  event.preventDefault();
}

class SearchBox extends HTMLElement {
  connectedCallback() {
    const input = this.querySelector('input');
    if (!input) return;
    input.addEventListener('click', () => this.open(input.value));
    // Typing in the box moves the typing into the dialog, which has results.
    input.addEventListener('input', () => {
      const term = input.value;
      input.value = '';
      this.open(term);
    });
  }

  open(term: string) {
    // On the search page its own box is the search: focus it rather than stack a dialog on top.
    const page = document.querySelector<SearchPageElement>('kb-search-page');
    if (page && typeof page.focusSearch === 'function') return page.focusSearch(term);
    if (typedWhileLoading !== undefined) return;
    // Focus returns here when the dialog closes.
    const opener = document.activeElement;
    typedWhileLoading = term;
    document.addEventListener('keydown', bufferKey, true);
    const { bundle = '', base = '', searchPage = '' } = this.dataset;
    import('./search-dialog.ts')
      .then((dialog) => dialog.openSearchDialog(() => typedWhileLoading ?? '', { bundle, base, searchPage }, opener))
      .finally(() => {
        document.removeEventListener('keydown', bufferKey, true);
        typedWhileLoading = undefined;
      });
  }
}

customElements.define('kb-search', SearchBox);

document.addEventListener('keydown', (event) => {
  if (event.defaultPrevented || event.altKey || event.isComposing) return;
  const modK = (event.ctrlKey || event.metaKey) && !event.shiftKey && event.key.toLowerCase() === 'k';
  const slash = event.key === '/' && !event.ctrlKey && !event.metaKey && !isEditing(event.target);
  if (!modK && !slash) return;
  const box = document.querySelector<SearchBox>('kb-search');
  if (!box) return;
  event.preventDefault();
  box.open('');
});
