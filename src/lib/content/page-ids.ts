/**
 * Ids the incident page gives its own elements: the layout's `main`, each structured section
 * and its heading, the facts, similar, related and write-up headings. A heading in a body (or a
 * footnote) never takes one of them, so a link to `#main` or `#timeline-heading` lands where
 * the page means it to; tests/unit/body.test.ts holds this list to the page's sections.
 */
const SECTIONS = ['impact', 'timeline', 'root-cause', 'resolution', 'response', 'actions', 'lessons', 'writeup'];

export const PAGE_IDS: readonly string[] = [
  'main',
  'facts-heading',
  'similar-heading',
  'related-heading',
  ...SECTIONS.flatMap((id) => [id, `${id}-heading`]),
];
