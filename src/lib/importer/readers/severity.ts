/** Severity: a stated level (SEV2, "Severity: major"), never one guessed from the impact. */
import { labelOf, severities } from '../../core/taxonomy.ts';
import { FIELD_LABELS } from '../labels.ts';
import type { Reader } from '../reader.ts';

export function readSeverity(reader: Reader): string | undefined {
  for (const leaf of [
    ...reader.labelled(FIELD_LABELS.severity),
    ...reader.sections(FIELD_LABELS.severity).flatMap((s) => reader.leavesIn(s)),
  ]) {
    const value = leaf.key && FIELD_LABELS.severity.test(leaf.key) ? leaf.value : leaf.text;
    const numbered = /\b(?:sev(?:erity)?|level|niveau)?[\s-]*([0-9])\b/i.exec(value);
    const word = /\b(critical|critique|major|majeur|minor|mineur|low|near[- ]miss)\b/i.exec(value);
    if (numbered && Number(numbered[1]) >= 1 && Number(numbered[1]) <= 4) return `sev${numbered[1]}`;
    if (numbered) {
      reader.note(
        `severity: the source says "${value}", which is not on the sev1–sev4 scale; choose the matching level`,
      );
      return undefined;
    }
    if (word) {
      const key = word[1].toLowerCase();
      const level = /critical|critique/.test(key)
        ? 'sev1'
        : /major|majeur/.test(key)
          ? 'sev2'
          : /minor|mineur/.test(key)
            ? 'sev3'
            : 'sev4';
      reader.note(
        `severity: "${word[1]}" (line ${leaf.line}) was read as ${labelOf(severities, level)}; check it against the severity scale`,
      );
      return level;
    }
  }
  const inline = reader.doc.leaves.find((leaf) => /\bSEV[\s-]?[1-4]\b/.test(leaf.text));
  if (inline) {
    const level = /\bSEV[\s-]?([1-4])\b/.exec(inline.text)![1];
    return `sev${level}`;
  }
  for (const leaf of reader.labelled(FIELD_LABELS.priority)) {
    reader.note(
      `severity: the source gives priority "${leaf.value}" (line ${leaf.line}) but no severity; map it to sev1–sev4`,
    );
    return undefined;
  }
  return undefined;
}
