/**
 * `node bench/generate.ts --count N --seed S --out DIR`: writes N synthetic postmortems
 * (see bench/lib/corpus.ts) into DIR, which must be empty or missing.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseCommandLine, usageError } from '../src/cli/args.ts';
import { generateCorpus, type GeneratedPostmortem } from './lib/corpus.ts';

/** Writes the corpus to `dir` (created if needed); refuses a folder that already has files. */
export function writeCorpus(dir: string, count: number, seed: number): GeneratedPostmortem[] {
  mkdirSync(dir, { recursive: true });
  if (readdirSync(dir).length > 0) throw new Error(`${dir} is not empty; pick a new folder so old files do not mix in`);
  const corpus = generateCorpus({ count, seed });
  for (const pm of corpus) writeFileSync(join(dir, pm.name), pm.text);
  return corpus;
}

if (import.meta.main) {
  const usage =
    'Usage: node bench/generate.ts --count N [--seed S] --out DIR\nWrites N schema-valid synthetic postmortems into DIR (empty or missing).';
  const { values } = parseCommandLine('bench/generate', usage, {
    options: {
      count: { type: 'string', default: '1000' },
      seed: { type: 'string', default: '1' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
  } else if (!values.out) {
    usageError('bench/generate', '--out DIR is required', usage);
  } else {
    const count = Number(values.count);
    const seed = Number(values.seed);
    if (!Number.isInteger(count) || count < 1 || !Number.isInteger(seed)) {
      console.error('--count must be a positive integer and --seed an integer');
      process.exitCode = 1;
    } else {
      const started = performance.now();
      const dir = resolve(values.out);
      const corpus = writeCorpus(dir, count, seed);
      const words = corpus.reduce((sum, pm) => sum + pm.bodyWords, 0);
      console.log(
        `wrote ${count} postmortems to ${dir} (seed ${seed}, mean body ${Math.round(words / count)} words) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
      );
    }
  }
}
