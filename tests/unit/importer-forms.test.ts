/**
 * The date, time, zone and range forms the issue lists as what people write in the seeds'
 * template, each read by findTimes (chrono with the project's added parsers) or by the
 * importer end to end.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectDateOrder, findTimes, type FoundTime } from '../../src/lib/importer/times.ts';
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
