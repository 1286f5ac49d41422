import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseKind } from '../src/config.js';
import { migrateUp, openOrm, type Orm } from '../src/orm.js';
import { PG_URL } from './env.js';

/** Both drivers: every integration suite runs once per dialect. */
export const KINDS: DatabaseKind[] = ['sqlite', 'postgresql'];

export interface TestDb {
  orm: Orm;
  databaseUrl: string;
  migrated: string[];
  dispose(): Promise<void>;
}

/**
 * An empty isolated database (temp SQLite file or `t_<random>` schema), migrated unless `migrate` is false.
 * (@pm/testing has the same helper for other packages; @pm/db cannot depend on it without a build cycle.)
 */
export async function openTestDb(kind: DatabaseKind, { migrate = true } = {}): Promise<TestDb> {
  if (kind === 'sqlite') {
    const dir = await mkdtemp(join(tmpdir(), 'pm-db-spec-'));
    const databaseUrl = `sqlite:${join(dir, 'db.sqlite')}`;
    const orm = await openOrm({ databaseUrl });
    const migrated = migrate ? await migrateUp(orm) : [];
    return {
      orm,
      databaseUrl,
      migrated,
      dispose: async () => {
        await orm.close(true);
        await rm(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const databaseUrl = `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}schema=${schema}`;
  const orm = await openOrm({ databaseUrl, poolMax: 4 });
  const dispose = async () => {
    await orm.em.getConnection().execute(`drop schema if exists "${schema}" cascade`);
    await orm.close(true);
  };
  const migrated = migrate ? await migrateUp(orm) : [];
  return { orm, databaseUrl, migrated, dispose };
}
