/**
 * Advice for reviewers, run by `npm run validate -- --strict`: things a postmortem can
 * legally leave out but a good one should not. Every finding is a warning; none fails a build.
 */
import { escapeForLog } from '../core/characters.ts';
import { toString } from 'mdast-util-to-string';
import type { PostmortemFields } from '../core/schema.ts';
import type { Position } from './frontmatter.ts';
import type { Problem } from './validation.ts';
import { markdownTree, mdxTree } from './markdown-tree.ts';
import { isCommentOnly } from './body-mdx.ts';
import { unreviewedLabels } from './review-points.ts';
import { factorsOf } from '../incidents/contributing-factors.ts';
import { factorHint, type FactorVocabulary } from '../incidents/factor-vocabulary.ts';

/** Longest summary that still reads as one paragraph in lists and link previews. */
export const MAX_SUMMARY_LENGTH = 300;

export interface ReviewInput {
  file: string;
  /** Valid data, or the fields that parsed of a file with errors (see readable-fields.ts). */
  data: PostmortemFields;
  /** Dotted paths of fields that did not parse: advice about them waits until they do. */
  unreadable?: readonly string[];
  body: string;
  bodyStartLine: number;
  locate(path: readonly PropertyKey[]): Position;
  /** The factor vocabulary (content/factors.yaml), to suggest a factor for a plain-sentence contributing factor. */
  factors?: FactorVocabulary;
}

interface RecommendedSection {
  name: string;
  /** Frontmatter path shown in the warning and pointed at. */
  field: string;
  filled(data: PostmortemFields): boolean;
  /** Body headings that count as the section. */
  heading: RegExp;
}

export const RECOMMENDED_SECTIONS: readonly RecommendedSection[] = [
  {
    name: 'impact',
    field: 'impact.description',
    filled: (d) => d.impact?.description !== undefined,
    heading: /\bimpact\b/i,
  },
  {
    name: 'timeline',
    field: 'timeline',
    filled: (d) => (d.timeline?.length ?? 0) > 0,
    heading: /\b(timeline|chronology|sequence of events)\b/i,
  },
  {
    name: 'root cause',
    field: 'rootCause.description',
    filled: (d) => d.rootCause?.description !== undefined,
    heading: /\b(root cause|causes?|why it happened)\b/i,
  },
  {
    name: 'resolution',
    field: 'resolution',
    filled: (d) => d.resolution !== undefined,
    heading: /\b(resolution|recovery|remediation|how it was fixed)\b/i,
  },
  {
    name: 'action items',
    field: 'actionItems',
    filled: (d) => (d.actionItems?.length ?? 0) > 0,
    heading: /\b(action items?|follow[- ]?ups?|corrective|preventa?tive|next steps)\b/i,
  },
];

/** Phrases that put the cause on a person instead of on the system they worked in. */
const BLAME =
  /\b(human error|operator error|user error|pilot error|human mistake|(?:engineer|operator|developer|admin(?:istrator)?|someone|somebody|employee|intern|staff(?: member)?|he|she|they|the team)\s+(?:made (?:a|an) (?:mistake|error)|forgot|was careless|were careless|messed up|screwed up|did not pay attention|didn't pay attention|should have known)|careless(?:ness)?|negligen(?:ce|t)|fat[- ]finger(?:ed)?|mistake (?:by|of) (?:an?|the) (?:engineer|operator|developer)|incompeten(?:ce|t))\b/i;

/** Words that show the text goes on to name what in the system let the mistake through. */
const SYSTEMIC =
  /\b(allowed|let it|without (?:a |any )?(?:check|guard|confirmation|review|validation)|no (?:check|guard|confirmation|review|validation|safeguard|alert|test)|lacked|lacking|missing|did not (?:prevent|catch|stop|warn|require)|runbook|process|tooling|automation|safeguards?|guardrails?|validation|peer review|design|permissions?|confirmation step|dry[- ]run)\b/i;

/** A heading of the body and whether anything is written under it (its subsections count). */
export interface BodySection {
  text: string;
  /** Line in the body, from 1. */
  line: number;
  depth: number;
  hasContent: boolean;
  /** Nothing written under it but a prompt: an MDX comment, as `npm run new` leaves under each heading. */
  hasPrompt: boolean;
}

/** MDX comments, when the body cannot be read as MDX (its syntax error is reported elsewhere); newlines kept for line numbers. */
const withoutComments = (body: string) =>
  body.replace(/\{\/\*[\s\S]*?\*\/\}/g, (comment) => comment.replace(/[^\n]/g, ' '));

type OutlineNode = { type: string; depth?: number; value?: string; position?: { start: { line: number } } };

/** The top-level nodes of a body: MDX read as MDX (a `{/* comment *\/}` is a prompt, not text), Markdown as Markdown. */
function topNodes(body: string, format: 'md' | 'mdx'): OutlineNode[] {
  if (format === 'mdx') {
    try {
      return mdxTree(body).children as OutlineNode[];
    } catch {
      return markdownTree(withoutComments(body)).children as OutlineNode[];
    }
  }
  return markdownTree(body).children as OutlineNode[];
}

/** The body's headings, and whether the body says anything (or holds only prompts) outside them. */
export function bodyOutline(
  body: string,
  format: 'md' | 'mdx' = 'mdx',
): { sections: BodySection[]; hasNarrative: boolean; hasPrompts: boolean } {
  const sections: BodySection[] = [];
  const open: BodySection[] = [];
  let hasNarrative = false;
  let hasPrompts = false;
  for (const node of topNodes(body, format)) {
    if (node.type === 'heading') {
      const section = {
        text: toString(node as never),
        line: node.position?.start.line ?? 1,
        depth: node.depth ?? 1,
        hasContent: false,
        hasPrompt: false,
      };
      while (open.length && open[open.length - 1].depth >= section.depth) open.pop();
      open.push(section);
      sections.push(section);
    } else if (node.type === 'mdxFlowExpression' && isCommentOnly(node.value ?? '')) {
      hasPrompts = true;
      for (const section of open) section.hasPrompt = true;
    } else if (node.type !== 'thematicBreak' && node.type !== 'definition') {
      hasNarrative = true;
      for (const section of open) section.hasContent = true;
    }
  }
  return { sections, hasNarrative, hasPrompts };
}

/** Headings of a Markdown or MDX body, as plain text with their body line. */
export function bodyHeadings(body: string): { text: string; line: number }[] {
  return bodyOutline(body).sections.map(({ text, line }) => ({ text, line }));
}

/** True when the text blames people and names nothing in the system that allowed it. */
export function blamesPeopleOnly(texts: readonly string[]): string | undefined {
  const joined = texts.join(' ');
  const blame = BLAME.exec(joined);
  if (!blame) return undefined;
  return SYSTEMIC.test(joined) ? undefined : blame[0];
}

/** Review warnings for one postmortem: valid, or the fields of it that parsed. */
export function reviewChecks(entry: ReviewInput): Problem[] {
  const problems: Problem[] = [];
  const unreadable = entry.unreadable ?? [];
  const readable = (field: string) =>
    !unreadable.some((path) => field === path || field.startsWith(`${path}.`) || path.startsWith(`${field}.`));
  const warn = (path: readonly PropertyKey[], field: string, message: string) =>
    problems.push({ file: entry.file, ...entry.locate(path), field, message, severity: 'warning', rule: 'review' });
  const { data } = entry;
  const outline = bodyOutline(entry.body, /\.md$/i.test(entry.file) ? 'md' : 'mdx');
  // A draft is being written: a section that still holds only its prompt is work to do, not a
  // mistake. Once it goes to review, the page would show the heading with nothing under it.
  const drafting = data.status === 'draft';
  // A heading with nothing under it (as the scaffold leaves them) does not count as the section.
  const written = outline.sections.filter((section) => section.hasContent);
  const bodyAt = (line: number) => ({ line: entry.bodyStartLine + line - 1, column: 1 });

  for (const section of RECOMMENDED_SECTIONS) {
    if (!readable(section.field) || section.filled(data)) continue;
    if (written.some((heading) => section.heading.test(heading.text))) continue;
    warn(
      section.field.split('.'),
      section.field,
      `no ${section.name}: fill ${section.field} or add a "## ${section.name[0].toUpperCase()}${section.name.slice(1)}" section to the body`,
    );
  }

  for (const section of outline.sections) {
    if (section.hasContent || (section.hasPrompt && drafting)) continue;
    const heading = `"${'#'.repeat(section.depth)} ${section.text}"`;
    problems.push({
      file: entry.file,
      ...bodyAt(section.line),
      field: '(body)',
      message: section.hasPrompt
        ? `the ${heading} section holds only its prompt; write it or delete the heading and the prompt`
        : `the ${heading} section is empty; write it or delete the heading`,
      severity: 'warning',
      rule: 'review',
    });
  }
  if (!outline.hasNarrative && !(outline.hasPrompts && drafting)) {
    problems.push({
      file: entry.file,
      ...bodyAt(1),
      field: '(body)',
      message:
        'no narrative: the body says nothing; tell what happened in the responders\' words and what the fields cannot say (context, trade-offs, why it went this way)',
      severity: 'warning',
      rule: 'review',
    });
  }

  (data.actionItems ?? []).forEach((item, index) => {
    if (item.owner === undefined && item.status !== 'done' && item.status !== 'wont-do') {
      warn(
        ['actionItems', index],
        `actionItems[${index}].owner`,
        `"${item.title.length > 60 ? `${item.title.slice(0, 57)}...` : item.title}" has no owner; name the team or person accountable for it`,
      );
    }
  });

  // A contributing factor not yet classified: suggest factors from its words; the author decides.
  const rootCause = data.rootCause ?? {};
  const contributing = rootCause.contributingFactors
    ? factorsOf({ rootCause: { categories: [], contributingFactors: rootCause.contributingFactors } })
    : [];
  if (entry.factors)
    contributing.forEach((item, index) => {
      const hint =
        item.factor === undefined && item.note !== undefined ? factorHint(item.note, entry.factors!) : undefined;
      if (hint) warn(['rootCause', 'contributingFactors', index], `rootCause.contributingFactors[${index}]`, hint);
    });
  // A classified factor nobody has explained yet (an importer classifies from a collection's category).
  contributing.forEach((item, index) => {
    if (item.factor !== undefined && item.note === undefined)
      warn(
        ['rootCause', 'contributingFactors', index],
        `rootCause.contributingFactors[${index}].note`,
        `factor "${item.factor}" has no note; write how it played its part in this incident, or remove it if it did not`,
      );
  });

  const rootTexts = [rootCause.description, rootCause.trigger, ...contributing.map((item) => item.note)].filter(
    (text): text is string => text !== undefined,
  );
  const blamed = blamesPeopleOnly(rootTexts);
  if (blamed) {
    const field = rootCause.description && BLAME.test(rootCause.description) ? 'description' : 'trigger';
    warn(
      ['rootCause', field],
      `rootCause.${field}`,
      `the root cause is "${blamed}": say what in the system let the mistake happen and reach users (missing check, unclear runbook, risky default), not who made it`,
    );
  }

  if (data.status === 'published' && data.review && data.review.length > 0) {
    warn(
      ['review'],
      'review',
      `lists ${data.review.length} point(s) not yet reviewed (${unreviewedLabels(data.review).join(', ')}); the page shows them as "Imported, not yet reviewed" until they are settled and the list is empty`,
    );
  }

  if (data.summary !== undefined && data.summary.length > MAX_SUMMARY_LENGTH) {
    warn(
      ['summary'],
      'summary',
      `summary is ${data.summary.length} characters; keep it under ${MAX_SUMMARY_LENGTH} (what broke, for whom, how long, why) and move detail to the body`,
    );
  }
  return problems;
}

/** GitHub Actions workflow command that shows a problem as an annotation on the pull request. */
export function formatGithubAnnotation(problem: Problem): string {
  // Line breaks as the command's data encodes them; any other control character escaped for the log.
  const data = (text: string) =>
    escapeForLog(text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
  const property = (text: string) => data(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
  const command = problem.severity === 'warning' ? 'warning' : 'error';
  return `::${command} file=${property(problem.file)},line=${problem.line},col=${problem.column},title=${property(problem.field)}::${data(problem.message)}`;
}
