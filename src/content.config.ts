import { defineCollection } from 'astro:content';
import { postmortemLoaders } from './loaders/postmortems.ts';
import { postmortemSchema } from './lib/core/schema.ts';
import { previewRecordSchema } from './lib/content/preview.ts';
import { CONTENT_DIR } from './site.config.ts';

/**
 * Postmortems live at the repository root so contributors find them without knowing Astro.
 * The loader checks and renders each file itself (see loaders/postmortems.ts); the schema here
 * gives pages their types.
 */
const loaders = postmortemLoaders({ contentDir: CONTENT_DIR });

const postmortems = defineCollection({
  loader: loaders.postmortems,
  schema: postmortemSchema,
});

/**
 * Dev only: one record per file a production build leaves out (problems, drafts, in review),
 * so `astro dev` shows each with a banner instead of a 404. Empty in a production build.
 */
const postmortemPreviews = defineCollection({
  loader: loaders.previews,
  schema: previewRecordSchema,
});

export const collections = { postmortems, postmortemPreviews };
