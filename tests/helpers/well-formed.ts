/**
 * Whether every output of a build can be read by its reader: each page by an HTML parser
 * without a character error, the feed and the sitemap as XML 1.0 (syntax and characters), each
 * JSON file by JSON.parse; no id twice on a page. Returns one line per problem, naming the file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import sax from 'sax';

/** Parse errors about characters: what a control character, surrogate or noncharacter causes. */
const CHARACTER_ERRORS = new Set([
  'control-character-in-input-stream',
  'noncharacter-in-input-stream',
  'surrogate-in-input-stream',
  'unexpected-null-character',
  'control-character-reference',
  'noncharacter-character-reference',
  'surrogate-character-reference',
  'null-character-reference',
]);

/** The first character XML 1.0 does not allow (its `Char` production), as `U+XXXX at offset n`. */
function badXmlCharacter(text: string): string | undefined {
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i)!;
    const ok =
      code === 0x9 ||
      code === 0xa ||
      code === 0xd ||
      (code >= 0x20 && code <= 0xd7ff) ||
      (code >= 0xe000 && code <= 0xfffd) ||
      (code >= 0x10000 && code <= 0x10ffff);
    if (!ok) return `U+${code.toString(16).toUpperCase().padStart(4, '0')} at offset ${i}`;
    if (code > 0xffff) i++;
  }
  return undefined;
}

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

export function outputProblems(outDir: string): string[] {
  const problems: string[] = [];
  for (const file of filesUnder(outDir)) {
    const shown = relative(outDir, file);
    if (file.endsWith('.html')) {
      const text = readFileSync(file, 'utf8');
      if (text.includes('\uFFFD')) problems.push(`${shown}: holds U+FFFD (a character was lost on the way)`);
      const document = parse(text, {
        sourceCodeLocationInfo: true,
        onParseError: (error) => {
          if (CHARACTER_ERRORS.has(error.code))
            problems.push(`${shown}:${error.startLine}:${error.startCol}: ${error.code}`);
        },
      });
      // Ids are unique on the page: a link to one lands on one element.
      const seen = new Set<string>();
      const walk = (node: DefaultTreeAdapterMap['node']) => {
        for (const attribute of 'attrs' in node ? node.attrs : []) {
          if (attribute.name !== 'id') continue;
          if (seen.has(attribute.value)) problems.push(`${shown}: id "${attribute.value}" is used twice`);
          seen.add(attribute.value);
        }
        const content = 'content' in node ? [node.content] : [];
        for (const child of [...('childNodes' in node ? node.childNodes : []), ...content]) walk(child);
      };
      walk(document);
    } else if (file.endsWith('.xml')) {
      const text = readFileSync(file, 'utf8');
      // sax in strict mode, the XML reader the sitemap package itself uses.
      const parser = sax.parser(true);
      parser.onerror = (error) => {
        problems.push(`${shown}: ${error.message.split('\n')[0]}`);
        parser.resume();
      };
      parser.write(text).close();
      const character = badXmlCharacter(text);
      if (character) problems.push(`${shown}: not an XML 1.0 character: ${character}`);
    } else if (file.endsWith('.json') && !shown.startsWith('pagefind')) {
      try {
        JSON.parse(readFileSync(file, 'utf8'));
      } catch (error) {
        problems.push(`${shown}: ${(error as Error).message}`);
      }
    }
  }
  return problems;
}
