/** Escalations: "escalated to X" sentences, with when and why where the passage says. */
import { HOUR, MINUTE } from '../../core/time.ts';
import type { Extracted, Moment } from '../extracted.ts';
import { FIELD_LABELS } from '../labels.ts';
import { asSentence, capitalise, sentences } from '../prose.ts';
import type { Reader } from '../reader.ts';
import type { Leaf } from '../document.ts';
import { shifted } from '../time-reading.ts';

export function readEscalations(
  reader: Reader,
  started: Moment | undefined,
  detected: Moment | undefined,
): Extracted['response']['escalations'] {
  const escalations: (Extracted['response']['escalations'][number] & { line: number })[] = [];
  const escalationSections = reader.sections(FIELD_LABELS.escalation);
  const candidates = reader.doc.leaves.filter(
    (leaf) =>
      /\bescalat/i.test(leaf.text) &&
      !reader.within(leaf, FIELD_LABELS.actions) &&
      !reader.within(leaf, FIELD_LABELS.wentWrong) &&
      !reader.within(leaf, FIELD_LABELS.wentWell),
  );
  for (const leaf of candidates) {
    for (const sentence of sentences(leaf.value || leaf.text)) {
      const match =
        /\bescalated\s+(?:it\s+|this\s+|the (?:incident|issue|problem|outage)\s+)?to\s+(?:the\s+)?(.+?)(?=\s+(?:when|after|because|once|as soon as|as|since|due to|at|around|for|who|which|while|within|following|upon|on|by)\b|[,.;:(]|$)/i.exec(
          sentence,
        );
      if (!match) continue;
      const to = capitalise(match[1].trim());
      if (escalations.some((e) => e.to.toLowerCase() === to.toLowerCase())) continue;
      const rest = sentence.slice(match.index + match[0].length).trim();
      let reason: string | undefined;
      const because =
        /^(?:,\s*)?(?:as)\s+(.+)$/i.exec(rest) ?? /\b(?:when|because|since|once|as soon as|due to)\s+(.+)$/i.exec(rest);
      const after = /^(?:,\s*)?(after\s+.+)$/i.exec(rest);
      if (because) reason = asSentence(because[1].replace(/[.]+$/, ''));
      else if (after) reason = asSentence(after[1].replace(/[.]+$/, ''));
      // A time in the same passage ("This occurred at 15:30 UTC") is when it happened.
      const section = escalationSections.find((s) => leaf.sections.includes(s));
      const passage = section ? reader.leavesIn(section) : [leaf];
      const context = (l: Leaf) => ({ day: reader.sectionDay(l), after: started, tolerance: 12 * HOUR });
      const moment = reader.firstMoment(passage, context).moment;
      let at = moment?.iso;
      if (moment && started && moment.epochMs < started.epochMs) {
        reader.note(
          `response.escalations[${escalations.length}].at: ${moment.iso} (line ${moment.line}) is before the start; it was left out`,
        );
        at = undefined;
      }
      if (!at) {
        const relative = /\bafter\s+(\d+(?:\.\d+)?)\s*(minutes?|mins?|hours?|hrs?|h)\b/i.exec(sentence);
        const base = detected ?? started;
        if (relative && base) {
          const amount = Number(relative[1]) * (/^h/i.test(relative[2]) ? HOUR : MINUTE);
          const when = shifted(base, amount);
          if (when.ok) {
            at = when.iso;
            reader.note(
              `response.escalations[${escalations.length}].at: computed as ${relative[1]} ${relative[2]} after ${base === detected ? 'detection' : 'the start'} (line ${leaf.line} says "${relative[0]}"); check it`,
            );
          }
        }
      }
      escalations.push({ to, at, reason, line: leaf.line });
    }
  }
  for (const section of escalationSections) {
    if (!escalations.some((e) => reader.leavesIn(section).some((leaf) => leaf.line === e.line))) {
      reader.note(
        `response.escalations: the escalation passage at line ${section.line} does not say "escalated to …"; add who was brought in, when and why`,
      );
    }
  }
  return escalations.map(
    ({ line: _line, ...rest }) =>
      Object.fromEntries(
        Object.entries(rest).filter(([, v]) => v !== undefined),
      ) as Extracted['response']['escalations'][number],
  );
}
