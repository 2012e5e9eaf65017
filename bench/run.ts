/**
 * `npm run bench -- --count N`: builds this site and a bare Astro + MDX + Pagefind baseline
 * side by side over the same synthetic corpus, then measures validation, a rebuild after
 * one edit, search in Chromium and the JS and CSS each page type ships. Prints a Markdown
 * report and writes bench-results/<N>.md and <N>.json. Targets are reported, not asserted;
 * the exit code is non-zero only when a step fails (or, with --smoke, when a row is missing).
 */
import { cpus, platform, release, tmpdir, totalmem } from 'node:os';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { parseCommandLine } from '../src/cli/args.ts';
import { writeCorpus } from './generate.ts';
import { editOne, editShows } from './lib/edit.ts';
import { measureCommand, type RunResult } from './lib/measure.ts';
import { prepareBaseline, prepareSiteCopy } from './lib/projects.ts';
import { renderMarkdown, type BaselineBuild, type BenchResult, type HtmlSize, type OurBuild } from './lib/report.ts';
import { evaluateTargets } from './lib/targets.ts';
import { measureSearch } from './lib/search.ts';
import { htmlFiles, pageWeights } from './lib/weight.ts';

const PROJECT_ROOT = resolve(import.meta.dirname, '..');

const HELP = `Usage: npm run bench -- [--count N] [options]

  --count N          postmortems in the synthetic corpus (default 1000; 50 with --smoke)
  --seed S           corpus seed (default 1)
  --corpus DIR       use an existing corpus folder instead of generating one
  --results DIR      where <N>.md and <N>.json go (default bench-results/)
  --skip-baseline    do not build the bare baseline
  --skip-hugo        do not build the Hugo + Pagefind floor (it runs when \`hugo\` is on PATH)
  --skip-search      do not measure search in Chromium
  --skip-rebuild     do not measure the rebuild after one edit
  --smoke            small run for CI: checks every row is reported, asserts no time
  --keep             keep the temporary folder (corpus, project copies, outputs)
  --echo             stream build output to stderr`;

const { values } = parseCommandLine('bench', HELP, {
  options: {
    count: { type: 'string' },
    seed: { type: 'string', default: '1' },
    corpus: { type: 'string' },
    results: { type: 'string' },
    'skip-baseline': { type: 'boolean', default: false },
    'skip-search': { type: 'boolean', default: false },
    'skip-hugo': { type: 'boolean', default: false },
    'skip-rebuild': { type: 'boolean', default: false },
    smoke: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    echo: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

function folderSize(dir: string): number {
  let total = 0;
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const stats = statSync(join(dir, name));
    if (stats.isFile()) total += stats.size;
  }
  return total;
}

function version(pkg: string): string {
  return JSON.parse(readFileSync(join(PROJECT_ROOT, 'node_modules', pkg, 'package.json'), 'utf8')).version;
}

const log = (message: string) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);

function fail(step: string, run: RunResult): never {
  console.error(run.output);
  throw new Error(`${step} failed with exit code ${run.exitCode}`);
}

/** Phases Astro and the search integration print, in ms (from a colour-free log). */
function phasesOf(output: string): Record<string, number> {
  const ms = (value: string, unit: string) => Number(value) * (unit === 's' ? 1000 : 1);
  const phases: Record<string, number> = {};
  const info = /Collecting build info\.\.\.\s*\n.*✓ Completed in ([\d.]+)\s*(ms|s)/.exec(output);
  if (info) phases['config, validation, content sync'] = ms(info[1], info[2]);
  const bundles = [...output.matchAll(/\[vite\] ✓ built in ([\d.]+)\s*(ms|s)/g)];
  if (bundles.length) phases['vite bundling'] = bundles.reduce((sum, m) => sum + ms(m[1], m[2]), 0);
  const rendering = /generating static routes[\s\S]*?✓ Completed in ([\d.]+)\s*(ms|s)/.exec(output);
  if (rendering) phases['page rendering'] = ms(rendering[1], rendering[2]);
  const indexed = /search-index\].*? in ([\d.]+)\s*(ms|s)\b/.exec(output);
  if (indexed) phases['search index'] = ms(indexed[1], indexed[2]);
  const total = /page\(s\) built in ([\d.]+)\s*(ms|s)/.exec(output);
  if (total) phases['astro total'] = ms(total[1], total[2]);
  return phases;
}

const largest = (dir: string, n = 8): HtmlSize[] =>
  htmlFiles(dir)
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, n);

function isPublished(corpusDir: string, file: string): boolean {
  return /^status: published$/m.test(readFileSync(join(corpusDir, file), 'utf8'));
}

async function main(): Promise<number> {
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const smoke = values.smoke;
  const count = Number(values.count ?? (smoke ? 50 : 1000));
  const seed = Number(values.seed);
  if (!Number.isInteger(count) || count < 1 || !Number.isInteger(seed)) {
    console.error('--count must be a positive integer and --seed an integer');
    return 1;
  }
  const work = mkdtempSync(join(tmpdir(), 'kb-bench-'));
  const notes: string[] = [];
  const env = { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', ASTRO_TELEMETRY_DISABLED: '1' };
  const astroBin = (root: string) => join(root, 'node_modules/astro/bin/astro.mjs');
  // This site builds as `npm run build` does: Astro, then the search index once Astro has exited.
  const siteBuild = (root: string, out: string) => [join(root, 'src/cli/build.ts'), '--outDir', out];
  let exitCode = 0;
  try {
    // 1. Corpus.
    let corpusDir: string;
    const generateStarted = performance.now();
    let meanBodyWords = 0;
    if (values.corpus) {
      // A copy, because the rebuild step edits a file.
      corpusDir = join(work, 'corpus');
      mkdirSync(corpusDir);
      for (const name of readdirSync(values.corpus))
        writeFileSync(join(corpusDir, name), readFileSync(join(values.corpus, name)));
    } else {
      corpusDir = join(work, 'corpus');
      const corpus = writeCorpus(corpusDir, count, seed);
      meanBodyWords = Math.round(corpus.reduce((sum, pm) => sum + pm.bodyWords, 0) / corpus.length);
    }
    const generateMs = performance.now() - generateStarted;
    const corpusFiles = readdirSync(corpusDir).length;
    log(`corpus: ${corpusFiles} files in ${corpusDir}`);

    const result: BenchResult = {
      meta: {
        count: corpusFiles,
        seed,
        smoke,
        date: new Date().toISOString(),
        machine: {
          cpus: cpus().length,
          cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
          totalMemoryBytes: totalmem(),
          node: process.versions.node,
          platform: platform(),
          release: release(),
        },
        versions: { astro: version('astro'), '@astrojs/mdx': version('@astrojs/mdx'), pagefind: version('pagefind') },
        corpus: { dir: corpusDir, files: corpusFiles, bytes: folderSize(corpusDir), meanBodyWords, generateMs },
      },
      targets: [],
      notes,
    };

    // 2. Validator, as `npm run validate` runs it.
    // With its own, empty cache folder: no verdict and no compiled code from an earlier run
    // (a corpus of the same seed would otherwise be all cached). The same folder is used again
    // after the rebuild's edit, as an author validating their change would.
    log('validate (caches empty)');
    const validateEnv = { ...env, KB_CACHE_DIR: join(work, 'validate-cache') };
    const validate = () =>
      measureCommand(process.execPath, [join(PROJECT_ROOT, 'src/cli/validate.ts'), '--content-dir', corpusDir], {
        cwd: PROJECT_ROOT,
        env: validateEnv,
        label: 'validate',
        echo: values.echo,
      });
    result.validate = await validate();
    if (result.validate.exitCode !== 0) {
      notes.push(
        `validate exited ${result.validate.exitCode}: ${result.validate.output.split('\n').slice(-3).join(' ')}`,
      );
      exitCode = 1;
    }

    // 3. This site, cold, in a throwaway copy of the project.
    const siteRoot = join(work, 'site');
    // Inside the root: prerender chunks in the output resolve packages from node_modules above them.
    const siteOut = join(siteRoot, 'dist');
    prepareSiteCopy(PROJECT_ROOT, siteRoot);
    log('this site: cold build');
    const siteEnv = { ...env, KB_CONTENT_DIR: corpusDir };
    const cold = await measureCommand(process.execPath, siteBuild(siteRoot, siteOut), {
      cwd: siteRoot,
      env: siteEnv,
      label: 'site cold build',
      echo: values.echo,
    });
    if (cold.exitCode !== 0) fail('this site’s build', cold);
    const html = htmlFiles(siteOut);
    const ours: OurBuild = {
      cold,
      pages: html.length,
      outputBytes: folderSize(siteOut),
      pagefindBytes: existsSync(join(siteOut, 'pagefind')) ? folderSize(join(siteOut, 'pagefind')) : 0,
      largestHtml: largest(siteOut),
      weights: pageWeights(siteOut, '/'),
      phases: phasesOf(cold.output),
    };
    result.ours = ours;
    log(`this site: ${formatSeconds(cold.wallMs)}, ${html.length} pages`);
    if (!existsSync(join(siteOut, 'pagefind/pagefind.js')))
      notes.push('this site’s build wrote no pagefind/pagefind.js; search could not be measured on it');

    // 4. Search, before the rebuild touches the output.
    if (!values['skip-search'] && existsSync(join(siteOut, 'pagefind/pagefind.js'))) {
      log('search in Chromium');
      result.search = await measureSearch(siteOut, {
        searchPage: existsSync(join(siteOut, 'search/index.html')) ? 'search/' : undefined,
      });
    }

    // 5. Rebuild after one edit, same project copy and output folder (warm caches).
    if (!values['skip-rebuild']) {
      const edit = editOne(corpusDir);
      log(`this site: rebuild after editing ${edit.file}`);
      const rebuild = await measureCommand(process.execPath, siteBuild(siteRoot, siteOut), {
        cwd: siteRoot,
        env: siteEnv,
        label: 'site rebuild',
        echo: values.echo,
        // Pages Astro's incremental build copied from the last build instead of rendering.
        countLines: { reused: /\((?:cached|restored)\)\s*$/ },
      });
      if (rebuild.exitCode !== 0) fail('this site’s rebuild', rebuild);
      const editVisible = !isPublished(corpusDir, edit.file) || editShows(siteOut, edit);
      if (!editVisible) notes.push(`the edit to ${edit.file} is missing from its page after the rebuild`);
      ours.rebuild = { ...rebuild, editedFile: edit.file, editVisible };
      log('validate after the edit (verdict cache warm)');
      result.validateAfterEdit = await validate();
    }

    // 6. The bare baseline.
    if (!values['skip-baseline']) {
      const baseRoot = join(work, 'baseline');
      prepareBaseline(PROJECT_ROOT, baseRoot);
      log('baseline: astro build');
      const baseEnv = { ...env, BENCH_CONTENT_DIR: corpusDir };
      const build = await measureCommand(process.execPath, [astroBin(baseRoot), 'build'], {
        cwd: baseRoot,
        env: baseEnv,
        label: 'baseline build',
        echo: values.echo,
      });
      if (build.exitCode !== 0) fail('the baseline build', build);
      log('baseline: pagefind --site dist');
      const index = await measureCommand(
        process.execPath,
        [join(baseRoot, 'node_modules/pagefind/lib/runner/bin.cjs'), '--site', 'dist'],
        { cwd: baseRoot, env: baseEnv, label: 'baseline index', echo: values.echo },
      );
      if (index.exitCode !== 0) fail('the baseline index', index);
      const baseline: BaselineBuild = {
        build,
        index,
        wallMs: build.wallMs + index.wallMs,
        peakRssBytes: Math.max(build.peakRssBytes, index.peakRssBytes),
        pages: htmlFiles(join(baseRoot, 'dist')).length,
        outputBytes: folderSize(join(baseRoot, 'dist')),
      };
      result.baseline = baseline;
      log(`baseline: ${formatSeconds(baseline.wallMs)}`);
    }

    // 7. The floor: Hugo renders the same files (as .md, the only Markdown it reads) + Pagefind CLI.
    const hugo = spawnSync('hugo', ['version'], { encoding: 'utf8' });
    if (!values['skip-hugo'] && hugo.status === 0) {
      const hugoRoot = join(work, 'hugo');
      cpSync(join(PROJECT_ROOT, 'bench/hugo'), hugoRoot, { recursive: true });
      const posts = join(hugoRoot, 'content/postmortems');
      mkdirSync(posts, { recursive: true });
      for (const name of readdirSync(corpusDir)) {
        writeFileSync(join(posts, name.replace(/\.mdx$/, '.md')), readFileSync(join(corpusDir, name)));
      }
      log('hugo floor: hugo');
      const build = await measureCommand('hugo', ['--quiet', '--destination', 'public'], {
        cwd: hugoRoot,
        env,
        label: 'hugo build',
        echo: values.echo,
      });
      if (build.exitCode !== 0) fail('the Hugo build', build);
      log('hugo floor: pagefind --site public');
      const index = await measureCommand(
        process.execPath,
        [join(PROJECT_ROOT, 'node_modules/pagefind/lib/runner/bin.cjs'), '--site', 'public'],
        { cwd: hugoRoot, env, label: 'hugo index', echo: values.echo },
      );
      if (index.exitCode !== 0) fail('the Hugo index', index);
      result.hugo = {
        build,
        index,
        wallMs: build.wallMs + index.wallMs,
        peakRssBytes: Math.max(build.peakRssBytes, index.peakRssBytes),
        pages: htmlFiles(join(hugoRoot, 'public')).length,
        outputBytes: folderSize(join(hugoRoot, 'public')),
      };
      log(`hugo floor: ${formatSeconds(result.hugo.wallMs)}`);
    } else if (!values['skip-hugo']) {
      notes.push('hugo is not installed: the Hugo + Pagefind floor was not measured (Debian: apt-get install hugo)');
    }

    // Largest pages at other N, from earlier runs in the results folder.
    const resultsDir = resolve(values.results ?? join(PROJECT_ROOT, 'bench-results'));
    if (existsSync(resultsDir)) {
      const elsewhere: Record<string, HtmlSize[]> = {};
      for (const name of readdirSync(resultsDir).filter((n) => /^\d+\.json$/.test(n))) {
        const n = name.replace('.json', '');
        if (Number(n) === corpusFiles) continue;
        try {
          const earlier = JSON.parse(readFileSync(join(resultsDir, name), 'utf8')) as BenchResult;
          if (earlier.ours) elsewhere[n] = earlier.ours.largestHtml;
        } catch {
          // An unreadable earlier result is simply left out of the comparison.
        }
      }
      if (Object.keys(elsewhere).length) result.largestElsewhere = elsewhere;
    }

    result.targets = evaluateTargets(result);
    if (smoke) {
      const missing = result.targets.filter((t) => t.status === 'not measured').map((t) => t.name);
      if (missing.length) {
        notes.push(`smoke: not measured: ${missing.join('; ')}`);
        exitCode = 1;
      }
    }
    if (ours.rebuild)
      notes.push(
        `rebuild phases: ${Object.entries(phasesOf(ours.rebuild.output))
          .map(([name, ms]) => `${name} ${formatSeconds(ms)}`)
          .join(' · ')}`,
      );
    const markdown = renderMarkdown(result);
    mkdirSync(resultsDir, { recursive: true });
    writeFileSync(join(resultsDir, `${corpusFiles}.md`), markdown);
    writeFileSync(join(resultsDir, `${corpusFiles}.json`), `${JSON.stringify(result, null, 2)}\n`);
    console.log(markdown);
    log(`wrote ${join(resultsDir, `${corpusFiles}.md`)} and .json`);
  } finally {
    if (values.keep) log(`kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
  return exitCode;
}

function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

process.exitCode = await main();
