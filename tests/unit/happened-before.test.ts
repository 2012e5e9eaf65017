import { test } from 'node:test';
import assert from 'node:assert/strict';
import { postmortemSchema } from '../../src/lib/core/schema.ts';
import { happenedBefore, happenedBeforeMarkdown } from '../../src/lib/similarity/happened-before.ts';
import { validFrontmatter } from '../helpers/postmortem.ts';

const entry = (id: string, started: string, rootCause: string, extra: Record<string, unknown> = {}) => ({
  id,
  file: `${id}.mdx`,
  body: '',
  data: postmortemSchema.parse({
    ...validFrontmatter(),
    title: `Incident ${id}`,
    started,
    detected: started,
    mitigated: undefined,
    response: { misleadingPaths: [], escalations: [] },
    timeline: [],
    resolved: new Date(Date.parse(started) + 3_600_000).toISOString(),
    rootCause: { categories: ['database'], description: rootCause, trigger: 'A deploy.', contributingFactors: [] },
    ...extra,
  }),
});

test('lists earlier similar incidents with reasons and open items, and flags a same-day near copy', () => {
  const entries = [
    entry('old-lag', '2023-01-05T10:00:00Z', 'Replication lag on the primary database stalled the writer.'),
    entry('later-lag', '2025-01-05T10:00:00Z', 'Replication lag on the primary database stalled the writer again.'),
    // The same write-up filed twice: same title and text.
    entry('copy', '2025-01-05T10:00:00Z', 'Replication lag on the primary database stalled the writer again.', {
      title: 'Incident later-lag',
    }),
    entry('future', '2026-01-05T10:00:00Z', 'Replication lag on the primary database stalled the writer.'),
    entry('dns', '2024-01-05T10:00:00Z', 'A resolver cached a negative answer.', {
      services: ['dns'],
      rootCause: {
        categories: ['network-dns'],
        description: 'A resolver cached a negative answer.',
        trigger: 'A change.',
        contributingFactors: [],
      },
    }),
  ];
  const [result] = happenedBefore(entries, ['later-lag']);
  const ids = result.past.map((past) => past.id);
  assert.ok(ids.includes('old-lag') && ids.includes('copy'));
  assert.ok(!ids.includes('future'), 'only earlier (or same-day) incidents');
  assert.equal(result.past.find((past) => past.id === 'copy')!.possibleDuplicate, true);
  assert.equal(result.past.find((past) => past.id === 'old-lag')!.possibleDuplicate, false);
  assert.match(result.past[0].reason, /^shared: .*replication lag/);
  assert.deepEqual(result.past.find((past) => past.id === 'old-lag')!.openActionItems, ['Load-test pool changes.']);
  assert.match(happenedBeforeMarkdown([result]), /possible duplicate\*\* Incident later-lag \(`copy`\)/);
});
