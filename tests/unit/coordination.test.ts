/**
 * Coordination facts: a written number wins; escalations come from the escalations list, else
 * the timeline; hand-offs from the timeline; teams from the escalation targets and the teams
 * list; anything else unknown with a reason, and never from a timeline without times.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { postmortemSchema } from '../../src/lib/core/schema.ts';
import { coordinationOf } from '../../src/lib/incidents/coordination.ts';
import { validFrontmatter } from '../helpers/postmortem.ts';

const parse = (change: (data: Record<string, unknown>) => void) => {
  const data = validFrontmatter();
  change(data);
  return postmortemSchema.parse(data);
};

test('written numbers win over anything derived', () => {
  const facts = coordinationOf(
    parse((data) => {
      data.coordination = { responders: 5, teamsInvolved: 3, handoffs: 0, escalations: 4 };
    }),
  );
  assert.deepEqual(facts, {
    responders: { value: 5, source: 'written' },
    teamsInvolved: { value: 3, source: 'written' },
    handoffs: { value: 0, source: 'written' },
    escalations: { value: 4, source: 'written' },
  });
});

test('escalations and teams come from the escalations list; hand-offs from the timed timeline', () => {
  const facts = coordinationOf(
    parse((data) => {
      data.teams = ['Payments', 'database team'];
      data.response = {
        escalations: [{ to: 'Database team' }, { to: 'Network Engineering' }],
      };
      data.timeline = [
        { at: '2024-05-02T09:14:00+02:00', kind: 'detection', event: 'Alert fired.' },
        { kind: 'handoff', event: 'The incident commander role passed to the database on-call.' },
        { kind: 'escalation', event: 'Paged the network team.' },
      ];
    }),
  );
  assert.deepEqual(facts.escalations, { value: 2, source: 'escalations' });
  assert.deepEqual(facts.teamsInvolved, { value: 3, source: 'escalations' }, 'Database team counted once');
  assert.deepEqual(facts.handoffs, { value: 1, source: 'timeline' });
  assert.ok('unknown' in facts.responders);
});

test('with no escalations list, escalation moments in a timed timeline are counted; an untimed timeline counts nothing', () => {
  const timed = coordinationOf(
    parse((data) => {
      data.response = {};
      data.timeline = [
        { at: '2024-05-02T09:14:00+02:00', kind: 'escalation', event: 'Paged the database team.' },
        { at: '2024-05-02T09:20:00+02:00', kind: 'action', event: 'Restarted the pool.' },
      ];
    }),
  );
  assert.deepEqual(timed.escalations, { value: 1, source: 'timeline' });
  assert.deepEqual(timed.handoffs, { value: 0, source: 'timeline' });
  assert.ok('unknown' in timed.teamsInvolved);
  const untimed = coordinationOf(
    parse((data) => {
      data.response = {};
      data.timeline = [{ kind: 'escalation', event: 'Paged the database team.' }];
    }),
  );
  assert.deepEqual(untimed.escalations, { unknown: 'not written, and the timeline has no times to count from' });
  assert.ok('unknown' in untimed.handoffs);
});

test('the schema refuses counts that are not whole numbers or below their floor', () => {
  for (const coordination of [
    { responders: 0 },
    { teamsInvolved: 1.5 },
    { handoffs: -1 },
    { escalations: '2' },
    { people: 3 },
  ]) {
    const result = postmortemSchema.safeParse({ ...validFrontmatter(), coordination });
    assert.equal(result.success, false, JSON.stringify(coordination));
  }
});
