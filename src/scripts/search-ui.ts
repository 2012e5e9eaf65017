/**
 * What the search dialog and the search page share: where search lives, the site's search
 * styles, and one result row rendered the way the site lists incidents.
 */
import stylesUrl from '../styles/search.css?url';

/** Where search lives on this site; rendered by the server into data attributes. */
export interface SearchConfig {
  /** Pagefind bundle folder, e.g. `/kb/pagefind/`. */
  bundle: string;
  /** Site base, prepended to result URLs, e.g. `/kb/`. */
  base: string;
  /** The full search page, e.g. `/kb/search/`. */
  searchPage: string;
}

export function searchConfigOf(element: HTMLElement): SearchConfig {
  const { bundle, base, searchPage } = element.dataset;
  if (!bundle || !base || !searchPage)
    throw new Error('search element lacks data-bundle, data-base or data-search-page');
  return { bundle, base, searchPage };
}

/** What a result row shows: the page's URL, metadata and highlighted excerpt. */
export interface ResultData {
  url: string;
  excerpt?: string;
  meta: Partial<Record<'title' | 'date' | 'severity' | 'duration' | 'categories' | 'summary' | 'language', string>>;
}

function stylesheet(href: string): Promise<HTMLLinkElement> {
  return new Promise((resolve, reject) => {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = href;
    link.onload = () => resolve(link);
    link.onerror = () => reject(new Error(`could not load ${href}`));
    document.head.append(link);
  });
}

let ownStyles: Promise<HTMLLinkElement> | undefined;

/** The site's search styles (dialog, result rows, notices), loaded once. */
export function loadOwnStyles(): Promise<HTMLLinkElement> {
  ownStyles ??= stylesheet(stylesUrl);
  return ownStyles;
}

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** One result: title, severity, date, duration, categories, summary and the matching excerpt. */
export function renderResult(data: ResultData): HTMLElement {
  const { meta } = data;
  const item = element('li', 'kb-result');
  item.dataset.resultUrl = data.url;
  const title = element('p', 'kb-result-title');
  const link = element('a', 'kb-result-link', meta.title || data.url);
  link.href = data.url;
  title.append(link);
  // A postmortem written in another language is read out in that language; the facts stay English.
  if (meta.language) title.lang = meta.language;

  const facts = element('p', 'kb-result-facts');
  if (meta.severity) {
    const badge = element('span', 'kb-badge', meta.severity.toUpperCase());
    badge.dataset.severity = meta.severity;
    facts.append(badge);
  }
  for (const [label, value] of [
    ['Date', meta.date],
    ['Duration', meta.duration],
    ['Root cause', meta.categories],
  ] as const) {
    if (!value) continue;
    const fact = element('span', 'kb-fact');
    fact.append(element('span', 'kb-visually-hidden', `${label}: `), value);
    facts.append(fact);
  }
  item.append(title, facts);
  if (meta.summary) {
    const summary = element('p', 'kb-result-summary', meta.summary);
    if (meta.language) summary.lang = meta.language;
    item.append(summary);
  }
  if (data.excerpt) {
    const excerpt = element('p', 'kb-result-excerpt');
    if (meta.language) excerpt.lang = meta.language;
    // The excerpt is escaped page text with <mark> around the matched words (lib/search/excerpt.ts).
    excerpt.innerHTML = data.excerpt;
    item.append(excerpt);
  }
  return item;
}

/** Why search cannot run here, in words that say what to do about it. */
export function unavailableMessage(config: SearchConfig, error: unknown): string {
  if (import.meta.env.DEV) {
    return 'There is no search index in development (astro dev): Pagefind builds it from the finished site. Run "npm run build" and then "npm run preview" to try search.';
  }
  const reason = error instanceof Error ? error.message : String(error);
  return `The search index could not be loaded from ${config.bundle} (${reason}). Browse by category or service instead, or reload the page.`;
}
