/**
 * The background lexicon of incident-writing boilerplate: stems nearly every postmortem uses,
 * whatever failed ("customer", "engineer", "monitoring", "commenced"). A knowledge base learns its
 * own boilerplate from document frequency, but a small one cannot (in 40 postmortems a word three
 * of them use looks distinctive); this lexicon was learnt once from large public corpora by
 * `npm run lexicon:boilerplate -- --write` (src/cli/boilerplate-lexicon.ts, which documents the
 * rule), and the model never names one of its stems as a reason, in any knowledge base.
 */
import lexicon from './incident-boilerplate.json' with { type: 'json' };

/** Where the generator writes the lexicon, from the project root. */
export const BOILERPLATE_LEXICON_FILE = 'src/lib/similarity/incident-boilerplate.json';

/** The lexicon's stems, as term-model's stem() folds them. */
export const INCIDENT_BOILERPLATE: ReadonlySet<string> = new Set(lexicon.stems);
