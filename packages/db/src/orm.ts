import type { AbstractSqlDriver, SqlEntityManager } from '@mikro-orm/sql';
import { MikroORM } from '@mikro-orm/sql';
import { createOrmOptions, type DbConfig } from './config.js';

/** The ORM type every app gets from {@link openOrm}: SQL driver, SQL entity manager (query builder, raw SQL). */
export type Orm = MikroORM<AbstractSqlDriver, SqlEntityManager>;
/** A SQL entity manager (fork one per request, job or hook). */
export type Em = SqlEntityManager;

/**
 * Initialises MikroORM and connects. SQLite connections get WAL + busy_timeout + foreign keys (see sqlite-driver.ts);
 * PostgreSQL is used when the URL says `postgres(ql)://`. Does not touch the schema: call {@link migrateUp}.
 */
export async function openOrm(cfg: DbConfig): Promise<Orm> {
  const orm: Orm = await MikroORM.init(createOrmOptions(cfg));
  await orm.connect();
  return orm;
}

/** Runs pending migrations of the ORM's dialect and returns the names that ran (empty when up to date). */
export async function migrateUp(orm: Orm): Promise<string[]> {
  const schema = orm.config.get('schema'); // only set for PostgreSQL (see createOrmOptions)
  if (schema) {
    // A fresh isolated schema must exist before the migration table is created in it.
    await orm.em.getConnection().execute(`create schema if not exists "${schema}"`);
  }
  const ran = await orm.migrator.up();
  return ran.map((m) => m.name);
}

/**
 * SQL that would bring the database in line with the entities; '' when migrations and entities agree. Restricted to
 * this ORM's schema: MikroORM otherwise introspects every schema of a PostgreSQL database, so other test schemas in a
 * shared database would show up as tables to drop.
 */
export async function pendingSchemaDiff(orm: Orm): Promise<string> {
  const isPg = orm.em.getPlatform().getDefaultSchemaName() !== undefined;
  const schema = orm.config.get('schema') ?? orm.em.getPlatform().getDefaultSchemaName();
  // MikroORM 7 lists the tables of EVERY schema before reading their indexes (its PostgreSQL table listing ignores
  // the schema filter), so a schema that another process drops between the two queries fails the read with
  // "relation/schema … does not exist". Nothing of ours is missing then: read again (the drop is over by then).
  for (let attempt = 1; ; attempt++) {
    try {
      return withoutSearchObjects(await orm.schema.getUpdateSchemaSQL(isPg ? { schema } : {}));
    } catch (err) {
      if (!isPg || attempt >= 5 || !VANISHED.test((err as Error).message)) throw err;
    }
  }
}

/** PostgreSQL's undefined_table / invalid_schema_name messages. */
const VANISHED = /(relation|schema) "[^"]+" does not exist/;

/**
 * Full-text search objects made by raw SQL in the search migrations, which entities cannot describe: the SQLite
 * FTS5 triggers, PostgreSQL's generated `documents.search_vector` and the GIN indexes. MikroORM would drop them.
 */
const SEARCH_OBJECTS = /postmortem_search|search_vector|postmortems_title_fts_gin/;

/** The diff without statements about {@link SEARCH_OBJECTS}; '' when only session settings remain. */
function withoutSearchObjects(sql: string): string {
  const lines = sql.split('\n').filter((l) => !SEARCH_OBJECTS.test(l));
  return lines.every((l) => l.trim() === '' || /^set /i.test(l.trim())) ? '' : lines.join('\n');
}
