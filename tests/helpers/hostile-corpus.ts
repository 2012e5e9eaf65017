/**
 * The hostile-content corpus (`tests/corpus/hostile/`) staged as a content folder: the seed
 * postmortems (accepted files relate to them) plus every corpus entry. Entries whose rule is not
 * about the file itself are renamed `<started date>-hostile-<n>.<ext>` so the file-name rule
 * does not add problems of its own; the special entries (FIFOs, folders, links) are created.
 */
import { cpSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { basename, extname, join } from 'node:path';
import { PROJECT_ROOT } from './astro.ts';
import { readFrontmatterQuickly, splitSource } from '../../src/lib/content/frontmatter.ts';
import { bytesAsText } from '../../src/node/content-folder.ts';

export const CORPUS_DIR = join(PROJECT_ROOT, 'tests/corpus/hostile');

export interface CorpusEntry {
  file?: string;
  /**
   * Entries a file in the corpus cannot be: special files, and files whose name is the attack
   * (`named`: `file` written under `name`; `latin1-name`: `name` written as Latin-1 bytes).
   */
  create?: 'fifo' | 'symlink-to-dir' | 'symlink-outside' | 'directory' | 'named' | 'latin1-name';
  name?: string;
  verdict: 'accept' | 'reject';
  rule?: string;
  line?: number | null;
  what: string;
}

export interface StagedEntry extends CorpusEntry {
  /** File name inside the staged content folder. */
  staged: string;
}

export function readManifest(): CorpusEntry[] {
  return JSON.parse(readFileSync(join(CORPUS_DIR, 'manifest.json'), 'utf8'));
}

function stagedName(entry: CorpusEntry, index: number): string {
  // A name that is not UTF-8 is reported with its other bytes as \xNN.
  if (entry.create === 'latin1-name') return bytesAsText(Buffer.from(entry.name!, 'latin1'));
  if (entry.create) return entry.name!;
  const original = basename(entry.file!);
  if (entry.rule === 'file') return original;
  // The start day as the project's own frontmatter reader sees it, whatever form the time takes.
  const yaml = splitSource(readFileSync(join(CORPUS_DIR, entry.file!), 'utf8')).yaml;
  const started = yaml === undefined ? undefined : readFrontmatterQuickly(yaml)?.started;
  const written = typeof started === 'object' && started !== null ? (started as { at?: unknown }).at : started;
  const date = (typeof written === 'string' && /^\d{4}-\d{2}-\d{2}/.exec(written)?.[0]) || '2024-01-01';
  return `${date}-hostile-${String(index + 1).padStart(3, '0')}-${entry.verdict}${extname(original)}`;
}

/** Writes the seeds and the chosen corpus entries into `folder`; returns where each entry went. */
export function stageCorpus(folder: string, filter: (entry: CorpusEntry) => boolean = () => true): StagedEntry[] {
  mkdirSync(folder, { recursive: true });
  cpSync(join(PROJECT_ROOT, 'content/postmortems'), folder, { recursive: true });
  const staged: StagedEntry[] = [];
  readManifest().forEach((entry, index) => {
    if (!filter(entry)) return;
    const name = stagedName(entry, index);
    const target = join(folder, name);
    switch (entry.create) {
      case 'fifo':
        execFileSync('mkfifo', [target]);
        break;
      case 'directory':
        mkdirSync(target);
        break;
      case 'symlink-to-dir':
        symlinkSync(CORPUS_DIR, target);
        break;
      case 'symlink-outside':
        symlinkSync(
          extname(name) === '.md'
            ? '/etc/hostname'
            : join(CORPUS_DIR, 'accept', readdirSync(join(CORPUS_DIR, 'accept'))[0]),
          target,
        );
        break;
      case 'latin1-name':
        writeFileSync(Buffer.from(join(folder, entry.name!), 'latin1'), readFileSync(join(CORPUS_DIR, entry.file!)));
        break;
      default:
        writeFileSync(target, readFileSync(join(CORPUS_DIR, entry.file!)));
    }
    staged.push({ ...entry, staged: name });
  });
  return staged;
}
