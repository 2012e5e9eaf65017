/**
 * Characters no postmortem text may hold, and how messages quote what an author wrote.
 *
 * A control character (C0 other than tab and line breaks, DEL, C1), a lone surrogate or a
 * noncharacter U+FFFE/U+FFFF makes the feed and the sitemap ill-formed XML, turns into U+FFFD
 * on a page or, in a log, moves the cursor or clears the screen. They are refused, with the
 * field or line named; messages show every value JSON-quoted with such characters escaped.
 */

/** Whether the UTF-16 code unit at `index` starts a character no text may hold. */
function unsafeAt(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  if (code < 0x20) return code !== 0x09 && code !== 0x0a && code !== 0x0d;
  if (code < 0x7f) return false;
  if (code <= 0x9f) return true;
  if (code === 0xfffe || code === 0xffff) return true;
  if (code >= 0xd800 && code <= 0xdbff) {
    const next = text.charCodeAt(index + 1);
    return !(next >= 0xdc00 && next <= 0xdfff);
  }
  if (code >= 0xdc00 && code <= 0xdfff) {
    const previous = text.charCodeAt(index - 1);
    return !(previous >= 0xd800 && previous <= 0xdbff);
  }
  return false;
}

/** Index of the first character of `text` (from `from`) that no text may hold, or -1. */
export function unsafeCharacterIndex(text: string, from = 0): number {
  // Most text is plain: one test skips the walk when nothing could match.
  if (from === 0 && !UNSAFE_ANYWHERE.test(text)) return -1;
  for (let index = from; index < text.length; index++) if (unsafeAt(text, index)) return index;
  return -1;
}

// Control characters, C1, noncharacters and any surrogate (pairs are told apart in unsafeAt).
const UNSAFE_ANYWHERE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ud800-\udfff\ufffe\uffff]/;

/** `U+001B (a control character)` style name of the code unit at `index`. */
export function describeCharacterAt(text: string, index: number): string {
  const code = text.charCodeAt(index);
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  if (code >= 0xd800 && code <= 0xdfff) return `${hex} (a lone surrogate, half of a character)`;
  if (code === 0xfffe || code === 0xffff) return `${hex} (a noncharacter)`;
  return `${hex} (a control character)`;
}

/**
 * A value quoted for a message: JSON's quoting, plus escapes for what JSON leaves raw (DEL, C1,
 * U+2028/U+2029 and noncharacters), so a message holds no control character and no line break
 * of the author's, and no line of it can start with `::` (which a GitHub Actions log runs).
 */
export function quoted(value: unknown): string {
  const json = JSON.stringify(typeof value === 'string' ? value : String(value));
  return json.replace(
    /[\u007f-\u009f\u2028\u2029\ufffe\uffff]/g,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * Where `text` holds characters no text may hold: the first of each line, at most `limit` lines
 * (a file full of them is one mistake, told a few times), with line (1-based) and column.
 */
export function unsafeCharacters(
  text: string,
  limit = 10,
): { index: number; line: number; column: number; character: string }[] {
  const found: { index: number; line: number; column: number; character: string }[] = [];
  let line = 1;
  let lineStart = 0;
  for (let index = unsafeCharacterIndex(text); index !== -1 && found.length < limit;) {
    for (let at = text.indexOf('\n', lineStart); at !== -1 && at < index; at = text.indexOf('\n', at + 1)) {
      line++;
      lineStart = at + 1;
    }
    found.push({ index, line, column: index - lineStart + 1, character: describeCharacterAt(text, index) });
    const lineEnd = text.indexOf('\n', index);
    if (lineEnd === -1) break;
    index = unsafeCharacterIndex(text, lineEnd + 1);
  }
  return found;
}

/**
 * Text made safe for one line of a log: line breaks, tabs and every character no text may hold
 * written as escapes (`\n`, `\u001b`), so an author's text cannot add lines, move a terminal's
 * cursor or start a line that a CI runner reads as a command.
 */
export function escapeForLog(text: string): string {
  if (!LOG_UNSAFE.test(text)) return text;
  let out = '';
  for (let index = 0; index < text.length; index++) {
    const character = text[index];
    if (character === '\n') out += '\\n';
    else if (character === '\r') out += '\\r';
    else if (character === '\t') out += '\\t';
    else if (character === '\u2028' || character === '\u2029' || unsafeAt(text, index))
      out += `\\u${text.charCodeAt(index).toString(16).padStart(4, '0')}`;
    else out += character;
  }
  return out;
}

const LOG_UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ud800-\udfff\ufffe\uffff]/;
