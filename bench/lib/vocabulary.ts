/**
 * Words of a fictional company's incident reviews, for the synthetic corpus. Ranked lists
 * (most frequent first) feed the Zipf samplers; `{slot}` markers are filled per incident.
 * Nothing here may contain `<` or a literal brace outside a slot: bodies are MDX.
 */
export * from './vocabulary/organisation.ts';
export * from './vocabulary/systems.ts';
export * from './vocabulary/category-text.ts';
export * from './vocabulary/narration.ts';
