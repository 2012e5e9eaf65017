/** Title: the first heading, a leading bold line, a "Title:" label, or the file name. */
import type { ExtractOptions } from '../extracted.ts';
import { FIELD_LABELS } from '../labels.ts';
import { capitalise, cleanTitle } from '../prose.ts';
import type { Reader } from '../reader.ts';

export function readTitle(reader: Reader, source: string, options: ExtractOptions): string {
  const { doc } = reader;
  const firstSection = doc.sections[0];
  const firstLeafLine = doc.leaves[0]?.line ?? Infinity;
  const titleLeaf = reader.labelled(FIELD_LABELS.title)[0];
  const heading =
    doc.firstHeading?.level === 1
      ? doc.firstHeading
      : firstSection && firstSection.line <= firstLeafLine
        ? firstSection
        : undefined;
  const htmlHeading = /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(source)?.[1]?.replace(/<[^>]+>/g, '');
  let title = capitalise(cleanTitle(titleLeaf?.value ?? reader.meta.title ?? heading?.label ?? htmlHeading ?? ''));
  if (!title) {
    title = cleanTitle(options.sourceName.replace(/\.[^.]+$/, '').replace(/[-_]+/g, ' ')) || 'Imported postmortem';
    reader.note(
      `title: the source has no title; "${title}" comes from the file name, write the headline an on-call engineer would search for`,
    );
  }
  return title;
}
