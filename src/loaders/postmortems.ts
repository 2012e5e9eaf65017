/**
 * The content loader for postmortems: the one pipeline that turns files into entries.
 *
 * Each file is stat'ed (regular files only), read once, split, parsed once, checked on that
 * tree and rendered to sanitized HTML by `checkPostmortemSource`, the function
 * `npm run validate` runs too. Entries are stored with their HTML (`rendered`), so pages show
 * them with `render(entry)` and no postmortem is ever compiled into a JavaScript module.
 * Entries are cached by digest: an unchanged file is neither re-read into a tree nor
 * re-rendered on the next build. Any problem fails a production build before a page is written.
 */
import type { Loader, LoaderContext } from 'astro/loaders';
import { writeSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Postmortem } from '../lib/core/schema.ts';
import { INCIDENT_YEARS } from '../lib/core/time.ts';
import { formatProblem, idOf, type CheckedPostmortem } from '../lib/content/validation.ts';
import { checkSources, finishCheck, readContentFolder, type CheckedFile } from '../node/postmortem-files.ts';
import { CHECK_SOURCES, pipelineDigest } from '../node/pipeline-digest.ts';

export interface PostmortemLoaderOptions {
  /** Folder of postmortems, relative to the project root. */
  contentDir: string;
}

/** Thrown when content is invalid; its message is the validator's report and nothing else. */
export class InvalidPostmortemsError extends Error {
  constructor(report: string) {
    super(report);
    this.name = 'InvalidPostmortemsError';
    // The report already names every file and line; a stack trace would only bury it.
    this.stack = '';
  }
}

export function postmortemLoader(options: PostmortemLoaderOptions): Loader {
  return {
    name: 'postmortem-loader',
    load: async (context) => {
      await loadPostmortems(context, options);
      const { watcher } = context;
      if (!watcher) return;
      const folder = resolve(fileURLToPath(context.config.root), options.contentDir);
      watcher.add(folder);
      // In dev every change reloads the folder; unchanged files are skipped by digest, so it is cheap.
      const reload = (path: string) => {
        if (path === folder || path.startsWith(folder + sep)) {
          loadPostmortems(context, options).catch((error) => context.logger.error((error as Error).message));
        }
      };
      watcher.on('add', reload).on('change', reload).on('unlink', reload);
    },
  };
}

async function loadPostmortems(context: LoaderContext, options: PostmortemLoaderOptions): Promise<void> {
  const { store, config, logger, generateDigest, watcher } = context;
  const root = fileURLToPath(config.root);
  const production = !watcher;
  const checkOptions = { contentDir: resolve(root, options.contentDir), cwd: root, production, render: true };
  const { plan, sources, unreadable } = readContentFolder(checkOptions);
  // A new rule or renderer (or dependency version) never serves stale cached HTML.
  const salt = `${pipelineDigest(root, [...CHECK_SOURCES, 'src/loaders'])}:${INCIDENT_YEARS.earliest()}`;

  const changed: typeof sources = [];
  const unchanged: CheckedFile[] = [];
  const digests = new Map<string, string>();
  for (const source of sources) {
    const id = idOf(source.absolute.slice(source.absolute.lastIndexOf(sep) + 1));
    const digest = generateDigest(`${salt}\n${source.text}`);
    digests.set(source.absolute, digest);
    const existing = store.get(id);
    if (existing?.digest === digest && existing.rendered) {
      // Cached by digest: the data was validated and the HTML rendered when it was stored.
      unchanged.push({
        absolute: source.absolute,
        entry: { file: source.shown, id, data: existing.data as Postmortem, body: '', bodyStartLine: 1, problems: [] },
      });
    } else {
      changed.push(source);
    }
  }
  const started = performance.now();
  const checked = await checkSources(changed, { render: true });
  const texts = new Map(sources.map((source) => [source.absolute, source.text]));
  const result = finishCheck(plan, [...unreadable, ...unchanged, ...checked], texts, checkOptions);
  const errors = result.problems.filter((problem) => problem.severity === 'error');
  const broken = new Set(errors.map((problem) => problem.file));

  if (errors.length > 0 && production) {
    const files = broken.size;
    const summary = `${errors.length} problem${errors.length === 1 ? '' : 's'} in ${files} postmortem file${files === 1 ? '' : 's'}; nothing was built. Run "npm run validate" to check again.`;
    // Written synchronously: the build exits right after the throw, and buffered console output
    // was seen cut short on a loaded machine (the report and its summary half missing).
    writeSync(2, `${[...errors.map(formatProblem), summary].join('\n')}\n`);
    throw new InvalidPostmortemsError(summary);
  }
  // In dev the site still starts, so authors can preview the rest while they fix the report.
  for (const problem of errors) logger.warn(formatProblem(problem));

  const keep = new Set<string>();
  for (const file of unchanged) if (!broken.has(file.entry!.file)) keep.add(file.entry!.id);
  for (const file of checked) {
    const entry = file.entry as CheckedPostmortem | undefined;
    if (!entry?.data || !entry.rendered || broken.has(entry.file)) continue;
    keep.add(entry.id);
    store.set({
      id: entry.id,
      data: entry.data as unknown as Record<string, unknown>,
      body: entry.body,
      filePath: relative(root, file.absolute).split(sep).join('/'),
      digest: digests.get(file.absolute),
      rendered: { html: entry.rendered.html, metadata: { headings: entry.rendered.headings } },
    });
  }
  for (const id of store.keys()) if (!keep.has(id)) store.delete(id);
  logger.info(
    `${result.fileCount} postmortems ${errors.length ? 'read' : 'valid'} (${checked.length} checked and rendered in ${Math.round(performance.now() - started)} ms, ${unchanged.length} unchanged by digest)`,
  );
}
