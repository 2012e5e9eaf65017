/**
 * Disclosures that fit the screen: a `<details data-open-when="(min-width: 60rem)">` is open
 * where the media query matches and folded where it does not. The server renders the state a
 * reader without JavaScript should get; this sets the one that suits the screen, once at load,
 * so a reader's own click is never undone.
 */
for (const details of document.querySelectorAll<HTMLDetailsElement>('details[data-open-when]')) {
  details.open = matchMedia(details.dataset.openWhen!).matches;
}
