/**
 * The date, time, zone and range forms the issue lists as what people write in the seeds'
 * template, each read by findTimes (chrono with the project's added parsers) or by the
 * importer end to end.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectDateOrder, findTimes, statedDocumentZone, type FoundTime } from '../../src/lib/importer/times.ts';
import { importDocument } from '../../src/lib/importer/index.ts';

function only(text: string, order?: Parameters<typeof findTimes>[1]): Partial<FoundTime>[] {
  return findTimes(text, order).map(({ year, month, day, hour, minute, zone, rangeEnd }) =>
    Object.fromEntries(
      Object.entries({ year, month, day, hour, minute, zone, rangeEnd }).filter(([, v]) => v !== undefined),
    ),
  );
}

test('dates as dd/mm/yyyy, "03, 14, 2024" and "August 12th, 2024"', () => {
  assert.deepEqual(only('on 25/03/2024 at 14:00 WAT', 'dmy'), [
    { year: 2024, month: 3, day: 25, hour: 14, minute: 0, zone: 'WAT' },
  ]);
  assert.deepEqual(only('on 03, 14, 2024 at 2:00 PM CAT'), [
    { year: 2024, month: 3, day: 14, hour: 14, minute: 0, zone: 'CAT' },
  ]);
  assert.deepEqual(only('August 12th, 2024 at 10:00 EAT'), [
    { year: 2024, month: 8, day: 12, hour: 10, minute: 0, zone: 'EAT' },
  ]);
});

test('24-hour times with "hrs", and four-digit ranges only when a zone or "hrs" follows', () => {
  assert.deepEqual(only('at 2100hrs SAST'), [{ hour: 21, minute: 0, zone: 'SAST' }]);
  assert.deepEqual(only('at 21:00 hrs GMT+1'), [{ hour: 21, minute: 0, zone: 'GMT+1' }]);
  assert.deepEqual(only('during 0900–1300 PST on Sept. 11, 2018'), [
    { year: 2018, month: 9, day: 11, hour: 9, minute: 0, zone: 'PST' },
    { year: 2018, month: 9, day: 11, hour: 13, minute: 0, zone: 'PST', rangeEnd: true },
  ]);
  assert.deepEqual(only('the 2019-2020 season'), [], 'a span of years is not a range of times');
});

test('ranges: "from 3:00 PM to 6:30 PM", end words, days, and an end written before its start', () => {
  assert.deepEqual(only('from 3:00 PM to 6:30 PM PDT on March 3, 2024'), [
    { year: 2024, month: 3, day: 3, hour: 15, minute: 0, zone: 'PDT' },
    { year: 2024, month: 3, day: 3, hour: 18, minute: 30, zone: 'PDT', rangeEnd: true },
  ]);
  assert.deepEqual(only('starting at 08:30 AM and ending at 10:15 AM UTC on August 19, 2024'), [
    { year: 2024, month: 8, day: 19, hour: 8, minute: 30, zone: 'UTC' },
    { year: 2024, month: 8, day: 19, hour: 10, minute: 15, zone: 'UTC', rangeEnd: true },
  ]);
  assert.deepEqual(only('started at 13:35 EST and ended at 14:02 EST'), [
    { hour: 13, minute: 35, zone: 'EST' },
    { hour: 14, minute: 2, zone: 'EST', rangeEnd: true },
  ]);
  assert.deepEqual(only('September 28th to September 29th, 2023'), [
    { year: 2023, month: 9, day: 28 },
    { year: 2023, month: 9, day: 29, rangeEnd: true },
  ]);
  const [start, end] = only('from 9:35 PM PST until 10:42 AM PST');
  assert.deepEqual([start.hour, end.hour, end.rangeEnd], [21, 10, true], 'the time written first stays the start');
  assert.deepEqual(only('at 10:00 UTC the team escalated to the database team at 10:30'), [
    { hour: 10, minute: 0, zone: 'UTC' },
    { hour: 10, minute: 30 },
  ]);
});

test('zones as abbreviations, offsets with a Unicode minus, and places', () => {
  for (const [text, zone] of [
    ['at 10:00 WAT', 'WAT'],
    ['at 10:00 CAT', 'CAT'],
    ['at 10:00 EAT', 'EAT'],
    ['at 10:00 SAST', 'SAST'],
    ['at 10:00 PST', 'PST'],
    ['at 10:00 PDT', 'PDT'],
    ['at 9:00 AM UTC-5', 'UTC-5'],
    ['from 7:00 am to 7:30 am (UTC−05:00)', 'UTC-05:00'],
    ['10:00 AM Kigali Time', 'CAT'],
  ] as const) {
    assert.equal(findTimes(text)[0]?.zone, zone, text);
  }
});

test('day-first or month-first settled by the same day written in words', () => {
  assert.equal(detectDateOrder('On 05/04/2020 it broke.\n\nMonday, May the 4th, 2020: timeline'), 'mdy');
  assert.equal(detectDateOrder('On 05/04/2020 it broke.\n\nOn April 5, 2020 we looked'), 'dmy');
  assert.equal(detectDateOrder('On 05/04/2020 it broke.'), 'ambiguous');
});

/** Documents in the forms the issue lists, and the times the importer must read from each. */
const DOCUMENTS: { name: string; lines: string[]; expected: Record<string, string> }[] = [
  {
    name: 'a summary range written "started … and ended …"',
    lines: [
      '# Outage',
      '## Issue Summary',
      'The issue started on April 29th 2020, at 13:35 EST and ended on April 29th 2020, at 14:02 EST.',
    ],
    expected: { started: '2020-04-29T13:35:00-05:00', resolved: '2020-04-29T14:02:00-05:00' },
  },
  {
    name: 'raw-HTML headings, with the <li> under <h2>Timeline</h2> as timeline entries and <sup> read as text',
    lines: [
      '<h1>Outage of the payment API</h1>',
      '',
      '<h2>Issue Summary</h2>',
      '<p>From 3:00 PM to 6:30 PM WAT on August 12<sup>th</sup>, 2024, 40% of users could not pay.</p>',
      '',
      '<h2>Timeline</h2>',
      '<ul>',
      '<li>3:05 PM - Monitoring alert fired.</li>',
      '<li>6:30 PM - Service restored.</li>',
      '</ul>',
    ],
    expected: {
      title: 'Outage of the payment API',
      started: '2024-08-12T15:00:00+01:00',
      resolved: '2024-08-12T18:30:00+01:00',
      detected: '2024-08-12T15:05:00+01:00',
    },
  },
  {
    name: 'plain text with section names on lines of their own',
    lines: [
      'Issue Summary',
      'Duration: 2 hours, from 10:00 AM to 12:00 PM UTC on February 10, 2023',
      'Timeline',
      '10:00 AM UTC: The issue was detected through monitoring alerts.',
      '11:00 AM UTC: The engineer escalated the incident.',
      '12:00 PM UTC: The issue was resolved by re-indexing the data.',
    ],
    expected: { started: '2023-02-10T10:00:00Z', resolved: '2023-02-10T12:00:00Z', detected: '2023-02-10T10:00:00Z' },
  },
  {
    name: 'a due date that is not the incident date',
    lines: [
      '# Database outage',
      'Due date: 18th December 2023',
      '## Issue Summary',
      'The site was down from 14:00 to 16:00 UTC.',
      '',
      'This happened on 20th December 2023, two days after the due date.',
    ],
    expected: { started: '2023-12-20T14:00:00Z', resolved: '2023-12-20T16:00:00Z' },
  },
  {
    name: 'times without a zone: the day only, and the end day from the restore line',
    lines: [
      '# Outage on 20th December, 2023',
      '## Timeline (20th December 2023)',
      '2:00 PM: users report errors.',
      '',
      '4:00 PM: normal functionality restored.',
    ],
    expected: { started: '2023-12-20', resolved: '2023-12-20' },
  },
  {
    name: 'timeline entries written as headings ("#### 5:00:") with the text under them',
    lines: [
      '# Breach of the web application',
      '## Timeline (August 15, 2024)',
      'All times are in UTC.',
      '#### 00:01:',
      '- The IDS alert fired.',
      '#### 5:00:',
      '- The patch was deployed and the firewall restored.',
    ],
    expected: { started: '2024-08-15T00:01:00Z', resolved: '2024-08-15T05:00:00Z' },
  },
  {
    name: 'an end written as "now working normally"',
    lines: [
      '# Outage',
      '## Issue Summary',
      'On friday, 24 mar 2017 at 07:32:16 GMT the server returned 500 errors.',
      '## Timeline',
      '- **07:32 GMT** => getting 500 errors',
      '- **08:00 GMT** => the server now working normally',
    ],
    expected: { resolved: '2017-03-24T08:00:00Z' },
  },
];

for (const { name, lines, expected } of DOCUMENTS) {
  test(`end to end: ${name}`, () => {
    const result = importDocument(lines.join('\n'), { sourceName: 'form.md' });
    assert.ok(result.ok);
    const data = result.data as unknown as Record<string, unknown>;
    for (const [field, value] of Object.entries(expected)) assert.equal(data[field], value, field);
  });
}

test('the end day taken from a restore line, and a contradicted summary, are listed in review', () => {
  const dayOnly = importDocument(DOCUMENTS[4].lines.join('\n'), { sourceName: 'day-only.md' });
  assert.ok(dayOnly.ok);
  assert.ok(dayOnly.review.some((line) => line.startsWith('resolved: the day was taken from line 5')));
  const contradicted = importDocument(
    [
      '# Outage',
      '## Issue Summary',
      'The outage lasted from 10:00 to 10:30 UTC on March 3, 2024.',
      '## Timeline',
      '- 10:00 UTC - Alert fired.',
      '- 15:00 UTC - Service restored after the rollback.',
    ].join('\n'),
    { sourceName: 'contradicted.md' },
  );
  assert.ok(contradicted.ok);
  assert.equal(contradicted.data.resolved, '2024-03-03T10:30:00Z', 'the summary is kept');
  assert.ok(
    contradicted.review.some((line) => line.startsWith('resolved:') && line.includes('contradicted by the timeline')),
    'and the disagreement is in review',
  );
});

test('real-format times: a 24-hour clock after a day and month is not a year', () => {
  assert.deepEqual(only('Feb 7 1506 UTC'), [{ month: 2, day: 7, hour: 15, minute: 6, zone: 'UTC' }]);
  assert.deepEqual(only('Feb 7 2100 hrs'), [{ month: 2, day: 7, hour: 21, minute: 0 }]);
  assert.deepEqual(
    only('Feb 7, 2024 UTC'),
    [{ year: 2024, month: 2, day: 7, zone: 'UTC' }],
    'a real year stays a year',
  );
});

test('real-format times: a zone written before the time, "between X and Y", dotted versions', () => {
  assert.deepEqual(only('beginning from UTC 05:13'), [{ hour: 5, minute: 13, zone: 'UTC' }]);
  assert.deepEqual(only('On 2023-07-20 between 12:17 and 12:30 UTC'), [
    { year: 2023, month: 7, day: 20, hour: 12, minute: 17, zone: 'UTC' },
    { hour: 12, minute: 30, zone: 'UTC', rangeEnd: true },
  ]);
  assert.deepEqual(only('upgrade from version 1.13 to 1.14'), [], 'version numbers are not clock times');
  assert.deepEqual(only('at 14.05 CET'), [{ hour: 14, minute: 5, zone: 'CET' }]);
  assert.deepEqual(only('2023-04-13 / 5:00 PM - 8:15 PM'), [
    { year: 2023, month: 4, day: 13, hour: 17, minute: 0 },
    { hour: 20, minute: 15, rangeEnd: true },
  ]);
});

test('real-format times: zones stated in words, in brackets or with emphasis', () => {
  assert.equal(statedDocumentZone('All times in Central European Time (CET)')?.zone, 'CET');
  assert.equal(statedDocumentZone('_All times in EDT_')?.zone, 'EDT');
  assert.equal(statedDocumentZone('The times are higher than usual'), undefined);
});

test('end to end: a timeline table whose column header names the zone ("Date and Time in CET")', () => {
  const result = importDocument(
    [
      '# Cluster node deletion',
      '',
      '## Timeline',
      '',
      '| Date and Time in CET | Event |',
      '|:--|--|',
      '| 2019-12-04 00:30 | Accidental deletion of all worker nodes; workloads unschedulable |',
      '| 2019-12-04 01:30 | Verified all systems operational |',
    ].join('\n'),
    { sourceName: 'table-zone.md' },
  );
  assert.ok(result.ok);
  assert.equal(result.data.started, '2019-12-04T00:30:00+01:00');
  assert.equal(result.data.resolved, '2019-12-04T01:30:00+01:00');
  assert.ok(result.review.some((line) => line.includes('the column header "Date and Time in CET"')));
});

test('end to end: ends in prose ("by 9:40 UTC … returned to normal", "completed by 15:56 UTC")', () => {
  const dns = importDocument(
    '# DNS outage\n\nOn Wednesday, 2023-01-25 at 09:15 UTC, we deployed changes and the DNS record failed to resolve. Around 9:30 UTC it propagated again and by 9:40 UTC traffic had returned to normal levels.\n',
    { sourceName: 'dns.md' },
  );
  assert.ok(dns.ok);
  assert.equal(dns.data.resolved, '2023-01-25T09:40:00Z');
  const revert = importDocument(
    '# Release regression\n\nOn 2021-04-27 at 15:09 UTC we released a new version. At 15:23 UTC we received a report of a regression, and we reverted the release - an action completed by 15:56 UTC.\n',
    { sourceName: 'revert.md' },
  );
  assert.ok(revert.ok);
  assert.equal(revert.data.resolved, '2021-04-27T15:56:00Z');
  assert.equal(revert.data.detected, '2021-04-27T15:23:00Z');
});

test('end to end: Google SRE template markers, action item states and handles as written', () => {
  const result = importDocument(
    [
      '# Search outage (incident #1)',
      '',
      '## Action Items',
      '',
      '| Action Item | Type | Owner | Bug |',
      '| ----------- | ---- | ----- | --- |',
      '| Update playbook | mitigate | jennifer | n/a **DONE** |',
      '| Schedule failure test | process | docbrown | Bug 1 **TODO** |',
      '',
      '## Lessons Learned',
      '',
      '* Monitoring quickly alerted us to high rate (reaching ~100%) of HTTP 500s',
      '',
      '## Timeline',
      '',
      '2015-10-21 (*all times UTC*)',
      '',
      '| Time  | Description |',
      '| ----- | ----------- |',
      '| 14:54 | **OUTAGE BEGINS** -- backends melt down |',
      '| 14:55 | docbrown receives pager storm |',
      '| 15:36 | **OUTAGE MITIGATED**, index replicated |',
      '| 16:00 | **OUTAGE ENDS**, all traffic balanced |',
      '| 16:30 | **INCIDENT ENDS**, reached exit criterion |',
    ].join('\n'),
    { sourceName: 'sre.md' },
  );
  assert.ok(result.ok);
  assert.equal(result.data.started, '2015-10-21T14:54:00Z');
  assert.equal(result.data.detected, '2015-10-21T14:55:00Z');
  assert.equal(result.data.mitigated, '2015-10-21T15:36:00Z');
  assert.equal(result.data.resolved, '2015-10-21T16:30:00Z');
  assert.deepEqual(
    result.data.actionItems.map((item) => [item.owner, item.status]),
    [
      ['jennifer', 'done'],
      ['docbrown', 'open'],
    ],
  );
  assert.ok(
    result.data.timeline.some((entry) => entry.event.startsWith('docbrown receives')),
    'handle kept as written',
  );
  const quote = result.review.find((line) => line.startsWith('impact.usersAffectedPercent'));
  assert.ok(quote?.includes('"…high rate (reaching ~100%)'), quote);
});

test('end to end: task list states inside action item tables and at the end of list items', () => {
  const result = importDocument(
    [
      '# Cache outage',
      '',
      'Started 2024-03-01 10:00 UTC, resolved 2024-03-01 11:00 UTC.',
      '',
      '## Action items',
      '',
      '| Action | Owner |',
      '| --- | --- |',
      '| [x] Add cache alerts | sre |',
      '| [ ] Shard the cache | platform |',
      '',
      '## Next steps',
      '',
      '- Patch the client — DONE',
      '- TODO: document the failover',
    ].join('\n'),
    { sourceName: 'states.md' },
  );
  assert.ok(result.ok);
  assert.deepEqual(
    result.data.actionItems.map((item) => [item.title, item.status]),
    [
      ['Add cache alerts', 'done'],
      ['Shard the cache', 'open'],
      ['Patch the client', 'done'],
      ['document the failover', 'open'],
    ],
  );
});

test('end to end: an end equal to the start is a placeholder, and an unusable start costs nothing', () => {
  const placeholder = importDocument(
    '# Queue stall\n\n- Start: 2024-05-02 14:00 UTC\n- End: 2024-05-02 14:00 UTC\n\nThe queue stalled.\n',
    { sourceName: 'placeholder.md' },
  );
  assert.ok(placeholder.ok);
  assert.equal(placeholder.data.resolved, undefined);
  assert.ok(placeholder.review.some((line) => line.startsWith('resolved:') && line.includes('placeholder')));
  const old = importDocument('# Payments outage\n\n- Start: 1506-02-07 10:00 UTC\n\nThe payments API failed.\n', {
    sourceName: 'old.md',
  });
  assert.ok(old.ok, 'the document is never dropped for one value');
  assert.ok(typeof old.data.started === 'object' && 'unknown' in old.data.started);
  assert.ok(old.review.some((line) => line.startsWith('started:') && line.includes('1506')));
});

test('end to end: day headings after the Timeline heading, times on lines of their own', () => {
  const result = importDocument(
    [
      '# Incident report July 21 2025 - hub pods dying',
      '',
      '## Timeline',
      '',
      '_All times in EDT_',
      '',
      '## July 22',
      '',
      '1:03',
      'First alert fires',
      '',
      '5:41',
      'Team restarts the hub',
      '',
      'July 23 4:10 AM',
      'Peak of 235 participants at 18:00 UTC yesterday. Incident officially resolved!',
    ].join('\n'),
    { sourceName: 'days.md' },
  );
  assert.ok(result.ok);
  assert.equal(result.data.started, '2025-07-22T01:03:00-04:00');
  assert.equal(result.data.detected, '2025-07-22T01:03:00-04:00');
  assert.equal(result.data.resolved, '2025-07-23T04:10:00-04:00');
});

test('a range of two year-first dates ("from 2025-02-10 through 2025-04-01") is read as days, not clock times', () => {
  assert.deepEqual(only('The token was exposed from on or about 2025-02-10 through 2025-04-01.'), [
    { year: 2025, month: 2, day: 10 },
    { year: 2025, month: 4, day: 1, rangeEnd: true },
  ]);
});

test('end to end: the start is the time start words point at, and a timeline can state its day', () => {
  const source = [
    '# Docs site outage',
    '',
    'At 2019-10-21 01:38 UTC the site went down. Builds were failing since 2019-10-20 00:55 UTC.',
    '',
    '## Timeline',
    '',
    'Unless otherwise noted all events happened on 2019-10-21, and all times are in UTC.',
    '',
    '- 2019-10-20 00:55: builds started failing',
    '- 01:38: alerts fired for the site being down',
    '- 02:06: site back online',
  ].join('\n');
  const result = importDocument(source, { sourceName: 'docs.md' });
  assert.ok(result.ok);
  assert.equal(result.data.started, '2019-10-20T00:55:00Z');
  assert.equal(result.data.detected, '2019-10-21T01:38:00Z');
  assert.equal(result.data.resolved, '2019-10-21T02:06:00Z');
});

test('end to end: a frontmatter title gives the year a date in the text lacks', () => {
  const source =
    '+++\ntitle = "Update on the October 15, 2018 incident"\n+++\n\nOn Monday, Oct 15, starting at approximately 20:00 UTC, uploads slowed down.\n';
  const result = importDocument(source, { sourceName: 'update.md' });
  assert.ok(result.ok);
  assert.equal(result.data.started, '2018-10-15T20:00:00Z');
});

test('end to end: lead-up rows before the first row where users met the problem are not the start', () => {
  const table = (rows: string[]) =>
    ['# Outage', '', '## Timeline', '', '| Time (UTC) | Event |', '| --- | --- |', ...rows].join('\n');
  const scaled = importDocument(
    table([
      '| 2019-11-29 12:00 | Proactively scaling up the cluster from 7 to 10 nodes |',
      '| 2019-11-30 08:24 | Warning from AWS: the load balancers were unable to scale up |',
      '| 2019-12-05 07:00 | All systems verified operational |',
    ]),
    { sourceName: 'scaled.md' },
  );
  assert.ok(scaled.ok);
  assert.equal(scaled.data.started, '2019-11-30T08:24:00Z');
  assert.ok(scaled.review.some((line) => /^started: .*describes impact \(line 8\)/.test(line)));
  const served = importDocument(
    table([
      '| 2017-09-29 08:59 | An issue is opened about builds failing for one repository |',
      '| 2017-09-29 14:00 | Launching any image failed with nginx 504 Timeout |',
    ]),
    { sourceName: 'served.md' },
  );
  assert.ok(served.ok);
  assert.equal(served.data.started, '2017-09-29T14:00:00Z');
});

test('end to end: placeholder times ("HH:mm", "??") stay unknown, never guessed from a later row', () => {
  const source = [
    '# ALB 502 errors',
    '',
    '## Timeline',
    '',
    'All times in UTC.',
    '',
    '| Time | Event |',
    '| --- | --- |',
    '| 2020-12-21 HH:mm | Created a script to set limit ranges on namespaces |',
    '| 2021/22-??-?? HH:mm | The script was run without excluding the proxy namespace |',
    '| 2022-06-07 08:30 | Excluded the proxy namespace from the script |',
    '| 2022-06-10 HH:mm | By looking at the logs, we confirmed that the problem was solved. |',
  ].join('\n');
  const result = importDocument(source, { sourceName: 'alb.md' });
  assert.ok(result.ok);
  assert.deepEqual(result.data.started, { unknown: 'the source states no start date' });
  assert.ok(result.review.some((line) => /^started: unknown: the timeline's first entry .*\(line 10\)/.test(line)));
  assert.equal(result.data.resolved, '2022-06-10');
  // A first row that gives only its day takes the first time given that day.
  const sameDay = importDocument(
    source.replace('2020-12-21 HH:mm | Created a script to set limit ranges', '2022-06-07 HH:mm | Errors seen'),
    { sourceName: 'alb.md' },
  );
  assert.ok(sameDay.ok);
  assert.equal(sameDay.data.started, '2022-06-07T08:30:00Z');
});

test('end to end: a window of days in prose holding the first time gives the start day', () => {
  const source = [
    '# Token exposed',
    '',
    'The token was exposed from on or about 2025-02-10 through 2025-04-01.',
    '',
    '## Response timeline',
    '',
    '- 2025-04-01 13:35 UTC: The auditors notified us of the leaked token.',
    '- 2025-04-01 23:02 UTC: The status page incident was marked as resolved.',
  ].join('\n');
  const result = importDocument(source, { sourceName: 'token.md' });
  assert.ok(result.ok);
  assert.equal(result.data.started, '2025-02-10');
  assert.equal(result.data.detected, '2025-04-01T13:35:00Z');
  assert.equal(result.data.resolved, '2025-04-01T23:02:00Z');
  assert.ok(result.review.some((line) => /^started: only the day is known: line 3 says/.test(line)));
});

test('end to end: a frontmatter start and end at the same hour on different days are days', () => {
  const source =
    '---\ntitle: Error budget consumed\ndate: "2022-09-01T01:00:00+02:00"\nresolved: true\nresolvedWhen: "2022-10-12T01:00:00+02:00"\nseverity: notice\n---\n\nSince the beginning of September the error budget dropped to 25%.\n';
  const result = importDocument(source, { sourceName: 'slo.md' });
  assert.ok(result.ok);
  assert.equal(result.data.started, '2022-09-01');
  assert.equal(result.data.resolved, '2022-10-12');
  assert.ok(result.review.some((line) => /^started: date .* same hour on different days/.test(line)));
});
