import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationsDir } from '../src/config.js';
import { pendingSchemaDiff } from '../src/orm.js';
import { KINDS, openTestDb, type TestDb } from './helpers.js';

describe.each(KINDS)('migrations on %s', (kind) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb(kind);
  });
  afterAll(() => db?.dispose());

  it('apply every migration file of the dialect on an empty database', () => {
    const files = readdirSync(migrationsDir(kind)).filter(
      (f) => /^Migration\d+.*\.ts$/.test(f) && !f.endsWith('.d.ts'),
    );
    expect(files.length).toBeGreaterThan(0);
    expect(db.migrated).toEqual(files.map((f) => f.replace(/\.ts$/, '')).sort());
  });

  it('leave a schema identical to the entities (no pending diff)', async () => {
    expect(await pendingSchemaDiff(db.orm)).toBe('');
  });

  it('would notice a table the migrations forgot', async () => {
    await db.orm.em.getConnection().execute('drop table timeline_entries');
    try {
      expect(await pendingSchemaDiff(db.orm)).toMatch(/create table .*timeline_entries/);
    } finally {
      // put it back exactly as the migrations would
      await db.orm.schema.execute(await pendingSchemaDiff(db.orm));
    }
    expect(await pendingSchemaDiff(db.orm)).toBe('');
  });

  it('are a no-op the second time', async () => {
    const { migrateUp } = await import('../src/orm.js');
    expect(await migrateUp(db.orm)).toEqual([]);
  });
});
