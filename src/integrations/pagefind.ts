/**
 * Writes the search index as the last step of a bare `astro build` (tests, `astro build` typed
 * by hand), so every build has working search. `npm run build` instead writes it after Astro
 * has exited (src/cli/build.ts), which keeps the build's peak memory to the larger of the two
 * processes rather than their sum; this hook then only says so.
 */
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { AFTER_BUILD, SEARCH_INDEX_ENV, writeSearchIndex } from '../node/search-index.ts';

export interface PagefindOptions {
  /** Folder below the build output that receives the index; the site loads `${base}${bundleDir}/`. */
  bundleDir?: string;
}

export default function pagefindIndex(options: PagefindOptions = {}): AstroIntegration {
  return {
    name: 'postmortem-search-index',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        if (process.env[SEARCH_INDEX_ENV] === AFTER_BUILD) {
          logger.info('search index: written once Astro has exited (npm run build)');
          return;
        }
        logger.info(await writeSearchIndex(fileURLToPath(dir), (message) => logger.warn(message), options.bundleDir));
      },
    },
  };
}
