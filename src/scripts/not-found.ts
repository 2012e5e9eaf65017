/** The 404 page: offers a search for the words of the address that was asked for. */
import { wordsFromPath } from '../lib/search/words-from-path.ts';

const offer = document.querySelector<HTMLElement>('[data-search-offer]');
if (offer) {
  const words = wordsFromPath(location.pathname, offer.dataset.base ?? '/');
  const input = offer.querySelector<HTMLInputElement>('input[name=q]');
  if (words && input) input.value = words;
}
