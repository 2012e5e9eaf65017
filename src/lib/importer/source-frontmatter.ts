/**
 * The frontmatter block a source document starts with, whatever wrote it: YAML between `---`
 * lines (Jekyll, icco/postmortems, cState, Hugo) or TOML between `+++` lines (Hugo, Zola).
 * Split by the project's one splitter (splitSource in src/lib/content/frontmatter.ts, which
 * accepts a byte-order mark and CRLF), read by one YAML library (`yaml`) and one TOML library
 * (`smol-toml`). Every reader of the importer takes the block from here.
 */
import { parse as parseToml, TomlError } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import { splitSource } from '../content/frontmatter.ts';

export type FrontmatterFormat = 'yaml' | 'toml';

export interface SourceFrontmatter {
  format: FrontmatterFormat;
  /** The keys and values, with TOML dates as the text they were written as; undefined when unreadable. */
  data?: Record<string, unknown>;
  /** Why the block could not be read (it then stays in the body as text). */
  problem?: string;
  /** Lines the block takes, fences included. */
  lineCount: number;
  /** The document after the closing fence. */
  body: string;
}

/** TOML dates become the text written (`2024-03-08`, `2024-03-08T10:30:00+02:00`); tables become plain objects. */
function plain(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, plain(inner)]));
  return value;
}

/** The frontmatter block at the top of `text`, or undefined when the document has none. */
export function readSourceFrontmatter(text: string): SourceFrontmatter | undefined {
  for (const [fence, format] of [
    ['---', 'yaml'],
    ['+++', 'toml'],
  ] as const) {
    const split = splitSource(text, fence);
    if (split.yaml === undefined) continue;
    const lineCount = split.bodyStartLine - 1;
    try {
      // YAML without the timestamp type: a time keeps the offset it was written with.
      const data = format === 'yaml' ? parseYaml(split.yaml) : plain(parseToml(split.yaml));
      if (data === null || data === undefined) return { format, data: {}, lineCount, body: split.body };
      if (typeof data !== 'object' || Array.isArray(data))
        return { format, problem: 'it is not a set of "key: value" lines', lineCount, body: split.body };
      return { format, data: data as Record<string, unknown>, lineCount, body: split.body };
    } catch (error) {
      const message =
        error instanceof TomlError
          ? `line ${error.line + 1}: ${error.message.split('\n')[0]}`
          : (error as Error).message.split('\n')[0];
      return { format, problem: `it is not valid ${format.toUpperCase()} (${message})`, lineCount, body: split.body };
    }
  }
  return undefined;
}
