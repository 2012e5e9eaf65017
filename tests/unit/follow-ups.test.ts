import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  followUpBoard,
  ownerStartPages,
  paginateFollowUps,
  type FollowUpSource,
} from '../../src/lib/incidents/follow-ups.ts';
import type { ActionItem } from '../../src/lib/core/schema.ts';

const item = (title: string, rest: Partial<ActionItem> = {}): ActionItem => ({
  title,
  term: 'short',
  type: 'prevent',
  status: 'open',
  ...rest,
});

const NOW = Date.parse('2024-06-01T12:00:00Z');

const SOURCES: FollowUpSource[] = [
  {
    id: 'newer',
    title: 'Newer incident',
    startedMs: Date.parse('2024-01-01T00:00:00Z'),
    actionItems: [
      item('Add an alert', { owner: 'SRE', due: '2024-05-31' }),
      item('Write a runbook', { owner: 'SRE', term: 'mid', status: 'in-progress' }),
      item('Already done', { owner: 'SRE', status: 'done', due: '2020-01-01' }),
      item('Dropped', { owner: 'SRE', status: 'wont-do', due: '2020-01-01' }),
      item('Nobody owns this', { due: '2024-06-01' }),
    ],
  },
  {
    id: 'older',
    title: 'Older incident',
    startedMs: Date.parse('2022-01-01T00:00:00Z'),
    actionItems: [
      item('Fix the pool', { owner: ' SRE ' }),
      item('Re-architect', { owner: 'Data platform', term: 'long' }),
    ],
  },
];

describe('follow-up board', () => {
  const board = followUpBoard(SOURCES, NOW);

  it('keeps only open and in-progress items', () => {
    assert.equal(board.total, 5);
  });

  it('groups by owner, unassigned last, then by term, oldest incident first', () => {
    assert.deepEqual(
      board.owners.map((group) => [group.label, group.total]),
      [
        ['Data platform', 1],
        ['SRE', 3],
        ['Unassigned', 1],
      ],
    );
    const sre = board.owners[1];
    assert.deepEqual(
      sre.terms.map((term) => [term.term, term.items.map((f) => f.item.title)]),
      [
        ['short', ['Fix the pool', 'Add an alert']],
        ['mid', ['Write a runbook']],
      ],
    );
    assert.equal(sre.terms[0].items[0].postmortemId, 'older');
    assert.equal(sre.anchor, 'owner-sre');
  });

  it('counts an item overdue once its due day has passed at build time', () => {
    // Due 2024-05-31 is past on 2024-06-01; due 2024-06-01 is not over yet; done items never are.
    assert.equal(board.overdue, 1);
    assert.deepEqual(
      board.owners.map((group) => group.overdue),
      [0, 1, 0],
    );
    assert.deepEqual(
      board.byTerm.map((term) => [term.term, term.total, term.overdue]),
      [
        ['short', 3, 1],
        ['mid', 1, 0],
        ['long', 1, 0],
      ],
    );
  });

  it('groups items without a term (drafts only) after the others', () => {
    const draft = followUpBoard(
      [{ ...SOURCES[1], actionItems: [item('Decide later', { term: undefined }), item('Now')] }],
      NOW,
    );
    assert.deepEqual(
      draft.owners[0].terms.map((term) => [term.term, term.label]),
      [
        ['short', 'Short term'],
        [null, 'No term yet'],
      ],
    );
    assert.deepEqual(
      draft.byTerm.map((term) => [term.term, term.total]),
      [
        ['short', 1],
        ['mid', 0],
        ['long', 0],
        [null, 1],
      ],
    );
    assert.equal(board.byTerm.length, 3, 'no extra column when every item has a term');
  });

  it('is empty when nothing is owed', () => {
    const none = followUpBoard([{ ...SOURCES[0], actionItems: [item('x', { status: 'done' })] }], NOW);
    assert.equal(none.total, 0);
    assert.deepEqual(none.owners, []);
  });
});

describe('follow-up pages', () => {
  const item = (title: string, owner: string, term: 'short' | 'mid' | 'long') =>
    ({ title, owner, term, type: 'prevent', status: 'open' }) as const;
  const sources: FollowUpSource[] = [
    {
      id: 'a',
      title: 'A',
      startedMs: 1,
      actionItems: [item('a1', 'Ops', 'short'), item('a2', 'Ops', 'mid'), item('a3', 'Web', 'short')],
    },
    { id: 'b', title: 'B', startedMs: 2, actionItems: [item('b1', 'Ops', 'short'), item('b2', 'Web', 'long')] },
  ];

  it('splits items across pages in board order, marking continued owners', () => {
    const board = followUpBoard(sources, 0);
    const pages = paginateFollowUps(board, 2);
    assert.equal(pages.length, 3);
    const titles = pages.map((p) => p.owners.flatMap((o) => o.terms.flatMap((t) => t.items.map((i) => i.item.title))));
    assert.deepEqual(titles, [['a1', 'b1'], ['a2', 'a3'], ['b2']]);
    assert.deepEqual(
      pages[1].owners.map((o) => [o.label, o.continued]),
      [
        ['Ops', true],
        ['Web', false],
      ],
    );
    assert.equal(pages[1].owners[0].total, 3, 'a split group keeps its totals');
    assert.deepEqual(
      [...ownerStartPages(pages)].map(([anchor, page]) => [anchor, page]),
      [
        ['owner-ops', 1],
        ['owner-web', 2],
      ],
    );
  });

  it('keeps a small board on one page', () => {
    const pages = paginateFollowUps(followUpBoard(sources, 0), 100);
    assert.equal(pages.length, 1);
    assert.equal(pages[0].owners.length, 2);
  });
});
