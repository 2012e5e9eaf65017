/**
 * The contributing-factor vocabulary (`content/factors.yaml`): each factor a postmortem may
 * name, declared once with a display name, a one-line description, the other names it goes by
 * and the cues (words or short phrases) that suggest it in an author's sentence. The validator
 * checks factors against it and suggests factors for unclassified sentences; the site gives each
 * factor a page. Pure: reading the file is the caller's job (src/node/factor-vocabulary.ts).
 */
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { suggestValues, type Candidate } from '../core/suggestions.ts';
import { SLUG_PATTERN, slugOf } from '../core/slug.ts';

const slug = z
  .string()
  .regex(SLUG_PATTERN, { error: 'must be lower-case words joined by hyphens, e.g. "config-push"' });
const words = z.string().trim().min(1, { error: 'must not be empty' });

const factorSchema = z.strictObject({
  /** How the factor is shown. */
  name: words,
  /** One line that tells an author when the factor applies. */
  description: words,
  /** Other names the factor goes by ("retry storm" for retry-amplification); did-you-mean reads them. */
  aliases: z.array(words).default([]),
  /** Words or short phrases whose presence in a sentence suggests the factor, matched as whole words. */
  cues: z.array(words).default([]),
});

export const factorVocabularySchema = z
  .strictObject({ factors: z.record(slug, factorSchema).default({}) })
  .superRefine((vocabulary, ctx) => {
    const claimed = new Map<string, string>();
    for (const [factor, entry] of Object.entries(vocabulary.factors)) {
      entry.aliases.forEach((alias, index) => {
        const key = slugOf(alias);
        const other = Object.hasOwn(vocabulary.factors, key) && key !== factor ? key : claimed.get(key);
        if (other && other !== factor)
          ctx.addIssue({
            code: 'custom',
            path: ['factors', factor, 'aliases', index],
            message: `"${alias}" already names "${other}"; a name can mean one factor`,
          });
        claimed.set(key, factor);
      });
    }
  });

export type FactorVocabularyData = z.output<typeof factorVocabularySchema>;

export interface Factor {
  slug: string;
  name: string;
  description: string;
  aliases: readonly string[];
  cues: readonly string[];
}

/** Where the vocabulary lives: beside the postmortems folder (`content/factors.yaml`). */
export function factorVocabularyPath(contentDir: string): string {
  return join(dirname(contentDir), 'factors.yaml');
}

export interface FactorVocabulary {
  /** False when no vocabulary file exists: factor slugs are then not checked. */
  declared: boolean;
  factors: readonly Factor[];
  /** The declared factor of a slug, own properties only (`constructor` is no factor). */
  get(slug: string): Factor | undefined;
  /** Up to three declared slugs a mistyped or renamed factor may have meant: by slug, name and aliases. */
  didYouMean(written: string): string[];
  /** Declared factors whose cues occur in `sentence` as whole words, most cues first; at most three. */
  suggest(sentence: string): string[];
  /** The same, with the cues each factor matched, for a note that says why. */
  cuesIn(sentence: string): { factor: string; cues: string[] }[];
}

/** Lower-case words of a text, for whole-word cue matching. */
function wordsOf(text: string): string[] {
  return slugOf(text).split('-').filter(Boolean);
}

/** Whether `cue` (as words) occurs in `text` (as words), contiguously. */
function containsPhrase(text: readonly string[], cue: readonly string[]): boolean {
  if (cue.length === 0) return false;
  for (let start = 0; start + cue.length <= text.length; start++) {
    if (cue.every((word, offset) => text[start + offset] === word)) return true;
  }
  return false;
}

/** The vocabulary as the validator, the importer and the site use it; `data` undefined means no file. */
export function factorVocabulary(data: FactorVocabularyData | undefined): FactorVocabulary {
  const entries = data?.factors ?? {};
  const factors: Factor[] = Object.entries(entries).map(([slug, entry]) => ({ slug, ...entry }));
  const bySlug = new Map(factors.map((factor) => [factor.slug, factor]));
  // Every name a written factor may be meant as: its slug, its name, its aliases (and its description, weakly).
  const candidates: Candidate[] = factors.map((factor) => ({
    value: factor.slug,
    names: [factor.slug, factor.name, ...factor.aliases],
    description: factor.description,
  }));
  const cueWords = factors.map((factor) => ({ factor, cues: factor.cues.map(wordsOf) }));
  const cuesIn = (sentence: string) => {
    const text = wordsOf(sentence);
    return cueWords
      .map(({ factor, cues }) => ({
        factor: factor.slug,
        cues: factor.cues.filter((_, index) => containsPhrase(text, cues[index])),
      }))
      .filter((found) => found.cues.length > 0)
      .sort((a, b) => b.cues.length - a.cues.length)
      .slice(0, 3);
  };
  return {
    declared: data !== undefined,
    factors,
    get: (slug) => bySlug.get(slug),
    didYouMean: (written) => suggestValues(written, candidates),
    suggest: (sentence) => cuesIn(sentence).map((found) => found.factor),
    cuesIn,
  };
}

/** A factor's display name, or the slug as written when the vocabulary does not declare it. */
export function factorName(vocabulary: FactorVocabulary, slug: string): string {
  return vocabulary.get(slug)?.name ?? slug;
}

/** What the validator says about a factor slug a postmortem names, or undefined when it is declared. */
export function factorProblem(slug: string, vocabulary: FactorVocabulary): string | undefined {
  if (!vocabulary.declared || vocabulary.get(slug)) return undefined;
  const guesses = vocabulary.didYouMean(slug);
  const hint = guesses.length ? `did you mean ${guesses.map((g) => `"${g}"`).join(' or ')}? ` : '';
  return `"${slug}" is not a factor in content/factors.yaml; ${hint}use a declared slug, or declare it there (name, description, aliases, cues)`;
}

/**
 * The review hint for a contributing factor written as a plain sentence: the factors its words
 * suggest, as the `{ factor, note }` to write; undefined when no cue matches. Never applied by a tool.
 */
export function factorHint(sentence: string, vocabulary: FactorVocabulary): string | undefined {
  const suggested = vocabulary.suggest(sentence);
  if (suggested.length === 0) return undefined;
  const names = suggested.map((slug) => `${slug} (${factorName(vocabulary, slug)})`).join(', ');
  return `is a plain sentence; its words suggest ${names}: if one fits, write it as { factor: ${suggested[0]}, note: <the sentence> }`;
}
