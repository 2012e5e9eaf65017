/**
 * The content loader for postmortems: the one pipeline that turns files into entries.
 *
 * Each file is stat'ed (regular files only), read once, split, parsed once, checked on that
 * tree and rendered to sanitized HTML by `checkPostmortemSource`, the function
 * `npm run validate` runs too. Entries are stored with their HTML (`rendered`), so pages show
 * them with `render(entry)` and no postmortem is ever compiled into a JavaScript module.
 * Entries are cached by digest: an unchanged file is neither re-read into a tree nor
 * re-rendered on the next build. Any problem fails a production build before a page is written.
 *
 * In `astro dev` no file is left without a page: a file with problems, a draft and one in review
 * each get a preview record (its problems with the validator's messages, the frontmatter as
 * written, the body when it passed the body checks) in a second collection, which the incident
 * pages show as a banner. A production build makes no preview record.
 */
import type { Loader, LoaderContext } from 'astro/loaders';
import { writeSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Postmortem } from '../lib/core/schema.ts';
import { INCIDENT_YEARS } from '../lib/core/time.ts';
import { unsafeCharacterIndex } from '../lib/core/characters.ts';
import { routes, withBase } from '../lib/site/routes.ts';
import { formatProblem, idOf, type CheckedPostmortem } from '../lib/content/validation.ts';
import { POSTMORTEM_EXTENSIONS, type Problem } from '../lib/content/problems.ts';
import type { RenderedBody } from '../lib/content/body.ts';
import { previewOf, type PreviewRecord } from '../lib/content/preview.ts';
import { reviewChecks } from '../lib/content/review-checks.ts';
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

/** A preview record with the body's HTML, when the body may be shown. */
type Preview = PreviewRecord & { body?: RenderedBody };

/**
 * Hands the preview records from the postmortem loader (which checks the files) to the preview
 * collection's loader (which stores them), on the first load and on every reload in dev.
 */
function previewChannel() {
  let latest: Preview[] | undefined;
  let arrived: (records: Preview[]) => void = () => undefined;
  const first = new Promise<Preview[]>((resolvePromise) => (arrived = resolvePromise));
  let write: ((records: Preview[]) => void) | undefined;
  return {
    publish(records: Preview[]) {
      latest = records;
      arrived(records);
      write?.(records);
    },
    /** Calls `writer` with the records now (once the first load is done) and after each reload. */
    async attach(writer: (records: Preview[]) => void) {
      write = writer;
      writer(latest ?? (await first));
    },
  };
}

/**
 * The two loaders: `postmortems` (valid entries; drafts only in dev) and `previews` (in dev, a
 * record for each file the production build leaves out; empty in a production build).
 */
export function postmortemLoaders(options: PostmortemLoaderOptions): { postmortems: Loader; previews: Loader } {
  const channel = previewChannel();
  const postmortems: Loader = {
    name: 'postmortem-loader',
    load: async (context) => {
      const { watcher } = context;
      // Whatever happens, the preview loader is answered, so a dev server never waits forever.
      await loadPostmortems(context, options).then(
        (records) => channel.publish(records),
        (error: unknown) => {
          channel.publish([]);
          throw error;
        },
      );
      if (!watcher) return;
      const folder = resolve(fileURLToPath(context.config.root), options.contentDir);
      watcher.add(folder);
      // In dev every change reloads the folder; unchanged files are skipped by digest, so it is cheap.
      const reload = (path: string) => {
        if (path === folder || path.startsWith(folder + sep)) {
          loadPostmortems(context, options)
            .then((records) => channel.publish(records))
            .catch((error) => context.logger.error((error as Error).message));
        }
      };
      watcher.on('add', reload).on('change', reload).on('unlink', reload);
    },
  };
  const previews: Loader = {
    name: 'postmortem-preview-loader',
    load: async ({ store, watcher }) => {
      // Production builds publish only valid, published postmortems and preview nothing.
      if (!watcher) {
        store.clear();
        return;
      }
      await channel.attach((records) => {
        const ids = new Set(records.map((record) => record.id));
        for (const id of store.keys()) if (!ids.has(id)) store.delete(id);
        for (const { body, ...record } of records) {
          store.set({
            id: record.id,
            data: record as unknown as Record<string, unknown>,
            ...(body ? { rendered: { html: body.html, metadata: { headings: body.headings } } } : {}),
          });
        }
      });
    },
  };
  return { postmortems, previews };
}

/** Loads the folder into the store; returns the preview records (none in a production build). */
async function loadPostmortems(context: LoaderContext, options: PostmortemLoaderOptions): Promise<Preview[]> {
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
        // The body is read back from the text only if something asks (a draft's review checks).
        entry: { file: source.shown, id, data: existing.data as Postmortem, bodyStartLine: 1, problems: [] },
      });
    } else {
      changed.push(source);
    }
  }
  const started = performance.now();
  // In dev a file with problems still shows its body when the body itself is clean.
  const checked = await checkSources(changed, { render: true, preview: !production });
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
  const previews = production ? [] : previewsOf(result, broken, texts, store, root);
  for (const id of store.keys()) if (!keep.has(id)) store.delete(id);
  logger.info(
    `${result.fileCount} postmortems ${errors.length ? 'read' : 'valid'} (${checked.length} checked and rendered in ${Math.round(performance.now() - started)} ms, ${unchanged.length} unchanged by digest)`,
  );
  if (previews.length > 0) {
    // Where to look: the terminal's WARN lines name the problems, the pages show them in place.
    const invalid = previews.filter((preview) => preview.kind === 'invalid');
    const pages = invalid.slice(0, 5).map((preview) => withBase(config.base ?? '/', routes.postmortem(preview.id)));
    const more = invalid.length > pages.length ? ` and ${invalid.length - pages.length} more` : '';
    logger.info(
      `${previews.length} not for publishing, each shown in dev with a banner (${invalid.length} with problems${invalid.length ? `: ${pages.join(', ')}${more}` : ''}; ${previews.length - invalid.length} not published)`,
    );
  }
  return previews;
}

/**
 * The preview record of every file a production build would leave out: each file with an error
 * (its problems, the body when clean) and each valid one not published (its review warnings, as
 * `npm run validate -- --strict` gives them). Runs before the store forgets the broken entries,
 * whose cached HTML it may still need.
 */
function previewsOf(
  result: ReturnType<typeof finishCheck>,
  broken: Set<string>,
  texts: Map<string, string>,
  store: LoaderContext['store'],
  root: string,
): Preview[] {
  const byFile = new Map<string, Problem[]>();
  for (const problem of result.problems) byFile.set(problem.file, [...(byFile.get(problem.file) ?? []), problem]);
  const textOf = (file: string) => texts.get(resolve(root, file));
  const previews = new Map<string, Preview>();
  const add = (preview: Preview) => {
    // A file name no URL segment can carry (a slash, a control character…) has no page; its problems stay in the terminal.
    if (!routable(preview.id)) return;
    const same = previews.get(preview.id);
    // Two files with one id (x.md and x.mdx) share a page, which lists both files' problems.
    if (same) same.problems.push(...preview.problems.filter((problem) => problem.file !== same.file));
    else previews.set(preview.id, preview);
  };
  for (const entry of result.entries) {
    const problems = byFile.get(entry.file) ?? [];
    if (broken.has(entry.file)) {
      const cached = store.get(entry.id)?.rendered;
      const body =
        entry.rendered ??
        entry.bodyPreview ??
        (cached && entry.data
          ? { html: cached.html, headings: (cached.metadata?.headings ?? []) as RenderedBody['headings'] }
          : undefined);
      add(previewOf({ id: entry.id, file: entry.file, text: textOf(entry.file), problems, body }));
    } else if (entry.data && entry.data.status !== 'published') {
      const advice = reviewChecks({ ...entry, data: entry.data });
      add(previewOf({ id: entry.id, file: entry.file, text: textOf(entry.file), problems: [...problems, ...advice] }));
    }
  }
  // Files that could not be read or checked at all (binary, too large, a link): their problems only.
  const entered = new Set(result.entries.map((entry) => entry.file));
  for (const [file, problems] of byFile) {
    if (entered.has(file) || !POSTMORTEM_EXTENSIONS.some((extension) => file.toLowerCase().endsWith(extension)))
      continue;
    add(previewOf({ id: idOf(file.slice(file.lastIndexOf('/') + 1)), file, text: textOf(file), problems }));
  }
  return [...previews.values()];
}

/** Whether an id can be one segment of a page's path, as the dev server matches it. */
function routable(id: string): boolean {
  return (
    id !== '' &&
    id !== '.' &&
    id !== '..' &&
    !/[/\\?#%\u0000-\u001f\u007f-\u009f]/.test(id) &&
    unsafeCharacterIndex(id) === -1
  );
}
