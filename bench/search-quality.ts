/**
 * The judged search evaluation (issue 19): for each real corpus, import it, build the site,
 * run every judged query through the built /search/ page in Chromium and through a plain BM25
 * over the same documents, and score the Similar incidents lists against judged mechanisms.
 * Prints the Markdown table and writes the full report.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { parseCommandLine, usageError } from '../src/cli/args.ts';
import { readFrontmatterQuickly, splitSource } from '../src/lib/content/frontmatter.ts';
import { launchChromium } from '../tests/helpers/browser.ts';
import { serveStatic } from '../tests/helpers/static-server.ts';
import { buildBm25Index, rankBm25 } from './lib/search-quality/bm25.ts';
import { documentText } from './lib/search-quality/document-text.ts';
import {
  readHoldout,
  readJudgments,
  sourceId,
  type JudgedQuery,
  type Judgments,
} from './lib/search-quality/judgments.ts';
import { summarizeRetrieval, type QueryOutcome } from './lib/search-quality/metrics.ts';
import { genericTerms, mechanismVocabulary, readTermList, sharesMechanism } from './lib/search-quality/reasons.ts';
import {
  renderReport,
  renderTable,
  type CorpusReport,
  type QueryRow,
  type RetrievalScores,
  type SimilarScore,
} from './lib/search-quality/report.ts';
import { openSearchTab, searchThroughPage } from './lib/search-quality/search-page.ts';
import { readSimilarList } from './lib/search-quality/similar-lists.ts';

const PROJECT_ROOT = resolve(import.meta.dirname, '..');
const ASTRO = join(PROJECT_ROOT, 'node_modules/astro/bin/astro.mjs');
const JUDGED = join(PROJECT_ROOT, 'tests/corpus/search');

interface Corpus {
  sources: string;
  include: (fileName: string) => boolean;
  source: string;
  note: string;
}

const CORPORA: Record<string, Corpus> = {
  icco: {
    sources: 'tests/corpus/import/icco',
    // The collection's README describes the corpus; it is not a postmortem.
    include: (name) => /^[0-9a-f-]{36}\.md$/.test(name),
    source: 'https://github.com/icco/postmortems (GPL-3.0), 242 entries',
    note: 'Imported with `--publish`; the site holds the entries the importer publishes, as in issue 19.',
  },
  dfds: {
    sources: 'tests/corpus/search/dfds/sources',
    include: (name) => name.endsWith('.md'),
    source: 'https://github.com/dfds/postmortems (MIT), 40 postmortems',
    note: 'Imported with `--publish`; the site holds the entries the importer publishes.',
  },
};

const HELP = `Usage: npm run eval:search -- [--corpus NAME] [--report FILE] [--reuse-build]

Imports each judged corpus (tests/corpus/search/<corpus>/queries.json), builds the site with
nice -n 10, runs every query through the built /search/ page in Chromium and through a plain
BM25 over the same documents, and scores the Similar incidents lists.

  --corpus NAME   one corpus (${Object.keys(CORPORA).join(', ')}); default: all
  --report FILE   where to write the full Markdown report (default tmp/search-quality.md)
  --reuse-build   keep and reuse tmp/search-quality/<corpus>/ from an earlier run
  -h, --help      show this help`;

const { values } = parseCommandLine('eval:search', HELP, {
  options: {
    corpus: { type: 'string' },
    report: { type: 'string', default: 'tmp/search-quality.md' },
    'reuse-build': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log(HELP);
  process.exit(0);
}

interface Site {
  dist: string;
  /** Source id -> entry id of every page on the site. */
  entryOf: Map<string, string>;
  sourceOf: Map<string, string>;
  /** Source id -> imported file. */
  files: Map<string, string>;
  sourceFiles: Map<string, string>;
  note: string;
}

function run(command: string, args: string[], env: Record<string, string>, what: string) {
  const result = spawnSync(command, args, {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`${what} failed (exit ${result.status}):\n${result.stdout}${result.stderr}`);
  return result.stdout;
}

function prepareSite(name: string, corpus: Corpus): Site {
  const work = join('tmp', 'search-quality', name);
  const sources = join(work, 'sources');
  // Two levels below the project root, like content/postmortems, so component imports resolve.
  const content = join('tmp', `search-quality-${name}-content`);
  const dist = join(work, 'dist');
  const report = join(work, 'import-report.json');
  const reuse = values['reuse-build'] && existsSync(join(dist, 'index.html')) && existsSync(report);
  const sourceFiles = new Map<string, string>();
  for (const fileName of readdirSync(join(PROJECT_ROOT, corpus.sources)).filter(corpus.include)) {
    sourceFiles.set(sourceId(fileName), join(PROJECT_ROOT, corpus.sources, fileName));
  }
  if (!reuse) {
    rmSync(work, { recursive: true, force: true });
    rmSync(content, { recursive: true, force: true });
    mkdirSync(sources, { recursive: true });
    for (const [id, path] of sourceFiles) copyFileSync(path, join(sources, `${id}.md`));
    console.log(`${name}: importing ${sourceFiles.size} documents`);
    run(
      process.execPath,
      ['src/cli/import.ts', sources, '--out', content, '--publish', '--report', report],
      { CI: 'true', KB_EARLIEST_YEAR: '1' },
      'import',
    );
  }
  const rows = (
    JSON.parse(readFileSync(report, 'utf8')) as { rows: { source: string; result: string; entry?: string }[] }
  ).rows;
  const files = new Map<string, string>();
  const unpublished: string[] = [];
  for (const row of rows) {
    const id = sourceId(row.source.split('/').pop()!);
    if (row.result !== 'published') unpublished.push(`${id} (${row.result})`);
    if (row.entry) files.set(id, row.entry);
  }
  if (!reuse) {
    console.log(`${name}: building the site (nice -n 10)`);
    run(
      'nice',
      ['-n', '10', process.execPath, ASTRO, 'build', '--outDir', dist],
      { KB_CONTENT_DIR: `./${content}`, KB_EARLIEST_YEAR: '1' },
      'astro build',
    );
  }
  const entryOf = new Map<string, string>();
  const sourceOf = new Map<string, string>();
  for (const [id, file] of files) {
    const entry = file
      .split('/')
      .pop()!
      .replace(/\.mdx$/, '');
    if (existsSync(join(dist, 'postmortems', entry, 'index.html'))) {
      entryOf.set(id, entry);
      sourceOf.set(entry, id);
    }
  }
  const note = unpublished.length ? ` Not published by the importer: ${unpublished.join('; ')}.` : '';
  return { dist, entryOf, sourceOf, files, sourceFiles, note };
}

/** Title of the imported entry and the plain text of the source document without its frontmatter. */
function bm25Text(site: Site, id: string): string {
  const imported = splitSource(readFileSync(site.files.get(id)!, 'utf8'));
  const title = readFrontmatterQuickly(imported.yaml ?? '')?.title;
  const source = splitSource(readFileSync(site.sourceFiles.get(id)!, 'utf8'));
  return `${typeof title === 'string' ? title : ''}\n${documentText(source.body)}`;
}

function firstRelevant(ranked: readonly string[], relevant: ReadonlySet<string>) {
  const index = ranked.findIndex((id) => relevant.has(id));
  return index === -1 ? undefined : index + 1;
}

async function evaluate(name: string, corpus: Corpus): Promise<CorpusReport> {
  const site = prepareSite(name, corpus);
  const file = join(JUDGED, name, 'queries.json');
  const judgments: Judgments = readJudgments(
    file,
    JSON.parse(readFileSync(file, 'utf8')),
    new Set(site.sourceFiles.keys()),
  );
  const onSite = (id: string) => site.entryOf.has(id);
  const holdoutFile = join(JUDGED, name, 'holdout.json');
  const holdout = existsSync(holdoutFile)
    ? readHoldout(
        holdoutFile,
        JSON.parse(readFileSync(holdoutFile, 'utf8')),
        new Set(site.sourceFiles.keys()),
        judgments.queries,
      )
    : undefined;
  const notOnSite = [
    ...new Set([...judgments.queries, ...(holdout ?? [])].flatMap((q) => q.relevant).filter((id) => !onSite(id))),
  ];
  const onSiteOnly = (set: readonly JudgedQuery[]) =>
    set.map((q) => ({ ...q, relevant: new Set(q.relevant.filter(onSite)) })).filter((q) => q.relevant.size > 0);

  const index = buildBm25Index([...site.entryOf.keys()].map((id) => ({ id, text: bm25Text(site, id) })));
  const server = await serveStatic(site.dist);
  const browser = await launchChromium();
  let reader: 'contract' | 'fallback' = 'contract';
  const idOfPath = (path: string) => {
    const parts = new URL(path, server.url).pathname
      .slice(new URL(server.url).pathname.length)
      .split('/')
      .filter(Boolean);
    return parts[0] === 'postmortems' && parts.length === 2 ? (site.sourceOf.get(parts[1]) ?? path) : path;
  };
  /** Every query of one set through the search page and through BM25. */
  const score = async (tab: Awaited<ReturnType<typeof openSearchTab>>, set: readonly JudgedQuery[]) => {
    const siteOutcomes: QueryOutcome[] = [];
    const bm25Outcomes: QueryOutcome[] = [];
    const rows: QueryRow[] = [];
    for (const q of onSiteOnly(set)) {
      const result = await searchThroughPage(tab, server.url, q.query);
      reader = result.reader;
      const ranked = result.paths.map(idOfPath);
      const bm25 = rankBm25(index, q.query).map((hit) => hit.id);
      const shown = (id: string) => `${q.relevant.has(id) ? '✓ ' : ''}${site.entryOf.get(id) ?? id}`;
      siteOutcomes.push({ query: q.query, ranked, relevant: q.relevant });
      bm25Outcomes.push({ query: q.query, ranked: bm25, relevant: q.relevant });
      rows.push({
        query: q.query,
        kind: q.kind,
        relevant: q.relevant.size,
        siteFirst: firstRelevant(ranked, q.relevant),
        siteCount: ranked.length,
        bm25First: firstRelevant(bm25, q.relevant),
        bm25Count: bm25.length,
        siteTop: ranked.slice(0, 3).map(shown),
        bm25Top: bm25.slice(0, 3).map(shown),
      });
    }
    return { site: summarizeRetrieval(siteOutcomes), bm25: summarizeRetrieval(bm25Outcomes), rows };
  };
  let tuned: RetrievalScores;
  let held: RetrievalScores | undefined;
  try {
    const tab = await openSearchTab(browser);
    tuned = await score(tab, judgments.queries);
    held = holdout ? await score(tab, holdout) : undefined;
  } finally {
    await browser.close();
    await server.close();
  }

  const technical = readTermList(readFileSync(join(JUDGED, 'technical-terms.txt'), 'utf8'));
  const vocabulary = mechanismVocabulary(Object.values(judgments.mechanisms), technical);
  const similar: SimilarScore = {
    pages: 0,
    neighbours: 0,
    sharing: 0,
    unjudged: [],
    genericReasons: 0,
    genericExamples: [],
    markup: 'contract',
    pagesWithoutNeighbours: [],
  };
  for (const id of judgments.similarPages.filter(onSite)) {
    const list = readSimilarList(
      readFileSync(join(site.dist, 'postmortems', site.entryOf.get(id)!, 'index.html'), 'utf8'),
    );
    similar.pages++;
    similar.markup = list.markup;
    if (list.neighbours.length === 0) similar.pagesWithoutNeighbours.push(id);
    for (const neighbour of list.neighbours) {
      const other = idOfPath(neighbour.href);
      similar.neighbours++;
      const shares = sharesMechanism(judgments.mechanisms[id], judgments.mechanisms[other]);
      if (shares === undefined) similar.unjudged.push(other);
      if (shares) similar.sharing++;
      const generic = genericTerms(neighbour.reason, vocabulary);
      if (generic.length) {
        similar.genericReasons++;
        similar.genericExamples.push(neighbour.reason);
      }
    }
  }
  return {
    corpus: name,
    source: corpus.source,
    pages: site.entryOf.size,
    note: corpus.note + site.note,
    reader,
    ...tuned,
    holdout: held,
    similar,
    notOnSite,
  };
}

const names = values.corpus ? [values.corpus] : Object.keys(CORPORA);
for (const name of names)
  if (!CORPORA[name])
    usageError('eval:search', `unknown corpus "${name}"; known: ${Object.keys(CORPORA).join(', ')}`, HELP);
const reports: CorpusReport[] = [];
for (const name of names) reports.push(await evaluate(name, CORPORA[name]));
const command = `npm run eval:search${values.corpus ? ` -- --corpus ${values.corpus}` : ''}`;
mkdirSync(resolve(values.report!, '..'), { recursive: true });
// Formatted as the repository's Markdown is, so a regenerated report passes format:check.
writeFileSync(
  values.report!,
  await format(renderReport(reports, command), { ...(await resolveConfig(values.report!)), parser: 'markdown' }),
);
console.log(`\n${renderTable(reports)}\n\nFull report: ${values.report}`);
