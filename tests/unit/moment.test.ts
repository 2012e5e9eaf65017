/** Times are shown in the incident's own offset, so the day matches the id; UTC is kept for the hover title. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { displayMoment } from '../../src/lib/site/moment.ts';
import { wordsFromPath } from '../../src/lib/search/words-from-path.ts';

test('a start written at +10:00 shows its own day, not the UTC day before', () => {
  assert.deepEqual(displayMoment('2024-09-03T07:22:00+10:00'), {
    day: '2024-09-03',
    local: '2024-09-03 07:22 UTC+10:00',
    clock: '07:22 UTC+10:00',
    utc: '2024-09-02 21:22 UTC',
    iso: '2024-09-02T21:22:00Z',
    offset: 'UTC+10:00',
  });
  assert.equal(displayMoment('2021-08-05T23:02:00-04:00')?.day, '2021-08-05');
  assert.equal(displayMoment('2024-03-08T10:30:00Z')?.local, '2024-03-08 10:30 UTC');
  assert.equal(displayMoment('not a time'), undefined);
});

test('the 404 page searches for the words of the address', () => {
  assert.equal(wordsFromPath('/kb/postmortems/2024-03-08-auth-outage/', '/kb/'), 'auth outage');
  assert.equal(wordsFromPath('/services/payments%20gateway/page/2/'), 'payments gateway');
  assert.equal(wordsFromPath('/%E0%A4%A/'), '%E0%A4%A');
});
