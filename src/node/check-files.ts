/**
 * `npm run validate`'s way through a content folder: list and read every file once, take clean
 * verdicts from the cache, check the rest on worker threads, then run the cross-file rules on
 * everything. The main thread loads no parser: a run where nothing changed costs the reads, a
 * digest per file and the cross-file rules.
 */
import { INCIDENT_YEARS } from '../lib/core/time.ts';
import { VerdictCache } from './check-cache.ts';
import { checkSources, startPool } from './check-pool.ts';
import { finishCheck, type CheckedFile, type CheckResult } from './check-results.ts';
import { planCheck, readAll, type ReadOptions, type ReadSource } from './content-folder.ts';

/** Files read before they are sent to the workers: small enough that they start early, large enough to cost little. */
const READ_BATCH = 250;

export interface ParallelCheckOptions extends ReadOptions {
  production?: boolean;
  /** Render bodies to HTML as well (the build); validation alone does not need the HTML. */
  render?: boolean;
  /** Reuse clean verdicts of unchanged files (see check-cache.ts). Default false. */
  cache?: boolean;
}

/** Every per-file and cross-file rule, with the per-file work spread over worker threads. */
export async function checkPostmortemFilesInParallel(options: ParallelCheckOptions): Promise<CheckResult> {
  const plan = planCheck(options);
  const render = options.render ?? false;
  // The verdict depends on the code (in the cache's salt), the text, and these settings.
  const cache = options.cache ? new VerdictCache({ render, earliestYear: INCIDENT_YEARS.earliest() }) : undefined;
  // When most files will need checking, the workers load the parsers while this thread reads.
  const pool = startPool(plan.files.length - (cache?.size ?? 0));
  const checkOptions = { render, keepBody: false };
  try {
    // Read in batches, each sent to the workers at once, so they check while this thread reads on.
    const sources: ReadSource[] = [];
    const unreadable: ReturnType<typeof readAll>['unreadable'] = [];
    const cached: CheckedFile[] = [];
    const toCheck: ReadSource[] = [];
    for (let start = 0; start < plan.files.length; start += READ_BATCH) {
      const read = readAll({ ...plan, files: plan.files.slice(start, start + READ_BATCH) });
      const split = cache ? cache.split(read.sources) : { cached: [], toCheck: read.sources };
      sources.push(...read.sources);
      unreadable.push(...read.unreadable);
      cached.push(...split.cached);
      toCheck.push(...split.toCheck);
      pool?.submit(split.toCheck, checkOptions);
    }
    const checked = pool ? await pool.results() : await checkSources(toCheck, checkOptions);
    cache?.record(checked);
    cache?.save();
    // In the order files were listed, whichever way their verdict came, so the report never depends on the cache.
    const byFile = new Map([...unreadable, ...cached, ...checked].map((result) => [result.absolute, result]));
    const results = plan.files.flatMap(({ absolute }) => byFile.get(absolute) ?? []);
    const result = finishCheck(plan, results, new Map(sources.map((s) => [s.absolute, s.text])), options);
    return { ...result, reused: cached.length };
  } finally {
    await pool?.close();
  }
}
