/**
 * The Similar incidents half of the judged evaluation, without building a site: imports each
 * judged corpus (as `npm run eval:search` does), reads the published entries as the build does,
 * computes similarity with the same model and scores the lists of the judged pages by the same
 * rules (bench/lib/search-quality/reasons.ts). Seconds instead of a build per corpus, for tuning;
 * `npm run eval:search` stays the measurement of record (it reads the built pages).
 *
 * Run: node bench/similar-quality.ts [--corpus icco|dfds] [--examples N] [--show ID]
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseCommandLine } from '../src/cli/args.ts';
import { checkPostmortemFilesInParallel } from '../src/node/check-files.ts';
import { readServiceCatalog } from '../src/node/service-catalog.ts';
import { canonicalServices } from '../src/lib/site/services.ts';
import { computeSimilarity, describeMatch } from '../src/lib/similarity/similar-incidents.ts';
import { formatOfFile, similarityInputOf } from '../src/lib/similarity/incident-record.ts';
import { readJudgments, sourceId } from './lib/search-quality/judgments.ts';
import { genericTerms, mechanismVocabulary, readTermList, sharesMechanism } from './lib/search-quality/reasons.ts';

const PROJECT_ROOT = resolve(import.meta.dirname, '..');
const JUDGED = join(PROJECT_ROOT, 'tests/corpus/search');

/** The judged corpora and their sources, as bench/search-quality.ts imports them. */
const CORPORA: Record<string, { sources: string; include: (name: string) => boolean }> = {
  icco: { sources: 'tests/corpus/import/icco', include: (name) => /^[0-9a-f-]{36}\.md$/.test(name) },
  dfds: { sources: 'tests/corpus/search/dfds/sources', include: (name) => name.endsWith('.md') },
};

const HELP = `Usage: node bench/similar-quality.ts [--corpus NAME] [--examples N] [--show ID] [--fresh]

Scores the Similar incidents lists of each judged corpus without building the site: the share of
listed neighbours of the judged pages that share a judged mechanism, the reasons that name a
generic word, how many pages list a neighbour and how many on average.

  --corpus NAME   one corpus (${Object.keys(CORPORA).join(', ')}); default: all
  --examples N    reasons to print per corpus (default 10)
  --show ID       print every list of this source id (or "judged" for all judged pages)
  --terms         print every term a reason names, most named first
  --lonely        print the pages that list no neighbour, with their length in words
  --fresh         import again instead of reusing tmp/similar-quality/<corpus>/`;

const { values } = parseCommandLine('similar-quality', HELP, {
  options: {
    corpus: { type: 'string' },
    examples: { type: 'string', default: '10' },
    show: { type: 'string' },
    fresh: { type: 'boolean', default: false },
    terms: { type: 'boolean', default: false },
    lonely: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log(HELP);
  process.exit(0);
}

async function evaluate(name: string) {
  const corpus = CORPORA[name];
  const work = join(PROJECT_ROOT, 'tmp', 'similar-quality', name);
  // Two levels below the project root, like content/postmortems.
  const content = join(work, 'content');
  const sources = join(work, 'sources');
  const sourceFiles = readdirSync(join(PROJECT_ROOT, corpus.sources)).filter(corpus.include);
  if (values.fresh || !existsSync(content)) {
    rmSync(work, { recursive: true, force: true });
    mkdirSync(sources, { recursive: true });
    for (const file of sourceFiles)
      copyFileSync(join(PROJECT_ROOT, corpus.sources, file), join(sources, `${sourceId(file)}.md`));
    const result = spawnSync(
      process.execPath,
      ['src/cli/import.ts', sources, '--out', content, '--publish', '--report', join(work, 'report.json')],
      {
        cwd: PROJECT_ROOT,
        encoding: 'utf8',
        env: { ...process.env, CI: 'true', KB_EARLIEST_YEAR: '1' },
      },
    );
    if (result.status !== 0) throw new Error(`import failed:\n${result.stdout}${result.stderr}`);
  }
  const rows = (
    JSON.parse(readFileSync(join(work, 'report.json'), 'utf8')) as { rows: { source: string; entry?: string }[] }
  ).rows;
  const sourceOfFile = new Map(
    rows.flatMap((row) =>
      row.entry ? [[resolve(PROJECT_ROOT, row.entry), sourceId(row.source.split('/').pop()!)] as const] : [],
    ),
  );

  const checked = await checkPostmortemFilesInParallel({ contentDir: content, production: true, cache: false });
  const catalog = readServiceCatalog(content).catalog;
  const entries = checked.entries.flatMap((entry) =>
    entry.data && entry.data.status === 'published' ? [{ ...entry, data: entry.data }] : [],
  );
  const { similar } = computeSimilarity(
    entries.map((entry) =>
      similarityInputOf(
        { id: entry.id, data: entry.data, body: entry.body ?? '', format: formatOfFile(entry.file) },
        canonicalServices(entry.data.services, catalog),
      ),
    ),
  );
  const sourceOf = new Map(entries.map((entry) => [entry.id, sourceOfFile.get(resolve(entry.file)) ?? entry.id]));
  const titleOf = new Map(entries.map((entry) => [entry.id, entry.data.title]));

  const judgments = readJudgments(
    join(JUDGED, name, 'queries.json'),
    JSON.parse(readFileSync(join(JUDGED, name, 'queries.json'), 'utf8')),
    new Set(sourceFiles.map(sourceId)),
  );
  const vocabulary = mechanismVocabulary(
    Object.values(judgments.mechanisms),
    readTermList(readFileSync(join(JUDGED, 'technical-terms.txt'), 'utf8')),
  );
  const entryOfSource = new Map([...sourceOf].map(([entry, source]) => [source, entry]));
  let listed = 0;
  let sharing = 0;
  const generic: string[] = [];
  const judgedPages = judgments.similarPages.filter((id) => entryOfSource.has(id));
  for (const page of judgedPages) {
    const matches = similar.get(entryOfSource.get(page)!) ?? [];
    const show = values.show === 'judged' || values.show === page;
    if (show)
      console.log(`\n${page} ${titleOf.get(entryOfSource.get(page)!)} [${judgments.mechanisms[page]?.join(', ')}]`);
    for (const match of matches) {
      const other = sourceOf.get(match.id)!;
      const shares = sharesMechanism(judgments.mechanisms[page], judgments.mechanisms[other]);
      const reason = describeMatch(match);
      const words = genericTerms(reason, vocabulary);
      listed++;
      if (shares) sharing++;
      if (words.length) generic.push(`${reason}  [${words.join(', ')}]`);
      if (show)
        console.log(
          `  ${shares ? '✓' : '✗'} ${match.score.toFixed(3)} ${match.mechanismScore.toFixed(3)} ${titleOf.get(match.id)} [${judgments.mechanisms[other]?.join(', ')}] — ${reason}${words.length ? `  GENERIC: ${words.join(', ')}` : ''}`,
        );
    }
  }
  const lists = entries.map((entry) => similar.get(entry.id) ?? []);
  const withNeighbour = lists.filter((list) => list.length > 0).length;
  const total = lists.reduce((sum, list) => sum + list.length, 0);
  console.log(
    `\n${name}: ${entries.length} pages; judged pages ${judgedPages.length}: ${sharing}/${listed} share (${((100 * sharing) / (listed || 1)).toFixed(0)} %), generic reasons ${generic.length}/${listed}`,
  );
  console.log(
    `  pages with a neighbour ${withNeighbour}/${entries.length}, neighbours per page ${(total / entries.length).toFixed(2)} (per listing page ${(total / (withNeighbour || 1)).toFixed(2)})`,
  );
  for (const line of generic) console.log(`  generic: ${line}`);
  const examples = entries.flatMap((entry) =>
    (similar.get(entry.id) ?? []).map(
      (match) => `${titleOf.get(entry.id)} → ${titleOf.get(match.id)}: ${describeMatch(match)}`,
    ),
  );
  if (values.terms) {
    const named = new Map<string, number>();
    for (const list of lists)
      for (const match of list) for (const term of match.sharedTerms) named.set(term, (named.get(term) ?? 0) + 1);
    console.log(
      `  named terms: ${[...named]
        .sort((a, b) => b[1] - a[1])
        .map(([term, count]) => `${term} ${count}`)
        .join(', ')}`,
    );
  }
  if (values.lonely) {
    for (const entry of entries) {
      if ((similar.get(entry.id) ?? []).length > 0) continue;
      const input = similarityInputOf({
        id: entry.id,
        data: entry.data,
        body: entry.body ?? '',
        format: formatOfFile(entry.file),
      });
      const words = [input.title, input.summary, input.rootCause, input.body].join(' ').split(/\s+/).length;
      console.log(`  no neighbour: ${words} words  ${entry.data.title}`);
    }
  }
  const step = Math.max(1, Math.floor(examples.length / Number(values.examples)));
  for (let index = 0; index < examples.length && index / step < Number(values.examples); index += step)
    console.log(`  e.g. ${examples[index]}`);
}

for (const name of values.corpus ? [values.corpus] : Object.keys(CORPORA)) await evaluate(name);
