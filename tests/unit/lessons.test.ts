/**
 * Lessons across incidents: what stopped each near miss, "got lucky" and "went well" lines,
 * each with its postmortem, in the order given, and how many postmortems each group rests on.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { postmortemSchema } from '../../src/lib/core/schema.ts';
import { lessonPages, lessonsAcross } from '../../src/lib/incidents/lessons.ts';
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

test('each group is split into pages of a fixed size, numbered on from page to page; an empty group has one page', () => {
  const sources = Array.from({ length: 7 }, (_, index) => ({
    id: `pm-${index}`,
    data: parse({ title: `Outage ${index}`, lessons: { wentWell: [`Line ${index}.`], gotLucky: [] } }),
  }));
  const pages = lessonPages(lessonsAcross(sources), 3);
  assert.deepEqual(
    pages.map((page) => [page.group.slug, page.page, page.pageCount, page.from, page.lines.map((line) => line.id)]),
    [
      ['prevented-by', 1, 1, 0, []],
      ['got-lucky', 1, 1, 0, []],
      ['went-well', 1, 3, 1, ['pm-0', 'pm-1', 'pm-2']],
      ['went-well', 2, 3, 4, ['pm-3', 'pm-4', 'pm-5']],
      ['went-well', 3, 3, 7, ['pm-6']],
    ],
  );
});
