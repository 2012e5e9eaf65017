/**
 * Lessons across incidents: what stopped each near miss, "got lucky" and "went well" lines,
 * each with its postmortem, in the order given, and how many postmortems each group rests on.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { postmortemSchema } from '../../src/lib/core/schema.ts';
import { lessonsAcross } from '../../src/lib/incidents/lessons.ts';
import { validFrontmatter } from '../helpers/postmortem.ts';

const parse = (change: Record<string, unknown>) => postmortemSchema.parse({ ...validFrontmatter(), ...change });

test('gathers preventedBy of near misses, gotLucky and wentWell lines with their postmortems', () => {
  const groups = lessonsAcross([
    {
      id: 'b-near-miss',
      data: parse({
        title: 'Canary halted it',
        kind: 'near-miss',
        preventedBy: 'The canary halted the rollout.',
        lessons: { wentWell: ['The check fired.'], gotLucky: ['It was a quiet day.'] },
      }),
    },
    {
      id: 'a-outage',
      data: parse({ title: 'Outage', lessons: { wentWell: ['Fast rollback.', 'Clear updates.'], gotLucky: [] } }),
    },
  ]);
  assert.deepEqual(
    groups.map((group) => [group.key, group.lines.map((line) => [line.id, line.text]), group.postmortems]),
    [
      ['preventedBy', [['b-near-miss', 'The canary halted the rollout.']], 1],
      ['gotLucky', [['b-near-miss', 'It was a quiet day.']], 1],
      [
        'wentWell',
        [
          ['b-near-miss', 'The check fired.'],
          ['a-outage', 'Fast rollback.'],
          ['a-outage', 'Clear updates.'],
        ],
        2,
      ],
    ],
  );
  assert.equal(groups[0].lines[0].kind, 'near-miss');
  assert.equal(groups[0].lines[0].language, 'en');
});

test('each line carries its postmortem’s language, so a French line is marked French on an English page', () => {
  const [, , wentWell] = lessonsAcross([
    { id: 'fr', data: parse({ language: 'fr', lessons: { wentWell: ['Les alertes ont signalé la coupure.'] } }) },
  ]);
  assert.deepEqual(
    wentWell.lines.map((line) => [line.text, line.language]),
    [['Les alertes ont signalé la coupure.', 'fr']],
  );
});

test('a draft near miss without preventedBy adds no line', () => {
  const [prevented] = lessonsAcross([
    { id: 'x', data: parse({ status: 'draft', kind: 'near-miss', lessons: { wentWell: [], gotLucky: [] } }) },
  ]);
  assert.deepEqual(prevented.lines, []);
});
