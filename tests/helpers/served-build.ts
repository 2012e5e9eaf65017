/**
 * The production build (dist/) served as any static host would, with Chromium to read it: a
 * suite calls `servedBuild()` once and gets both before its first test, closed after its last.
 */
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { PROJECT_ROOT } from './astro.ts';
import { launchChromium } from './browser.ts';
import { serveStatic, type StaticServer } from './static-server.ts';

export const DIST = join(PROJECT_ROOT, 'dist');

export interface ServedBuild {
  server: StaticServer;
  browser: Browser;
}

/** Registers the hooks on the calling suite; `needs` is a file of dist/ the suite reads, to fail clearly without a build. */
export function servedBuild(needs = 'index.html'): ServedBuild {
  const site = {} as ServedBuild;
  before(async () => {
    assert.ok(existsSync(join(DIST, needs)), `dist/${needs} is missing: run \`npm run build\` first (npm test does)`);
    site.server = await serveStatic(DIST);
    site.browser = await launchChromium();
  });
  after(async () => {
    await site.browser?.close();
    await site.server?.close();
  });
  return site;
}
