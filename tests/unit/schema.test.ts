import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { postmortemSchema } from '../../src/lib/core/schema.ts';
import { validFrontmatter } from '../helpers/postmortem.ts';

function issuesOf(data: unknown) {
  const result = postmortemSchema.safeParse(data);
  return result.success
    ? []
    : result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message, code: issue.code }));
}

function withChange(change: (data: Record<string, any>) => void) {
  const data = validFrontmatter() as Record<string, any>;
  change(data);
  return data;
}

describe('postmortem schema: accepted', () => {
  it('accepts a complete published postmortem', () => {
    assert.deepEqual(issuesOf(validFrontmatter()), []);
  });

  it('fills defaults so consumers never see undefined lists', () => {
    const data = withChange((d) => {
      delete d.tags;
      delete d.lessons;
      delete d.response;
      delete d.timeline;
    });
    const parsed = postmortemSchema.parse(data);
    assert.deepEqual(parsed.tags, []);
    assert.deepEqual(parsed.lessons, { wentWell: [], wentWrong: [], gotLucky: [] });
    assert.deepEqual(parsed.response, { misleadingPaths: [], escalations: [] });
    assert.equal(parsed.actionItems[0].status, 'open');
  });

  it('keeps times as the strings the author wrote', () => {
    const parsed = postmortemSchema.parse(validFrontmatter());
    assert.equal(parsed.started, '2024-05-02T09:10:00+02:00');
  });

  it('takes days as text only: a Date (a YAML timestamp) is not a day as written', () => {
    assert.equal(
      postmortemSchema.parse(withChange((d) => (d.actionItems[0].due = '2024-06-01'))).actionItems[0].due,
      '2024-06-01',
    );
    assert.ok(
      !postmortemSchema.safeParse(withChange((d) => (d.actionItems[0].due = new Date('2024-06-01T00:00:00Z')))).success,
    );
  });

  it('lets a draft leave out what is not known yet', () => {
    const data = withChange((d) => {
      d.status = 'draft';
      for (const key of ['summary', 'severity', 'detected', 'resolved', 'resolution', 'mitigated']) delete d[key];
      d.services = [];
      d.detection = {};
      d.rootCause = { categories: [] };
      d.impact = {};
      d.actionItems = [{ title: 'Something to do' }];
      d.review = ['severity: not stated in the source'];
    });
    assert.deepEqual(issuesOf(data), []);
  });

  it('accepts a published import whose review points are still open (its page shows them)', () => {
    const data = withChange((d) => {
      d.review = ['severity: not stated in the source'];
    });
    assert.equal(data.status, 'published');
    assert.deepEqual(issuesOf(data), []);
  });

  it('accepts times known to the day or the hour, unknown with a reason, and historical years', () => {
    for (const started of [
      '2024-05-02',
      { at: '2024-05-02T09:00:00+02:00', precision: 'hour' },
      { unknown: 'not stated' },
    ])
      assert.deepEqual(issuesOf(withChange((d) => (d.started = started))), [], JSON.stringify(started));
    // A collection of public history declares its first year; 1628 is then a real incident.
    process.env.KB_EARLIEST_YEAR = '1600';
    try {
      assert.deepEqual(
        issuesOf(
          withChange((d) =>
            Object.assign(d, {
              started: '1628-08-10',
              detected: undefined,
              mitigated: undefined,
              resolved: undefined,
              response: {},
            }),
          ),
        ),
        [],
      );
    } finally {
      delete process.env.KB_EARLIEST_YEAR;
    }
  });

  it('publishes with only what a reader needs: title, summary and a start', () => {
    const data = withChange((d) => {
      for (const key of ['severity', 'detected', 'resolved', 'resolution', 'mitigated']) delete d[key];
      d.services = [];
      d.detection = {};
      d.rootCause = { categories: [] };
      d.impact = {};
      d.actionItems = [{ title: 'Something to do' }];
      d.response = {};
      d.sources = [{ url: 'https://status.example.com/incidents/1', kind: 'status-page' }];
      d.organisation = 'Example Corp';
    });
    assert.deepEqual(issuesOf(data), []);
  });

  it('accepts every boundary of users affected', () => {
    for (const share of [0, 0.5, 100]) {
      assert.deepEqual(issuesOf(withChange((d) => (d.impact.usersAffectedPercent = share))), []);
    }
  });
});

describe('postmortem schema: rejected', () => {
  const cases: [string, (d: Record<string, any>) => void, string, RegExp | string][] = [
    ['missing started', (d) => delete d.started, 'started', 'invalid_union'],
    ['time without offset', (d) => (d.started = '2024-05-02T09:10:00'), 'started', /no UTC offset/],
    ['impossible date', (d) => (d.detected = '2024-02-30T09:00:00Z'), 'detected', /2024-02 has 29 days/],
    ['detected before started', (d) => (d.detected = '2024-05-02T07:00:00Z'), 'detected', /before started/],
    ['resolved before started', (d) => (d.resolved = '2024-05-01T09:00:00Z'), 'resolved', /before started/],
    ['resolved before mitigated', (d) => (d.resolved = '2024-05-02T09:30:00+02:00'), 'resolved', /before mitigated/],
    [
      'a time in the future',
      (d) => (d.resolved = new Date(Date.now() + 2 * 86_400_000).toISOString()),
      'resolved',
      /in the future|outside/,
    ],
    ['a year after this one', (d) => (d.resolved = '2999-01-01T00:00:00Z'), 'resolved', /in the future/],
    ['published without summary', (d) => delete d.summary, 'summary', /is required once a postmortem is published/],
    ['an unknown time without a reason', (d) => (d.resolved = { unknown: ' ' }), 'resolved.unknown', 'too_small'],
    [
      'an hour-precision time without offset',
      (d) => (d.started = { at: '2024-05-02T09:00', precision: 'hour' }),
      'started',
      /no UTC offset/,
    ],
    ['a day after resolution', (d) => (d.started = '2024-05-04'), 'detected', /before started/],
    ['unknown category', (d) => (d.rootCause.categories = ['aliens']), 'rootCause.categories.0', 'invalid_value'],
    ['duplicate category', (d) => (d.rootCause.categories = ['database', 'database']), 'rootCause.categories', /twice/],
    ['unknown severity', (d) => (d.severity = 'critical'), 'severity', 'invalid_value'],
    ['share over 100', (d) => (d.impact.usersAffectedPercent = 130), 'impact.usersAffectedPercent', 'too_big'],
    ['negative share', (d) => (d.impact.usersAffectedPercent = -1), 'impact.usersAffectedPercent', 'too_small'],
    ['extra field', (d) => (d.owner = 'x'), '', 'unrecognized_keys'],
    ['wrong type', (d) => (d.services = 'checkout-api'), 'services', 'invalid_type'],
    ['service not a slug', (d) => (d.services = ['Checkout API']), 'services.0', /lower-case words/],
    [
      'javascript: tracker link',
      (d) => (d.actionItems[0].tracker = 'javascript:alert(1)'),
      'actionItems.0.tracker',
      /http\(s\) URL/,
    ],
    [
      'unknown action item status',
      (d) => (d.actionItems[0].status = 'closed'),
      'actionItems.0.status',
      'invalid_value',
    ],
    ['empty title', (d) => (d.title = '  '), 'title', 'too_small'],
    ['unquoted time read as a Date', (d) => (d.started = new Date('2024-05-02T07:10:00Z')), 'started', 'invalid_union'],
    [
      'escalation before start',
      (d) => (d.response.escalations[0].at = '2024-05-01T00:00:00Z'),
      'response.escalations.0.at',
      /before started/,
    ],
    ['related listed twice', (d) => (d.related = ['a-b', 'a-b']), 'related.1', /twice/],
  ];
  for (const [name, change, path, expected] of cases) {
    it(`rejects ${name}`, () => {
      const issues = issuesOf(withChange(change));
      const match = issues.find((issue) => issue.path === path);
      assert.ok(match, `expected an issue at "${path}", got ${JSON.stringify(issues)}`);
      if (typeof expected === 'string') assert.equal(match.code, expected);
      else assert.match(match.message, expected);
    });
  }
});
