import { raw } from '@mikro-orm/core';
import { describe, expect, it } from 'vitest';
import { bindParams } from './sqlite-driver.js';

describe('bindParams (SQLite bound parameters instead of values formatted into the SQL)', () => {
  it('binds values as the formatter would print them', () => {
    const when = new Date(1_700_000_000_000);
    const blob = new Uint8Array([1, 2, 3]);
    expect(bindParams('select ? , ?, ?, ?, ?, ?', ['a', 2, true, when, { k: 1 }, blob])).toEqual({
      sql: 'select ? , ?, ?, ?, ?, ?',
      values: ['a', 2, 1, 1_700_000_000_000, '{"k":1}', Buffer.from([1, 2, 3])],
    });
  });

  it('inlines a raw fragment and binds its own parameters', () => {
    expect(bindParams('update t set v = ?, w = ? where id = ?', [raw('v + ?', [1]), null, 'x'])).toEqual({
      sql: 'update t set v = v + ?, w = ? where id = ?',
      values: [1, null, 'x'],
    });
  });

  it('leaves identifiers, lists and mismatched placeholders to the formatter', () => {
    expect(bindParams('select ?? from t', ['c'])).toBeNull();
    expect(bindParams('select * from t where id in (?)', [['a', 'b']])).toBeNull();
    expect(bindParams('select ?, ?', [1])).toBeNull();
    expect(bindParams('select ?', [1, 2])).toBeNull();
  });
});
