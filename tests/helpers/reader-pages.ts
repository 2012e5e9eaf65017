/**
 * One page of each kind a reader meets, for the checks that sweep the built site (accessibility,
 * layout on a phone), and the wait for what a page draws after it loads.
 */
import type { Page } from 'playwright-core';

export const READER_PAGES = [
  { name: 'home', path: '' },
  { name: 'list', path: 'postmortems/' },
  { name: 'facet', path: 'services/auth-service/' },
  { name: 'missing-index seed', path: 'postmortems/2024-03-08-authentication-outage-missing-index/' },
  { name: 'deadlock seed', path: 'postmortems/2023-10-10-web-stack-outage-database-deadlock/' },
  { name: 'near miss', path: 'postmortems/2025-11-18-notification-sms-rate-limit-unit-halted-by-canary/' },
  { name: 'factors', path: 'factors/' },
  { name: 'lessons', path: 'lessons/' },
  { name: 'lessons: what went well', path: 'lessons/went-well/' },
  { name: 'search', path: 'search/?q=database' },
  { name: 'search with a filter', path: 'search/?q=index&category=database' },
  { name: 'insights', path: 'insights/' },
  { name: 'insights: factors and coordination', path: 'insights/factors/' },
  { name: 'follow-ups', path: 'follow-ups/' },
  { name: '404', path: 'postmortems/no-such-incident/' },
];

/** Waits for what a page draws after load (search results, charts), so a check sees the finished page. */
export async function settle(page: Page, path: string): Promise<void> {
  if (path.startsWith('search/')) await page.locator('kb-search-page .kb-result').first().waitFor();
  if (path.startsWith('insights/'))
    await page.locator('figure[data-chart] .chart-box:not([hidden]) canvas').first().waitFor();
}
