/**
 * Generates one migration per dialect from the difference between the entities and the current migrations.
 *
 *   pnpm --filter @pm/db build && pnpm --filter @pm/db migration:create <name>
 *
 * SQLite: a temporary database file. PostgreSQL: a temporary database created in the server of PG_URL (default
 * postgresql://postgres@127.0.0.1:5432/test) and dropped afterwards. In both, the existing migrations are applied
 * first, then MikroORM's migrator diffs the entities against that schema and writes `src/migrations/<dialect>/`.
 * Run from `dist` (the compiled entities and migrations); rebuild afterwards so the new files reach `dist`.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DatabaseKind, DbConfig } from '../config.js';
import { migrateUp, openOrm } from '../orm.js';

// This CLI is its own config module: the only environment it reads is PG_URL.
const PG_URL = process.env.PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
const SRC_MIGRATIONS = resolve(dirname(fileURLToPath(import.meta.url)), '../../src/migrations');

async function generate(
  kind: DatabaseKind,
  cfg: DbConfig,
  name: string,
  stamp: string,
): Promise<string | null> {
  const orm = await openOrm(cfg);
  try {
    await migrateUp(orm);
    // Same file name in both folders, so the two dialects stay easy to pair up.
    orm.config.get('migrations').fileName = () => `Migration${stamp}_${name}`;
    const res = await orm.migrator.create(join(SRC_MIGRATIONS, kind), false, false, name);
    if (!res.fileName) return null;
    // The class name carries the generator's own clock; align it with the shared file name.
    const file = join(SRC_MIGRATIONS, kind, res.fileName);
    const base = res.fileName.replace(/\.ts$/, '');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/Migration\d{14}_\w+/g, base));
    return res.fileName;
  } finally {
    await orm.close(true);
  }
}

async function withTempPgDatabase<T>(fn: (url: string) => Promise<T>): Promise<T> {
  const admin = await openOrm({ databaseUrl: PG_URL, poolMax: 1 });
  const db = `pm_migration_${randomBytes(4).toString('hex')}`;
  await admin.em.getConnection().execute(`create database ${db}`);
  try {
    const u = new URL(PG_URL);
    u.pathname = `/${db}`;
    return await fn(u.toString());
  } finally {
    await admin.em.getConnection().execute(`drop database if exists ${db} with (force)`);
    await admin.close(true);
  }
}

async function main(): Promise<void> {
  const name = (process.argv[2] ?? 'change').replace(/[^A-Za-z0-9_]/g, '_');
  const stamp = new Date().toISOString().replace(/[-T:]|\.\d{3}Z$/g, '');
  const dir = mkdtempSync(join(tmpdir(), 'pm-migration-'));
  try {
    const sqlite = await generate('sqlite', { databaseUrl: `sqlite:${join(dir, 'gen.db')}` }, name, stamp);
    const postgresql = await withTempPgDatabase((url) =>
      generate('postgresql', { databaseUrl: url }, name, stamp),
    );
    for (const [kind, file] of Object.entries({ sqlite, postgresql })) {
      console.log(
        file
          ? `${kind}: wrote src/migrations/${kind}/${file}`
          : `${kind}: entities match the migrations, nothing written`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
