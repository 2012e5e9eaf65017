/**
 * `astro dev` on a folder of broken and hostile postmortems (the bad-input cases and the
 * hostile-content corpus): every postmortem file has a page, never a 404; a file with problems
 * lists exactly the problems `npm run validate` gives it, with the same messages; a body with a
 * problem is never shown; and nothing in the content runs (the attacks' marker never appears).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import { badInputCases } from '../fixtures/bad-input/cases.ts';
import { PROJECT_ROOT } from '../helpers/astro.ts';
import { startDevServer, type DevServer } from '../helpers/dev-server.ts';
import { stageCorpus } from '../helpers/hostile-corpus.ts';
import { postmortemText, validFrontmatter } from '../helpers/postmortem.ts';
import { projectTempDir } from '../helpers/tmp.ts';
import { idOf, POSTMORTEM_EXTENSIONS, type Problem } from '../../src/lib/content/problems.ts';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

const MARKER = resolve(PROJECT_ROOT, 'tmp', `dev-hostile-marker-${process.pid}`);

function elements(node: Node, found: Element[] = []): Element[] {
  if ('tagName' in node) found.push(node);
  const children = 'childNodes' in node ? node.childNodes : [];
  for (const child of children) elements(child as Node, found);
  if ('content' in node && node.content) elements(node.content as Node, found);
  return found;
}

function textOf(node: Node): string {
  if (node.nodeName === '#text') return (node as DefaultTreeAdapterMap['textNode']).value;
  return 'childNodes' in node ? node.childNodes.map((child) => textOf(child as Node)).join('') : '';
}

const attribute = (element: Element, name: string) => element.attrs.find((attr) => attr.name === name)?.value;

/** What a dev page shows: its banner, the problems listed in it, whether the body was withheld. */
function readPage(html: string) {
  const all = elements(parse(html));
  const banner = all.find((element) => attribute(element, 'data-preview-banner') !== undefined);
  const problems = all
    .filter((element) => attribute(element, 'data-preview-problem') === 'error')
    .map((item) => ({
      line: Number(attribute(item, 'data-line')),
      field: attribute(item, 'data-field'),
      message: textOf(elements(item).find((element) => attribute(element, 'class')?.includes('preview-message'))!),
    }));
  return {
    banner: banner && attribute(banner, 'data-preview-banner'),
    problems,
    withheld: all.some((element) => attribute(element, 'data-body-withheld') !== undefined),
  };
}

describe('astro dev gives every broken or hostile postmortem a page with its problems', { timeout: 600_000 }, () => {
  let dir: string;
  let content: string;
  let server: DevServer;
  let problems: Problem[];
  let files: string[];

  before(async () => {
    rmSync(MARKER, { force: true });
    dir = projectTempDir('dev-preview-');
    content = join(dir, 'content');
    const staged = stageCorpus(content);
    writeFileSync(join(dir, 'outside.mdx'), postmortemText(validFrontmatter()));
    for (const testCase of badInputCases) {
      const path = join(content, testCase.file);
      if (testCase.symlinkTo) symlinkSync(testCase.symlinkTo, path);
      else writeFileSync(path, typeof testCase.content === 'function' ? testCase.content() : testCase.content);
    }
    files = [...staged.map((entry) => entry.staged), ...badInputCases.map((testCase) => testCase.file)].filter((name) =>
      POSTMORTEM_EXTENSIONS.some((extension) => name.toLowerCase().endsWith(extension)),
    );
    const validate = spawnSync(process.execPath, ['src/cli/validate.ts', '--content-dir', content, '--json'], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
      env: { ...process.env, KB_HOSTILE_MARKER: MARKER },
    });
    assert.equal(validate.status, 1, validate.stderr);
    problems = JSON.parse(validate.stdout);
    mkdirSync(join(PROJECT_ROOT, 'tmp'), { recursive: true });
    server = await startDevServer({ contentDir: content, env: { KB_HOSTILE_MARKER: MARKER } });
  });
  after(async () => {
    try {
      await server?.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
      rmSync(MARKER, { force: true });
    }
  });

  it('shows each file with problems as a page listing what validate lists, and no body that has a problem', async () => {
    const wrong: string[] = [];
    let pages = 0;
    for (const name of files) {
      const id = idOf(name);
      // Names no URL segment can carry have no page (their problems stay in the terminal).
      if (/[/\\?#%\u0000-\u001f\u007f-\u009f]/.test(id)) continue;
      const file = join(content, name);
      const errors = problems.filter((problem) => problem.file === file && problem.severity === 'error');
      const response = await fetch(`${server.url}postmortems/${encodeURIComponent(id)}/`);
      const page = readPage(await response.text());
      pages++;
      if (response.status !== 200) {
        wrong.push(`${name}: HTTP ${response.status}`);
        continue;
      }
      if (errors.length === 0) {
        if (page.banner === 'invalid') wrong.push(`${name}: valid, yet shown as invalid`);
        continue;
      }
      // Two files with one id (x.md and x.mdx) share a page that lists both.
      const twins = problems.filter(
        (problem) => problem.severity === 'error' && idOf(problem.file.slice(problem.file.lastIndexOf('/') + 1)) === id,
      );
      if (page.banner !== 'invalid') wrong.push(`${name}: banner ${page.banner}`);
      const listed = page.problems.map((problem) => `${problem.line} ${problem.field} ${problem.message}`).sort();
      const expected = twins.map((problem) => `${problem.line} ${problem.field} ${problem.message}`).sort();
      if (JSON.stringify(listed) !== JSON.stringify(expected)) {
        wrong.push(`${name}: lists\n  ${listed.join('\n  ')}\nbut validate says\n  ${expected.join('\n  ')}`);
      }
      if (errors.some((problem) => problem.field === '(body)') && !page.withheld) {
        wrong.push(`${name}: its body has a problem, yet it is shown`);
      }
    }
    assert.deepEqual(wrong, []);
    assert.ok(pages > 300, `${pages} pages read`);
  });

  it('runs nothing the content holds', () => {
    assert.equal(existsSync(MARKER), false, 'the marker the attacks try to write is absent');
  });
});
