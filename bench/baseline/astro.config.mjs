// The bare baseline: Astro and MDX with nothing else, to measure what this site adds.
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';

export default defineConfig({ integrations: [mdx()] });
