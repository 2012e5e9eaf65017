import { describe, it, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  formatDuration,
  formatOffset,
  formatUtc,
  parseCalendarDay,
  parseInstant,
  toEpochMs,
  wallTimeInZone,
} from '../../src/lib/core/time.ts';
import { incidentTimes, isOverdue } from '../../src/lib/incidents/timing.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;

describe('parseInstant', () => {
  it('reads Z and numeric offsets as the same instant', () => {
    const utc = toEpochMs('2024-03-08T10:30:00Z');
    assert.equal(toEpochMs('2024-03-08T13:30:00+03:00'), utc);
    assert.equal(toEpochMs('2024-03-08T02:30:00-08:00'), utc);
    assert.equal(toEpochMs('2024-03-08T16:00:00+05:30'), utc);
    assert.equal(toEpochMs('2024-03-08T10:30Z'), utc);
    assert.equal(utc, Date.UTC(2024, 2, 8, 10, 30));
  });

  it('keeps fractions of a second and the offset written', () => {
    const parsed = parseInstant('2024-03-08T10:30:00.250-07:00');
    assert.ok(parsed.ok);
    assert.equal(parsed.instant.offsetMinutes, -420);
    assert.equal(parsed.instant.epochMs, Date.UTC(2024, 2, 8, 17, 30, 0, 250));
  });

  it('crosses the date line with the offset', () => {
    assert.equal(formatUtc(toEpochMs('2024-01-01T01:00:00+14:00')), '2023-12-31 11:00 UTC');
  });

  it('takes offsets from -12:00 to +14:00 and says so for any other', () => {
    for (const ok of ['-12:00', '+14:00', '+05:45', '-09:30'])
      assert.ok(parseInstant(`2024-03-08T10:30:00${ok}`).ok, ok);
    for (const bad of ['-13:30', '-12:01', '+14:01', '+25:00', '-14:00', '+03:60']) {
      const parsed = parseInstant(`2024-03-08T10:30:00${bad}`);
      assert.ok(!parsed.ok, bad);
      assert.equal(parsed.reason, `"2024-03-08T10:30:00${bad}" has offset ${bad}; offsets run from -12:00 to +14:00`);
    }
  });

  it('refuses times without an offset, naming the fix', () => {
    const parsed = parseInstant('2024-03-08T10:30:00');
    assert.equal(parsed.ok, false);
    assert.match(!parsed.ok ? parsed.reason : '', /no UTC offset; add one, e\.g\. "2024-03-08T10:30:00Z"/);
  });

  it('refuses impossible calendar dates and clock times', () => {
    for (const value of [
      '2023-02-29T00:00:00Z',
      '2024-13-01T00:00:00Z',
      '2024-04-31T00:00:00Z',
      '2024-01-01T24:00:00Z',
      '2024-01-01T10:60:00Z',
      '2024-01-01T10:00:00+15:00',
    ]) {
      assert.equal(parseInstant(value).ok, false, value);
    }
    assert.equal(parseInstant('2024-02-29T00:00:00Z').ok, true, 'leap day exists in 2024');
  });

  it('refuses prose dates', () => {
    assert.equal(parseInstant('March 8, 2024, 10:30 AM').ok, false);
  });
});

describe('formatDuration', () => {
  it('uses the unit a reader expects at each scale', () => {
    assert.equal(formatDuration(45_000), '45 s');
    assert.equal(formatDuration(15 * MIN), '15 min');
    assert.equal(formatDuration(4 * HOUR + 15 * MIN), '4 h 15 min');
    assert.equal(formatDuration(13.5 * HOUR), '13 h 30 min');
    assert.equal(formatDuration(2 * HOUR), '2 h');
    assert.equal(formatDuration(51 * HOUR), '2 d 3 h');
    assert.equal(formatDuration(0), '0 s');
    assert.equal(formatDuration(Number.NaN), 'unknown');
  });

  it('formats offsets for display', () => {
    assert.equal(formatOffset(0), 'UTC');
    assert.equal(formatOffset(330), 'UTC+05:30');
    assert.equal(formatOffset(-420), 'UTC-07:00');
  });
});

describe('wallTimeInZone: named zones', () => {
  const wall = { year: 2024, month: 3, day: 8, hour: 10, minute: 30 };
  it('maps abbreviations to fixed offsets', () => {
    assert.deepEqual(wallTimeInZone(wall, 'EAT'), { ok: true, iso: '2024-03-08T10:30:00+03:00', offsetMinutes: 180 });
    assert.equal((wallTimeInZone(wall, 'WAT') as { iso: string }).iso, '2024-03-08T10:30:00+01:00');
    assert.equal((wallTimeInZone(wall, 'PDT') as { iso: string }).iso, '2024-03-08T10:30:00-07:00');
    assert.equal((wallTimeInZone(wall, 'pst') as { iso: string }).iso, '2024-03-08T10:30:00-08:00');
    assert.equal((wallTimeInZone(wall, 'IST') as { iso: string }).iso, '2024-03-08T10:30:00+05:30');
    assert.equal((wallTimeInZone(wall, 'UTC') as { iso: string }).iso, '2024-03-08T10:30:00Z');
    assert.equal((wallTimeInZone(wall, 'GMT+2') as { iso: string }).iso, '2024-03-08T10:30:00+02:00');
    assert.equal((wallTimeInZone(wall, 'UTC-03:30') as { iso: string }).iso, '2024-03-08T10:30:00-03:30');
  });

  it('uses the offset in force for IANA zones, summer and winter', () => {
    assert.equal(
      (wallTimeInZone({ ...wall, month: 1 }, 'Europe/Paris') as { iso: string }).iso,
      '2024-01-08T10:30:00+01:00',
    );
    assert.equal(
      (wallTimeInZone({ ...wall, month: 7 }, 'Europe/Paris') as { iso: string }).iso,
      '2024-07-08T10:30:00+02:00',
    );
    assert.equal(
      (wallTimeInZone({ ...wall, month: 7 }, 'America/Los_Angeles') as { iso: string }).iso,
      '2024-07-08T10:30:00-07:00',
    );
    assert.equal((wallTimeInZone(wall, 'Asia/Kolkata') as { iso: string }).iso, '2024-03-08T10:30:00+05:30');
  });

  it('refuses a wall time skipped by the spring-forward DST edge', () => {
    // 2024-03-10 02:30 never happened in Los Angeles: clocks jumped from 02:00 to 03:00.
    const result = wallTimeInZone({ year: 2024, month: 3, day: 10, hour: 2, minute: 30 }, 'America/Los_Angeles');
    assert.equal(result.ok, false);
    assert.match(!result.ok ? result.reason : '', /does not exist/);
  });

  it('refuses a wall time repeated by the fall-back DST edge, offering both readings', () => {
    // 2024-10-27 02:30 happened twice in Paris: once at +02:00 and again at +01:00.
    const result = wallTimeInZone({ year: 2024, month: 10, day: 27, hour: 2, minute: 30 }, 'Europe/Paris');
    assert.equal(result.ok, false);
    assert.deepEqual(!result.ok ? result.candidates : [], ['2024-10-27T02:30:00+02:00', '2024-10-27T02:30:00+01:00']);
  });

  it('accepts the hours right next to DST edges', () => {
    assert.equal(
      (wallTimeInZone({ year: 2024, month: 3, day: 10, hour: 1, minute: 59 }, 'America/Los_Angeles') as { iso: string })
        .iso,
      '2024-03-10T01:59:00-08:00',
    );
    assert.equal(
      (wallTimeInZone({ year: 2024, month: 3, day: 10, hour: 3, minute: 0 }, 'America/Los_Angeles') as { iso: string })
        .iso,
      '2024-03-10T03:00:00-07:00',
    );
  });

  it('measures an incident that spans a DST change in real elapsed time', () => {
    const start = wallTimeInZone({ year: 2024, month: 10, day: 27, hour: 1, minute: 0 }, 'Europe/Paris');
    const end = wallTimeInZone({ year: 2024, month: 10, day: 27, hour: 4, minute: 0 }, 'Europe/Paris');
    assert.ok(start.ok && end.ok);
    // The wall clock shows 3 hours, but one hour was repeated: 4 hours passed.
    assert.equal(toEpochMs(end.iso) - toEpochMs(start.iso), 4 * HOUR);
  });

  it('refuses zones it does not know', () => {
    assert.equal(wallTimeInZone(wall, 'Mars/Olympus').ok, false);
    assert.equal(wallTimeInZone(wall, 'XYZ').ok, false);
  });
});

describe('incidentTimes', () => {
  it('computes duration, time to detect, mitigate and resolve', () => {
    const times = incidentTimes({
      started: '2024-03-08T10:30:00Z',
      detected: '2024-03-08T10:45:00Z',
      mitigated: '2024-03-08T13:45:00Z',
      resolved: '2024-03-08T14:45:00Z',
    });
    assert.equal(times.open, false);
    assert.equal(times.durationMs, 4 * HOUR + 15 * MIN);
    assert.equal(times.timeToDetectMs, 15 * MIN);
    assert.equal(times.timeToMitigateMs, 3 * HOUR + 15 * MIN);
    assert.equal(times.timeToResolveMs, 4 * HOUR);
  });

  it('mixes offsets correctly', () => {
    const times = incidentTimes({
      started: '2023-10-10T17:00:00+03:00',
      detected: '2023-10-10T14:15:00Z',
      resolved: '2023-10-10T20:30:00-07:00',
    });
    assert.equal(times.timeToDetectMs, 15 * MIN);
    assert.equal(times.durationMs, 13.5 * HOUR);
  });

  it('leaves an open incident without an end, or measures it to a given moment', () => {
    const open = incidentTimes({ started: '2024-03-08T10:30:00Z', detected: '2024-03-08T10:30:00Z' });
    assert.equal(open.open, true);
    assert.equal(open.durationMs, undefined);
    assert.equal(open.timeToResolveMs, undefined);
    const asOf = incidentTimes(
      { started: '2024-03-08T10:30:00Z', detected: '2024-03-08T10:40:00Z' },
      Date.UTC(2024, 2, 8, 12, 30),
    );
    assert.equal(asOf.open, true);
    assert.equal(asOf.durationMs, 2 * HOUR);
    assert.equal(asOf.timeToResolveMs, 2 * HOUR - 10 * MIN);
  });

  it('has no time to detect for a draft that has not recorded detection', () => {
    assert.equal(incidentTimes({ started: '2024-03-08T10:30:00Z' }).timeToDetectMs, undefined);
  });

  it('counts an outstanding item as overdue after the end of its due day', () => {
    const now = Date.UTC(2024, 5, 2, 12);
    assert.equal(isOverdue({ status: 'open', due: '2024-06-01' }, now), true);
    assert.equal(isOverdue({ status: 'in-progress', due: '2024-06-02' }, now), false);
    assert.equal(isOverdue({ status: 'done', due: '2024-01-01' }, now), false);
    assert.equal(isOverdue({ status: 'open' }, now), false);
  });
});

test('days and instants follow the calendar of Date, leap years included, without building Dates', () => {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  for (let year = 100; year <= 2400; year += year < 1890 ? 17 : 1) {
    for (let month = 1; month <= 12; month++) {
      for (const day of [28, 29, 30, 31]) {
        const written = `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
        const real = new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day;
        assert.equal(parseCalendarDay(written).ok, real, written);
        const instant = `${written}T23:59:59.5+14:00`;
        assert.equal(parseInstant(instant).ok, real, instant);
        if (real) assert.equal(toEpochMs(instant), Date.parse(instant), instant);
      }
    }
  }
});
