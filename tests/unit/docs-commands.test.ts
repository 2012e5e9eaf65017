/**
 * Every command example in README.md and CONTRIBUTING.md runs, so the docs cannot drift from the
 * commands. The docs are read with satteri (the site's Markdown parser); each fenced `sh` block
 * holds commands, one a line, and a `text` block shows a command after `$ ` followed by its
 * output. Every command found must be in EXAMPLES below, which says how it is checked:
 *
 * - `run`: executed as npm would run it (the script from package.json, the arguments after `--`),
 *   in a fresh folder holding a copy of the content and the files the example names (made from
 *   test fixtures); its exit code is checked, and its output when the docs show it.
 * - `options`: a command that builds the site, serves it or installs (minutes, or never ends) is
 *   not run: its script must exist, and its options must be accepted by its own argument parser
 *   (run with `--help` added, which parses them and stops).
 * - `script`: no options to check; its script (or npm's own command and the lock file) must exist.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Code } from 'mdast';
import { markdownTree } from '../../src/lib/content/markdown-tree.ts';
import { processBody } from '../../src/lib/content/body.ts';
import { projectTempDir } from '../helpers/tmp.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const DOCS = ['README.md', 'CONTRIBUTING.md'];
const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> })
  .scripts;
const IMPORT_FIXTURES = join(ROOT, 'tests/fixtures/import');

type Check =
  | { how: 'run'; exit: number; setup?: (dir: string) => void; then?: (dir: string, output: string) => void }
  | { how: 'options'; why: string }
  | { how: 'script'; why: string };

/** Postmortems to import, for the examples that name a file or folder of them. */
const SOURCES: Record<string, string[]> = {
  'path/to/postmortem.md': ['01-hash-headings-complete.md'],
  'notes.txt': ['07-times-without-zones.md'],
  'old-wiki-export/': ['02-bold-labels-eat-12h.md', '03-tables-wat.md'],
  'old-postmortems/': ['04-emoji-headings-cet.md', '12-task-list-owners.md'],
  'public-collection/': ['09-rapport-francais.md', '16-dns-pdt-12h.md'],
};

const importedEntries = (count: number) => (dir: string) => {
  const entries =
    readdirSync(join(dir, 'content/postmortems')).length - readdirSync(join(ROOT, 'content/postmortems')).length;
  assert.equal(entries, count, 'each source became one entry');
};

/** How each command the docs give is checked; a command missing here fails the test. */
const EXAMPLES: Record<string, Check> = {
  'npm ci': { how: 'script', why: 'installs the dependencies' },
  'npm start': { how: 'script', why: 'builds the whole site, then serves it until stopped' },
  'npm test': { how: 'script', why: 'runs every test, this one included' },
  'npm run dev': { how: 'script', why: 'a development server, which runs until stopped' },
  'npm run new': { how: 'options', why: 'asks on a terminal; tests/unit/scaffold.test.ts writes files with it' },
  'npm run bench -- --count 1000': { how: 'options', why: 'two builds of 1,000 postmortems' },
  'npm run bench -- --count 10000': { how: 'options', why: 'two builds of 10,000 postmortems' },
  'npm run validate': { how: 'run', exit: 0 },
  'npm run validate -- content/postmortems/2024-03-08-authentication-outage-missing-index.mdx': { how: 'run', exit: 0 },
  // README: "A problem reads like this": the example after deleting `started` from that file.
  '$ npm run validate': {
    how: 'run',
    exit: 1,
    setup: (dir) => {
      const file = join(dir, 'content/postmortems/2024-03-08-authentication-outage-missing-index.mdx');
      const text = readFileSync(file, 'utf8');
      const without = text.replace(/^started: .*\n/m, '');
      assert.notEqual(without, text, 'the example file has a started line');
      writeFileSync(file, without);
    },
  },
  '$ npm run import -- --pubish': { how: 'run', exit: 2 },
  'npm run validate -- --strict content/postmortems/2024-03-08-login-outage.mdx': {
    how: 'run',
    exit: 0,
    // The file `npm run new` writes for a "Login outage" that started on 8 March 2024.
    setup: (dir) => {
      const made = node(dir, 'src/cli/new.ts', [
        '--title',
        'Login outage',
        '--started',
        '2024-03-08 10:30 UTC',
        '--severity',
        'sev2',
      ]);
      assert.equal(made.status, 0, made.stderr);
    },
    then: (_dir, output) => assert.match(output, /✓ 1 postmortem valid \([\d.]+ s, 5 review warnings\)/),
  },
  'npm run import -- path/to/postmortem.md': { how: 'run', exit: 0, then: importedEntries(1) },
  'npm run import -- notes.txt --zone Europe/Paris': { how: 'run', exit: 0, then: importedEntries(1) },
  'npm run import -- old-wiki-export/ --out content/postmortems': { how: 'run', exit: 0, then: importedEntries(2) },
  'npm run import -- old-postmortems/ --out content/postmortems': { how: 'run', exit: 0, then: importedEntries(2) },
  'npm run import -- public-collection/ --out content/postmortems --publish --report import-report.json': {
    how: 'run',
    exit: 0,
    then: (dir) => {
      importedEntries(2)(dir);
      const report = JSON.parse(readFileSync(join(dir, 'import-report.json'), 'utf8')) as {
        files: number;
        failed: number;
      };
      assert.deepEqual([report.files, report.failed], [2, 0], 'the report counts both files, none failed');
    },
  },
  'KB_CATALOG=content/services.yaml,catalog/catalog-info.yaml npm run build': {
    how: 'script',
    why: 'a whole site build; tests/build/service-history.test.ts builds one with KB_CATALOG',
  },
  // Our postmortems name services no Backstage file here declares: validate reads the file and says so.
  'KB_CATALOG=catalog/all.yaml npm run validate': {
    how: 'run',
    exit: 1,
    setup: (dir) => {
      mkdirSync(join(dir, 'catalog'));
      copyFileSync(join(ROOT, 'tests/corpus/catalog/backstage/all-components.yaml'), join(dir, 'catalog/all.yaml'));
    },
    then: (_dir, output) =>
      assert.match(output, /"checkout-api" is not a service in catalog\/all\.yaml; declare it there/),
  },
  'npm run schema:json': {
    how: 'run',
    exit: 0,
    then: (dir) =>
      assert.equal(
        readFileSync(join(dir, 'schemas/postmortem.schema.json'), 'utf8'),
        readFileSync(join(ROOT, 'schemas/postmortem.schema.json'), 'utf8'),
        'it writes the committed schema',
      ),
  },
};

interface Example {
  doc: string;
  line: number;
  /** The command as written, `$ ` kept for one shown with its output. */
  key: string;
  words: string[];
  /** The output the docs show, for a `$ ` command. */
  output?: string[];
}

/** Words of a command line as a POSIX shell splits them (quotes kept together, no expansions in the docs). */
function shellWords(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let quote: string | undefined;
  let started = false;
  for (const char of line) {
    if (quote) {
      if (char === quote) quote = undefined;
      else word += char;
    } else if (char === '"' || char === "'") {
      quote = char;
      started = true;
    } else if (char === ' ' || char === '\t') {
      if (started || word) words.push(word);
      word = '';
      started = false;
    } else word += char;
  }
  assert.equal(quote, undefined, `unclosed quote in ${line}`);
  if (started || word) words.push(word);
  return words;
}

/** A shell line without its comment (`# ...` after a space) and split at `&&`. */
function commandsOf(line: string): string[] {
  const words = shellWords(line);
  const comment = words.findIndex((word) => word.startsWith('#'));
  const kept = comment === -1 ? words : words.slice(0, comment);
  const commands: string[][] = [[]];
  for (const word of kept) {
    if (word === '&&') commands.push([]);
    else commands.at(-1)!.push(word);
  }
  return commands.filter((command) => command.length > 0).map((command) => command.join(' '));
}

function examplesOf(doc: string): { commands: Example[]; mdx: { line: number; value: string }[] } {
  const tree = markdownTree(readFileSync(join(ROOT, doc), 'utf8'));
  const codes: Code[] = [];
  const visit = (node: { type: string; children?: unknown[] }) => {
    if (node.type === 'code') codes.push(node as Code);
    for (const child of node.children ?? []) visit(child as { type: string });
  };
  visit(tree as never);
  const commands: Example[] = [];
  const mdx: { line: number; value: string }[] = [];
  for (const code of codes) {
    const line = code.position!.start.line;
    const lines = code.value.split('\n');
    if (code.lang === 'sh' || code.lang === 'bash' || code.lang === 'shell') {
      lines.forEach((text, index) => {
        for (const command of commandsOf(text))
          commands.push({ doc, line: line + 1 + index, key: command, words: shellWords(command) });
      });
    } else if (code.lang === 'text' || code.lang === 'console') {
      lines.forEach((text, index) => {
        if (!text.startsWith('$ ')) return;
        const next = lines.findIndex((other, at) => at > index && other.startsWith('$ '));
        commands.push({
          doc,
          line: line + 1 + index,
          key: text,
          words: shellWords(text.slice(2)),
          output: lines.slice(index + 1, next === -1 ? undefined : next),
        });
      });
    } else if (code.lang === 'mdx') {
      mdx.push({ line, value: code.value });
    }
  }
  return { commands, mdx };
}

/** Runs a project file with Node in `cwd`, as `npm run` runs a script (no terminal, no CI prompts, own caches). */
function node(cwd: string, file: string, args: string[], vars: Record<string, string> = {}) {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...vars,
    CI: 'true',
    GITHUB_ACTIONS: '',
    KB_CACHE_DIR: join(cwd, '.cache'),
  };
  delete env.KB_CONTENT_DIR;
  return spawnSync(process.execPath, [join(ROOT, file), ...args], { cwd, encoding: 'utf8', env, timeout: 120_000 });
}

/** `npm run <script> -- args` as the file npm would run and its arguments; `npm <builtin>` as undefined. */
function scriptOf(words: string[]): { name: string; file?: string; args: string[] } {
  assert.ok(words[0] === 'npm', `${words.join(' ')}: only npm commands are documented`);
  const [, verb, ...rest] = words;
  const name = verb === 'run' ? rest[0] : verb;
  const after = verb === 'run' ? rest.slice(1) : rest;
  // Without `--`, npm would take the options as its own.
  if (after.length > 0) assert.equal(after[0], '--', `${words.join(' ')}: options go after "--"`);
  const args = after.slice(1);
  if (verb === 'ci') return { name, args };
  const script = scripts[name];
  assert.ok(script, `${words.join(' ')}: package.json has no "${name}" script`);
  const [command, file, ...more] = shellWords(script);
  return command === 'node' && more.length === 0 && existsSync(join(ROOT, file))
    ? { name, file, args }
    : { name, args };
}

const found = DOCS.map(examplesOf);
const commands = found.flatMap((doc) => doc.commands);
const folders: string[] = [];
after(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

describe('every command example in README.md and CONTRIBUTING.md', () => {
  it('is found, and each is listed with how it is checked', () => {
    assert.ok(commands.length >= 15, `only ${commands.length} commands found`);
    const unknown = commands.filter((example) => !(example.key in EXAMPLES));
    assert.deepEqual(
      unknown.map((example) => `${example.doc}:${example.line}  ${example.key}`),
      [],
      'add each to EXAMPLES (run it, or say why it is only checked)',
    );
    const unused = Object.keys(EXAMPLES).filter((key) => !commands.some((example) => example.key === key));
    assert.deepEqual(unused, [], 'EXAMPLES lists commands no longer in the docs');
  });

  for (const example of commands) {
    const check = EXAMPLES[example.key];
    if (!check) continue;
    const label = `${example.doc}:${example.line}  ${example.key}  (${check.how === 'run' ? 'run' : `${check.how} only: ${check.why}`})`;
    it(label, () => {
      // `NAME=value npm run …`: the variables the shell would set for that command.
      const prefix = example.words.findIndex((word) => !/^[A-Z_][A-Z0-9_]*=/.test(word));
      const vars = Object.fromEntries(
        example.words
          .slice(0, prefix)
          .map((word) => [word.slice(0, word.indexOf('=')), word.slice(word.indexOf('=') + 1)]),
      );
      const { name, file, args } = scriptOf(example.words.slice(prefix));
      if (check.how === 'script') {
        assert.deepEqual(args, [], 'a command only checked for its script takes no options here');
        if (name === 'ci') assert.ok(existsSync(join(ROOT, 'package-lock.json')), 'npm ci needs the lock file');
        return;
      }
      assert.ok(file, `the "${name}" script runs one project file with node`);
      if (check.how === 'options') {
        // --help after the documented options: the parser refuses an unknown one (exit 2) before --help is read.
        const help = node(ROOT, file, [...args, '--help']);
        assert.equal(help.status, 0, `${help.stderr}${help.stdout}`);
        assert.match(help.stdout, /^Usage: /m);
        return;
      }
      const dir = projectTempDir('docs-example-');
      folders.push(dir);
      cpSync(join(ROOT, 'content'), join(dir, 'content'), { recursive: true });
      for (const arg of args) {
        const sources = SOURCES[arg] ?? SOURCES[`${arg}/`];
        if (!sources) continue;
        const target = join(dir, arg);
        if (arg.endsWith('/')) mkdirSync(target, { recursive: true });
        else mkdirSync(dirname(target), { recursive: true });
        for (const source of sources)
          copyFileSync(join(IMPORT_FIXTURES, source), arg.endsWith('/') ? join(target, source) : target);
      }
      check.setup?.(dir);
      const run = node(dir, file, args, vars);
      const output = `${run.stdout}${run.stderr}`;
      assert.equal(run.status, check.exit, output);
      if (example.output) {
        // The docs show the output line by line; "…" ends an example cut short. Seconds differ per run.
        const shown = example.output.at(-1) === '…' ? example.output.slice(0, -1) : example.output;
        const seconds = (text: string) => text.replace(/\d+\.\d+ s\b/g, 'N s');
        const actual = output.split('\n');
        assert.deepEqual(
          actual.slice(0, shown.length).map(seconds),
          shown.map(seconds),
          `the output the docs show (${example.output.at(-1) === '…' ? 'its first lines' : 'all of it'})`,
        );
        if (example.output.at(-1) !== '…') assert.equal(output.trimEnd().split('\n').length, shown.length);
      }
      check.then?.(dir, output);
    });
  }

  for (const [index, doc] of found.entries()) {
    for (const block of doc.mdx) {
      it(`${DOCS[index]}:${block.line}  the MDX example is a body the validator accepts`, () => {
        assert.deepEqual(processBody(block.value, 'mdx', { render: false }).problems, []);
      });
    }
  }
});
