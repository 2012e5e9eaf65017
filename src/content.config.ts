import { defineCollection } from 'astro:content';
import { postmortemLoader } from './loaders/postmortems.ts';
import { postmortemSchema } from './lib/core/schema.ts';
import { CONTENT_DIR } from './site.config.ts';

/**
 * Postmortems live at the repository root so contributors find them without knowing Astro.
 * The loader checks and renders each file itself (see loaders/postmortems.ts); the schema here
 * gives pages their types.
 */
const postmortems = defineCollection({
  loader: postmortemLoader({ contentDir: CONTENT_DIR }),
  schema: postmortemSchema,
});

export const collections = { postmortems };
