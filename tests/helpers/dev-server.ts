/**
 * The real `astro dev` of this project in a child process, on a free port, pointed at other
 * content through the environment. Tests wait on what it prints (its address, the loader's
 * lines after a file changes), never on a timer; `close()` ends it and everything it started.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { PROJECT_ROOT } from './astro.ts';

const ASTRO = join(PROJECT_ROOT, 'node_modules/astro/bin/astro.mjs');

export interface DevServer {
  /** e.g. `http://localhost:43210/` */
  url: string;
  /** Everything printed so far (stdout and stderr, without colours). */
  output(): string;
  /** Resolves with the first line printed after `since` (an `output().length`) that matches. */
  waitForLine(pattern: RegExp, since: number): Promise<string>;
  close(): Promise<void>;
}

/** A port nothing listens on right now (the server falls back to the next one if taken meanwhile). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolvePromise) => server.listen(0, '127.0.0.1', resolvePromise));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolvePromise) => server.close(resolvePromise));
  return port;
}

export async function startDevServer(options: {
  contentDir: string;
  env?: Record<string, string>;
}): Promise<DevServer> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [ASTRO, 'dev', '--port', String(port)], {
    cwd: PROJECT_ROOT,
    // Its own process group, so close() ends whatever it started with it.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...options.env, KB_CONTENT_DIR: options.contentDir, FORCE_COLOR: '0', NO_COLOR: '1' },
  });
  let text = '';
  const waiters = new Set<() => void>();
  const append = (chunk: Buffer) => {
    text += chunk.toString('utf8');
    for (const waiter of waiters) waiter();
  };
  child.stdout!.on('data', append);
  child.stderr!.on('data', append);
  const exited = new Promise<number | null>((resolvePromise) => child.once('exit', resolvePromise));

  const waitForLine = (pattern: RegExp, since: number) =>
    new Promise<string>((resolvePromise, reject) => {
      const look = () => {
        const line = text
          .slice(since)
          .split('\n')
          .find((candidate) => pattern.test(candidate));
        if (line === undefined) return false;
        waiters.delete(look);
        resolvePromise(line);
        return true;
      };
      if (look()) return;
      waiters.add(look);
      exited.then((code) => {
        if (waiters.delete(look)) reject(new Error(`astro dev exited (${code}) before printing ${pattern}:\n${text}`));
      });
    });

  const close = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      // Already gone.
    }
    await exited;
  };

  try {
    const line = await waitForLine(/Local\s+http:\/\/\S+/, 0);
    const url = /http:\/\/\S+/.exec(line)![0];
    return { url: url.endsWith('/') ? url : `${url}/`, output: () => text, waitForLine, close };
  } catch (error) {
    await close();
    throw error;
  }
}
