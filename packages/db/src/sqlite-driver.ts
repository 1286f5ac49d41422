import { resolve } from 'node:path';
import {
  Utils,
  type AnyEntity,
  type Configuration,
  type Dictionary,
  type EntityData,
  type LoggingOptions,
  type Transaction,
} from '@mikro-orm/core';
import {
  AbstractSqlDriver,
  isRaw,
  SqlitePlatform,
  type NativeQueryBuilder,
  type QueryResult,
  type RawQueryFragment,
} from '@mikro-orm/sql';
import { MikroORM as SqliteMikroORM, SqliteConnection } from '@mikro-orm/sqlite';
import { CompiledQuery } from 'kysely';
import type {
  DatabaseConnection,
  Dialect,
  Driver,
  Kysely,
  QueryResult as KyselyResult,
  QueryCompiler,
  TransactionSettings,
} from 'kysely';

/** Busy timeout in ms: how long a writer waits for another process's write lock before SQLITE_BUSY. */
export const SQLITE_BUSY_TIMEOUT_MS = 5000;

/**
 * Pragmas applied to every new SQLite connection. WAL lets readers run next to one writer; busy_timeout makes a
 * second process wait for the lock instead of failing; NORMAL sync is safe in WAL mode and much faster.
 */
export const SQLITE_PRAGMAS = [
  'journal_mode = WAL',
  `busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`,
  'foreign_keys = ON',
  'synchronous = NORMAL',
];

/**
 * A tiny FIFO async lock. One per database file per process: better-sqlite3 is synchronous, so when two ORM instances
 * in one process (e.g. API + collab in a test, or two forks) compete for the write lock, the busy handler would block
 * the event loop while the lock holder can never run its COMMIT — a self-deadlock ending in SQLITE_BUSY. Serialising
 * connection use inside the process avoids that; busy_timeout still handles other processes.
 */
class FileLock {
  private tail: Promise<void> = Promise.resolve();
  /** The holder plus the waiters: a wait is watched only when someone holds the lock. */
  private queued = 0;
  /** Who holds the lock, for the warning below. */
  holder: { since: number; conn: GuardedConnection } | undefined;

  constructor(private readonly file: string) {}

  async acquire(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((r) => (release = r));
    const prev = this.tail;
    this.tail = prev.then(() => next);
    // No holder keeps the lock for long (busy_timeout bounds every wait for SQLite): a wait this long means a
    // connection was never released, and this warning says which statement it last ran.
    const waitStart = this.queued++ > 0 ? Date.now() : 0;
    const watch = waitStart ? setInterval(() => this.warnStuck(waitStart), LOCK_WAIT_WARN_MS) : undefined;
    watch?.unref();
    try {
      await prev;
    } finally {
      clearInterval(watch);
    }
    return () => {
      this.holder = undefined;
      this.queued--;
      release();
    };
  }

  private warnStuck(waitStart: number): void {
    const secs = (ms: number) => Math.round(ms / 1000);
    const held = this.holder;
    const by = held
      ? `its holder took it ${secs(Date.now() - held.since)} s ago and last ran: ${held.conn.lastSql.slice(0, 200)}`
      : 'no connection holds it (a release was lost)';
    // console, not a logger: this package has none, and this must reach the process's log whatever app runs it.
    console.warn(
      `[pm-db] waited ${secs(Date.now() - waitStart)} s for this process's SQLite lock on ${this.file}; ${by}`,
    );
  }
}

/** How long a wait for the in-process SQLite lock lasts before it is reported (and again every as long). */
const LOCK_WAIT_WARN_MS = 30_000;

const fileLocks = new Map<string, FileLock>();

function lockFor(dbName: string): FileLock | undefined {
  if (dbName === ':memory:' || dbName === '') return undefined; // a private database: nothing to share
  const key = resolve(dbName);
  let lock = fileLocks.get(key);
  if (!lock) fileLocks.set(key, (lock = new FileLock(key)));
  return lock;
}

/** The connection Kysely is given: forwards every statement, except inside a transaction whose BEGIN failed. */
class GuardedConnection implements DatabaseConnection {
  /** Set when `begin immediate` failed; cleared by the ROLLBACK that ends that transaction. */
  beginError: unknown;
  /** The last statement sent (named when the lock looks stuck). */
  lastSql = '';

  constructor(readonly inner: DatabaseConnection) {}

  executeQuery<R>(query: CompiledQuery): Promise<KyselyResult<R>> {
    this.lastSql = query.sql;
    if (this.beginError !== undefined) return Promise.reject(this.beginError);
    return this.inner.executeQuery<R>(query);
  }

  async *streamQuery<R>(query: CompiledQuery, chunkSize: number): AsyncIterableIterator<KyselyResult<R>> {
    if (this.beginError !== undefined) throw this.beginError;
    yield* this.inner.streamQuery<R>(query, chunkSize);
  }
}

/** Wraps Kysely's SQLite driver: process-wide lock per file and `BEGIN IMMEDIATE` transactions. */
class LockingSqliteDriver implements Driver {
  private release: (() => void) | undefined;
  private guarded: GuardedConnection | undefined;

  constructor(
    private readonly inner: Driver,
    private readonly lock: FileLock | undefined,
    /** The better-sqlite3 database behind `inner` (one connection): asked whether a transaction is open. */
    private readonly db: SqliteDatabase,
  ) {}

  /** Opens the connection and applies {@link SQLITE_PRAGMAS} to it before any query can run (they are per connection). */
  async init(): Promise<void> {
    await this.inner.init();
    // Through our own acquire: the file lock keeps another ORM of this process from holding the write lock meanwhile.
    const conn = await this.acquireConnection();
    try {
      for (const pragma of SQLITE_PRAGMAS) await conn.executeQuery(CompiledQuery.raw(`pragma ${pragma}`));
    } finally {
      await this.releaseConnection(conn);
    }
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const release = await this.lock?.acquire();
    try {
      const conn = await this.inner.acquireConnection();
      this.release = release;
      if (this.guarded?.inner !== conn) this.guarded = new GuardedConnection(conn);
      if (this.lock) this.lock.holder = { since: Date.now(), conn: this.guarded };
      return this.guarded;
    } catch (e) {
      release?.();
      throw e;
    }
  }

  /**
   * IMMEDIATE takes the write lock up front. A deferred transaction that reads first and writes later cannot wait
   * for the lock in WAL mode (its snapshot may be stale) and fails with SQLITE_BUSY at once, ignoring busy_timeout.
   */
  async beginTransaction(connection: DatabaseConnection, _settings: TransactionSettings): Promise<void> {
    const conn = connection as GuardedConnection;
    try {
      await conn.executeQuery(CompiledQuery.raw('begin immediate'));
    } catch (e) {
      // Kysely's controlled transaction (what MikroORM uses) never releases a connection whose BEGIN threw, e.g.
      // SQLITE_BUSY after busy_timeout while another process writes: our file lock stayed taken and every later
      // query of this process waited forever. So BEGIN "succeeds", the transaction's first statement (or COMMIT)
      // fails with this error instead, and the ROLLBACK that follows releases the connection the normal way.
      conn.beginError = e;
    }
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.commitTransaction(connection);
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const conn = connection as GuardedConnection;
    conn.beginError = undefined;
    // Nothing to roll back when BEGIN failed, or when SQLite already rolled the transaction back itself (it does
    // on some errors, e.g. SQLITE_FULL or an I/O error). A ROLLBACK would then throw "no transaction is active",
    // and Kysely releases a connection only after a successful ROLLBACK: MikroORM logs that failure and goes on,
    // and the file lock would stay taken by a connection nobody releases (every later query of this process
    // waiting forever).
    if (!this.db.inTransaction) return;
    return this.inner.rollbackTransaction(conn.inner);
  }

  savepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ): Promise<void> {
    return this.inner.savepoint!(connection, name, compile);
  }

  rollbackToSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ): Promise<void> {
    return this.inner.rollbackToSavepoint!(connection, name, compile);
  }

  releaseSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ): Promise<void> {
    return this.inner.releaseSavepoint!(connection, name, compile);
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    const release = this.release;
    this.release = undefined;
    try {
      await this.inner.releaseConnection((connection as GuardedConnection).inner);
    } finally {
      release?.();
    }
  }

  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}

/** better-sqlite3 connection with the busy timeout and the locking driver (which applies our pragmas). */
export class PmSqliteConnection extends SqliteConnection {
  override createKyselyDialect(options: Record<string, unknown>): Dialect {
    const dialect = super.createKyselyDialect({ timeout: SQLITE_BUSY_TIMEOUT_MS, ...options }) as Dialect;
    // `database` is private in the typings; it is the better-sqlite3 Database the dialect was just given.
    const db = (this as unknown as { database: SqliteDatabase }).database;
    cachePreparedStatements(db);
    const lock = lockFor(String(options.dbName ?? this.config.get('dbName') ?? ''));
    return {
      createAdapter: () => dialect.createAdapter(),
      createIntrospector: (db) => dialect.createIntrospector(db),
      createQueryCompiler: () => dialect.createQueryCompiler(),
      createDriver: () => new LockingSqliteDriver(dialect.createDriver(), lock, db),
    };
  }

  /** Plain SQL with positional parameters runs with bound parameters ({@link bindParams}); the rest as before. */
  override async execute<
    T extends QueryResult | EntityData<AnyEntity> | EntityData<AnyEntity>[] = EntityData<AnyEntity>[],
  >(
    query: string | NativeQueryBuilder | RawQueryFragment,
    params: readonly unknown[] | Dictionary<unknown> = [],
    method: 'all' | 'get' | 'run' = 'all',
    ctx?: Transaction,
    loggerContext?: LoggingOptions,
  ): Promise<T> {
    const abortable =
      loggerContext && ('signal' in loggerContext || 'inflightQueryAbortStrategy' in loggerContext);
    const bound =
      typeof query === 'string' && Array.isArray(params) && !abortable ? bindParams(query, params) : null;
    if (!bound || typeof query !== 'string')
      return super.execute<T>(query, params, method, ctx, loggerContext);
    await this.ensureConnection();
    const sql = this.config.get('onQuery')(bound.sql, bound.values);
    return this.executeQuery(
      sql,
      async () => {
        const res = await ((ctx as Kysely<unknown> | undefined) ?? this.getClient()).executeQuery(
          CompiledQuery.raw(sql, bound.values),
        );
        return this.transformRawResult<T>(res, method);
      },
      { query: sql, params: params as unknown[], ...loggerContext },
    );
  }
}

/** How many distinct statements a connection keeps compiled (bound parameters: few distinct SQL texts). */
const STATEMENT_CACHE_SIZE = 500;

/** What we use of the better-sqlite3 Database that Kysely's dialect wraps. */
interface SqliteDatabase {
  prepare(sql: string): unknown;
  readonly inTransaction: boolean;
}

/**
 * Kysely's SQLite driver compiles every query anew (`db.prepare(sql)` per call). With bound parameters (see
 * {@link bindParams}) the SQL texts repeat, so a compiled statement is kept and reused (all queries are sync, so none
 * is mid-iteration when reused; SQLite re-compiles one itself after a schema change).
 */
function cachePreparedStatements(db: SqliteDatabase): void {
  const prepare = db.prepare.bind(db);
  const cache = new Map<string, unknown>();
  db.prepare = (sql: string) => {
    let stmt = cache.get(sql);
    if (stmt === undefined) {
      stmt = prepare(sql);
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      cache.set(sql, stmt);
    }
    return stmt;
  };
}

/**
 * MikroORM formats every parameter into the SQL text (a 2 MB Yjs state becomes a 4 MB `X'…'` literal, an id a
 * string literal), so SQLite parses a new statement for every query. This binds them instead, converting values
 * exactly as the platform's `escape` would print them (booleans 1/0, dates epoch ms, JSON objects as text).
 * Returns null when a query needs the formatter (identifiers `??`, escaped `\?`, list parameters): those
 * keep MikroORM's own path.
 */
export function bindParams(
  sql: string,
  params: readonly unknown[],
): { sql: string; values: unknown[] } | null {
  if (sql.includes('??') || sql.includes('\\?')) return null;
  let out = '';
  let pos = 0;
  const values: unknown[] = [];
  for (const v of params) {
    const at = sql.indexOf('?', pos);
    if (at === -1) return null;
    out += sql.slice(pos, at);
    pos = at + 1;
    if (isRaw(v)) {
      // A fragment such as `version + 1`: its SQL goes in as text, its own parameters are bound.
      const inner = bindParams(v.sql, v.params);
      if (!inner) return null;
      out += inner.sql;
      values.push(...inner.values);
      continue;
    }
    out += '?';
    if (v === null || v === undefined) values.push(null);
    else if (typeof v === 'boolean') values.push(v ? 1 : 0);
    else if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'string') values.push(v);
    else if (v instanceof Date) values.push(+v);
    else if (Buffer.isBuffer(v)) values.push(v);
    else if (v instanceof Uint8Array) values.push(Buffer.from(v.buffer, v.byteOffset, v.byteLength));
    else if (Utils.isPlainObject(v)) values.push(JSON.stringify(v));
    else return null;
  }
  if (sql.indexOf('?', pos) !== -1) return null;
  return { sql: out + sql.slice(pos), values };
}

/** SQLite driver (better-sqlite3) hardened for several writers: see {@link PmSqliteConnection}. */
export class PmSqliteDriver extends AbstractSqlDriver<PmSqliteConnection, SqlitePlatform> {
  constructor(config: Configuration) {
    super(config, new SqlitePlatform(), PmSqliteConnection, ['kysely', 'better-sqlite3']);
  }

  override getORMClass() {
    return SqliteMikroORM as never;
  }
}
