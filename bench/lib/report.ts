/**
 * The benchmark's result record and its Markdown report (targets.ts judges it).
 * Pure: it formats numbers it is given, so the runner and the smoke test share it.
 */
import type { RunResult } from './measure.ts';
import type { SearchReport, SearchRun } from './search.ts';
import type { PageWeight } from './weight.ts';
import type { TargetRow } from './targets.ts';
import { formatBytes, formatMs } from './units.ts';

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
  const baselineCpu =
    baseline?.build.cpuMs !== undefined && baseline.index.cpuMs !== undefined
      ? baseline.build.cpuMs + baseline.index.cpuMs
      : undefined;
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
        // CPU seconds (user + system, GNU time): how much work each build does, apart from how
        // well it uses the cores. Wall times on a shared machine swing by a third between runs.
        [
          'Cold build, CPU time (user + system)',
          formatMs(ours?.cold.cpuMs),
          baselineCpu === undefined
            ? '—'
            : `${formatMs(baselineCpu)} (build ${formatMs(baseline!.build.cpuMs)} + index ${formatMs(baseline!.index.cpuMs)})`,
          ratio(ours?.cold.cpuMs, baselineCpu),
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
