/**
 * What an incident page shows (src/lib/site/incident-page.ts): sections with something in them,
 * escalations the timeline does not already show, and when the original write-up folds away.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { postmortemSchema } from '../../src/lib/core/schema.ts';
import { incidentPage } from '../../src/lib/site/incident-page.ts';
import { validFrontmatter } from '../helpers/postmortem.ts';

const parse = (change: Record<string, unknown> = {}) => postmortemSchema.parse({ ...validFrontmatter(), ...change });
const shownIds = (page: ReturnType<typeof incidentPage>) =>
  page.sections.filter((section) => section.shown).map((section) => section.id);

test('every section with something in it is shown, in reading order; a body adds the narrative', () => {
  const page = incidentPage(parse(), true);
  assert.deepEqual(shownIds(page), [
    'impact',
    'timeline',
    'root-cause',
    'resolution',
    'response',
    'actions',
    'lessons',
    'writeup',
  ]);
  assert.equal(page.sections.at(-1)?.title, 'Narrative');
  assert.deepEqual(
    page.lessons.map((group) => group.title),
    ['What went well'],
    'empty lesson groups are left out',
  );
});

test('empty sections are not shown, and shown matches the section list', () => {
  const page = incidentPage(
    parse({
      resolution: undefined,
      response: { misleadingPaths: [], escalations: [] },
      lessons: { wentWell: [], wentWrong: [], gotLucky: [] },
    }),
    false,
  );
  assert.deepEqual(shownIds(page), ['impact', 'timeline', 'root-cause', 'actions']);
  assert.deepEqual(
    Object.keys(page.shown).filter((id) => page.shown[id]),
    shownIds(page),
  );
});

test('an escalation the timeline shows at the same moment is listed once, on the timeline', () => {
  const onTimeline = incidentPage(
    parse({
      timeline: [
        { at: '2024-05-02T09:14:00+02:00', kind: 'detection', event: 'Alert fired.' },
        // The same instant in another offset is the same moment.
        { at: '2024-05-02T07:25:00Z', kind: 'escalation', event: 'Database team paged.' },
      ],
    }),
    false,
  );
  assert.deepEqual(onTimeline.escalations, []);
  assert.equal(onTimeline.shown.response, true, 'the misleading paths still fill the response section');
  const apart = incidentPage(parse(), false);
  assert.deepEqual(
    apart.escalations.map((escalation) => escalation.to),
    ['Database team'],
  );
});

test('the original write-up folds away only once the structured sections hold its facts', () => {
  assert.equal(incidentPage(parse({ writeUp: 'original' }), true).folded, true);
  assert.equal(incidentPage(parse({ writeUp: 'original' }), true).sections.at(-1)?.title, 'Original write-up');
  assert.equal(incidentPage(parse({ writeUp: 'original', resolution: undefined }), true).folded, false);
  assert.equal(incidentPage(parse({ writeUp: 'original' }), false).folded, false, 'no body, nothing to fold');
  assert.equal(incidentPage(parse(), true).folded, false, 'a narrative is never folded');
});
