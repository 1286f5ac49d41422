import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationsDir } from '../src/config.js';
import { KINDS, openTestDb, type TestDb } from './helpers.js';

describe.each(KINDS)('migrations on %s', (kind) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb(kind);
  });
  afterAll(() => db?.dispose());

  it('apply every migration file of the dialect on an empty database', () => {
    const files = readdirSync(migrationsDir(kind)).filter((f) => /^Migration\d+.*\.ts$/.test(f) && !f.endsWith('.d.ts'));
    expect(files.length).toBeGreaterThan(0);
    expect(db.migrated).toEqual(files.map((f) => f.replace(/\.ts$/, '')).sort());
  });

  it('leave a schema identical to the entities (no pending diff)', async () => {
    expect(await db.orm.schema.getUpdateSchemaSQL()).toBe('');
  });

  it('are a no-op the second time', async () => {
    const { migrateUp } = await import('../src/orm.js');
    expect(await migrateUp(db.orm)).toEqual([]);
  });
});
