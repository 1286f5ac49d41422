import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateUp, openOrm, type DatabaseKind, type Orm } from '@pm/db';
import { testConfig } from './config.js';

/** An isolated, migrated database for one test file (or one spawned app). */
export interface TestDatabase {
  orm: Orm;
  /**
   * URL another process can open to reach the same database: `sqlite:<tmp file>` or, for PostgreSQL,
   * `PG_URL?schema=t_<random>` (the `schema` parameter is understood by @pm/db's parseDatabaseUrl).
   */
  databaseUrl: string;
  /** PostgreSQL only: the schema holding every table (already in `databaseUrl`). */
  schema?: string;
  /** Closes the ORM and deletes the database (temp file, or `drop schema … cascade`). */
  dispose(): Promise<void>;
}

/** A fresh database with all migrations applied: a temp SQLite file, or a new `t_<random>` schema in PG_URL's database. */
export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === 'sqlite') {
    const dir = await mkdtemp(join(tmpdir(), 'pm-test-db-'));
    const databaseUrl = `sqlite:${join(dir, 'test.sqlite')}`;
    const orm = await openOrm({ databaseUrl });
    try {
      await migrateUp(orm);
    } catch (e) {
      await orm.close(true);
      await rm(dir, { recursive: true, force: true });
      throw e;
    }
    return {
      orm,
      databaseUrl,
      async dispose() {
        await orm.close(true);
        await rm(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const url = new URL(testConfig().pgUrl);
  url.searchParams.set('schema', schema);
  const databaseUrl = url.toString();
  const orm = await openOrm({ databaseUrl, poolMax: 5 });
  const drop = async () => {
    await orm.em.getConnection().execute(`drop schema if exists "${schema}" cascade`);
    await orm.close(true);
  };
  try {
    await migrateUp(orm); // creates the schema first
  } catch (e) {
    await drop();
    throw e;
  }
  return { orm, databaseUrl, schema, dispose: drop };
}
