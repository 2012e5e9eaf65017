/**
 * `npm run validate [-- paths...]`: checks postmortems against the schema and each other
 * without building the site. One line per problem, exit 1 when any error is found.
 */
import { parseArgs } from 'node:util';
import { checkPostmortemFiles } from '../node/postmortem-files.ts';
import { formatProblem } from '../lib/validation.ts';

export const DEFAULT_CONTENT_DIR = 'content/postmortems';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'content-dir': { type: 'string', default: DEFAULT_CONTENT_DIR },
    production: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log(`Usage: npm run validate -- [paths...] [--content-dir DIR] [--production]

Checks postmortem files (default: every file in ${DEFAULT_CONTENT_DIR}) against the schema
and the cross-file rules. Prints "path:line:column  field  message" per problem.
  --content-dir DIR  folder that holds every postmortem (related ids resolve against it)
  --production       also apply the rules of a production build (published entries may
                     only relate to published ones)`);
} else {
  const started = performance.now();
  const result = checkPostmortemFiles({ contentDir: values['content-dir'], paths: positionals, production: values.production });
  for (const problem of result.problems) console.log(formatProblem(problem));
  const errors = result.problems.filter((p) => p.severity === 'error');
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  const files = new Set(errors.map((p) => p.file)).size;
  if (errors.length > 0) {
    console.log(`✗ ${errors.length} problem${errors.length === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'} (${result.fileCount} checked in ${seconds} s)`);
    process.exitCode = 1;
  } else {
    console.log(`✓ ${result.fileCount} postmortem${result.fileCount === 1 ? '' : 's'} valid (${seconds} s)`);
  }
}
