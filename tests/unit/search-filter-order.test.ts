import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { inGivenOrder } from '../../src/lib/search/filter-order.ts';

const identity = (value: string) => value;

describe('search filter values in the registry’s order', () => {
  it('lists years newest first whatever order they arrive in, short years included', () => {
    const given = ['2026', '2025', '2021', '1628', '79'];
    assert.deepEqual(inGivenOrder(['1628', '79', '2021', '2026', '2025'], identity, given), given);
  });

  it('puts values the order does not know after the rest, in their own order', () => {
    assert.deepEqual(inGivenOrder(['b', 'x', 'a', 'y'], identity, ['a', 'b']), ['a', 'b', 'x', 'y']);
  });

  it('orders elements by a key read from each, leaving the input alone', () => {
    const items = [{ value: 'SEV3' }, { value: 'SEV1' }, { value: 'SEV2' }];
    const sorted = inGivenOrder(items, (item) => item.value, ['SEV1', 'SEV2', 'SEV3', 'SEV4']);
    assert.deepEqual(
      sorted.map((item) => item.value),
      ['SEV1', 'SEV2', 'SEV3'],
    );
    assert.equal(items[0]!.value, 'SEV3');
  });
});
