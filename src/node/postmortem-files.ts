/**
 * Reads and checks postmortem files for the validator, the build and the tests: the one entry
 * point to the per-file check (`checkSource`), the content folder reader and the cross-file
 * rules. The pieces live in their own modules so `npm run validate`'s main thread can load the
 * reader and the cross-file rules without any parser (see check-files.ts).
 */
import { checkSource } from './check-source.ts';
import { finishCheck, type CheckResult } from './check-results.ts';
import { planCheck, readAll, type CheckPlan, type ReadOptions } from './content-folder.ts';

export { checkSources } from './check-pool.ts';
export { finishCheck, type CheckedFile } from './check-results.ts';

export interface CheckOptions extends ReadOptions {
  production?: boolean;
  /** Render bodies to HTML as well (the build); validation alone does not need the HTML. */
  render?: boolean;
}

/** Checks files (or the whole content folder) with every per-file and cross-file rule, on this thread. */
export function checkPostmortemFiles(options: CheckOptions): CheckResult {
  const plan = planCheck(options);
  const { sources, unreadable } = readAll(plan);
  const checked = [...unreadable, ...sources.map((source) => checkSource(source, { render: options.render ?? false }))];
  return finishCheck(plan, checked, new Map(sources.map((s) => [s.absolute, s.text])), options);
}

/** Plans and reads the files of the content folder, for the content loader. */
export function readContentFolder(options: ReadOptions): ReturnType<typeof readAll> & { plan: CheckPlan } {
  const plan = planCheck(options);
  return { plan, ...readAll(plan) };
}
