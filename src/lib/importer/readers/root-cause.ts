/** Root cause: its description, trigger and contributing factors, and categories proposed from them. */
import type { Extracted } from '../extracted.ts';
import { explainCategories, proposeCategories } from '../category-rules.ts';
import { FIELD_LABELS } from '../labels.ts';
import { listUnder, type Reader } from '../reader.ts';

export function readRootCause(reader: Reader): Extracted['rootCause'] {
  const rootSource =
    reader.best('rootCause.description', FIELD_LABELS.rootCause) ??
    reader.best('rootCause.description', FIELD_LABELS.rootCauseLoose);
  const trigger = reader.best('rootCause.trigger', FIELD_LABELS.trigger)?.text;
  const contributingFactors = listUnder(reader, FIELD_LABELS.contributing);
  const categoryText = [rootSource?.text, trigger, ...contributingFactors].filter(Boolean).join('\n');
  const proposals = categoryText ? proposeCategories(categoryText) : [];
  if (proposals.length > 0) {
    const where = [
      rootSource ? `the root cause (line ${rootSource.line})` : '',
      trigger ? 'the trigger' : '',
      contributingFactors.length ? 'the contributing factors' : '',
    ]
      .filter(Boolean)
      .join(', ');
    reader.note(explainCategories(proposals, where));
  }
  return {
    categories: proposals.map((p) => p.category),
    description: rootSource?.text,
    trigger,
    contributingFactors,
  };
}
