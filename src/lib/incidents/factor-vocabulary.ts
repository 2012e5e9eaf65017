/**
 * The contributing-factor vocabulary (`content/factors.yaml`): each factor a postmortem may
 * name, declared once with a display name, a one-line description, the other names it goes by
 * and the cues (words or short phrases) that suggest it in an author's sentence. The validator
 * checks factors against it and suggests factors for unclassified sentences; the site gives each
 * factor a page. Pure: reading the file is the caller's job (src/node/factor-vocabulary.ts).
 */
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { editDistance } from '../core/edit-distance.ts';
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
  // Every name a written factor may be meant as, as a slug, to the factor it names.
  const names = new Map<string, string>();
  for (const factor of factors) {
    for (const name of [factor.slug, factor.name, ...factor.aliases]) {
      const key = slugOf(name);
      if (key && !names.has(key)) names.set(key, factor.slug);
    }
  }
  const cueWords = factors.map((factor) => ({ factor, cues: factor.cues.map(wordsOf) }));
  return {
    declared: data !== undefined,
    factors,
    get: (slug) => bySlug.get(slug),
    didYouMean(written) {
      const key = slugOf(written);
      const exact = names.get(key);
      if (exact) return [exact];
      const wordsWritten = new Set(key.split('-'));
      const scored = [...names].flatMap(([name, factor]) => {
        const edits = editDistance(key, name);
        const shared = name.split('-').some((word) => word.length > 3 && wordsWritten.has(word));
        return edits <= Math.max(2, Math.floor(key.length / 4)) || shared ? [{ factor, edits }] : [];
      });
      return [...new Set(scored.sort((a, b) => a.edits - b.edits).map((s) => s.factor))].slice(0, 3);
    },
    suggest(sentence) {
      const text = wordsOf(sentence);
      return cueWords
        .map(({ factor, cues }) => ({ factor, hits: cues.filter((cue) => containsPhrase(text, cue)).length }))
        .filter((found) => found.hits > 0)
        .sort((a, b) => b.hits - a.hits)
        .slice(0, 3)
        .map((found) => found.factor.slug);
    },
  };
}

/** A factor's display name, or the slug as written when the vocabulary does not declare it. */
export function factorName(vocabulary: FactorVocabulary, slug: string): string {
  return vocabulary.get(slug)?.name ?? slug;
}
