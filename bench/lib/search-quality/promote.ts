/**
 * EVALUATION ONLY, on the evaluation's temporary copy: publishes an imported draft that already
 * has every fact a published postmortem needs, so a collection the importer leaves entirely in
 * draft (its review notes are about times) can still be searched on a built site. The review
 * list is dropped from that copy only; the source and the importer are untouched.
 */
import { parseDocument } from 'yaml';
import { splitSource } from '../../../src/lib/content/frontmatter.ts';
import { missingToPublish } from '../../../src/lib/core/schema.ts';

export type Promotion = { promoted: true; text: string } | { promoted: false; reason: string };

export function promoteDraft(text: string): Promotion {
  const split = splitSource(text);
  if (split.yaml === undefined || split.problem)
    return { promoted: false, reason: split.problem?.message ?? 'no frontmatter' };
  const document = parseDocument(split.yaml);
  const data = document.toJS() as Record<string, unknown>;
  if (data.status !== 'draft') return { promoted: false, reason: `status is ${String(data.status)}, not draft` };
  const missing = missingToPublish({ ...data, status: 'published', review: [] });
  if (missing.length) return { promoted: false, reason: `missing ${missing.map((path) => path.join('.')).join(', ')}` };
  document.set('status', 'published');
  document.delete('review');
  return { promoted: true, text: `---\n${document.toString()}---\n${split.body}` };
}
