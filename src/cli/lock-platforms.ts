/**
 * `npm run lock:platforms`: declares in package-lock.json the other platforms' builds of
 * packages with per-platform binaries (Pagefind, the Astro compiler binding), gated by os/cpu.
 *
 * A registry mirror that lacks some platforms' builds at a version makes npm leave them out of
 * the lock, and `npm ci` then refuses the lock as out of sync. Run this after `npm install`
 * changes the lock; it adds only entries that are missing and never fetches anything.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseCommandLine } from './args.ts';

interface LockPackage {
  version?: string;
  optionalDependencies?: Record<string, string>;
  [key: string]: unknown;
}

/** Platform suffixes of binary packages and the os, cpu and libc they run on. */
const PLATFORMS: [suffix: string, os: string[] | undefined, cpu: string[], libc?: string[]][] = [
  ['android-arm64', ['android'], ['arm64']],
  ['darwin-arm64', ['darwin'], ['arm64']],
  ['darwin-x64', ['darwin'], ['x64']],
  ['linux-arm64-gnu', ['linux'], ['arm64'], ['glibc']],
  ['linux-arm64-musl', ['linux'], ['arm64'], ['musl']],
  ['linux-x64-gnu', ['linux'], ['x64'], ['glibc']],
  ['linux-x64-musl', ['linux'], ['x64'], ['musl']],
  ['linux-arm64', ['linux'], ['arm64']],
  ['linux-x64', ['linux'], ['x64']],
  ['wasm32-wasi', undefined, ['wasm32']],
  ['win32-arm64-msvc', ['win32'], ['arm64']],
  ['win32-x64-msvc', ['win32'], ['x64']],
  ['windows-arm64', ['win32'], ['arm64']],
  ['windows-x64', ['win32'], ['x64']],
  ['freebsd-x64', ['freebsd'], ['x64']],
];

/** Adds missing platform entries to a parsed lock; returns the names it added. */
export function declareMissingPlatforms(packages: Record<string, LockPackage>): string[] {
  const added: string[] = [];
  for (const meta of Object.values({ ...packages })) {
    for (const [name, version] of Object.entries(meta.optionalDependencies ?? {})) {
      const path = `node_modules/${name}`;
      if (packages[path]) continue;
      const platform = PLATFORMS.find(([suffix]) => name.endsWith(`-${suffix}`) || name.endsWith(`/${suffix}`));
      if (!platform)
        throw new Error(`${name}: unknown platform suffix; add it to PLATFORMS in src/cli/lock-platforms.ts`);
      const [, os, cpu, libc] = platform;
      packages[path] = { version, dev: true, optional: true, ...(os && { os }), cpu, ...(libc && { libc }) };
      added.push(name);
    }
  }
  return added;
}

if (import.meta.main) {
  const usage = `Usage: npm run lock:platforms

Adds the missing per-platform packages to package-lock.json; takes no options.`;
  const { values } = parseCommandLine('lock:platforms', usage, {
    options: { help: { type: 'boolean', short: 'h', default: false } },
  });
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const file = 'package-lock.json';
  const lock = JSON.parse(readFileSync(file, 'utf8')) as { packages: Record<string, LockPackage> };
  const added = declareMissingPlatforms(lock.packages);
  // npm keeps the root first and the rest sorted; so do we, to keep diffs small.
  lock.packages = Object.fromEntries(
    Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : a > b ? 1 : 0)),
  );
  writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
  console.log(
    added.length
      ? `declared ${added.length} platform packages: ${added.join(', ')}`
      : 'lock already declares every platform package',
  );
}
