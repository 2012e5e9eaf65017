/**
 * A plain static file server for tests: no backend, no rewrites, just files. Serving `dist/`
 * with it proves the site works on any static host, under a base path when one is given.
 */
import { createServer, type Server } from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import type { AddressInfo } from 'node:net';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
};

export interface StaticServer {
  /** Origin plus base, e.g. `http://127.0.0.1:43210/kb/`. */
  url: string;
  origin: string;
  close(): Promise<void>;
}

/** Serves `root` at `base` (default `/`) on a free loopback port. */
export async function serveStatic(root: string, base = '/'): Promise<StaticServer> {
  const prefix = base.endsWith('/') ? base : `${base}/`;
  const server: Server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const notFound = () => {
      const page = join(root, '404.html');
      response.writeHead(404, { 'content-type': TYPES['.html'] });
      try {
        statSync(page);
        createReadStream(page).pipe(response);
      } catch {
        response.end('not found');
      }
    };
    if (!pathname.startsWith(prefix) && `${pathname}/` !== prefix) return notFound();
    const relative = normalize(pathname.slice(prefix.length - 1));
    let file = join(root, relative);
    if (!file.startsWith(root + sep) && file !== root) return notFound();
    try {
      if (statSync(file).isDirectory()) {
        if (!pathname.endsWith('/')) {
          response.writeHead(301, { location: `${pathname}/` });
          return response.end();
        }
        file = join(file, 'index.html');
      }
      statSync(file);
    } catch {
      return notFound();
    }
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}${prefix}`,
    origin,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
