/**
 * A new contributor's first hour (issue 22), on a copy of the project's content: `npm run new`
 * with a misspelled service, five mistakes that one `npm run validate` run lists together,
 * `astro dev` showing that page with its problems in a banner (never a 404), and the fixed file
 * clean under `--strict`. Every command is the real one, in a child process; the browser waits
 * on page state and the dev server's own lines, never on a timer.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Root, RootContent } from 'mdast';
import { mdxToMdast } from 'satteri';
import { parseDocument } from 'yaml';
import type { Browser } from 'playwright-core';
import { splitSource } from '../../src/lib/content/frontmatter.ts';
import { isCommentOnly } from '../../src/lib/content/body.ts';
import { PROJECT_ROOT } from '../helpers/astro.ts';
import { launchChromium } from '../helpers/browser.ts';
import { startDevServer, type DevServer } from '../helpers/dev-server.ts';
import { projectTempDir } from '../helpers/tmp.ts';

const REPORT_LINE = /^(.+?):(\d+):(\d+) {2}(\S+) {2}(warning: )?(.+)$/;

interface Reported {
  file: string;
  line: number;
  field: string;
  severity: 'error' | 'warning';
  message: string;
}

/** The validator's one-line problems (`path:line:column  field  message`). */
function parseReport(output: string): Reported[] {
  return output.split('\n').flatMap((text) => {
    const match = REPORT_LINE.exec(text.trim());
    return match
      ? [
          {
            file: match[1],
            line: Number(match[2]),
            field: match[4],
            severity: match[5] ? ('warning' as const) : ('error' as const),
            message: match[6],
          },
        ]
      : [];
  });
}

function run(script: string, args: string[]) {
  const result = spawnSync(process.execPath, [join(PROJECT_ROOT, script), ...args], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    // Not a terminal: `new` must not prompt.
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** The text with its frontmatter rewritten through the YAML tree (the scaffold's comments stay), body unchanged. */
function withFrontmatter(text: string, edit: (doc: ReturnType<typeof parseDocument>) => void): string {
  const split = splitSource(text);
  assert.ok(split.yaml !== undefined, 'the file has a frontmatter block');
  const doc = parseDocument(split.yaml);
  edit(doc);
  const lines = text.split('\n');
  return ['---', doc.toString().trimEnd(), '---', ...lines.slice(split.bodyStartLine - 1)].join('\n');
}

/** `minutes` after the time `started` (as written, with its zone), as an ISO 8601 time in UTC. */
function at(started: string, minutes: number): string {
  return new Date(Date.parse(started) + minutes * 60_000).toISOString().replace('.000Z', 'Z');
}

/** What a responder would write under each of the scaffold's headings (plain, blameless facts). */
function sentenceFor(heading: string): string {
  const says: [RegExp, string][] = [
    [
      /summary/i,
      'Checkout failed for about 20% of users for 25 minutes after a release exhausted the payment client connection pool.',
    ],
    [/impact/i, 'About 20% of checkout attempts returned HTTP 500 between 14:05 and 14:30 UTC.'],
    [
      /timeline|chronology/i,
      'At 14:05 the release finished, at 14:09 the error-rate alert fired, and at 14:22 the release was rolled back.',
    ],
    [
      /cause/i,
      'The release opened a new connection per request, so the pool limit of 50 was reached under normal load.',
    ],
    [
      /resolution|recovery|fix/i,
      'Rolling the release back restored connection reuse, and errors stopped by 14:30 UTC.',
    ],
    [/action|follow/i, 'The payments team adds an alert on pool saturation and a load test for client upgrades.'],
    [/lesson/i, 'The canary showed the errors but did not stop the rollout; canary failures now block it.'],
  ];
  return (
    says.find(([pattern]) => pattern.test(heading))?.[1] ??
    'The responders first suspected the payment provider, until the pool metrics pointed at the release.'
  );
}

/**
 * Writes each scaffolded section as an author would: every prompt (a comment) is replaced by a
 * sentence, and a heading left with nothing under it gets one. Found on the Markdown tree.
 */
function withSections(text: string): string {
  const split = splitSource(text);
  const body = split.body;
  const tree = mdxToMdast(body.endsWith('\n') ? body : `${body}\n`, {
    features: { frontmatter: false, gfm: true },
    position: true,
  }) as Root;
  const edits: { start: number; end: number; text: string }[] = [];
  const textOf = (node: RootContent): string =>
    'value' in node && typeof node.value === 'string'
      ? node.value
      : 'children' in node
        ? (node.children as RootContent[]).map(textOf).join('')
        : '';
  const isPrompt = (node: RootContent) =>
    (node.type === ('mdxFlowExpression' as string) && isCommentOnly(String((node as { value?: string }).value))) ||
    (node.type === 'html' && node.value.trimStart().startsWith('<!--'));
  let heading: { text: string; end: number; written: boolean } | undefined;
  const finish = () => {
    if (heading && !heading.written)
      edits.push({ start: heading.end, end: heading.end, text: `\n\n${sentenceFor(heading.text)}` });
  };
  for (const node of tree.children) {
    const start = node.position!.start.offset!;
    const end = node.position!.end.offset!;
    if (node.type === 'heading') {
      finish();
      heading = { text: textOf(node), end, written: false };
    } else if (isPrompt(node)) {
      edits.push({ start, end, text: heading && !heading.written ? sentenceFor(heading.text) : '' });
      if (heading) heading.written = true;
    } else if (heading) {
      heading.written = true;
    }
  }
  finish();
  let written = body;
  for (const edit of edits.sort((a, b) => b.start - a.start)) {
    written = written.slice(0, edit.start) + edit.text + written.slice(edit.end);
  }
  return text.slice(0, text.length - body.length) + written;
}

/**
 * How long a page may take before the test gives up: the dev server compiles a page on its first
 * request, which on a loaded machine takes longer than Playwright's 30 s default. Not a wait.
 */
const PATIENCE = 120_000;

const MISTAKES = ['severity', 'services[0]', 'rootCause.categories[0]', 'detection.method', 'mitigated'];

describe(
  'a contributor’s first hour: new, validate, astro dev, --strict (Chromium, dev server)',
  { timeout: 600_000 },
  () => {
    let dir: string;
    let content: string;
    let newRun: { status: number | null; output: string };
    let file: string;
    let shown: string;
    let validate: { status: number | null; output: string };
    let validated: Reported[];

    before(() => {
      dir = projectTempDir('journey-');
      cpSync(join(PROJECT_ROOT, 'content'), dir, { recursive: true });
      content = join(dir, 'postmortems');
      const before = new Set(readdirSync(content));
      const args = [
        '--title',
        'Checkout errors after a payment client release',
        '--started',
        '2026-11-02 14:05 UTC',
        '--severity',
        'sev2',
        '--dir',
        content,
      ];
      newRun = run('src/cli/new.ts', [...args, '--services', 'chekout-api']);
      let created = readdirSync(content).filter((name) => !before.has(name));
      // A `new` that refuses the misspelling writes nothing; the contributor runs it again, spelled right.
      if (created.length === 0) {
        const again = run('src/cli/new.ts', [...args, '--services', 'checkout-api']);
        assert.equal(again.status, 0, again.output);
        created = readdirSync(content).filter((name) => !before.has(name));
      }
      assert.equal(created.length, 1, `one new file in ${content}: ${created.join(', ')}\n${newRun.output}`);
      file = join(content, created[0]);
      shown = resolve(file).slice(PROJECT_ROOT.length + 1);

      // Five mistakes of different kinds, which used to come out over four rounds of validate.
      const scaffolded = readFileSync(file, 'utf8');
      const mistaken = withFrontmatter(scaffolded, (doc) => {
        const started = String(doc.get('started'));
        doc.set('severity', 'sev5');
        doc.set('services', doc.createNode(['payments-gatway']));
        doc.setIn(['rootCause', 'categories'], doc.createNode(['certificate']));
        doc.setIn(['detection', 'method'], 'pager');
        // Fifteen minutes before it started.
        doc.set('mitigated', at(started, -15));
      });
      writeFileSync(file, mistaken);
      validate = run('src/cli/validate.ts', ['--content-dir', content, file]);
      validated = parseReport(validate.output).filter((problem) => problem.file === shown);
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('npm run new names the service meant for a misspelled one', () => {
      assert.match(newRun.output, /chekout-api/, 'the misspelled service is named');
      assert.match(newRun.output, /did you mean[^\n]*"checkout-api"/i, 'with the declared service it resembles');
      if (newRun.status === 0) {
        // Written anyway (as a draft may be): the file keeps what the contributor typed.
        assert.deepEqual(parseDocument(splitSource(readFileSync(file, 'utf8')).yaml!).toJS().services, ['chekout-api']);
      }
    });

    it('one npm run validate lists all five mistakes, each where it was written', () => {
      assert.equal(validate.status, 1, validate.output);
      assert.deepEqual(
        validated
          .filter((problem) => problem.severity === 'error')
          .map((problem) => problem.field)
          .sort(),
        [...MISTAKES].sort(),
        validate.output,
      );
      const lines = readFileSync(file, 'utf8').split('\n');
      const at = (field: string) => lines[validated.find((problem) => problem.field === field)!.line - 1];
      assert.match(at('severity'), /sev5/);
      assert.match(at('services[0]'), /payments-gatway/);
      assert.match(at('rootCause.categories[0]'), /certificate/);
      assert.match(at('detection.method'), /pager/);
      assert.match(at('mitigated'), /mitigated/);
      assert.match(validate.output, /^✗ 5 problems in 1 file/m);
    });

    describe('astro dev', () => {
      let server: DevServer;
      let browser: Browser;
      const url = () => `${server.url}postmortems/${file.slice(file.lastIndexOf('/') + 1).replace(/\.mdx?$/, '')}/`;

      before(async () => {
        server = await startDevServer({ contentDir: content });
        browser = await launchChromium();
      });
      after(async () => {
        try {
          await browser?.close();
        } finally {
          await server?.close();
        }
      });

      it('shows the page with each problem in a banner, as validate words it, and the frontmatter as written', async () => {
        const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
        page.setDefaultTimeout(PATIENCE);
        const response = await page.goto(url());
        assert.equal(response?.status(), 200, 'a page, not a 404');
        await page.locator('[data-preview-banner="invalid"]').waitFor();
        assert.match(await page.locator('.preview-lead').innerText(), /^Not valid — not published;/);
        const listed = await page.locator('li[data-preview-problem="error"]').evaluateAll((items) =>
          items.map((item) => ({
            line: Number(item.getAttribute('data-line')),
            field: item.getAttribute('data-field'),
            message: item.querySelector('.preview-message')?.textContent,
          })),
        );
        const expected = validated
          .filter((problem) => problem.severity === 'error')
          .map(({ line, field, message }) => ({ line, field, message }));
        assert.deepEqual(listed, expected, 'the same problems, lines and messages as npm run validate');
        const lines = readFileSync(file, 'utf8').split('\n');
        for (const { line } of expected) {
          assert.equal(
            await page.locator(`[data-source-line="${line}"] .source-text`).textContent(),
            lines[line - 1],
            `line ${line} as written`,
          );
        }
        await page.close();
      });

      it('the banner page has no axe violation in either theme, on a desktop and on a phone', async () => {
        const violations: string[] = [];
        for (const colorScheme of ['light', 'dark'] as const) {
          for (const width of [1280, 390]) {
            const context = await browser.newContext({ colorScheme, viewport: { width, height: 900 } });
            const page = await context.newPage();
            page.setDefaultTimeout(PATIENCE);
            await page.goto(url());
            await page.locator('[data-preview-banner]').waitFor();
            const results = await new AxeBuilder({ page }).analyze();
            violations.push(
              ...results.violations.flatMap((violation) =>
                violation.nodes.map(
                  (node) =>
                    `${colorScheme} ${width} px: ${violation.id} (${violation.impact}) at ${node.target.join(' ')}`,
                ),
              ),
            );
            const sideways = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
            assert.equal(sideways, false, `${colorScheme} ${width} px: no sideways scrolling`);
            await context.close();
          }
        }
        assert.deepEqual(violations, []);
      });

      it('once the mistakes are fixed the page is the draft with its banner, and none of --strict’s advice is about the scaffold itself', async () => {
        const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
        page.setDefaultTimeout(PATIENCE);
        await page.goto(url());
        await page.locator('[data-preview-banner="invalid"]').waitFor();
        const since = server.output().length;
        // Every fix in one save, as an editor writes it.
        writeFileSync(
          file,
          withFrontmatter(readFileSync(file, 'utf8'), (doc) => {
            const started = String(doc.get('started'));
            doc.set('severity', 'sev2');
            doc.set('services', doc.createNode(['checkout-api']));
            doc.setIn(['rootCause', 'categories'], doc.createNode(['software-bug']));
            doc.setIn(['detection', 'method'], 'monitoring-alert');
            doc.set('mitigated', at(started, 25));
          }),
        );
        // The dev server reloads the folder and the page itself; both are waited on, not timed.
        await server.waitForLine(/postmortems valid/, since);
        await page.locator('[data-preview-banner="unpublished"]').waitFor();
        assert.match(
          await page.locator('.preview-lead').innerText(),
          /^Draft — not published; a production build leaves it out until its status is "published"\.$/,
        );
        assert.equal(await page.locator('main h1').innerText(), 'Checkout errors after a payment client release');

        const strict = run('src/cli/validate.ts', ['--content-dir', content, '--strict', file]);
        assert.equal(strict.status, 0, strict.output);
        const advice = parseReport(strict.output).filter((problem) => problem.file === shown);
        assert.deepEqual(
          advice.filter((problem) => problem.severity === 'error' || problem.field === '(body)'),
          [],
          `no error, and no advice about the scaffold's own sections:\n${strict.output}`,
        );
        // The draft's banner lists what --strict advises, in the same words.
        const listed = await page.locator('li[data-preview-problem="warning"]').evaluateAll((items) =>
          items.map((item) => ({
            line: Number(item.getAttribute('data-line')),
            field: item.getAttribute('data-field'),
            message: item.querySelector('.preview-message')?.textContent,
          })),
        );
        assert.deepEqual(
          listed,
          advice.map(({ line, field, message }) => ({ line, field, message })),
        );
        await page.close();
      });

      it('once written, the file is clean under --strict: no error, no warning', async () => {
        const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
        page.setDefaultTimeout(PATIENCE);
        await page.goto(url());
        await page.locator('[data-preview-banner="unpublished"]').waitFor();
        // The contributor writes what review asks for: the fields, and the story under each heading.
        const written = withFrontmatter(readFileSync(file, 'utf8'), (doc) => {
          const started = String(doc.get('started'));
          doc.set('summary', sentenceFor('summary'));
          doc.setIn(['impact', 'description'], sentenceFor('impact'));
          doc.setIn(['rootCause', 'description'], sentenceFor('root cause'));
          doc.set('resolution', sentenceFor('resolution'));
          doc.set(
            'timeline',
            doc.createNode([
              { at: at(started, 4), kind: 'detection', event: 'The checkout error-rate alert fired.' },
              { at: at(started, 17), kind: 'mitigation', event: 'The payment client release was rolled back.' },
            ]),
          );
          doc.set(
            'actionItems',
            doc.createNode([
              {
                title: 'Alert on payment client pool saturation.',
                term: 'short',
                type: 'detect',
                owner: 'Payments team',
              },
            ]),
          );
        });
        writeFileSync(file, withSections(written));
        const strict = run('src/cli/validate.ts', ['--content-dir', content, '--strict', file]);
        assert.deepEqual(
          parseReport(strict.output).filter((problem) => problem.file === shown),
          [],
          `no error and no warning:\n${strict.output}`,
        );
        assert.equal(strict.status, 0, strict.output);
        assert.match(strict.output, /^✓ \d+ postmortems? valid \([\d.]+ s\)/m);
        // The page follows: the draft banner, with nothing left to fix or to review.
        await page.locator('li[data-preview-problem]').first().waitFor({ state: 'detached' });
        assert.match(await page.locator('.preview-lead').innerText(), /^Draft — not published;/);
        await page.close();
      });
    });
  },
);
