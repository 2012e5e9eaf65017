/**
 * Astro 7.3 writes a `"use astro:head-inject";` directive at the top of the module it makes
 * for each rendered collection entry (`*.mdx?astroPropagatedAssets`). Nothing reads it any
 * more (head propagation is flagged by `__astroPropagation` on the module's export), but the
 * bundler warns once per postmortem that the directive "may not be preserved": seven lines a
 * file, every build. This Vite plugin drops the dead directive where it is written.
 * Upstream: https://github.com/withastro/astro/issues/18087; remove once Astro stops emitting it.
 */
import type { AstroIntegration } from 'astro';

const DIRECTIVE = /^\s*"use astro:head-inject";/;

export default function propagatedAssetsDirective(): AstroIntegration {
  return {
    name: 'postmortem-propagated-assets-directive',
    hooks: {
      'astro:config:setup': ({ updateConfig }) => {
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'postmortem:drop-head-inject-directive',
                enforce: 'post',
                transform: {
                  filter: { id: /[?&]astroPropagatedAssets(?:&|=|$)/ },
                  handler(code) {
                    if (!DIRECTIVE.test(code)) return undefined;
                    // Blanked rather than cut, so every line keeps its place and no source map is needed.
                    const blanked = code.replace(DIRECTIVE, (directive) => directive.replace(/[^\n]/g, ' '));
                    return { code: blanked, map: { mappings: '' } };
                  },
                },
              },
            ],
          },
        });
      },
    },
  };
}
