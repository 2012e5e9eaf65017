/**
 * The `review` list of a postmortem, read by field: each point the importer writes starts with
 * the field it is about (`started: …`, `rootCause.categories: …`). The importer's summary table
 * counts points per field, and an incident page names the fields in its notice
 * ("Imported, not yet reviewed: start time, severity").
 */

/** Points about times in general, written without a field in front. */
const TIME_POINT = /^(times|dates) without|^"[A-Z]+" was read as|^line \d+: "/;

/** The field a review point is about: the words before its first colon, or a group for the rest. */
export function reviewField(point: string): string {
  return /^([\w.[\]]+):/.exec(point)?.[1] ?? (TIME_POINT.test(point) ? 'times (zone or date assumed)' : 'other');
}

/** The fields the points of a review list are about, each once, in the order first named. */
export function reviewFields(review: readonly string[]): string[] {
  return [...new Set(review.map(reviewField))];
}

/** How a reader names a field in the notice. */
const LABELS: Readonly<Record<string, string>> = {
  title: 'title',
  summary: 'summary',
  started: 'start time',
  detected: 'detection time',
  mitigated: 'mitigation time',
  resolved: 'end time',
  severity: 'severity',
  services: 'services',
  tags: 'tags',
  organisation: 'organisation',
  product: 'product',
  'rootCause.categories': 'root-cause category',
  'rootCause.description': 'root cause',
  'impact.description': 'impact',
  'impact.usersAffectedPercent': 'share of users affected',
  'impact.affectedServices': 'affected services',
  'detection.method': 'detection method',
  'detection.source': 'detection source',
  timeline: 'timeline',
  frontmatter: 'values read from the source’s frontmatter',
  body: 'narrative',
  status: 'status',
  sources: 'sources',
  'times (zone or date assumed)': 'times (zone or date assumed)',
  other: 'other points',
};

/** A field's name for readers: `actionItems[].owner` → "action items", `resolution` → "resolution". */
export function reviewLabel(field: string): string {
  const known = LABELS[field];
  if (known) return known;
  const top = field.split(/[.[]/)[0];
  if (top === 'actionItems') return 'action items';
  return (
    LABELS[top] ??
    top
      .replace(/([a-z])([A-Z])/g, '$1 $2')
      .toLowerCase()
      .trim()
  );
}

/** The notice's list: what the review points are about, each label once. */
export function unreviewedLabels(review: readonly string[]): string[] {
  return [...new Set(reviewFields(review).map(reviewLabel))];
}
