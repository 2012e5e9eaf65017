/**
 * The result list both search views show: ranked rows (`li[data-result-url]`, see
 * tests/e2e and CONTRACTS), the line that says what they are, and "did you mean".
 */
import { renderResult } from './search-ui.ts';
import type { SearchEngine, SearchOutcome } from './search-engine.ts';
import type { RankedPage } from '../lib/search/ranking.ts';

/** The rows for `pages`, each with its data loaded; rendered together so a list never shows half of two searches. */
export async function resultRows(engine: SearchEngine, pages: readonly RankedPage[]): Promise<HTMLElement[]> {
  const data = await Promise.all(pages.map((page) => engine.resultData(page)));
  return data.map((row) => renderResult(row));
}

/**
 * The rows for `pages` in two batches: the first `early` rows as soon as their data is in (a
 * reader reads the top first), then the rest, whose data is asked for only then. Pagefind's
 * worker loads fragments one after another, so asking for all at once made the top rows wait
 * for the bottom ones (at 10,000 postmortems 65 ms instead of 38 ms for the first five).
 */
export function batchedRows(
  engine: SearchEngine,
  pages: readonly RankedPage[],
  early: number,
): [Promise<HTMLElement[]>, Promise<HTMLElement[]>] {
  const top = resultRows(engine, pages.slice(0, early));
  return [top, top.then(() => resultRows(engine, pages.slice(early)))];
}

/** "12 results for “deadlock”", "No postmortem matches “xyz”.", or '' before anything is asked. */
export function summaryLine(outcome: SearchOutcome, filtered: boolean): string {
  const count = outcome.pages.length;
  // A corrected search says which words its results are for.
  const shown = outcome.suggestion?.applied ? outcome.suggestion.query : outcome.state.query;
  const words = shown ? ` for “${shown}”` : '';
  if (!outcome.state.query && !filtered) return '';
  if (count === 0) {
    if (!outcome.state.query) return 'No postmortem has all of these filters.';
    return `No postmortem matches “${outcome.state.query}”${filtered ? ' with these filters' : ''}.`;
  }
  return `${count} ${count === 1 ? 'result' : 'results'}${words}`;
}

/**
 * Fills `element` with "Did you mean <a>…</a>?" or, when the corrected words are what the list
 * shows, "Nothing has “certficate”; showing results for <a>certificate</a>." Hides it otherwise;
 * `choose` runs the corrected query.
 */
export function showSuggestion(
  element: HTMLElement,
  outcome: SearchOutcome,
  href: (query: string) => string,
  choose: (query: string) => void,
) {
  const { suggestion } = outcome;
  element.hidden = !suggestion;
  element.replaceChildren();
  if (!suggestion) return;
  const link = document.createElement('a');
  link.href = href(suggestion.query);
  link.textContent = suggestion.query;
  link.dataset.suggestion = suggestion.instead.join(' ');
  link.addEventListener('click', (event) => {
    event.preventDefault();
    choose(suggestion.query);
  });
  const missing = suggestion.words.map((word) => `“${word}”`).join(', ');
  if (suggestion.applied) element.append(`No postmortem has ${missing}. Showing results for `, link, '.');
  else element.append(`No postmortem has ${missing}. Did you mean `, link, '?');
}
