/**
 * What each page type ships: JavaScript and CSS referenced by its HTML (external files,
 * modulepreloads, inline scripts and styles), following static imports between JS chunks,
 * measured gzip-compressed (zlib default level, what static hosts typically serve).
 * Dynamic `import()` chunks are counted apart as lazy JS: they load only when used.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface PageWeight {
  page: string;
  /** Path below the output folder, or undefined when the site has no such page. */
  file?: string;
  htmlBytes: number;
  htmlGzip: number;
  /** Eager JS: script tags, modulepreloads, inline scripts and their static imports. */
  jsGzip: number;
  jsFiles: string[];
  /** JS reachable only through dynamic import(), not loaded until used. */
  lazyJsGzip: number;
  cssGzip: number;
  cssFiles: string[];
  /** Inline JSON data blocks (`<script type="application/json">`), gzip. */
  dataGzip: number;
}

export const gzipBytes = (content: string | Buffer) => gzipSync(content).length;

const ATTR = (name: string) => new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i');
function attr(tag: string, name: string): string | undefined {
  const match = ATTR(name).exec(tag);
  return match ? (match[1] ?? match[2] ?? match[3]) : undefined;
}

const STATIC_IMPORT = /(?:^|[;\s}])(?:import|export)\s*(?:[\w$*{}\s,]+?\s*from\s*)?["']([^"']+\.m?js)["']/g;
const DYNAMIC_IMPORT = /import\(\s*["']([^"']+\.m?js)["']\s*\)/g;

/** Resolves a URL from the page (absolute under base, or relative) to a file in the output. */
function toFile(outDir: string, base: string, fromFile: string, url: string): string | undefined {
  if (/^(?:[a-z]+:)?\/\//i.test(url) || url.startsWith('data:')) return undefined;
  const clean = url.split(/[?#]/)[0];
  let path: string;
  if (clean.startsWith('/')) {
    if (!clean.startsWith(base)) return undefined;
    path = join(outDir, clean.slice(base.length));
  } else {
    path = join(dirname(fromFile), clean);
  }
  return existsSync(path) && statSync(path).isFile() ? path : undefined;
}

/** JS files reachable from `entry` through static imports, and the dynamic-import targets seen. */
function closure(outDir: string, base: string, entries: string[], eager: Set<string>, lazy: Set<string>): void {
  const stack = [...entries];
  while (stack.length) {
    const file = stack.pop()!;
    if (eager.has(file)) continue;
    eager.add(file);
    const code = readFileSync(file, 'utf8');
    for (const [, spec] of code.matchAll(STATIC_IMPORT)) {
      const target = toFile(outDir, base, file, spec);
      if (target) stack.push(target);
    }
    for (const [, spec] of code.matchAll(DYNAMIC_IMPORT)) {
      const target = toFile(outDir, base, file, spec);
      if (target) lazy.add(target);
    }
  }
}

/** Weight of one built page. `base` is the site base, e.g. `/` or `/kb/`. */
export function pageWeight(outDir: string, base: string, page: string, file: string | undefined): PageWeight {
  const empty: PageWeight = {
    page,
    htmlBytes: 0,
    htmlGzip: 0,
    jsGzip: 0,
    jsFiles: [],
    lazyJsGzip: 0,
    cssGzip: 0,
    cssFiles: [],
    dataGzip: 0,
  };
  if (!file) return empty;
  const absolute = join(outDir, file);
  const html = readFileSync(absolute, 'utf8');
  const jsEntries: string[] = [];
  const cssFiles = new Set<string>();
  let inlineJs = '';
  let inlineCss = '';
  let data = '';
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const [, attrs, body] = match;
    const type = (attr(`<x ${attrs}>`, 'type') ?? '').toLowerCase();
    const src = attr(`<x ${attrs}>`, 'src');
    if (type && type !== 'module' && !type.includes('javascript')) {
      if (type.includes('json')) data += body;
      continue;
    }
    if (src) {
      const target = toFile(outDir, base, absolute, src);
      if (target) jsEntries.push(target);
    } else {
      inlineJs += `${body}\n`;
      // Inline module scripts may import chunks; follow them like files.
      for (const [, spec] of body.matchAll(STATIC_IMPORT)) {
        const target = toFile(outDir, base, absolute, spec);
        if (target) jsEntries.push(target);
      }
    }
  }
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    const rel = (attr(tag, 'rel') ?? '').toLowerCase().split(/\s+/);
    const href = attr(tag, 'href');
    if (!href) continue;
    const target = toFile(outDir, base, absolute, href);
    if (!target) continue;
    if (rel.includes('stylesheet')) cssFiles.add(target);
    else if (rel.includes('modulepreload')) jsEntries.push(target);
  }
  for (const [, body] of html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)) inlineCss += `${body}\n`;

  const eager = new Set<string>();
  const lazy = new Set<string>();
  closure(outDir, base, jsEntries, eager, lazy);
  const lazyOnly = new Set<string>();
  closure(
    outDir,
    base,
    [...lazy].filter((f) => !eager.has(f)),
    lazyOnly,
    new Set(),
  );
  for (const f of eager) lazyOnly.delete(f);

  const fileGzip = (files: Iterable<string>) => [...files].reduce((sum, f) => sum + gzipBytes(readFileSync(f)), 0);
  const shown = (files: Iterable<string>) =>
    [...files].map((f) => relative(outDir, f).split('\\').join(posix.sep)).sort();
  return {
    page,
    file,
    htmlBytes: Buffer.byteLength(html),
    htmlGzip: gzipBytes(html),
    jsGzip: fileGzip(eager) + (inlineJs.trim() ? gzipBytes(inlineJs) : 0),
    jsFiles: shown(eager),
    lazyJsGzip: fileGzip(lazyOnly),
    cssGzip: fileGzip(cssFiles) + (inlineCss.trim() ? gzipBytes(inlineCss) : 0),
    cssFiles: shown(cssFiles),
    dataGzip: data.trim() ? gzipBytes(data) : 0,
  };
}

/** Every HTML file below `outDir`, with its size. */
export function htmlFiles(outDir: string): { file: string; bytes: number }[] {
  return readdirSync(outDir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.html'))
    .map((name) => ({ file: name.split('\\').join('/'), bytes: statSync(join(outDir, name)).size }));
}

/** The page types the report covers, as candidate paths below the output folder. */
export const PAGE_TYPES: readonly { page: string; candidates: (outDir: string) => string | undefined }[] = [
  { page: 'home', candidates: () => 'index.html' },
  { page: 'list page', candidates: () => 'postmortems/index.html' },
  {
    page: 'postmortem page',
    candidates: (outDir) => {
      const folder = join(outDir, 'postmortems');
      if (!existsSync(folder)) return undefined;
      const first = readdirSync(folder)
        .filter((name) => /^\d{4}-\d{2}-\d{2}-/.test(name))
        .sort()[0];
      return first ? `postmortems/${first}/index.html` : undefined;
    },
  },
  { page: 'search', candidates: () => 'search/index.html' },
  { page: 'insights', candidates: () => 'insights/index.html' },
  { page: 'follow-ups', candidates: () => 'follow-ups/index.html' },
];

export function pageWeights(outDir: string, base: string): PageWeight[] {
  return PAGE_TYPES.map(({ page, candidates }) => {
    const file = candidates(outDir);
    return pageWeight(outDir, base, page, file && existsSync(join(outDir, file)) ? file : undefined);
  });
}
