/**
 * `/rss.xml`: the newest published postmortems, newest incident first, for feed readers.
 */
import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { getKnowledgeBase, href } from '../data/postmortems.ts';
import { routes } from '../lib/site/routes.ts';
import { labelOf, rootCauseCategories, severities } from '../lib/core/taxonomy.ts';
import { site as siteConfig } from '../site.config.ts';

/** Feed readers only need the recent entries; the JSON export has every postmortem. */
const FEED_SIZE = 50;

export const GET: APIRoute = async ({ site }) => {
  const { incidents } = await getKnowledgeBase();
  const newest = incidents.filter((incident) => incident.entry.data.status === 'published').slice(0, FEED_SIZE);
  return rss({
    title: siteConfig.title,
    description: siteConfig.description,
    // The channel links to the home page, base path included (items' links already carry it).
    site: new URL(href(), site ?? 'http://localhost').href,
    items: newest.map(({ entry, summary, times }) => ({
      title: entry.data.title,
      link: href(routes.postmortem(summary.id)),
      // The incident's start: the same "newest" the site's lists sort by.
      pubDate: times.sortMs === undefined ? undefined : new Date(times.sortMs),
      description: entry.data.summary,
      categories: [
        ...(entry.data.severity ? [labelOf(severities, entry.data.severity)] : []),
        ...entry.data.rootCause.categories.map((category) => labelOf(rootCauseCategories, category)),
        ...entry.data.services,
      ],
    })),
    customData: '<language>en</language>',
  });
};
