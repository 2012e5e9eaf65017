/**
 * The validator's verdict cache: a file whose exact bytes (and name) passed every per-file check
 * under the same code, dependencies and settings is not parsed again. Like the build's content
 * store, it is keyed by digest, never by modification time.
 *
 * Only clean verdicts are kept: a file with any problem, error or warning, is checked again on
 * every run. That is also what keeps the cache honest over time: the one per-file rule that
 * depends on the clock ("a time in the future") can only turn an error into a pass as time goes
 * by, never a pass into an error. Cross-file rules (unique ids, related ids, services) are never
 * cached; they run on every entry each time.
 */
import { hash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { cacheDir } from './compile-cache.ts';
import { pickFacts, type CollectionFacts } from '../lib/content/collection.ts';
import type { CheckedFile } from './check-results.ts';
import { dataBytesOf, withLazyData } from './check-transfer.ts';
import type { ReadSource } from './content-folder.ts';
import { CHECK_SOURCES, pipelineDigest } from './pipeline-digest.ts';

/**
 * What a clean per-file check produced: what the cross-file rules read, and the whole data as
 * serialized bytes, read back only when something asks for it (review checks, "happened before").
 */
interface CleanVerdict {
  id: string;
  bodyStartLine: number;
  facts: CollectionFacts;
  data: Uint8Array;
}

interface CacheFile {
  salt: string;
  verdicts: Map<string, CleanVerdict>;
}

const FORMAT = 2;
const PROJECT_ROOT = join(import.meta.dirname, '..', '..');

/** The key of one file: its name (it gives the id and must match the start date) and its text. */
function keyOf(source: ReadSource): string {
  return hash('sha256', `${basename(source.absolute)}\0${source.text}`);
}

export class VerdictCache {
  readonly #path: string;
  readonly #salt: string;
  readonly #previous: Map<string, CleanVerdict>;
  readonly #next = new Map<string, CleanVerdict>();
  readonly #keys = new Map<string, string>();

  /**
   * @param settings everything besides code and text that a verdict depends on (check options,
   *   KB_EARLIEST_YEAR); a different value starts from an empty cache.
   */
  constructor(settings: Record<string, unknown>, dir = cacheDir()) {
    this.#path = join(dir, 'validate-verdicts.bin');
    // src/node reads the files and reports what cannot be read, so it is part of a verdict too.
    this.#salt = `${FORMAT}:${pipelineDigest(PROJECT_ROOT, [...CHECK_SOURCES, 'src/node'])}:${JSON.stringify(settings)}`;
    this.#previous = this.#load();
  }

  #load(): Map<string, CleanVerdict> {
    try {
      const file = deserialize(readFileSync(this.#path)) as CacheFile;
      return file.salt === this.#salt && file.verdicts instanceof Map ? file.verdicts : new Map();
    } catch {
      return new Map();
    }
  }

  /** Number of clean verdicts the cache holds from the last run. */
  get size(): number {
    return this.#previous.size;
  }

  /** Splits read files into those with a cached clean verdict (as results) and those to check. */
  split(sources: ReadSource[]): { cached: CheckedFile[]; toCheck: ReadSource[] } {
    const cached: CheckedFile[] = [];
    const toCheck: ReadSource[] = [];
    for (const source of sources) {
      const key = keyOf(source);
      this.#keys.set(source.absolute, key);
      const verdict = this.#previous.get(key);
      if (!verdict) {
        toCheck.push(source);
        continue;
      }
      this.#next.set(key, verdict);
      const entry = {
        file: source.shown,
        id: verdict.id,
        bodyStartLine: verdict.bodyStartLine,
        problems: [],
        facts: verdict.facts,
      };
      cached.push({ absolute: source.absolute, entry: withLazyData(entry, verdict.data) });
    }
    return { cached, toCheck };
  }

  /** Keeps the clean verdicts among freshly checked files. */
  record(checked: CheckedFile[]): void {
    for (const { absolute, entry, problem } of checked) {
      const key = this.#keys.get(absolute);
      if (!key || problem || !entry || entry.problems.length > 0) continue;
      // Entries from workers carry their data serialized, and its facts: neither is rebuilt here.
      const bytes = dataBytesOf(entry);
      const facts = entry.facts ?? entry.data;
      if (!facts || (!bytes && !entry.data)) continue;
      this.#next.set(key, {
        id: entry.id,
        bodyStartLine: entry.bodyStartLine,
        facts: pickFacts(facts),
        data: bytes ?? serialize(entry.data),
      });
    }
  }

  /**
   * Writes the verdicts of this run (files no longer present are dropped), atomically, and only
   * when they changed. A cache that cannot be written only costs speed next time.
   */
  save(): void {
    const same =
      this.#next.size === this.#previous.size && [...this.#next.keys()].every((key) => this.#previous.has(key));
    if (same) return;
    const temporary = `${this.#path}.${process.pid}.tmp`;
    try {
      mkdirSync(join(this.#path, '..'), { recursive: true });
      writeFileSync(temporary, serialize({ salt: this.#salt, verdicts: this.#next } satisfies CacheFile));
      renameSync(temporary, this.#path);
    } catch {
      rmSync(temporary, { force: true });
    }
  }
}
