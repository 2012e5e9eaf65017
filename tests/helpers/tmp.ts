/**
 * Temporary folders inside the project (under the git-ignored `tmp/`), for commands that must
 * see a content folder by a path relative to the project root. `tmp/` may not exist in a
 * fresh clone, so it is created first.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';

export function projectTempDir(prefix: string): string {
  mkdirSync('tmp', { recursive: true });
  return mkdtempSync(join('tmp', prefix));
}
