/**
 * Runs a command and measures its wall time and peak memory. Memory is the resident set of
 * the whole process tree (Astro's Node process plus the Pagefind binary it spawns), sampled
 * from /proc every 100 ms; GNU time's max RSS of the largest single process, when
 * /usr/bin/time exists, catches a peak shorter than the sampling interval.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PAGE_SIZE = 4096;
const GNU_TIME = '/usr/bin/time';

export interface RunResult {
  label: string;
  exitCode: number | null;
  wallMs: number;
  /** Peak of the summed RSS of the process and all its descendants, in bytes. */
  peakTreeRssBytes: number;
  /** Max RSS of the largest single process in the tree (GNU time), in bytes; undefined without /usr/bin/time. */
  maxProcessRssBytes?: number;
  /** The larger of the two: what the machine had to provide. */
  peakRssBytes: number;
  /** User + system CPU time of the tree (GNU time); steadier than wall time on a busy machine. */
  cpuMs?: number;
  /** Matches per pattern of `countLines`. */
  lineCounts?: Record<string, number>;
  /** Stdout and stderr without colours or per-page lines (last 150 lines), for failures and phase timings. */
  output: string;
}

export interface RunOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  label: string;
  /** Sampling interval for /proc, ms. */
  intervalMs?: number;
  /** Echo output lines while running. */
  echo?: boolean;
  /** Count output lines matching each pattern (e.g. pages Astro reports as restored). */
  countLines?: Record<string, RegExp>;
}

/** Parent pid of every process, from /proc/<pid>/stat. */
function parentMap(): Map<number, number[]> {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue;
    }
    // The command name may contain spaces and parentheses; fields resume after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ppid = Number(fields[1]);
    const list = children.get(ppid);
    if (list) list.push(Number(name));
    else children.set(ppid, [Number(name)]);
  }
  return children;
}

/** Summed resident memory of `root` and its descendants, in bytes. */
export function treeRss(root: number): number {
  const children = parentMap();
  let total = 0;
  const stack = [root];
  const seen = new Set<number>();
  while (stack.length) {
    const pid = stack.pop()!;
    if (seen.has(pid)) continue;
    seen.add(pid);
    try {
      const resident = Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]);
      total += resident * PAGE_SIZE;
    } catch {
      // The process exited between listing and reading.
    }
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

export function canSampleProc(): boolean {
  return existsSync('/proc/self/statm');
}

/** Runs `command args` and measures it; never throws for a non-zero exit (see exitCode). */
export async function measureCommand(
  command: string,
  args: readonly string[],
  options: RunOptions,
): Promise<RunResult> {
  const timeDir = existsSync(GNU_TIME) ? mkdtempSync(join(tmpdir(), 'kb-bench-time-')) : undefined;
  const timeFile = timeDir ? join(timeDir, 'rss') : undefined;
  const [file, argv] = timeFile
    ? [GNU_TIME, ['-f', '%M %U %S', '-o', timeFile, command, ...args]]
    : [command, [...args]];
  const chunks: string[] = [];
  let kept = 0;
  const keep = (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    if (options.echo) process.stderr.write(text);
    // Bounded, so a chatty 10,000-page build log cannot exhaust the runner's memory.
    if (kept < 32 * 1024 * 1024) {
      chunks.push(text);
      kept += text.length;
    }
  };
  const started = performance.now();
  const child = spawn(file, argv, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let peak = 0;
  const sample = () => {
    if (child.pid !== undefined && canSampleProc()) peak = Math.max(peak, treeRss(child.pid));
  };
  const timer = setInterval(sample, options.intervalMs ?? 100);
  sample();
  const exitCode = await new Promise<number | null>((resolve) => {
    child.on('error', () => resolve(null));
    child.on('close', (code) => resolve(code));
  });
  const wallMs = performance.now() - started;
  clearInterval(timer);
  let maxProcessRssBytes: number | undefined;
  let cpuMs: number | undefined;
  if (timeFile && existsSync(timeFile)) {
    // GNU time writes "Command exited with non-zero status N" before the numbers on failure.
    const [kb, user, system] = readFileSync(timeFile, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
    if (Number.isFinite(kb)) maxProcessRssBytes = kb * 1024;
    if (Number.isFinite(user) && Number.isFinite(system)) cpuMs = Math.round((user + system) * 1000);
  }
  if (timeDir) rmSync(timeDir, { recursive: true, force: true });
  const full = chunks.join('');
  const lineCounts = options.countLines
    ? Object.fromEntries(
        Object.entries(options.countLines).map(([name, pattern]) => [
          name,
          full.split('\n').filter((line) => pattern.test(line)).length,
        ]),
      )
    : undefined;
  return {
    label: options.label,
    exitCode,
    wallMs,
    peakTreeRssBytes: peak,
    maxProcessRssBytes,
    peakRssBytes: Math.max(peak, maxProcessRssBytes ?? 0),
    cpuMs,
    lineCounts,
    output: summarizeOutput(full),
  };
}

/** The log without colours, per-page lines and code frames: what a reader needs to see. */
export function summarizeOutput(output: string): string {
  return output
    .replace(/\x1b\[[0-9;]*m/g, '')
    .split('\n')
    .filter((line) => line.trim() !== '' && !/[├└│╭╰]|───/.test(line))
    .slice(-150)
    .join('\n');
}

/** Times a function in this process (for work that is not a separate command). */
export async function timeIt<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await fn();
  return { ms: performance.now() - started, value };
}
