/**
 * Runs the validator before Astro loads any content, so a build with invalid postmortems
 * fails with the same `path:line:column  field  message` lines as `npm run validate`
 * instead of a stack trace, and before anything is written to `dist/`.
 */
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { checkPostmortemFiles } from '../node/postmortem-files.ts';
import { formatProblem } from '../lib/content/validation.ts';

export interface ContentGuardOptions {
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

export default function contentGuard(options: ContentGuardOptions): AstroIntegration {
  return {
    name: 'postmortem-content-guard',
    hooks: {
      'astro:config:setup': ({ config, command, logger }) => {
        if (command !== 'build' && command !== 'dev') return;
        const root = fileURLToPath(config.root);
        const result = checkPostmortemFiles({
          contentDir: resolve(root, options.contentDir),
          production: command === 'build',
          cwd: root,
        });
        const errors = result.problems.filter((problem) => problem.severity === 'error');
        if (errors.length === 0) {
          logger.info(`${result.fileCount} postmortems valid`);
          return;
        }
        const lines = errors.map(formatProblem);
        if (command === 'dev') {
          // In dev the site still starts, so authors can preview while they fix the report.
          for (const line of lines) logger.warn(line);
          return;
        }
        for (const line of lines) console.error(line);
        const files = new Set(errors.map((problem) => problem.file)).size;
        throw new InvalidPostmortemsError(
          `${errors.length} problem${errors.length === 1 ? '' : 's'} in ${files} postmortem file${files === 1 ? '' : 's'}; nothing was built. Run "npm run validate" to check again.`,
        );
      },
    },
  };
}
