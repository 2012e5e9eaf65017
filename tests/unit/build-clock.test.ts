import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildClockMs } from '../../src/lib/incidents/build-clock.ts';
import { isOverdue } from '../../src/lib/incidents/timing.ts';

test('a build judges against the start of its UTC day, so builds on one day agree', () => {
  const morning = Date.parse('2026-03-29T00:00:01Z');
  const night = Date.parse('2026-03-29T23:59:59Z');
  assert.equal(buildClockMs(morning, undefined), Date.parse('2026-03-29T00:00:00Z'));
  assert.equal(buildClockMs(night, undefined), buildClockMs(morning, undefined));
  assert.notEqual(buildClockMs(night + 2000, undefined), buildClockMs(night, undefined));
});

test('what is overdue is the same at the start of the day as at the exact build time', () => {
  for (const due of ['2026-03-27', '2026-03-28', '2026-03-29', '2026-03-30']) {
    for (const at of ['2026-03-29T00:00:00Z', '2026-03-29T12:34:56Z', '2026-03-29T23:59:59Z']) {
      const item = { status: 'open', due };
      assert.equal(
        isOverdue(item, buildClockMs(Date.parse(at), undefined)),
        isOverdue(item, Date.parse(at)),
        `${due} at ${at}`,
      );
    }
  }
});

test('SOURCE_DATE_EPOCH pins the clock; anything but whole seconds is ignored', () => {
  assert.equal(buildClockMs(Date.parse('2026-03-29T10:00:00Z'), '1700000000'), 1_700_000_000_000);
  assert.equal(buildClockMs(Date.parse('2026-03-29T10:00:00Z'), 'yesterday'), Date.parse('2026-03-29T00:00:00Z'));
});
