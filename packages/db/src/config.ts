import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Options } from '@mikro-orm/core';
import { ReflectMetadataProvider } from '@mikro-orm/decorators/legacy';
import { Migrator } from '@mikro-orm/migrations';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import type { AbstractSqlDriver, SqlEntityManager } from '@mikro-orm/sql';
import { ENTITIES } from './entities/index.js';
import { PmSqliteDriver } from './sqlite-driver.js';

/** Migrations live next to this file: `src/migrations/<kind>` (ts, for vitest) or `dist/migrations/<kind>` (built js). */
export const MIGRATIONS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), 'migrations');

export type DatabaseKind = 'sqlite' | 'postgresql';

/** Folder holding the migrations of one dialect. */
export function migrationsDir(kind: DatabaseKind): string {
  return resolve(MIGRATIONS_DIR, kind);
}

/** Result of {@link parseDatabaseUrl}. */
export interface ParsedDatabaseUrl {
  kind: DatabaseKind;
  /** SQLite: file path or `:memory:`. PostgreSQL: the connection URL without our own `schema` parameter. */
  target: string;
  /** PostgreSQL schema from `?schema=<name>` (our extension, stripped from `target`). */
  schema?: string;
}

/**
 * Parses `DATABASE_URL`: `postgres(ql)://user@host:port/db[?schema=name]`, or `sqlite:<path>` / `file:<path>` /
 * `:memory:` (`sqlite:///abs/path` and `sqlite:./rel/path` both work).
 */
export function parseDatabaseUrl(url: string): ParsedDatabaseUrl {
  if (/^postgres(ql)?:\/\//.test(url)) {
    const u = new URL(url);
    const schema = u.searchParams.get('schema') ?? undefined;
    u.searchParams.delete('schema');
    return { kind: 'postgresql', target: u.toString(), ...(schema ? { schema } : {}) };
  }
  if (url === ':memory:' || url === 'sqlite::memory:') return { kind: 'sqlite', target: ':memory:' };
  const m = /^(?:sqlite|file):(?:\/\/)?(.+)$/.exec(url);
  if (m) return { kind: 'sqlite', target: m[1]! };
  throw new Error(`DATABASE_URL must start with postgresql://, sqlite: or file: (got "${url.slice(0, 40)}")`);
}

export interface DbConfig {
  databaseUrl: string;
  debug?: boolean;
  /**
   * PostgreSQL schema holding every table (tests isolate workers this way). Overrides `?schema=` in the URL.
   * Both set MikroORM's default schema and the connection `search_path`, so raw SQL lands there too.
   */
  schema?: string;
  poolMax?: number;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** MikroORM options of either SQL driver (both give a SQL entity manager: query builder, raw SQL). */
export type OrmOptions = Partial<Options<AbstractSqlDriver, SqlEntityManager>>;

/** MikroORM options for either driver. Never auto-syncs the schema: migrations do that ({@link migrateUp}). */
export function createOrmOptions(cfg: DbConfig): OrmOptions {
  const { kind, target, schema: urlSchema } = parseDatabaseUrl(cfg.databaseUrl);
  const common = {
    entities: ENTITIES,
    metadataProvider: ReflectMetadataProvider,
    extensions: [Migrator],
    migrations: {
      path: migrationsDir(kind),
      pathTs: migrationsDir(kind),
      // .ts under vitest/src, .js in dist; never the emitted .d.ts
      glob: '!(*.d).{js,ts}',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      emit: 'ts',
      silent: true, // migrateUp returns the names; apps log them
    },
    // The SQLite FTS5 search table (and its shadow tables) lives outside the entities (raw SQL in the search
    // migration): keep the schema diff from dropping it. Triggers are written by hand in migrations (search sync,
    // domain_events append-only), not declared on entities: the diff must not propose dropping them either.
    schemaGenerator: { skipTables: [/^postmortem_search/], ignoreTriggers: true },
    debug: cfg.debug ?? false,
    forceUtcTimezone: true,
    allowGlobalContext: false,
  } satisfies Partial<Options>;
  if (kind === 'postgresql') {
    const schema = cfg.schema ?? urlSchema;
    if (schema !== undefined && !SCHEMA_NAME.test(schema))
      throw new Error(`invalid PostgreSQL schema name "${schema}"`);
    return {
      ...common,
      driver: PostgreSqlDriver,
      clientUrl: target,
      ...(schema ? { schema, driverOptions: { options: `-c search_path=${schema}` } } : {}),
      pool: { min: 0, max: cfg.poolMax ?? 10 },
    };
  }
  // A relative path resolves against the working directory here, once, for every process and the CLI alike.
  const dbName = target === ':memory:' ? target : resolve(target);
  if (dbName !== ':memory:') mkdirSync(dirname(dbName), { recursive: true });
  return {
    ...common,
    driver: PmSqliteDriver,
    dbName,
  };
}
