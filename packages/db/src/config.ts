import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Options } from '@mikro-orm/core';
import { ReflectMetadataProvider } from '@mikro-orm/decorators/legacy';
import { Migrator } from '@mikro-orm/migrations';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { SqliteDriver } from '@mikro-orm/sqlite';
import { ENTITIES } from './entities/index.js';

/** Compiled migrations live next to this file's build output (`dist/migrations`). */
export const MIGRATIONS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), 'migrations');

export type DatabaseKind = 'sqlite' | 'postgresql';

/** Parses `DATABASE_URL`: `postgres(ql)://…` or `sqlite:<path>` / `file:<path>` / `:memory:`. */
export function parseDatabaseUrl(url: string): { kind: DatabaseKind; target: string } {
  if (/^postgres(ql)?:\/\//.test(url)) return { kind: 'postgresql', target: url };
  const m = /^(?:sqlite|file):(?:\/\/)?(.+)$/.exec(url);
  if (m) return { kind: 'sqlite', target: m[1]! };
  if (url === ':memory:') return { kind: 'sqlite', target: url };
  throw new Error(`DATABASE_URL must start with postgresql://, sqlite: or file: (got "${url.slice(0, 40)}")`);
}

export interface DbConfig {
  databaseUrl: string;
  debug?: boolean;
  /** PostgreSQL schema to use (tests isolate workers this way). */
  schema?: string;
  poolMax?: number;
}

/** MikroORM options for either driver. Never auto-syncs the schema: migrations do that. */
export function createOrmOptions(cfg: DbConfig): Options {
  const { kind, target } = parseDatabaseUrl(cfg.databaseUrl);
  const common = {
    entities: ENTITIES,
    metadataProvider: ReflectMetadataProvider,
    extensions: [Migrator],
    migrations: { path: MIGRATIONS_DIR, pathTs: MIGRATIONS_DIR, glob: '!(*.d).js', transactional: true, snapshot: false },
    debug: cfg.debug ?? false,
    forceUtcTimezone: true,
    allowGlobalContext: false,
  } satisfies Partial<Options>;
  if (kind === 'postgresql') {
    return {
      ...common,
      driver: PostgreSqlDriver,
      clientUrl: target,
      schema: cfg.schema,
      pool: { min: 0, max: cfg.poolMax ?? 10 },
    } as Options;
  }
  if (target !== ':memory:') mkdirSync(dirname(resolve(target)), { recursive: true });
  return {
    ...common,
    driver: SqliteDriver,
    dbName: target,
  } as Options;
}
