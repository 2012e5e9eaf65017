/**
 * Rules across files: unique ids, related ids that exist and will be published alongside.
 * Pure, and free of parser imports: it runs on data the per-file checks (or their cache) produced.
 */
import type { Postmortem } from '../core/schema.ts';
import type { CheckedPostmortem } from './validation.ts';
import type { Problem } from './problems.ts';
import type { ReadableFields } from './readable-fields.ts';

/** The fields of an entry the cross-file rules read (no status when it did not parse). */
export type CollectionFacts = Pick<Postmortem, 'related' | 'services'> & { status?: Postmortem['status'] };

/**
 * An entry as the cross-file rules see it: its full data, or only its `facts` (the validator's
 * cache keeps those at hand and reads the rest of the data only when something asks for it).
 */
export type CollectionEntry = Pick<CheckedPostmortem, 'id' | 'file' | 'locate'> & {
  data?: CollectionFacts;
  facts?: CollectionFacts;
  readable?: Pick<ReadableFields, 'data'>;
};

/**
 * The fields the cross-file rules read, without touching the rest of the data; for an entry with
 * errors, those of them that parsed (so its related ids and services are checked in the same run).
 */
export function factsOf(entry: CollectionEntry): CollectionFacts | undefined {
  const facts = entry.facts ?? entry.data;
  if (facts || !entry.readable) return facts;
  const { related = [], services = [], status } = entry.readable.data;
  return { related, services, status };
}

/** Only the fields the cross-file rules read, from data that has more. */
export function pickFacts({ related, status, services }: CollectionFacts): CollectionFacts {
  return { related, status, services };
}

export interface CollectionOptions {
  /** Whether drafts are left out of the site being checked (production builds). */
  production?: boolean;
}

export function checkCollection(entries: readonly CollectionEntry[], options: CollectionOptions = {}): Problem[] {
  const problems: Problem[] = [];
  const byId = new Map<string, CollectionEntry[]>();
  for (const entry of entries) byId.set(entry.id, [...(byId.get(entry.id) ?? []), entry]);
  for (const [id, same] of byId) {
    if (same.length < 2) continue;
    for (const entry of same) {
      const others = same.filter((other) => other !== entry).map((other) => other.file);
      problems.push({
        file: entry.file,
        line: 1,
        column: 1,
        field: '(file)',
        message: `id "${id}" is also used by ${others.join(', ')}; ids must be unique, rename one file`,
        severity: 'error',
        rule: 'collection',
      });
    }
  }
  for (const entry of entries) {
    const data = factsOf(entry);
    if (!data) continue;
    data.related.forEach((related, index) => {
      const target = byId.get(related)?.[0];
      // Locating needs the slow positioned parse, so it is done only for actual problems.
      const report = (message: string) =>
        problems.push({
          file: entry.file,
          ...entry.locate(['related', index]),
          field: `related[${index}]`,
          message,
          severity: 'error',
          rule: 'collection',
        });
      if (related === entry.id) report('a postmortem cannot be related to itself');
      else if (!target) {
        const near = [...byId.keys()].filter((id) => id.includes(related) || related.includes(id)).slice(0, 3);
        report(
          `no postmortem has id "${related}"${near.length ? `; did you mean ${near.map((id) => `"${id}"`).join(' or ')}?` : '; use the file name without extension'}`,
        );
      } else {
        const status = factsOf(target)?.status;
        if (options.production && data.status === 'published' && status && status !== 'published') {
          report(`"${related}" is ${status}, so it is not on the published site; link it once it is published`);
        }
      }
    });
  }
  return problems;
}
