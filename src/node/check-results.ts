/**
 * From per-file results to the verdict on a content folder: the cross-file rules (unique ids,
 * related ids, services in the catalog) run here, on the main thread, over results that came
 * from workers or from the verdict cache. Loads no Markdown parser and no schema.
 */
import { relative } from 'node:path';
import { parseFrontmatter, splitSource } from '../lib/content/frontmatter.ts';
import { checkCollection, factsOf, type CollectionFacts } from '../lib/content/collection.ts';
import { sortProblems, type Problem } from '../lib/content/problems.ts';
import type { CheckedPostmortem } from '../lib/content/validation.ts';
import { serviceProblem } from '../lib/site/services.ts';
import type { CheckPlan } from './content-folder.ts';
import { readServiceCatalog } from './service-catalog.ts';
import { vocabularyProblems } from './vocabulary.ts';

export interface CheckResult {
  entries: CheckedPostmortem[];
  problems: Problem[];
  /** Number of postmortem files read. */
  fileCount: number;
  /** Files whose clean verdict came from the cache (unchanged since it was stored). */
  reused?: number;
}

/** A checked file as plain data (it crosses worker threads); `locate` is rebuilt from the text. */
export interface CheckedFile {
  absolute: string;
  /** The per-file result; `body` is left out when the caller does not need it back. */
  entry?: CheckedEntry;
  problem?: Problem;
}

export type CheckedEntry = Omit<CheckedPostmortem, 'locate' | 'body'> & {
  body?: string;
  /** What the cross-file rules read, when `data` itself is read lazily (cached verdicts). */
  facts?: CollectionFacts;
};

export interface FinishOptions {
  production?: boolean;
  /** Base for the paths printed in messages. */
  cwd?: string;
}

/**
 * A checked file with its `locate` function back, built lazily from the text it was read from.
 * A result that left its body behind (the validator's workers and cache do not send it back)
 * gets it back from the text on first use.
 */
function withLocate(entry: CheckedEntry, text: string): CheckedPostmortem & { facts?: CollectionFacts } {
  let locate: CheckedPostmortem['locate'] | undefined;
  // Copied property by property, so a lazily read `data` stays lazy.
  const result = Object.defineProperties({}, Object.getOwnPropertyDescriptors(entry)) as CheckedPostmortem & {
    facts?: CollectionFacts;
  };
  result.locate = (path) => (locate ??= locatorFor(text))(path);
  if (entry.body === undefined) {
    let body: string | undefined;
    Object.defineProperty(result, 'body', {
      enumerable: true,
      get: () => (body ??= splitSource(text).body),
    });
  }
  return result;
}

function locatorFor(text: string): CheckedPostmortem['locate'] {
  const split = splitSource(text);
  if (split.yaml === undefined) return () => ({ line: 1, column: 1 });
  return parseFrontmatter(split.yaml, split.yamlStartLine).locate;
}

/** Problems of the files asked about: their own, the cross-file rules', and their services'. */
export function finishCheck(
  plan: CheckPlan,
  checked: CheckedFile[],
  texts: Map<string, string>,
  options: FinishOptions,
): CheckResult {
  const problems = [...plan.problems];
  const entries: (CheckedPostmortem & { facts?: CollectionFacts })[] = [];
  for (const { absolute, entry, problem } of checked) {
    if (problem && plan.requested.has(absolute)) problems.push(problem);
    if (entry) entries.push(withLocate(entry, texts.get(absolute) ?? ''));
  }
  const cwd = options.cwd ?? process.cwd();
  const shownRequested = new Set([...plan.requested].map((absolute) => relative(cwd, absolute) || absolute));
  for (const entry of entries) if (shownRequested.has(entry.file)) problems.push(...entry.problems);
  problems.push(
    ...checkCollection(entries, { production: options.production }).filter((p) => shownRequested.has(p.file)),
  );
  // Services are checked against the catalog beside the content folder, when there is one.
  const services = readServiceCatalog(plan.contentDir, cwd);
  problems.push(...services.problems);
  // The search vocabulary beside it (or the project's): a broken one would fail the build.
  problems.push(...vocabularyProblems(plan.contentDir, cwd));
  for (const entry of entries) {
    const facts = factsOf(entry);
    if (!facts || !shownRequested.has(entry.file)) continue;
    facts.services.forEach((slug, index) => {
      const found = serviceProblem(slug, services.catalog);
      if (found)
        problems.push({
          file: entry.file,
          ...entry.locate(['services', index]),
          field: `services[${index}]`,
          rule: 'catalog',
          ...found,
        });
    });
  }
  return { entries, problems: sortProblems(problems), fileCount: shownRequested.size };
}
