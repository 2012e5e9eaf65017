/** Words as search compares them: the query, the vocabulary and the did-you-mean list. Pure. */

/** Letters and digits of any script, with the joiners that stay inside a word (don't, e-mail, node.js). */
const WORD = /[\p{L}\p{N}]+(?:['’.\-_][\p{L}\p{N}]+)*/gu;

/** The words of a piece of plain text, lower-cased. */
export function wordsOf(text: string): string[] {
  return [...text.toLowerCase().matchAll(WORD)].map((match) => match[0]);
}
