/**
 * A digest of the code that decides what a postmortem file becomes (its verdict, its data, its
 * HTML), for the caches keyed by file digest: the build's content store and the validator's
 * verdict cache. A new rule, renderer or dependency version changes it, so a cache never
 * answers with what older code decided.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Folders whose code checks and renders a file; everything they import stays inside them. */
export const CHECK_SOURCES = ['src/lib/content', 'src/lib/core'];

/**
 * Digest of every `.ts` file in `folders` (below `root`), the lockfile (parser, YAML reader,
 * schema library and sanitizer versions) and the Node version.
 */
export function pipelineDigest(root: string, folders: readonly string[]): string {
  const hash = createHash('sha256');
  hash.update(process.version);
  for (const folder of folders) {
    let names: string[] = [];
    try {
      names = readdirSync(join(root, folder)).sort();
    } catch {
      continue;
    }
    for (const name of names) {
      if (name.endsWith('.ts')) hash.update(`${folder}/${name}\0`).update(readFileSync(join(root, folder, name)));
    }
  }
  try {
    hash.update(readFileSync(join(root, 'package-lock.json')));
  } catch {
    // A copy of the project without a lockfile is keyed by its code alone.
  }
  return hash.digest('hex').slice(0, 24);
}
