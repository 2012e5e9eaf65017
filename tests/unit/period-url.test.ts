import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { periodParam, periodsFromUrl } from '../../src/lib/insights/period-url.ts';
import { periodsOf } from '../../src/lib/insights/periods.ts';

const yearly = periodsOf([2019, 2020, 2021, 2022, 2023, 2024]).periods;
const decades = periodsOf([1628, ...Array.from({ length: 40 }, (_, i) => 1985 + i)]).periods;
const read = (search: string, periods = yearly) => periodsFromUrl(new URLSearchParams(search), periods);

describe('periods in the URL', () => {
  it('writes one year as the year and a range as two years joined by a hyphen', () => {
    assert.equal(periodParam({ from: 2021, to: 2021 }), '2021');
    assert.equal(periodParam({ from: 2012, to: 2016 }), '2012-2016');
  });

  it('reads back what it writes, for both periods', () => {
    const search = `a=${periodParam({ from: 2019, to: 2021 })}&b=${periodParam({ from: 2024, to: 2024 })}`;
    assert.deepEqual(read(search), {
      ranges: { a: { from: 2019, to: 2021 }, b: { from: 2024, to: 2024 } },
      errors: [],
    });
  });

  it('gives nothing and no error when the link names no period', () => {
    assert.deepEqual(read('from=2020&category=database'), { ranges: {}, errors: [] });
  });

  it('names the malformed period and keeps the other one', () => {
    const { ranges, errors } = read('a=20x1&b=2023');
    assert.deepEqual(ranges, { b: { from: 2023, to: 2023 } });
    assert.deepEqual(errors, [
      'The link’s first period, “a=20x1”, is not a year or a range of years such as a=2012-2016.',
    ]);
  });

  it('refuses an empty value, three parts and a reversed range', () => {
    assert.match(read('b=').errors[0]!, /second period, “b=”, is not a year/);
    assert.match(read('a=2019-2020-2021').errors[0]!, /is not a year or a range/);
    assert.match(read('a=2022-2020').errors[0]!, /starts after it ends; write the earlier year first/);
    assert.deepEqual(read('a=2022-2020').ranges, {});
  });

  it('refuses a period the menus cannot show, and says what they offer', () => {
    const { ranges, errors } = read('a=2030');
    assert.deepEqual(ranges, {});
    assert.deepEqual(errors, [
      'The link’s first period, “a=2030”, is not one the menus offer. The menus run from 2019 to 2024.',
    ]);
  });

  it('on a site shown by decade, asks for whole decades', () => {
    assert.deepEqual(read('a=1990-2009', decades), { ranges: { a: { from: 1990, to: 2009 } }, errors: [] });
    const { errors } = read('a=1991-2009', decades);
    assert.match(
      errors[0]!,
      /“a=1991-2009”, is not one the menus offer\. The menus run from 1620 to 2029 in whole periods/,
    );
  });
});
