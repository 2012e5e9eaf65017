/**
 * Loads Pagefind's Component UI on first use, from the bundle folder the build wrote
 * (`${base}pagefind/`), and renders one search result the way the site lists incidents.
 * The Pagefind files are fetched at runtime by URL, never bundled: they only exist after
 * `npm run build`, and their path depends on the base the site is served under.
 */
import stylesUrl from '../styles/search.css?url';
import { mergedSearchLanguages, type EntryLanguage } from '../lib/search/languages.ts';

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

/** The parts of a Pagefind Component UI instance this site uses. */
export interface PagefindInstance {
  searchTerm: string;
  searchFilters: Record<string, string[]>;
  searchSort: Record<string, 'asc' | 'desc'>;
  faceted: boolean;
  on(event: 'search', callback: (term: string, filters: Record<string, string[]>) => void, owner?: object): void;
  on(event: 'results', callback: (result: { results: unknown[] }) => void, owner?: object): void;
  on(event: 'error', callback: (error: { message?: string }) => void, owner?: object): void;
  triggerLoad(): Promise<void>;
  triggerSearch(term: string): void;
  triggerSearchWithFilters(term: string, filters: Record<string, string[]>): void;
  /** Language of the UI's own words (summary, hints), by default the page's lang. */
  setLanguage(lang: string): void;
}

interface PagefindComponents {
  configureInstance(name: string, options: Record<string, unknown>): void;
  getInstanceManager(): { getInstance(name: string): PagefindInstance };
}

declare global {
  interface Window {
    PagefindComponents?: PagefindComponents;
  }
}

/** What Pagefind hands a result template: the page's URL, metadata and highlighted excerpt. */
export interface ResultData {
  url: string;
  excerpt?: string;
  meta: Partial<Record<'title' | 'date' | 'severity' | 'duration' | 'categories' | 'summary' | 'language', string>>;
}

let loading: Promise<PagefindComponents> | undefined;
let languages: Promise<string[]> | undefined;
const configured = new Set<string>();

function stylesheet(href: string, before?: Element): Promise<HTMLLinkElement> {
  return new Promise((resolve, reject) => {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = href;
    link.onload = () => resolve(link);
    link.onerror = () => reject(new Error(`could not load ${href}`));
    if (before) before.before(link);
    else document.head.append(link);
  });
}

let ownStyles: Promise<HTMLLinkElement> | undefined;

/** The site's search styles (theme for Pagefind, result rows, notices), loaded once. */
export function loadOwnStyles(): Promise<HTMLLinkElement> {
  ownStyles ??= stylesheet(stylesUrl);
  return ownStyles;
}

/** Loads the Component UI once per page; a failed load may be retried. */
function loadComponents(config: SearchConfig): Promise<PagefindComponents> {
  loading ??= (async () => {
    const own = await loadOwnStyles();
    // `astro dev` serves no build output, so there is never an index to load.
    if (import.meta.env.DEV) throw new Error('no search index in astro dev');
    // Pagefind's stylesheet goes before ours, so the site's theme overrides its defaults.
    const styles = stylesheet(`${config.bundle}pagefind-component-ui.css`, own);
    // Handled below; without this a failed import would leave the stylesheet failure unhandled.
    styles.catch(() => undefined);
    await import(/* @vite-ignore */ `${config.bundle}pagefind-component-ui.js`);
    await styles;
    if (!window.PagefindComponents) throw new Error('Pagefind Component UI loaded but did not register');
    return window.PagefindComponents;
  })();
  loading.catch(() => {
    loading = undefined;
  });
  return loading;
}

/** The bundle's language indexes that Pagefind does not load for this page's lang; see search-languages.ts. */
function loadMergedLanguages(config: SearchConfig): Promise<string[]> {
  languages ??= fetch(`${config.bundle}pagefind-entry.json`, { cache: 'no-cache' })
    .then((response) => (response.ok ? response.json() : { languages: {} }))
    .then((entry: { languages?: Record<string, EntryLanguage> }) =>
      mergedSearchLanguages(entry.languages ?? {}, document.documentElement.lang || 'unknown'),
    );
  languages.catch(() => {
    languages = undefined;
  });
  return languages;
}

/**
 * The Component UI and a configured instance. Each instance is configured before any of its
 * elements exist: the bundle path is explicit (a dynamic import has no script URL to detect
 * it from), and result URLs get the site base. Pagefind loads the index of the page's lang;
 * the bundle's other language indexes are merged in, so every search covers every language.
 * The search UI is part of the site's English chrome, whatever the page's language.
 */
export async function loadSearch(config: SearchConfig, instanceName: string): Promise<PagefindInstance> {
  const [components, merged] = await Promise.all([loadComponents(config), loadMergedLanguages(config)]);
  if (!configured.has(instanceName)) {
    const results = { baseUrl: config.base, excerptLength: 24, excerptEllipsis: '…' };
    // Pagefind skips merging a path the primary's path starts with, so the same bundle is merged by its full URL.
    const bundleUrl = new URL(config.bundle, location.href).href;
    // Ranking stays Pagefind's default; pages weight the root-cause section instead (data-pagefind-weight).
    components.configureInstance(instanceName, {
      bundlePath: config.bundle,
      mergeIndex: merged.map((language) => ({ bundlePath: bundleUrl, language, ...results })),
      ...results,
    });
    components.getInstanceManager().getInstance(instanceName).setLanguage('en');
    configured.add(instanceName);
  }
  return components.getInstanceManager().getInstance(instanceName);
}

/** Creates a Component UI element bound to an instance. */
export function pagefindElement(tag: string, instance: string, attributes: Record<string, string> = {}): HTMLElement {
  const element = document.createElement(tag);
  element.setAttribute('instance', instance);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  return element;
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
    // Pagefind's excerpt is escaped page text with <mark> around the matched words.
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
