/**
 * The language of incidents: groups of words that mean the same thing in a postmortem
 * (k8s and kubernetes, OOM and out of memory), kept in `content/vocabulary.yaml` so anyone can
 * add the abbreviation their team uses. A search for any member of a group finds pages with any
 * other. Parsed with positions, so a mistake is reported with its file and line. Pure.
 */
import { LineCounter, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import { wordsOf } from './words.ts';

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

export interface Vocabulary {
  /** Each group's members as words, e.g. [["k8s"], ["kubernetes"]] or [["oom"], ["out", "of", "memory"]]. */
  groups: readonly (readonly (readonly string[])[])[];
  /** Whether `word` (one word, lower case) is a member of a group. */
  has(word: string): boolean;
  /** The longest member of any group that starts at `words[at]`, and its group. */
  longestAt(
    words: readonly string[],
    at: number,
  ): { length: number; group: readonly (readonly string[])[] } | undefined;
}

/** A vocabulary from its groups (each a list of words or phrases that mean the same). */
export function vocabularyOf(groups: readonly (readonly string[])[]): Vocabulary {
  const asWords = groups.map((group) => group.map((member) => wordsOf(member)).filter((words) => words.length > 0));
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
    longestAt(words, at) {
      for (let length = Math.min(longest, words.length - at); length >= 1; length--) {
        const group = byMember.get(words.slice(at, at + length).join(' '));
        if (group) return { length, group };
      }
      return undefined;
    },
  };
}

const FORMAT = 'a list of groups, each a list of two or more words or phrases, e.g. "- [k8s, kubernetes]"';

/**
 * Reads `content/vocabulary.yaml`: a top-level `synonyms:` list whose items are lists of words
 * or phrases. Throws a VocabularyError naming `file` and the line of the first problem.
 */
export function parseVocabulary(text: string, file: string): string[][] {
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
  if (root === null) return [];
  const synonyms = document.get('synonyms', true) as Node | undefined;
  if (!synonyms || !isSeq(synonyms))
    throw new VocabularyError(file, lineOf(synonyms ?? (root as Node)), `"synonyms" must be ${FORMAT}`);
  const firstSeen = new Map<string, number>();
  return synonyms.items.map((item) => {
    const line = lineOf(item as Node);
    if (!isSeq(item)) throw new VocabularyError(file, line, `each entry under "synonyms" must be ${FORMAT}`);
    const members = item.items.map((member) => {
      const memberLine = lineOf(member as Node);
      if (!isScalar(member) || typeof member.value !== 'string' || wordsOf(member.value).length === 0)
        throw new VocabularyError(
          file,
          memberLine,
          `a synonym must be a word or phrase, got ${JSON.stringify(isScalar(member) ? member.value : String(member))}`,
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
}
