/**
 * The follow-up tracker against the production build: every outstanding action item of the
 * published postmortems once, under its owner, linked to its postmortem, with the overdue count.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readPostmortems } from '../helpers/insights-oracle.ts';
import { DIST, servedBuild } from '../helpers/served-build.ts';

const outstanding = (status: string) => status === 'open' || status === 'in-progress';

describe('follow-up tracker (production build)', () => {
  const site = servedBuild('follow-ups/index.html');

  it('lists every outstanding item once, linked to its postmortem, with the overdue count', async () => {
    const html = readFileSync(join(DIST, 'follow-ups/index.html'), 'utf8');
    const published = readPostmortems().filter((pm) => pm.status === 'published');
    const nowMs = Date.parse(/datetime="([^"]+)"/.exec(html)![1]);
    const items = published.flatMap((pm) =>
      pm.actionItems.filter((item) => outstanding(item.status)).map((item) => ({ ...item, id: pm.id })),
    );
    const overdue = items.filter((item) => item.due && Date.parse(`${item.due}T23:59:59Z`) < nowMs);
    const page = await site.browser.newPage();
    await page.goto(`${site.server.url}follow-ups/`);
    const number = async (key: string) => Number(await page.locator(`[data-stat="${key}"] dd`).textContent());
    assert.equal(await number('outstanding'), items.length);
    assert.equal(await number('overdue'), overdue.length);
    assert.equal(await page.locator('ul.items > li').count(), items.length);
    assert.equal(await page.locator('ul.items > li[data-overdue]').count(), overdue.length);
    // Each owner's section holds exactly that owner's items.
    const owners = await page
      .locator('section[data-owner]')
      .evaluateAll((sections) =>
        sections.map((section) => [(section as HTMLElement).dataset.owner, section.querySelectorAll('li').length]),
      );
    const expectedOwners = new Map<string, number>();
    for (const item of items)
      expectedOwners.set(
        item.owner?.trim() || 'Unassigned',
        (expectedOwners.get(item.owner?.trim() || 'Unassigned') ?? 0) + 1,
      );
    assert.deepEqual(new Map(owners as [string, number][]), expectedOwners);
    const links = await page
      .locator('ul.items > li .from a')
      .evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href')));
    assert.deepEqual(
      links.map((href) => href!.replace(/^\/postmortems\/|\/$/g, '')).sort(),
      items.map((item) => item.id).sort(),
    );
  });
});
