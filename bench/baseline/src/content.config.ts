/** Baseline collection: the same glob over the same corpus, no schema (data passes through). */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';

const base = process.env.BENCH_CONTENT_DIR;
if (!base) throw new Error('BENCH_CONTENT_DIR must name the corpus folder');

export const collections = {
  postmortems: defineCollection({ loader: glob({ base, pattern: '*.{md,mdx}' }) }),
};
