import { existsSync } from 'node:fs';
import { Incident, openOrm, pendingSchemaDiff } from '@pm/db';
import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../src/database.js';

describe.each(['sqlite', 'postgresql'] as const)('createTestDatabase(%s)', (kind) => {
  it('gives a migrated, isolated database that a second client reaches through databaseUrl, and dispose removes it', async () => {
    const a = await createTestDatabase(kind);
    const b = await createTestDatabase(kind);
    try {
      expect(await pendingSchemaDiff(a.orm)).toBe('');
      if (kind === 'postgresql') expect(a.databaseUrl).toContain(`schema=${a.schema}`);

      const em = a.orm.em.fork();
      em.create(Incident, { publicId: 7, title: 'isolated', severity: 'SEV-3', status: 'active' });
      await em.flush();

      // What a spawned app would do with the URL:
      const other = await openOrm({ databaseUrl: a.databaseUrl });
      try {
        expect((await other.em.fork().findOneOrFail(Incident, { publicId: 7 })).title).toBe('isolated');
      } finally {
        await other.close(true);
      }
      expect(await b.orm.em.fork().count(Incident)).toBe(0);
    } finally {
      await b.dispose();
      await a.dispose();
    }

    if (kind === 'sqlite') {
      expect(existsSync(a.databaseUrl.replace(/^sqlite:/, ''))).toBe(false);
    } else {
      const probe = await createTestDatabase('postgresql');
      try {
        const rows = await probe.orm.em
          .getConnection()
          .execute('select 1 from information_schema.schemata where schema_name = ?', [a.schema]);
        expect(rows).toEqual([]);
      } finally {
        await probe.dispose();
      }
    }
  });
});
