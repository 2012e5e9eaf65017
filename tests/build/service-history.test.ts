/**
 * A public Backstage catalog (tests/corpus/catalog/backstage, from backstage/backstage) as the
 * whole service catalog of a small site whose postmortems name some of its components: each
 * component's page shows its incidents and history, and `/services/<slug>.json` holds numbers
 * recomputed here from the postmortem files themselves. One build; the chart is checked in Chromium.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { Browser } from 'playwright-core';
import { astroBuild, PROJECT_ROOT } from '../helpers/astro.ts';
import { launchChromium } from '../helpers/browser.ts';
import { serveStatic, type StaticServer } from '../helpers/static-server.ts';
import { splitSource } from '../../src/lib/content/frontmatter.ts';
import type { ServiceExport } from '../../src/lib/site/service-export.ts';

const CONTENT = 'tests/fixtures/backstage-site/postmortems';
const CORPUS = 'tests/corpus/catalog/backstage';
const catalog = readdirSync(join(PROJECT_ROOT, CORPUS))
  .filter((name) => name.endsWith('.yaml'))
  .map((name) => join(CORPUS, name));

interface Written {
  id: string;
  title: string;
  services: string[];
  started: string;
  resolved?: string;
  kind?: string;
  rootCause?: { contributingFactors?: (string | { factor: string; note: string })[] };
  actionItems?: { title: string; status: string; due?: string }[];
}
/** The postmortems as written: the numbers below are recomputed from these, not from the build's code. */
const written: Written[] = readdirSync(join(PROJECT_ROOT, CONTENT)).map((name) => ({
  id: name.replace(/\.mdx$/, ''),
  ...(parse(splitSource(readFileSync(join(PROJECT_ROOT, CONTENT, name), 'utf8')).yaml!) as Omit<Written, 'id'>),
}));
const of = (service: string) =>
  written.filter((pm) => pm.services.includes(service)).sort((a, b) => Date.parse(b.started) - Date.parse(a.started));

describe('a public Backstage catalog as the catalog of a fixture site', () => {
  let outDir: string;
  let build: ReturnType<typeof astroBuild>;
  const page = (path: string) => readFileSync(join(outDir, path), 'utf8');
  const json = (slug: string) => JSON.parse(page(`services/${slug}.json`)) as ServiceExport;
  before(() => {
    outDir = mkdtempSync(join(tmpdir(), 'kb-backstage-'));
    build = astroBuild({ outDir, contentDir: join(PROJECT_ROOT, CONTENT), catalog });
  });
  after(() => rmSync(outDir, { recursive: true, force: true }));

  it('builds, reading the Backstage files as the catalog', () => {
    assert.equal(build.status, 0, build.output);
    assert.match(build.output, /5 postmortems valid/);
  });

  it('gives every component a postmortem names a page with its incidents, owner and system', () => {
    const services = [...new Set(written.flatMap((pm) => pm.services))].sort();
    assert.deepEqual(services, ['artist-lookup', 'example-website', 'playback-order', 'www-artist']);
    for (const service of services) {
      const html = page(`services/${service}/index.html`);
      for (const pm of of(service))
        assert.ok(html.includes(`href="/postmortems/${pm.id}/"`), `${service} lists ${pm.id}`);
      for (const pm of written.filter((pm) => !pm.services.includes(service)))
        assert.ok(!html.includes(`<a href="/postmortems/${pm.id}/"`), `${service} does not list ${pm.id}`);
      assert.match(html, /data-service-history/);
    }
    const artist = page('services/artist-lookup/index.html');
    assert.match(artist, /<h1[^>]*>Service: artist-lookup<\/h1>/);
    assert.match(artist, /Owned by <strong[^>]*>team-a<\/strong>/);
    assert.match(artist, /Part of the system <strong[^>]*>Artist Engagement Portal<\/strong>/);
    assert.match(page('services/playback-order/index.html'), /Owned by <strong[^>]*>guest<\/strong>/);
    // The index groups them by system, as the catalog declares it.
    const index = page('services/index.html');
    assert.match(index, /<th scope="col"[^>]*>System<\/th>/);
    assert.match(index, /href="\/services\/playback-order\/"[^]*?<td data-label="System"[^>]*>audio-playback<\/td>/);
  });

  it('writes /services/<slug>.json with the numbers the files give', () => {
    for (const service of ['artist-lookup', 'www-artist', 'playback-order', 'example-website']) {
      const data = json(service);
      const own = of(service);
      const buildDay = Date.parse(data.generatedAt);
      assert.equal(data.service.slug, service);
      assert.equal(data.service.ref, `component:default/${service}`);
      assert.deepEqual(
        data.incidents.map((incident) => incident.id),
        own.map((pm) => pm.id),
      );
      for (const [i, pm] of own.entries()) {
        const minutes =
          pm.resolved && pm.started.includes('T')
            ? (Date.parse(pm.resolved) - Date.parse(pm.started)) / 60_000
            : undefined;
        assert.equal(data.incidents[i].durationMinutes, minutes, pm.id);
        assert.equal(data.incidents[i].kind, pm.kind ?? 'incident');
      }
      const open = own.flatMap((pm) =>
        (pm.actionItems ?? []).filter((item) => item.status === 'open' || item.status === 'in-progress'),
      );
      assert.deepEqual(data.openFollowUps.map((item) => item.title).sort(), open.map((item) => item.title).sort());
      assert.equal(
        data.counts.overdueFollowUps,
        open.filter((item) => item.due && Date.parse(item.due) < buildDay).length,
      );
      const years = new Map<number, number>();
      for (const pm of own)
        years.set(new Date(pm.started).getUTCFullYear(), (years.get(new Date(pm.started).getUTCFullYear()) ?? 0) + 1);
      assert.deepEqual(
        data.overTime.filter((period) => period.incidents > 0).map((period) => [period.from, period.incidents]),
        [...years].sort((a, b) => a[0] - b[0]),
      );
      const factors = new Map<string, number>();
      for (const pm of own)
        for (const factor of new Set(
          (pm.rootCause?.contributingFactors ?? []).flatMap((item) => (typeof item === 'string' ? [] : [item.factor])),
        ))
          factors.set(factor, (factors.get(factor) ?? 0) + 1);
      assert.deepEqual(
        data.factors.map((factor) => [factor.factor, factor.count]),
        [...factors].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])),
      );
      assert.equal(
        data.unclassifiedFactors,
        own.flatMap((pm) => (pm.rootCause?.contributingFactors ?? []).filter((item) => typeof item === 'string'))
          .length,
      );
      const starts = own.map((pm) => Date.parse(pm.started)).sort((a, b) => a - b);
      assert.deepEqual(
        data.recurrence.gapsDays.map((gap) => gap.days),
        starts.slice(1).map((start, i) => Math.round(((start - starts[i]) / 86_400_000) * 10) / 10),
      );
    }
    assert.deepEqual(json('artist-lookup').factors, [
      { factor: 'config-push', name: 'Config push', count: 1, nearMisses: 0 },
    ]);
    // The deploy's follow-up was done before the cache stampede: a recurrence after follow-ups.
    assert.deepEqual(json('artist-lookup').recurrence.afterFollowUps, [
      {
        id: '2024-03-01-artist-lookup-cache-stampede',
        earlierId: '2024-02-12-artist-lookup-timeouts-after-deploy',
        categories: ['software-bug'],
      },
    ]);
  });

  describe('in Chromium', () => {
    let server: StaticServer;
    let browser: Browser;
    before(async () => {
      server = await serveStatic(outDir);
      browser = await launchChromium();
    });
    after(async () => {
      await browser?.close();
      await server?.close();
    });

    it('draws the history chart from its table, and the page fits a phone', async () => {
      for (const width of [1280, 390]) {
        const tab = await browser.newPage({ viewport: { width, height: 900 } });
        await tab.goto(`${server.url}services/artist-lookup/`);
        await tab.waitForSelector('figure[data-figure="service-history"][data-drawn="chart"]');
        const plotted = await tab.evaluate(() => {
          const canvas = document.querySelector<HTMLCanvasElement>('figure[data-figure="service-history"] canvas')!;
          const chart = window.kbCharts!.getChart(canvas)!;
          return { labels: chart.data.labels, data: chart.data.datasets.map((set) => set.data) };
        });
        const expected = json('artist-lookup').overTime;
        assert.deepEqual(plotted, {
          labels: expected.map((period) => period.label),
          data: [expected.map((period) => period.incidents), expected.map((period) => period.nearMisses)],
        });
        assert.equal(
          await tab.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
          0,
          `no sideways scroll at ${width}`,
        );
        await tab.close();
      }
    });
  });
});
