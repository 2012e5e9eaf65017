/**
 * The targets of the performance issue (defined for N = 10,000) and how one result is judged
 * against them: met, not met, not measured, or a value to read beside other runs.
 */
import type { BenchResult } from './report.ts';
import { formatBytes, formatMs, GIB } from './units.ts';

export type Status = 'met' | 'not met' | 'not measured' | 'see note';

export interface TargetRow {
  name: string;
  target: string;
  value: string;
  status: Status;
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
