/**
 * The benchmark's result record, the targets it is judged against, and its Markdown report.
 * Pure: it formats numbers it is given, so the runner and the smoke test share it.
 */
import type { RunResult } from './measure.ts';
import type { SearchReport, SearchRun } from './search.ts';
import type { PageWeight } from './weight.ts';

export interface HtmlSize {
  file: string;
  bytes: number;
}

export interface OurBuild {
  cold: RunResult;
  rebuild?: RunResult & { editedFile: string; editVisible: boolean };
  pages: number;
  outputBytes: number;
  pagefindBytes: number;
  /** Largest HTML files, biggest first. */
  largestHtml: HtmlSize[];
  weights: PageWeight[];
  /** Phases Astro and the search integration print, in ms. */
  phases: Record<string, number>;
}

export interface BaselineBuild {
  build: RunResult;
  index: RunResult;
  wallMs: number;
  peakRssBytes: number;
  pages: number;
  outputBytes: number;
}

export interface BenchResult {
  meta: {
    count: number;
    seed: number;
    smoke: boolean;
    date: string;
    machine: {
      cpus: number;
      cpuModel: string;
      totalMemoryBytes: number;
      node: string;
      platform: string;
      release: string;
    };
    versions: Record<string, string>;
    corpus: { dir: string; files: number; bytes: number; meanBodyWords: number; generateMs: number };
  };
  /** `npm run validate` with empty caches (no verdict cache, no compile cache). */
  validate?: RunResult;
  /** `npm run validate` again after one file was edited: every other verdict from the cache. */
  validateAfterEdit?: RunResult;
  ours?: OurBuild;
  baseline?: BaselineBuild;
  /** Hugo + Pagefind over the same corpus: the floor a static site generator can reach. */
  hugo?: BaselineBuild;
  search?: SearchReport;
  /** Largest HTML files of other runs in the results folder, by N, to see what grows with N. */
  largestElsewhere?: Record<string, HtmlSize[]>;
  targets: TargetRow[];
  notes: string[];
}

export type Status = 'met' | 'not met' | 'not measured' | 'see note';

export interface TargetRow {
  name: string;
  target: string;
  value: string;
  status: Status;
}

const KIB = 1024;
const MIB = KIB * 1024;
const GIB = MIB * 1024;

export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined) return '—';
  if (bytes >= GIB) return `${(bytes / GIB).toFixed(2)} GiB`;
  if (bytes >= MIB) return `${(bytes / MIB).toFixed(1)} MiB`;
  if (bytes >= KIB) return `${(bytes / KIB).toFixed(1)} KiB`;
  return `${bytes} B`;
}

export function formatMs(ms: number | undefined): string {
  if (ms === undefined) return '—';
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  return `${Math.round(ms)} ms`;
}

const status = (ok: boolean | undefined): Status => (ok === undefined ? 'not measured' : ok ? 'met' : 'not met');

/** Targets of the performance issue (defined for N = 10,000). */
export function evaluateTargets(result: BenchResult): TargetRow[] {
  const rows: TargetRow[] = [];
  const { ours, baseline, validate, search } = result;
  const ratio = ours && baseline ? ours.cold.wallMs / baseline.wallMs : undefined;
  rows.push({
    name: 'Full build vs bare baseline, wall time',
    target: '≤ 1.0x (aim 0.75x)',
    value:
      ratio === undefined
        ? '—'
        : `${ratio.toFixed(2)}x (${formatMs(ours!.cold.wallMs)} vs ${formatMs(baseline!.wallMs)})`,
    status: status(ratio === undefined ? undefined : ratio <= 1.0),
  });
  if (ours && result.hugo) {
    rows.push({
      name: 'Full build vs Hugo + Pagefind (the floor), wall time',
      target: 'reported',
      value: `${(ours.cold.wallMs / result.hugo.wallMs).toFixed(2)}x (${formatMs(ours.cold.wallMs)} vs ${formatMs(result.hugo.wallMs)})`,
      status: 'met',
    });
  }
  rows.push({
    name: 'Full build peak memory (process tree RSS)',
    target: '≤ 4 GiB',
    value: ours ? formatBytes(ours.cold.peakRssBytes) : '—',
    status: status(ours ? ours.cold.peakRssBytes <= 4 * GIB : undefined),
  });
  const rebuildShare = ours?.rebuild ? ours.rebuild.wallMs / ours.cold.wallMs : undefined;
  rows.push({
    name: 'Rebuild after editing one postmortem',
    target: '≤ 20% of cold build',
    value:
      rebuildShare === undefined ? '—' : `${(rebuildShare * 100).toFixed(0)}% (${formatMs(ours!.rebuild!.wallMs)})`,
    status: status(rebuildShare === undefined ? undefined : rebuildShare <= 0.2),
  });
  rows.push({
    name: '`npm run validate` over the corpus, caches empty',
    target: '≤ 3 s',
    value: validate ? formatMs(validate.wallMs) : '—',
    status: status(validate ? validate.exitCode === 0 && validate.wallMs <= 3000 : undefined),
  });
  const again = result.validateAfterEdit;
  rows.push({
    name: '`npm run validate` after editing one postmortem (verdict cache)',
    target: '≤ 3 s',
    value: again ? formatMs(again.wallMs) : '—',
    status: status(again ? again.exitCode === 0 && again.wallMs <= 3000 : undefined),
  });
  const api = search?.api;
  rows.push({
    name: 'First search: bytes (Pagefind JS API)',
    target: '≤ 250 KB (250,000 B)',
    value: api ? formatBytes(api.firstBytes) : '—',
    status: status(api ? api.firstBytes <= 250 * 1000 : undefined),
  });
  rows.push({
    name: 'First search: latency (Pagefind JS API)',
    target: '≤ 150 ms',
    value: api ? formatMs(api.first.ms) : '—',
    status: status(api ? api.first.ms <= 150 : undefined),
  });
  rows.push({
    name: 'Later searches: latency, median (Pagefind JS API)',
    target: '≤ 50 ms',
    value: api ? `${formatMs(api.laterMedianMs)} (max ${formatMs(api.laterMaxMs)})` : '—',
    status: status(api ? api.laterMedianMs <= 50 : undefined),
  });
  const ui = search?.ui;
  if (ui) {
    const debounce = ui.debounceMs ?? 0;
    rows.push({
      name: `First search on the search page: bytes (from navigation)`,
      target: '≤ 250 KB (250,000 B)',
      value: formatBytes(ui.firstBytes),
      status: status(ui.firstBytes <= 250 * 1000),
    });
    rows.push({
      name: `First search on the search page: latency minus the ${debounce} ms input debounce`,
      target: '≤ 150 ms',
      value: `${formatMs(ui.first.ms - debounce)} (${formatMs(ui.first.ms)} from keystroke)`,
      status: status(ui.first.ms - debounce <= 150),
    });
    rows.push({
      name: `Later searches on the search page: median latency minus debounce`,
      target: '≤ 50 ms',
      value: `${formatMs(ui.laterMedianMs - debounce)} (${formatMs(ui.laterMedianMs)} from keystroke)`,
      status: status(ui.laterMedianMs - debounce <= 50),
    });
  }
  const weight = (page: string) => ours?.weights.find((w) => w.page === page && w.file);
  const pm = weight('postmortem page');
  rows.push({
    name: 'Postmortem page JavaScript (gzip)',
    target: '≤ 10 KB (10,000 B)',
    value: pm ? formatBytes(pm.jsGzip) : '—',
    status: status(pm ? pm.jsGzip <= 10 * 1000 : undefined),
  });
  const insights = weight('insights');
  rows.push({
    name: 'Insights page JavaScript (gzip)',
    target: '≤ 80 KB (80,000 B)',
    value: insights ? formatBytes(insights.jsGzip) : '—',
    status: status(insights ? insights.jsGzip <= 80 * 1000 : undefined),
  });
  const largest = ours?.largestHtml[0];
  rows.push({
    name: 'Largest HTML file (no unpaginated list may grow with N)',
    target: 'flat as N grows',
    value: largest ? `${largest.file} ${formatBytes(largest.bytes)}` : '—',
    status: largest ? 'see note' : 'not measured',
  });
  return rows;
}

function table(head: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.map((c) => String(c).replace(/\|/g, '\\|')).join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

function searchRows(label: string, run: SearchRun | undefined, extra = ''): (string | number)[][] {
  if (!run) return [[label, '—', '—', '—', '—', '—']];
  return [
    [
      `${label}${extra}`,
      formatMs(run.first.ms),
      `${formatBytes(run.firstBytes)} (${formatBytes(run.firstRawBytes)} uncompressed, ${run.firstRequests} requests)`,
      formatMs(run.laterMedianMs),
      formatMs(run.laterMaxMs),
      `${run.first.results}`,
    ],
  ];
}

export function renderMarkdown(result: BenchResult): string {
  const { meta, ours, baseline, validate, search } = result;
  const m = meta.machine;
  const out: string[] = [];
  out.push(`# Benchmark: ${meta.count.toLocaleString('en')} postmortems${meta.smoke ? ' (smoke run)' : ''}`);
  out.push('');
  out.push(
    `${meta.date} · ${m.cpus} CPUs (${m.cpuModel}) · ${formatBytes(m.totalMemoryBytes)} RAM · Node ${m.node} · ${m.platform} ${m.release} · ` +
      Object.entries(meta.versions)
        .map(([name, version]) => `${name} ${version}`)
        .join(' · '),
  );
  out.push('');
  out.push(
    `Corpus: ${meta.corpus.files} files, ${formatBytes(meta.corpus.bytes)}, mean body ${meta.corpus.meanBodyWords} words, seed ${meta.seed}, generated in ${formatMs(meta.corpus.generateMs)}.`,
  );
  out.push('');
  out.push('## Targets');
  out.push('');
  if (meta.count !== 10_000)
    out.push(`_Targets are defined for N = 10,000; at N = ${meta.count} they are indicative only._\n`);
  out.push(
    table(
      ['Measure', 'Target', 'Value', 'Status'],
      result.targets.map((t) => [t.name, t.target, t.value, t.status]),
    ),
  );
  out.push('');
  out.push('## Builds');
  out.push('');
  const ratio = (a?: number, b?: number) => (a !== undefined && b ? `${(a / b).toFixed(2)}x` : '—');
  out.push(
    table(
      ['Measure', 'This site', 'Bare baseline (Astro + MDX + Pagefind CLI)', 'Ratio'],
      [
        [
          'Cold build, wall time',
          formatMs(ours?.cold.wallMs),
          baseline
            ? `${formatMs(baseline.wallMs)} (build ${formatMs(baseline.build.wallMs)} + index ${formatMs(baseline.index.wallMs)})`
            : '—',
          ratio(ours?.cold.wallMs, baseline?.wallMs),
        ],
        [
          'Hugo + Pagefind CLI (floor), wall time',
          formatMs(ours?.cold.wallMs),
          result.hugo
            ? `${formatMs(result.hugo.wallMs)} (hugo ${formatMs(result.hugo.build.wallMs)} + index ${formatMs(result.hugo.index.wallMs)}, peak ${formatBytes(result.hugo.peakRssBytes)})`
            : 'not run (hugo not installed, or --skip-hugo)',
          ratio(ours?.cold.wallMs, result.hugo?.wallMs),
        ],
        [
          'Peak memory, process tree RSS',
          formatBytes(ours?.cold.peakRssBytes),
          formatBytes(baseline?.peakRssBytes),
          ratio(ours?.cold.peakRssBytes, baseline?.peakRssBytes),
        ],
        [
          'Peak memory, largest process (GNU time)',
          formatBytes(ours?.cold.maxProcessRssBytes),
          formatBytes(
            baseline
              ? Math.max(baseline.build.maxProcessRssBytes ?? 0, baseline.index.maxProcessRssBytes ?? 0) || undefined
              : undefined,
          ),
          '—',
        ],
        ['HTML pages', ours?.pages ?? '—', baseline?.pages ?? '—', ratio(ours?.pages, baseline?.pages)],
        [
          'Output size',
          ours ? `${formatBytes(ours.outputBytes)} (search index ${formatBytes(ours.pagefindBytes)})` : '—',
          formatBytes(baseline?.outputBytes),
          ratio(ours?.outputBytes, baseline?.outputBytes),
        ],
        [
          'Rebuild after editing one postmortem',
          ours?.rebuild
            ? `${formatMs(ours.rebuild.wallMs)} (${((ours.rebuild.wallMs / ours.cold.wallMs) * 100).toFixed(0)}% of cold; ${ours.rebuild.lineCounts?.reused ?? 0} of ${ours.pages} pages reused${ours.rebuild.editVisible ? '' : '; EDIT NOT IN OUTPUT'})`
            : '—',
          '—',
          '—',
        ],
        ['Rebuild peak memory', formatBytes(ours?.rebuild?.peakRssBytes), '—', '—'],
        [
          '`npm run validate`, caches empty',
          validate
            ? `${formatMs(validate.wallMs)}${validate.exitCode === 0 ? '' : ` (exit ${validate.exitCode})`}`
            : '—',
          '—',
          '—',
        ],
        [
          '`npm run validate` after editing one postmortem',
          result.validateAfterEdit
            ? `${formatMs(result.validateAfterEdit.wallMs)}${result.validateAfterEdit.exitCode === 0 ? '' : ` (exit ${result.validateAfterEdit.exitCode})`}`
            : '—',
          '—',
          '—',
        ],
      ],
    ),
  );
  if (ours && Object.keys(ours.phases).length) {
    out.push('');
    out.push(
      `Phases of this site's cold build (as Astro and the search integration log them): ${Object.entries(ours.phases)
        .map(([name, ms]) => `${name} ${formatMs(ms)}`)
        .join(' · ')}.`,
    );
  }
  out.push('');
  out.push('## Search (Chromium, localhost, no network throttling)');
  out.push('');
  out.push(
    table(
      [
        'Measurement',
        'First query',
        'First query bytes (gzip as served)',
        'Later queries, median',
        'Later, max',
        'Results (first query)',
      ],
      [
        ...searchRows('Pagefind JS API: search + 5 results’ data', search?.api),
        ...searchRows(
          'Search page UI: keystroke → 5 result links',
          search?.ui,
          search?.ui ? ` (debounce ${search.ui.debounceMs} ms included)` : '',
        ),
      ],
    ),
  );
  if (search?.notes.length) out.push('', ...search.notes.map((n) => `- ${n}`));
  out.push('');
  out.push('## JavaScript and CSS per page type (gzip)');
  out.push('');
  out.push(
    table(
      ['Page', 'File', 'JS', 'Lazy JS', 'CSS', 'Inline JSON data', 'HTML'],
      (ours?.weights ?? []).map((w) =>
        w.file
          ? [
              w.page,
              w.file,
              formatBytes(w.jsGzip),
              formatBytes(w.lazyJsGzip),
              formatBytes(w.cssGzip),
              formatBytes(w.dataGzip),
              `${formatBytes(w.htmlGzip)} (${formatBytes(w.htmlBytes)} raw)`,
            ]
          : [w.page, 'absent', '—', '—', '—', '—', '—'],
      ),
    ),
  );
  out.push('');
  out.push('## Largest HTML files');
  out.push('');
  const others = Object.entries(result.largestElsewhere ?? {});
  out.push(
    table(
      ['File', `N = ${meta.count}`, ...others.map(([n]) => `N = ${n}`)],
      (ours?.largestHtml ?? []).map((h) => [
        h.file,
        formatBytes(h.bytes),
        ...others.map(([, list]) => formatBytes(list.find((x) => x.file === h.file)?.bytes)),
      ]),
    ),
  );
  out.push('');
  out.push('A page that grows in proportion to N (compare the columns) carries an unpaginated list.');
  if (result.notes.length) {
    out.push('', '## Notes', '', ...result.notes.map((n) => `- ${n}`));
  }
  out.push('');
  return out.join('\n');
}
