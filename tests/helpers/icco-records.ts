/**
 * The 242 public icco/postmortems entries as the site would publish them: each imported with
 * --publish through the importer's library, validated like a content file, and read as the
 * similarity model's input. Only published entries are returned (drafts are not on the site).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importDocument } from '../../src/lib/importer/index.ts';
import { checkPostmortemSource } from '../../src/lib/content/validation.ts';
import { similarityInputOf } from '../../src/lib/similarity/incident-record.ts';
import type { SimilarityInput } from '../../src/lib/similarity/similar-incidents.ts';

// icco's public collection reaches back to 1628; such a knowledge base sets its first year.
process.env.KB_EARLIEST_YEAR ??= '1';

export const ICCO = 'tests/corpus/import/icco';

export interface IccoRecord {
  /** The entry id (its file name without .mdx). */
  id: string;
  /** The source file in the corpus. */
  source: string;
  title: string;
  input: SimilarityInput;
}

export function iccoRecords(): IccoRecord[] {
  const taken = new Set<string>();
  const records: IccoRecord[] = [];
  for (const name of readdirSync(ICCO)
    .filter((file) => /^[0-9a-f-]{36}\.md$/.test(file))
    .sort()) {
    const imported = importDocument(readFileSync(join(ICCO, name), 'utf8'), { sourceName: name, taken, publish: true });
    if (!imported.ok) throw new Error(`${name}: ${imported.reason}`);
    taken.add(imported.fileName);
    if (imported.status !== 'published') continue;
    const checked = checkPostmortemSource({ file: imported.fileName, name: imported.fileName, text: imported.text });
    if (!checked.data) throw new Error(`${name}: ${JSON.stringify(checked.problems)}`);
    records.push({
      id: checked.id,
      source: name,
      title: checked.data.title,
      input: similarityInputOf({ id: checked.id, data: checked.data, body: checked.body, format: 'mdx' }),
    });
  }
  return records;
}
