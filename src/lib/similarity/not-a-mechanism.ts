/**
 * Words a Similar incidents reason never names, alone or in a phrase: ordinary words of incident
 * writing that say how work was done ("rollout", "script"), who did it ("operator"), what kind of
 * thing was involved ("service", "component") or how it went ("malicious", "wait"), not which
 * failure it was. They still count in the score. Hand-kept in not-a-mechanism.json, each with its
 * kind; tests/unit/not-a-mechanism.test.ts shows the corpus evidence for every entry.
 */
import list from './not-a-mechanism.json' with { type: 'json' };
import { stem } from './term-model.ts';

/** Where the list is kept, from the project root. */
export const NOT_A_MECHANISM_FILE = 'src/lib/similarity/not-a-mechanism.json';

/** The kinds of word the list holds, and what each means. */
export const NOT_A_MECHANISM_KINDS: Readonly<Record<string, string>> = list.kinds;

/** Each listed word, as written, with its kind. */
export const NOT_A_MECHANISM_WORDS: Readonly<Record<string, string>> = list.words;

/** The listed words as term-model's stem() folds them. */
export const NOT_A_MECHANISM: ReadonlySet<string> = new Set(Object.keys(list.words).map(stem));
