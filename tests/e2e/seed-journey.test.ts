import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { servedBuild } from '../helpers/served-build.ts';

describe('a reader finds a seed postmortem from the home page (Chromium, production build)', () => {
  const site = servedBuild();
  let page: Page;
  const errors: string[] = [];

  before(async () => {
    page = await site.browser.newPage();
    page.on('pageerror', (error) => errors.push(error.message));
  });

  it('follows links from home to the authentication-outage seed and shows its facts', async () => {
    await page.goto(site.server.url);
    assert.equal(await page.locator('h1').textContent(), 'Postmortem knowledge base');
    await page.getByRole('link', { name: /^All \d+ postmortems/ }).click();
    await page.waitForURL(/\/postmortems\/$/);
    await page.getByRole('link', { name: 'Authentication outage from a missing index on the user table' }).click();
    await page.waitForURL(/\/postmortems\/2024-03-08-authentication-outage-missing-index\/$/);

    assert.equal(
      await page.locator('h1').textContent(),
      'Authentication outage from a missing index on the user table',
    );
    const fact = async (label: string) =>
      (await page.locator(`.facts [data-fact="${label}"] dd`).textContent())?.trim();
    // Each moment with its time since the start; the day is written once, on "Started".
    const moment = (label: string) => page.locator(`.facts [data-fact="${label}"] time`);
    const since = async (name: string) => (await page.locator(`.facts [data-span="${name}"]`).textContent())?.trim();
    assert.equal(await moment('Started').textContent(), '2024-03-08 10:30 UTC');
    assert.equal(await moment('Detected').textContent(), '10:30 UTC');
    assert.equal(await moment('Mitigated').textContent(), '13:45 UTC');
    assert.equal(await moment('Resolved').textContent(), '14:45 UTC');
    assert.equal(await moment('Resolved').getAttribute('datetime'), '2024-03-08T14:45:00Z');
    assert.equal(await since('Time to detect'), '+0 s');
    assert.equal(await since('Time to mitigate'), '+3 h 15 min');
    assert.equal(await since('Duration'), '+4 h 15 min');
    // Detected at the start: time to resolve would be the duration again, so it is not shown twice.
    assert.equal(await page.locator('.facts [data-fact="Time to resolve"]').count(), 0);
    assert.equal(await fact('Users affected'), '30%');
    const facts = await page.locator('.facts').innerText();
    assert.match(facts, /SEV2/);
    assert.match(facts, /Database/);
    assert.match(facts, /Authentication service/, 'the service by its catalog name');
    assert.match(
      facts,
      /Monitoring alert: Automated monitoring alerts indicating a sudden spike in authentication failures\./,
    );

    assert.equal(await page.locator('[data-status-group] li').count(), 12);
    assert.match(await page.locator('.timeline').innerText(), /escalated to the DevOps and Backend Engineering teams/);
    assert.ok(
      (await page.getByRole('link', { name: 'Web stack outage from a database deadlock' }).count()) > 0,
      'related seed linked',
    );
    const edit = page.getByRole('link', { name: 'Edit this postmortem' });
    assert.match(
      (await edit.getAttribute('href')) ?? '',
      /content\/postmortems\/2024-03-08-authentication-outage-missing-index\.mdx$/,
    );
    assert.deepEqual(errors, []);
  });
});
