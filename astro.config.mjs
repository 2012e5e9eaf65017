// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import pagefindIndex from './src/integrations/pagefind.ts';
import { isResortedListing } from './src/lib/site/routes.ts';
import propagatedAssetsDirective from './src/integrations/propagated-assets-directive.ts';

/** Serve under a sub-path (e.g. `/kb/` on GitHub Pages) by setting KB_BASE at build time. */
const base = process.env.KB_BASE ?? '/';

export default defineConfig({
  site: process.env.KB_SITE ?? 'https://postmortems.example.com',
  base,
  trailingSlash: 'ignore',
  // Every incident page carries the same styles: one cached stylesheet beats 4 KB inlined into
  // each of 10,000 pages (less to render, to index and to download).
  build: { format: 'directory', inlineStylesheets: 'never' },
  // Scoped styles mark elements with a class, which joins the existing class attribute, instead of
  // a data attribute on each of them (about 9 KB of a 41 KB incident page).
  scopedStyleStrategy: 'class',
  // A <meta> Content-Security-Policy on every page: Astro adds hashes of the scripts and styles it
  // inlines, so no other inline script runs; content is rendered as text, and this is the backstop.
  security: {
    csp: {
      directives: [
        "default-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
      ],
      // Pagefind compiles its WebAssembly search in the page when its worker cannot start.
      scriptDirective: { resources: ["'self'", "'wasm-unsafe-eval'"] },
      // Chart heights and author-written MDX use style attributes, which cannot run code. Only
      // style-src-attr is widened: style-src stays Astro's default, 'self' plus the hashes it adds.
      styleDirective: { resources: [{ resource: "'unsafe-inline'", kind: 'attribute' }] },
    },
  },
  // Prism marks code with classes; Shiki colours it with inline styles, which a CSP forbids.
  markdown: { syntaxHighlight: 'prism' },
  // Pages whose cacheKey (src/data/page-keys.ts) and code are unchanged are copied from the last
  // build instead of rendered (the cache lives in node_modules/.astro/). Postmortems are rendered
  // at content sync, so no per-file module defeats it; a build test holds keys to byte-equal output.
  experimental: { incrementalBuild: true },
  integrations: [
    // For the site's own trusted pages only: postmortems are rendered by the content loader
    // (src/loaders/postmortems.ts) and never compiled.
    propagatedAssetsDirective(),
    mdx(),
    pagefindIndex(),
    // Other sort orders of a listing repeat its first page; only the default order is listed.
    sitemap({ filter: (page) => !isResortedListing(page) }),
  ],
});
