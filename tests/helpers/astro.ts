/**
 * Runs the real `astro build` of this project in a child process (Node 24, the project's own
 * config), pointed at other content or a base path through the environment.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const PROJECT_ROOT = join(import.meta.dirname, '../..');
const ASTRO = join(PROJECT_ROOT, 'node_modules/astro/bin/astro.mjs');

export interface BuildResult {
  status: number | null;
  output: string;
}

export function astroBuild(options: {
  outDir: string;
  contentDir?: string;
  base?: string;
  /** First year the content may hold (KB_EARLIEST_YEAR), for collections of public history. */
  earliestYear?: number;
  /** Service catalog files (KB_CATALOG), relative to the project root. */
  catalog?: readonly string[];
  /** Heap limit of the build's Node process, in MB (`--max-old-space-size`). */
  maxOldSpaceMb?: number;
}): BuildResult {
  const heap = options.maxOldSpaceMb ? [`--max-old-space-size=${options.maxOldSpaceMb}`] : [];
  const result = spawnSync(process.execPath, [...heap, ASTRO, 'build', '--outDir', options.outDir], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    env: {
      ...process.env,
      ...(options.contentDir ? { KB_CONTENT_DIR: options.contentDir } : {}),
      ...(options.base ? { KB_BASE: options.base } : {}),
      ...(options.earliestYear ? { KB_EARLIEST_YEAR: String(options.earliestYear) } : {}),
      ...(options.catalog ? { KB_CATALOG: options.catalog.join(',') } : {}),
      FORCE_COLOR: '0',
      NO_COLOR: '1',
    },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}
