/**
 * `node bench/levers.ts --count N --variants a,b,...`: measures Astro build options on this
 * site without touching the working tree. Each variant is a throwaway copy of the project
 * with a few source patches; it gets a cold build, then one edited postmortem and a rebuild.
 * Findings go into bench/NOTES.md; the lead applies the ones worth keeping.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseCommandLine, usageError } from '../src/cli/args.ts';
import { writeCorpus } from './generate.ts';
import { editOne, editShows } from './lib/edit.ts';
import { measureCommand } from './lib/measure.ts';
import { prepareSiteCopy } from './lib/projects.ts';
import { formatBytes, formatMs } from './lib/report.ts';
import { htmlFiles } from './lib/weight.ts';

const PROJECT_ROOT = resolve(import.meta.dirname, '..');

interface Patch {
  file: string;
  /** Must match exactly once, so a patch never silently misses a changed source. */
  find: RegExp;
  replace: string;
}

const glob = (options: string): Patch => ({
  file: 'src/content.config.ts',
  find: /glob\(\{/,
  replace: `glob({ ${options}, `,
});
// Without the body, the page cannot test it for emptiness; render the write-up unconditionally.
const writeUpWithoutBody: Patch = {
  file: 'src/pages/postmortems/[id].astro',
  find: /entry\.body && entry\.body\.trim\(\) && \(/,
  replace: '(',
};
const buildOption = (option: string): Patch => ({
  file: 'astro.config.mjs',
  find: /build:\s*\{/,
  replace: `build: { ${option}, `,
});
const incremental: Patch[] = [
  {
    file: 'astro.config.mjs',
    find: /defineConfig\(\{/,
    replace: 'defineConfig({ experimental: { incrementalBuild: true },',
  },
  // The key covers what the page shows from props: the entry and its neighbours' summaries.
  {
    file: 'src/pages/postmortems/[id].astro',
    find: /params: \{ id: incident\.summary\.id \},/,
    replace:
      'params: { id: incident.summary.id }, cacheKey: JSON.stringify([incident.entry.digest, incidents[index - 1]?.summary, incidents[index + 1]?.summary, incident.entry.data.related]),',
  },
];

// Listing pages keyed by the page's rows; a real key must also cover the facet counts they show.
const listingKeys: Patch[] = [
  {
    file: 'src/pages/postmortems/[...listing].astro',
    find: /props: \{ listing \} \}\)/,
    replace: 'props: { listing }, cacheKey: JSON.stringify(listing) })',
  },
  ...['categories/[category]', 'services/[service]', 'severities/[severity]', 'years/[year]'].map((folder) => ({
    file: `src/pages/${folder}/[...listing].astro`,
    find: /props: \{ (\w+), listing \} \}\)/,
    replace: 'props: { $1, listing }, cacheKey: JSON.stringify(listing) })',
  })),
];

export const VARIANTS: Record<string, { description: string; patches: Patch[]; corpusExt?: 'md' }> = {
  default: { description: 'the site as it is', patches: [] },
  'retain-body-false': {
    description: 'glob loader retainBody: false',
    patches: [glob('retainBody: false'), writeUpWithoutBody],
  },
  'defer-render': { description: 'glob loader deferRender: true', patches: [glob('deferRender: true')] },
  'defer-render+retain-body-false': {
    description: 'both glob options',
    patches: [glob('deferRender: true, retainBody: false'), writeUpWithoutBody],
  },
  'concurrency-2': { description: 'build.concurrency: 2', patches: [buildOption('concurrency: 2')] },
  'concurrency-4': { description: 'build.concurrency: 4', patches: [buildOption('concurrency: 4')] },
  incremental: { description: 'experimental.incrementalBuild with cacheKey on postmortem pages', patches: incremental },
  'incremental+defer-render': {
    description: 'incrementalBuild, cacheKey, deferRender',
    patches: [...incremental, glob('deferRender: true')],
  },
  'incremental-all': {
    description: 'incrementalBuild with cacheKey on postmortem and listing pages',
    patches: [...incremental, ...listingKeys],
  },
  'quiet-mdx-warnings': {
    description: 'drop the per-MDX-file MODULE_LEVEL_DIRECTIVE bundler warning',
    patches: [
      {
        file: 'astro.config.mjs',
        find: /defineConfig\(\{/,
        replace:
          "defineConfig({ vite: { build: { rollupOptions: { onwarn(warning, warn) { if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning); } } } },",
      },
    ],
  },
  'md-files': { description: 'the same corpus as .md files instead of .mdx', patches: [], corpusExt: 'md' },
  'md-files+incremental-all': {
    description: '.md corpus, incrementalBuild, cacheKey on postmortem and listing pages',
    patches: [...incremental, ...listingKeys],
    corpusExt: 'md',
  },
};

function applyPatches(root: string, patches: Patch[]): void {
  for (const patch of patches) {
    const path = join(root, patch.file);
    const text = readFileSync(path, 'utf8');
    const matches = text.match(new RegExp(patch.find.source, 'g')) ?? [];
    if (matches.length !== 1)
      throw new Error(
        `${patch.file}: expected one match of ${patch.find}, found ${matches.length}; update bench/levers.ts`,
      );
    writeFileSync(path, text.replace(patch.find, patch.replace));
  }
}

function htmlSummary(dir: string): { pages: number; bytes: number } {
  const files = htmlFiles(dir);
  return { pages: files.length, bytes: files.reduce((sum, f) => sum + f.bytes, 0) };
}

if (import.meta.main) {
  const usage = `Usage: node bench/levers.ts [--count N] [--seed S] [--variants a,b] [--results DIR] [--repeat N] [--keep]

Builds the site once per variant (${Object.keys(VARIANTS).join(', ')}) over one synthetic corpus
and reports cold build, rebuild, memory and output size.`;
  const { values } = parseCommandLine('bench/levers', usage, {
    options: {
      help: { type: 'boolean', short: 'h', default: false },
      count: { type: 'string', default: '300' },
      seed: { type: 'string', default: '1' },
      variants: { type: 'string', default: Object.keys(VARIANTS).join(',') },
      results: { type: 'string', default: join(PROJECT_ROOT, 'bench-results') },
      repeat: { type: 'string', default: '1' },
      keep: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const count = Number(values.count);
  const names = values.variants.split(',').map((v) => v.trim());
  for (const name of names)
    if (!VARIANTS[name])
      usageError('bench/levers', `unknown variant ${name}; known: ${Object.keys(VARIANTS).join(', ')}`, usage);
  const work = mkdtempSync(join(tmpdir(), 'kb-levers-'));
  const env = { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', ASTRO_TELEMETRY_DISABLED: '1' };
  // One snapshot of the sources for every variant: other work may change the tree meanwhile.
  const snapshot = join(work, 'snapshot');
  prepareSiteCopy(PROJECT_ROOT, snapshot);
  rmSync(join(snapshot, 'node_modules'), { recursive: true, force: true });
  const pristine = join(work, 'corpus');
  writeCorpus(pristine, count, Number(values.seed));
  type Row = {
    variant: string;
    round: number;
    coldMs: number;
    coldCpuMs?: number;
    coldPeakRss: number;
    rebuildMs: number;
    rebuildCpuMs?: number;
    rebuildPeakRss: number;
    pages: number;
    htmlBytes: number;
    editVisible: boolean;
    /** Pages the rebuild took from the incremental cache instead of rendering. */
    restoredPages: number;
    /** Bundler warnings about MDX modules in the cold build's log (one per MDX file). */
    directiveWarnings: number;
    coldLog: string[];
    rebuildLog: string[];
  };
  const rows: Row[] = [];
  const errors: string[] = [];
  const interesting = (log: string) =>
    log
      .split('\n')
      .filter(
        (l) =>
          !/WARN/.test(l) && /Completed in|built in|search-index|Synced|Generated|skip|reus|cache|increment/i.test(l),
      );
  try {
    // Rounds interleave the variants, so load from other work on the machine spreads over all of them.
    for (let round = 1; round <= Number(values.repeat); round++) {
      for (const name of names) {
        const variant = VARIANTS[name];
        const root = join(work, `${name}-${round}`);
        const corpus = join(work, `${name}-${round}-corpus`);
        cpSync(pristine, corpus, { recursive: true });
        if (variant.corpusExt)
          for (const file of readdirSync(corpus))
            renameSync(join(corpus, file), join(corpus, file.replace(/\.mdx?$/, `.${variant.corpusExt}`)));
        prepareSiteCopy(PROJECT_ROOT, root, snapshot);
        try {
          applyPatches(root, variant.patches);
        } catch (error) {
          errors.push(`${name}: ${(error as Error).message}`);
          continue;
        }
        const out = join(root, 'dist');
        const build = () =>
          measureCommand(process.execPath, [join(root, 'node_modules/astro/bin/astro.mjs'), 'build', '--outDir', out], {
            cwd: root,
            env: { ...env, KB_CONTENT_DIR: corpus },
            label: name,
            countLines: { restored: /\(restored\)|\(cached\)/, directiveWarnings: /MODULE_LEVEL_DIRECTIVE/ },
          });
        console.error(`[levers] round ${round} ${name}: cold build`);
        const cold = await build();
        if (cold.exitCode !== 0) {
          console.error(cold.output);
          errors.push(`${name}: cold build exit ${cold.exitCode}`);
          continue;
        }
        const coldHtml = htmlSummary(out);
        const edit = editOne(corpus, 'Lever edit');
        const rebuild = await build();
        if (rebuild.exitCode !== 0) errors.push(`${name}: rebuild exit ${rebuild.exitCode}`);
        const row: Row = {
          variant: name,
          round,
          coldMs: Math.round(cold.wallMs),
          coldCpuMs: cold.cpuMs,
          coldPeakRss: cold.peakRssBytes,
          rebuildMs: Math.round(rebuild.wallMs),
          rebuildCpuMs: rebuild.cpuMs,
          rebuildPeakRss: rebuild.peakRssBytes,
          pages: coldHtml.pages,
          htmlBytes: coldHtml.bytes,
          editVisible: editShows(out, edit),
          restoredPages: rebuild.lineCounts?.restored ?? 0,
          directiveWarnings: cold.lineCounts?.directiveWarnings ?? 0,
          coldLog: interesting(cold.output),
          rebuildLog: interesting(rebuild.output),
        };
        rows.push(row);
        console.error(
          `[levers] round ${round} ${name}: cold ${formatMs(row.coldMs)} (cpu ${formatMs(row.coldCpuMs)}) ${formatBytes(row.coldPeakRss)}, rebuild ${formatMs(row.rebuildMs)} (cpu ${formatMs(row.rebuildCpuMs)}, ${row.restoredPages} pages restored), ${row.pages} pages, edit visible ${row.editVisible}`,
        );
        if (!values.keep) {
          rmSync(root, { recursive: true, force: true });
          rmSync(corpus, { recursive: true, force: true });
        }
      }
    }
  } finally {
    mkdirSync(values.results, { recursive: true });
    const file = join(values.results, `levers-${count}-${Date.now()}.json`);
    writeFileSync(file, `${JSON.stringify({ count, date: new Date().toISOString(), errors, rows }, null, 2)}\n`);
    console.error(`[levers] wrote ${file}`);
    if (values.keep) console.error(`[levers] kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
  const med = (list: (number | undefined)[]) => {
    const sorted = list.filter((v): v is number => v !== undefined).sort((a, b) => a - b);
    return sorted.length ? sorted[(sorted.length - 1) >> 1] : undefined;
  };
  console.log(`N = ${count}, median of ${values.repeat} round(s); CPU = user + system of the build's process tree.`);
  console.log(
    '| Variant | Cold wall | Cold CPU | Peak RSS | Rebuild wall | Rebuild CPU | Rebuild / cold (CPU) | Restored pages | Pages | HTML | Edit visible |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const name of names) {
    const mine = rows.filter((r) => r.variant === name);
    if (!mine.length) {
      console.log(`| ${name} | failed | | | | | | | | | |`);
      continue;
    }
    const coldCpu = med(mine.map((r) => r.coldCpuMs));
    const rebuildCpu = med(mine.map((r) => r.rebuildCpuMs));
    console.log(
      `| ${name} | ${formatMs(med(mine.map((r) => r.coldMs)))} | ${formatMs(coldCpu)} | ${formatBytes(med(mine.map((r) => r.coldPeakRss)))} | ${formatMs(med(mine.map((r) => r.rebuildMs)))} | ${formatMs(rebuildCpu)} | ${coldCpu && rebuildCpu ? `${Math.round((rebuildCpu / coldCpu) * 100)}%` : '—'} | ${mine[0].restoredPages} | ${mine[0].pages} | ${formatBytes(mine[0].htmlBytes)} | ${mine.every((r) => r.editVisible)} |`,
    );
  }
  if (errors.length) console.log(`\nErrors: ${errors.join('; ')}`);
}
