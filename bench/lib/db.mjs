// The database a benchmark runs on: BENCH_DB=sqlite (default) or postgresql (PG_URL, one fresh schema per run).
// `openRaw` is the raw driver the baselines use (node:sqlite / pg), with `?` placeholders on both, and the small
// value conversions the two drivers differ in (SQLite stores datetimes as epoch ms and booleans as 0/1).
import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';

export const DB =
  process.env.BENCH_DB === 'postgresql' || process.env.BENCH_DB === 'pg' ? 'postgresql' : 'sqlite';
export const PG_URL = process.env.PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

/** Where the system under test keeps its data: { databaseUrl, databaseSchema?, raw: () => openRaw(...) }. */
export function databaseFor(name, dir) {
  if (DB === 'sqlite') {
    const file = `${dir}/pm.db`;
    return { kind: DB, databaseUrl: `sqlite:${file}`, target: { file } };
  }
  const schema = `bench_${name}_${Date.now().toString(36)}_${process.pid}`.replace(/[^a-z0-9_]/g, '_');
  return { kind: DB, databaseUrl: PG_URL, databaseSchema: schema, target: { url: PG_URL, schema } };
}

/** A raw connection: { all(sql, params) → rows, run(sql, params), close(), kind }. */
export function openRaw(target, { readOnly = false, poolSize = 10 } = {}) {
  if (target.file) {
    const db = new DatabaseSync(target.file, { readOnly });
    if (!readOnly)
      db.exec('pragma journal_mode = wal; pragma synchronous = normal; pragma busy_timeout = 5000;');
    const stmts = new Map();
    const prep = (sql) => stmts.get(sql) ?? stmts.set(sql, db.prepare(sql)).get(sql);
    let tail = Promise.resolve();
    const self = {
      kind: 'sqlite',
      all: async (sql, params = []) => prep(sql).all(...params),
      run: async (sql, params = []) => void prep(sql).run(...params),
      exec: async (sql) => db.exec(sql),
      /** One connection: transactions of concurrent jobs take turns. */
      transaction: (fn) => {
        const run = tail.then(async () => {
          db.exec('begin immediate');
          try {
            const r = await fn(self);
            db.exec('commit');
            return r;
          } catch (e) {
            db.exec('rollback');
            throw e;
          }
        });
        tail = run.catch(() => undefined);
        return run;
      },
      close: async () => db.close(),
    };
    return self;
  }
  const pool = new pg.Pool({
    connectionString: target.url,
    max: poolSize,
    options: `-c search_path=${target.schema}`,
  });
  const names = new Map();
  const toPg = (sql) => {
    let n = 0;
    return sql.replace(/\?/g, () => `$${++n}`);
  };
  const q = (client, sql, params) => {
    let name = names.get(sql);
    if (!name) names.set(sql, (name = `q${names.size}`));
    return client.query({ name, text: toPg(sql), values: params });
  };
  const runner = (client) => ({
    kind: 'postgresql',
    all: async (sql, params = []) => (await q(client, sql, params)).rows,
    run: async (sql, params = []) => void (await q(client, sql, params)),
    exec: async (sql) => void (await client.query(sql)),
  });
  return {
    ...runner(pool),
    transaction: async (fn) => {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const r = await fn(runner(client));
        await client.query('commit');
        return r;
      } catch (e) {
        await client.query('rollback').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/** Drops a benchmark's PostgreSQL schema (no-op for SQLite: its directory is removed). */
export async function dropDatabase(target) {
  if (!target.schema) return;
  const c = new pg.Client({ connectionString: target.url });
  await c.connect();
  await c.query(`drop schema if exists "${target.schema}" cascade`);
  await c.end();
}

/** Epoch ms (SQLite) or Date (pg) → ISO string; null stays null. */
export const iso = (v) => (v === null || v === undefined ? null : new Date(v).toISOString());
export const bool = (v) => v === true || v === 1;
export const json = (v) => (typeof v === 'string' ? JSON.parse(v) : v);
