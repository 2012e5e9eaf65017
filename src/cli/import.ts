/**
 * `npm run import -- <file|dir>... [--out DIR] [--zone ZONE]`: turns postmortems written as
 * free-form Markdown into entries of the knowledge base (see src/lib/importer/). Each file
 * is imported on its own, so one bad file never stops the rest; the run ends with a table of
 * what was imported, imported as a draft with fields to review, or failed and why.
 */
import { CONTENT_DIR } from '../site.config.ts';
import { copyFileSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import { parseCommandLine, usageError } from './args.ts';
import { progress } from '@clack/prompts';
import { compactPaths, importDocument } from '../lib/importer/index.ts';
import { isKnownZone } from '../lib/importer/times.ts';
import { reviewFields } from '../lib/content/review-points.ts';
import { addServicesToCatalog, readServiceCatalog } from '../node/service-catalog.ts';
import { readFactorVocabulary } from '../node/factor-vocabulary.ts';
import { serviceCatalogPath } from '../lib/site/services.ts';

export const DEFAULT_OUT = CONTENT_DIR;
/** Extensions read as free-form Markdown when a folder is imported. */
export const SOURCE_EXTENSIONS = ['.md', '.markdown', '.mdown', '.mkd', '.txt', '.text'];
const MAX_BYTES = 1024 * 1024;
/**
 * Files a repository keeps about itself (GitHub's community files). In a folder they describe the
 * collection, not an incident (icco/postmortems' README lists its entries), so a folder import
 * lists them as skipped; naming one on the command line imports it.
 */
const REPOSITORY_FILES = new Set([
  'readme',
  'contributing',
  'license',
  'licence',
  'changelog',
  'code_of_conduct',
  'security',
  'support',
]);

interface Row {
  source: string;
  result: 'published' | 'imported' | 'draft' | 'skipped' | 'failed';
  entry?: string;
  detail: string;
  /** Fields the review list names, for the per-field summary. */
  fields?: string[];
  review?: string[];
}

const { values, positionals } = parseCommandLine('import', usage(), {
  allowPositionals: true,
  options: {
    out: { type: 'string', default: DEFAULT_OUT },
    zone: { type: 'string' },
    publish: { type: 'boolean', default: false },
    report: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

function usage(): string {
  return `Usage: npm run import -- <file|dir>... [--out DIR] [--zone ZONE] [--publish] [--report FILE]

Imports postmortems written as free-form Markdown (${SOURCE_EXTENSIONS.join(', ')} files; a
folder imports every such file in it, listing its README, LICENSE, CONTRIBUTING and the like as
skipped) into ${DEFAULT_OUT} as MDX entries.
  --out DIR    folder to write entries to (default ${DEFAULT_OUT}); existing files are never
               overwritten
  --zone ZONE  time zone for times the source writes without one, e.g. UTC, EAT, +02:00 or
               Europe/Paris (otherwise the zone the document states is used)
  --publish    write every entry with a title, a body and a summary as published (for a
               collection that is already public); its open review points are shown on its
               page as "Imported, not yet reviewed"
  --report FILE  also write the summary as JSON
Every fact the source states goes into the frontmatter; anything it does not state is left
unknown and listed under "review". Without --publish such entries are imported as drafts.
Services the catalog beside --out (services.yaml) lacks are added to it, flagged for review.`;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

function readSource(path: string): { text?: string; reason?: string } {
  const size = lstatSync(path).size;
  if (size > MAX_BYTES)
    return { reason: `is ${(size / 1024 / 1024).toFixed(1)} MB; postmortems over 1 MB are not imported` };
  const bytes = readFileSync(path);
  if (bytes.includes(0)) return { reason: 'is a binary file, not Markdown' };
  try {
    return { text: decoder.decode(bytes) };
  } catch {
    return { reason: 'is not valid UTF-8; save it as UTF-8 and import it again' };
  }
}

/** Files to import, plus rows for paths that cannot be imported at all. */
function collect(paths: string[]): { files: string[]; rows: Row[]; folder: boolean } {
  const files: string[] = [];
  const rows: Row[] = [];
  let folder = false;
  for (const path of paths) {
    let stats;
    try {
      stats = lstatSync(path);
    } catch {
      rows.push({ source: path, result: 'failed', detail: 'does not exist' });
      continue;
    }
    if (stats.isDirectory()) {
      folder = true;
      for (const name of readdirSync(path).sort()) {
        if (name.startsWith('.')) continue;
        const full = join(path, name);
        if (!lstatSync(full).isFile()) continue;
        const extension = extname(name).toLowerCase();
        const stem = basename(name, extname(name));
        if (REPOSITORY_FILES.has(stem.toLowerCase()) && SOURCE_EXTENSIONS.includes(extension))
          rows.push({
            source: full,
            result: 'skipped',
            detail: `a repository's ${stem} file describes the collection, not an incident; name the file itself to import it`,
          });
        else if (SOURCE_EXTENSIONS.includes(extension)) files.push(full);
        else
          rows.push({
            source: full,
            result: 'failed',
            detail: `is not a Markdown or text file (${extname(name) || 'no extension'})`,
          });
      }
    } else {
      files.push(path);
    }
  }
  return { files, rows, folder };
}

function table(rows: Row[]): string {
  const header = { source: 'Source', result: 'Result', entry: 'Entry', detail: 'Fields to review / reason' };
  const shown = rows.map((row) => ({
    source: row.source,
    result: row.result,
    entry: row.entry ?? '—',
    detail: row.detail,
  }));
  const width = (key: 'source' | 'result' | 'entry') =>
    Math.max(header[key].length, ...shown.map((row) => row[key].length));
  const [ws, wr, we] = [width('source'), width('result'), width('entry')];
  const line = (row: typeof header) =>
    `${row.source.padEnd(ws)}  ${row.result.padEnd(wr)}  ${row.entry.padEnd(we)}  ${row.detail}`.trimEnd();
  return [
    line(header),
    `${'-'.repeat(ws)}  ${'-'.repeat(wr)}  ${'-'.repeat(we)}  ${'-'.repeat(header.detail.length)}`,
    ...shown.map(line),
  ].join('\n');
}

/** Entries needing review, per field, most first. */
function byField(rows: Row[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const row of rows) for (const field of row.fields ?? []) counts.set(field, (counts.get(field) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

function fieldTable(rows: Row[]): string {
  const counts = byField(rows);
  if (counts.length === 0) return 'Nothing to review.';
  const width = Math.max('Needs review'.length, ...counts.map(([field]) => field.length));
  return [
    `${'Needs review'.padEnd(width)}  Entries`,
    `${'-'.repeat(width)}  -------`,
    ...counts.map(([field, n]) => `${field.padEnd(width)}  ${n}`),
  ].join('\n');
}

function textBar(done: number, total: number): string {
  const size = 24;
  const filled = total === 0 ? size : Math.round((done / total) * size);
  return `[${'#'.repeat(filled)}${'.'.repeat(size - filled)}] ${done}/${total}`;
}

async function run(): Promise<number> {
  if (values.zone && !isKnownZone(values.zone)) {
    console.error(
      `--zone ${values.zone} is not a zone the importer knows; use UTC, an abbreviation such as EAT or PDT, an offset such as +02:00, or an IANA name such as Europe/Paris`,
    );
    return 2;
  }
  const started = performance.now();
  const out = resolve(values.out);
  mkdirSync(out, { recursive: true });
  // Names written in this run; a name already in the folder is refused when writing instead.
  const taken = new Set<string>();
  // The catalog beside the output folder (not KB_CATALOG's files): services an entry names that it lacks are added to it.
  const besideOut = { paths: [serviceCatalogPath(out)], configured: false };
  const declared = readServiceCatalog(out, process.cwd(), besideOut);
  let catalog = declared.catalog;
  // Contributing-factor sentences are classified by the vocabulary beside --out, or the project's.
  const factors = readFactorVocabulary(out).vocabulary;
  if (declared.problems.length > 0) {
    console.error(
      `${serviceCatalogPath(values.out)} cannot be read, so services cannot be checked: ${declared.problems.map((p) => `${p.field} ${p.message}`).join('; ')}`,
    );
    return 1;
  }
  const { files, rows, folder } = collect(positionals);
  const interactive = Boolean(process.stdout.isTTY) && process.env.CI !== 'true' && process.env.CI !== '1';
  const bar = folder && interactive ? progress({ max: Math.max(files.length, 1), style: 'heavy' }) : undefined;
  bar?.start(`Importing ${files.length} files`);

  for (const [index, file] of files.entries()) {
    const shown = relative(process.cwd(), file) || file;
    let row: Row;
    const read = readSource(file);
    if (read.reason) {
      row = { source: shown, result: 'failed', detail: `the file ${read.reason}` };
    } else {
      const here = dirname(file);
      const localFileExists = (url: string) => {
        try {
          return statSync(resolve(here, url)).isFile();
        } catch {
          return false;
        }
      };
      const result = importDocument(read.text!, {
        sourceName: basename(file),
        zone: values.zone,
        taken,
        publish: values.publish,
        localFileExists,
        catalog,
        factors,
      });
      if (!result.ok) {
        row = { source: shown, result: 'failed', detail: result.reason };
      } else {
        const target = join(out, result.fileName);
        try {
          // "wx" refuses to replace a file that appeared since the folder was listed.
          writeFileSync(target, result.text, { flag: 'wx' });
          taken.add(result.fileName);
          if (result.newServices.length > 0) {
            addServicesToCatalog(out, result.newServices);
            ({ catalog } = readServiceCatalog(out, process.cwd(), besideOut));
          }
          for (const copy of result.copies) {
            const to = resolve(out, copy.target);
            mkdirSync(dirname(to), { recursive: true });
            copyFileSync(resolve(here, copy.url), to);
          }
          const fields = reviewFields(result.review);
          row = {
            source: shown,
            result: result.status === 'published' ? 'published' : result.status === 'draft' ? 'draft' : 'imported',
            entry: relative(process.cwd(), target) || target,
            detail: fields.length > 0 ? compactPaths(fields) : result.status === 'published' ? 'nothing to review' : '',
            fields,
            review: result.review,
          };
        } catch (error) {
          const exists = (error as NodeJS.ErrnoException).code === 'EEXIST';
          row = {
            source: shown,
            result: 'failed',
            detail: exists
              ? `${result.fileName} already exists in ${values.out}; it was not overwritten`
              : `could not write ${target}: ${(error as Error).message}`,
          };
        }
      }
    }
    rows.push(row);
    if (bar) {
      bar.advance(1, `${basename(file)}: ${row.result}`);
      // Let the bar draw between files; the import itself is synchronous.
      await new Promise((resolve) => setImmediate(resolve));
    } else if (folder) console.log(`${textBar(index + 1, files.length)} ${shown}: ${row.result}`);
  }
  bar?.stop(`Imported ${files.length} files`);

  const order = { published: 0, imported: 1, draft: 2, skipped: 3, failed: 4 };
  rows.sort((a, b) => order[a.result] - order[b.result] || a.source.localeCompare(b.source));
  const count = (result: Row['result']) => rows.filter((row) => row.result === result).length;
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  console.log('');
  console.log(table(rows));
  console.log('');
  console.log('');
  console.log(fieldTable(rows));
  console.log('');
  console.log(
    `${rows.length} file${rows.length === 1 ? '' : 's'}: ${values.publish ? `${count('published')} published, ` : ''}${count('imported')} imported (status in-review), ${count('draft')} imported as draft with fields to review, ${count('skipped') > 0 ? `${count('skipped')} skipped, ` : ''}${count('failed')} failed (${seconds} s)`,
  );
  if (values.report) {
    const report = {
      files: rows.length,
      published: count('published'),
      inReview: count('imported'),
      draft: count('draft'),
      skipped: count('skipped'),
      failed: count('failed'),
      reviewByField: Object.fromEntries(byField(rows)),
      rows: rows.map(({ source, result, entry, detail, review }) => ({ source, result, entry, detail, review })),
    };
    writeFileSync(values.report, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`Report written to ${values.report}`);
  }
  if (count('imported') + count('draft') > 0)
    console.log(`Next: read each entry's "review" list, fill what is missing, then run npm run validate.`);
  return count('failed') > 0 ? 1 : 0;
}

if (values.help) console.log(usage());
else if (positionals.length === 0) usageError('import', 'give at least one file or folder to import', usage());
else {
  process.exitCode = await run();
}
