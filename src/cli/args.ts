/**
 * Command-line parsing shared by every command: `parseArgs` with bad usage answered by one
 * line (`validate: unknown option '--publish'`) and the usage text, exit code 2, never a
 * stack trace.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Exit code for a command called the wrong way. */
export const USAGE_EXIT_CODE = 2;

/** What node:util says, in one line and without its advice to use `--`. */
function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message
    .split('\n')[0]
    .replace(/\. To specify a positional argument.*$/, '')
    .replace(/\.$/, '');
}

/** Prints `<command>: <reason>` and the usage to stderr, then exits with code 2. */
export function usageError(command: string, reason: string, usage: string): never {
  process.stderr.write(`${command}: ${reason}\n\n${usage}\n`);
  process.exit(USAGE_EXIT_CODE);
}

/** `parseArgs` for a command (strict unless the config says otherwise); bad usage ends the process with one line and the usage. */
export function parseCommandLine<T extends ParseArgsConfig>(
  command: string,
  usage: string,
  config: T,
): ReturnType<typeof parseArgs<T>> {
  try {
    // Strict by default: an unknown option or a stray argument is an error, not ignored.
    return parseArgs(config);
  } catch (error) {
    return usageError(command, reasonOf(error), usage);
  }
}
