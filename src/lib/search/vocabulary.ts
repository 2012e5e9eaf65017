/**
 * The language of incidents: groups of words that mean the same thing in a postmortem
 * (k8s and kubernetes, OOM and out of memory), kept in `content/vocabulary.yaml` so anyone can
 * add the abbreviation their team uses. A search for any member of a group finds pages with any
 * other. It also lists the vague words ("broke", "after", "issue"): words that say something went
 * wrong, or when, without saying what; they still find pages but count for little when ranking.
 * Parsed with positions, so a mistake is reported with its file and line. Pure.
 */
import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import { wordsOf } from './words.ts';
import { suggestValues } from '../core/suggestions.ts';

export class VocabularyError extends Error {
  readonly file: string;
  readonly line: number;
  constructor(file: string, line: number, detail: string) {
    super(`${file}:${line}: ${detail}`);
    this.name = 'VocabularyError';
    this.file = file;
    this.line = line;
  }
}

/** What `content/vocabulary.yaml` holds, as written. */
export interface VocabularyFile {
  /** Groups of words or phrases that mean the same. */
  synonyms: string[][];
  /** Words that say little about what failed: they match, but weigh little in the ranking. */
  vague: string[];
}

export interface Vocabulary {
  /** Each group's members as words, e.g. [["k8s"], ["kubernetes"]] or [["oom"], ["out", "of", "memory"]]. */
  groups: readonly (readonly (readonly string[])[])[];
  /** Whether `word` (one word, lower case) is a member of a group. */
  has(word: string): boolean;
  /** Whether `word` (one word, lower case) is a vague word. */
  isVague(word: string): boolean;
  /** The longest member of any group that starts at `words[at]`, and its group. */
  longestAt(
    words: readonly string[],
    at: number,
  ): { length: number; group: readonly (readonly string[])[] } | undefined;
}

/** A vocabulary from its groups (each a list of words or phrases that mean the same) and its vague words. */
export function vocabularyOf({ synonyms: groups, vague = [] }: Partial<VocabularyFile>): Vocabulary {
  const vagueWords = new Set(vague.flatMap((word) => wordsOf(word)));
  const asWords = (groups ?? []).map((group) =>
    group.map((member) => wordsOf(member)).filter((words) => words.length > 0),
  );
  const byMember = new Map<string, (typeof asWords)[number]>();
  let longest = 1;
  for (const group of asWords)
    for (const member of group) {
      byMember.set(member.join(' '), group);
      longest = Math.max(longest, member.length);
    }
  return {
    groups: asWords,
    has: (word) => byMember.has(word),
    isVague: (word) => vagueWords.has(word),
    longestAt(words, at) {
      for (let length = Math.min(longest, words.length - at); length >= 1; length--) {
        const group = byMember.get(words.slice(at, at + length).join(' '));
        if (group) return { length, group };
      }
      return undefined;
    },
  };
}

/**
 * YAML reads an unquoted 502, 1.0, true or 2024-01-01 as a number, boolean or date; the hint
 * says how to keep it the word written, quoting the text as it stands in the file.
 */
function unquotedHint(node: unknown): string {
  if (!isScalar(node) || typeof node.value === 'string' || node.value === null || !node.source) return '';
  return `; YAML reads ${node.source} unquoted as a ${node.value instanceof Date ? 'date' : typeof node.value}: write "${node.source}" in quotes to keep it a word`;
}

/** The top-level keys of the file. */
const KEYS = ['synonyms', 'vague'];

const FORMAT = 'a list of groups, each a list of two or more words or phrases, e.g. "- [k8s, kubernetes]"';
const VAGUE_FORMAT = 'a list of single words, e.g. "[broke, issue, after]"';

/**
 * Reads `content/vocabulary.yaml`: a top-level `synonyms:` list whose items are lists of words
 * or phrases, and an optional `vague:` list of single words. Throws a VocabularyError naming
 * `file` and the line of the first problem.
 */
export function parseVocabulary(text: string, file: string): VocabularyFile {
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const lineOf = (node: Node | null | undefined) => (node?.range ? lines.linePos(node.range[0]).line : 1);
  if (document.errors.length > 0) {
    const error = document.errors[0];
    throw new VocabularyError(
      file,
      lines.linePos(error.pos[0]).line,
      `not valid YAML: ${error.message.split('\n')[0]}`,
    );
  }
  const root = document.contents;
  if (root === null) return { synonyms: [], vague: [] };
  if (isMap(root))
    for (const pair of root.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      if (KEYS.includes(key)) continue;
      const [closest] = suggestValues(
        key,
        KEYS.map((value) => ({ value, names: [value] })),
      );
      throw new VocabularyError(
        file,
        lineOf(pair.key as Node),
        `unknown key "${key}"; ${closest ? `did you mean "${closest}"? ` : ''}a vocabulary has ${KEYS.map((name) => `"${name}"`).join(' and ')}`,
      );
    }
  const synonyms = document.get('synonyms', true) as Node | undefined;
  if (synonyms !== undefined && !isSeq(synonyms))
    throw new VocabularyError(file, lineOf(synonyms ?? (root as Node)), `"synonyms" must be ${FORMAT}`);
  if (synonyms === undefined && !isMap(root))
    throw new VocabularyError(file, lineOf(root as Node), `the vocabulary must have "synonyms", ${FORMAT}`);
  const firstSeen = new Map<string, number>();
  const groups = (synonyms?.items ?? []).map((item) => {
    const line = lineOf(item as Node);
    if (!isSeq(item)) throw new VocabularyError(file, line, `each entry under "synonyms" must be ${FORMAT}`);
    const members = item.items.map((member) => {
      const memberLine = lineOf(member as Node);
      if (!isScalar(member) || typeof member.value !== 'string' || wordsOf(member.value).length === 0)
        throw new VocabularyError(
          file,
          memberLine,
          `a synonym must be a word or phrase, got ${JSON.stringify(isScalar(member) ? member.value : String(member))}` +
            unquotedHint(member),
        );
      const key = wordsOf(member.value).join(' ');
      const earlier = firstSeen.get(key);
      if (earlier !== undefined)
        throw new VocabularyError(
          file,
          memberLine,
          `"${member.value}" is already in the group on line ${earlier}; merge the two groups`,
        );
      firstSeen.set(key, line);
      return member.value;
    });
    if (members.length < 2)
      throw new VocabularyError(
        file,
        line,
        `a group needs two or more words that mean the same, got ${members.length}`,
      );
    return members;
  });
  const vagueNode = document.get('vague', true) as Node | undefined;
  if (vagueNode === undefined) return { synonyms: groups, vague: [] };
  if (!isSeq(vagueNode)) throw new VocabularyError(file, lineOf(vagueNode), `"vague" must be ${VAGUE_FORMAT}`);
  const vagueSeen = new Map<string, number>();
  const vague = vagueNode.items.map((item) => {
    const line = lineOf(item as Node);
    const words = isScalar(item) && typeof item.value === 'string' ? wordsOf(item.value) : [];
    if (words.length !== 1)
      throw new VocabularyError(
        file,
        line,
        `a vague word must be one word, got ${JSON.stringify(isScalar(item) ? item.value : String(item))}` +
          unquotedHint(item),
      );
    const earlier = vagueSeen.get(words[0]) ?? firstSeen.get(words[0]);
    if (earlier !== undefined)
      throw new VocabularyError(
        file,
        line,
        vagueSeen.has(words[0])
          ? `"${words[0]}" is already a vague word on line ${earlier}`
          : `"${words[0]}" is a synonym on line ${earlier}; a word in a group says what failed, so it cannot be vague`,
      );
    vagueSeen.set(words[0], line);
    return words[0];
  });
  return { synonyms: groups, vague };
}
