import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { postmortemSchema } from './lib/core/schema.ts';
import { CONTENT_DIR } from './site.config.ts';

/** Postmortems live at the repository root so contributors find them without knowing Astro. */
const postmortems = defineCollection({
  loader: glob({ base: CONTENT_DIR, pattern: '*.{md,mdx}' }),
  schema: postmortemSchema,
});

export const collections = { postmortems };
