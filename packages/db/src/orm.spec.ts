import { describe, expect, it } from 'vitest';
import { pendingSchemaDiff, type Orm } from './orm.js';

/** A stand-in ORM whose schema read fails with the given errors first (PostgreSQL platform: default schema set). */
function fakeOrm(failures: Error[]) {
  let reads = 0;
  const orm = {
    em: { getPlatform: () => ({ getDefaultSchemaName: () => 'public' }) },
    config: { get: () => 't_test' },
    schema: {
      getUpdateSchemaSQL: () => {
        reads++;
        const next = failures.shift();
        return next ? Promise.reject(next) : Promise.resolve('');
      },
    },
  };
  return { orm: orm as unknown as Orm, reads: () => reads };
}

describe('pendingSchemaDiff', () => {
  it('reads again when another schema vanished between MikroORM listing tables and reading their indexes', async () => {
    const f = fakeOrm([
      new Error('relation "t_other.timeline_entries" does not exist'),
      new Error('schema "t_other" does not exist'),
    ]);
    await expect(pendingSchemaDiff(f.orm)).resolves.toBe('');
    expect(f.reads()).toBe(3);
  });

  it('does not hide any other error', async () => {
    const f = fakeOrm([new Error('permission denied for schema t_test')]);
    await expect(pendingSchemaDiff(f.orm)).rejects.toThrow('permission denied');
    expect(f.reads()).toBe(1);
  });
});
