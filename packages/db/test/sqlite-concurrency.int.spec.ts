import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocument, storeDocumentState } from '../src/documents.js';
import { Document, Incident } from '../src/entities/index.js';
import { nextIncidentPublicId } from '../src/incidents.js';
import { openOrm, type Orm } from '../src/orm.js';
import { openTestDb, type TestDb } from './helpers.js';

describe('SQLite with several writers', () => {
  let db: TestDb;
  let second: Orm;
  beforeAll(async () => {
    db = await openTestDb('sqlite');
    second = await openOrm({ databaseUrl: db.databaseUrl }); // e.g. the worker next to the API
  });
  afterAll(async () => {
    await second?.close(true);
    await db?.dispose();
  });

  it('sets WAL, busy_timeout, foreign keys and synchronous=NORMAL on every connection', async () => {
    for (const orm of [db.orm, second]) {
      const conn = orm.em.getConnection();
      expect(await conn.execute('pragma journal_mode', [], 'get')).toEqual({ journal_mode: 'wal' });
      expect(await conn.execute('pragma busy_timeout', [], 'get')).toEqual({ timeout: 5000 });
      expect(await conn.execute('pragma foreign_keys', [], 'get')).toEqual({ foreign_keys: 1 });
      expect(await conn.execute('pragma synchronous', [], 'get')).toEqual({ synchronous: 1 });
    }
  });

  it('lets two ORM instances run interleaved read-then-write transactions without SQLITE_BUSY', async () => {
    // Each transaction reads max(public_id) and inserts max+1: any lost lock or interleaving shows up as an error.
    const create = (orm: Orm, i: number) =>
      orm.em.fork().transactional(async (em) => {
        const publicId = await nextIncidentPublicId(em);
        em.create(Incident, { publicId, title: `race ${i}`, severity: 'SEV-4', status: 'active' });
      });
    const results = await Promise.allSettled(
      Array.from({ length: 60 }, (_, i) => create(i % 2 ? db.orm : second, i)),
    );
    expect(
      results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason)),
    ).toEqual([]);
    const ids = (await db.orm.em.fork().find(Incident, {}, { orderBy: { publicId: 'asc' } })).map(
      (i) => i.publicId,
    );
    expect(ids).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
  });

  it('hands out distinct document versions to concurrent stores from two instances', async () => {
    const em = db.orm.em.fork();
    const doc = createDocument(em, { yState: new Uint8Array([1]), json: {}, text: '' });
    await em.flush();
    const versions = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        storeDocumentState(i % 2 ? db.orm.em : second.em, doc.id, {
          yState: new Uint8Array([i]),
          json: { i },
          text: `v${i}`,
        }),
      ),
    );
    expect([...versions].sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 2));
  });

  it('waits for another process holding the write lock instead of failing', async () => {
    const em = db.orm.em.fork();
    const [mine, theirs] = [
      createDocument(em, { yState: new Uint8Array([1]), json: {}, text: 'mine' }),
      createDocument(em, { yState: new Uint8Array([1]), json: {}, text: 'theirs' }),
    ];
    await em.flush();
    const file = db.databaseUrl.replace(/^sqlite:/, '');
    // A separate process (node:sqlite) repeatedly holds the write lock for 25 ms.
    const childCode = `
      const { DatabaseSync } = require('node:sqlite');
      const db = new DatabaseSync(${JSON.stringify(file)});
      db.exec('pragma busy_timeout = 5000');
      const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
      process.stdout.write('ready\\n');
      for (let i = 0; i < 40; i++) {
        db.exec('begin immediate');
        db.prepare('update documents set text = ? where id = ?').run('theirs ' + i, ${JSON.stringify(theirs.id)});
        sleep(25);
        db.exec('commit');
        sleep(3);
      }
      db.close();`;
    const child = spawn(process.execPath, ['-e', childCode], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((r) => child.on('exit', r));
    await new Promise<void>((r) => child.stdout.once('data', () => r()));

    // Read-then-write transactions: under a deferred BEGIN these fail with SQLITE_BUSY as soon as the child commits.
    for (let i = 0; i < 30; i++) {
      await db.orm.em.fork().transactional(async (tx) => {
        const d = await tx.findOneOrFail(Document, mine.id);
        await new Promise((r) => setTimeout(r, 2));
        d.text = `mine ${i}`;
      });
    }
    expect(await exited).toBe(0);
    expect(stderr).toBe('');
    const rows = await db.orm.em.fork().find(Document, { id: { $in: [mine.id, theirs.id] } });
    expect(rows.map((r) => r.text).sort()).toEqual(['mine 29', 'theirs 39']);
  });

  it('keeps answering after a transaction could not start because another process held the lock too long', async () => {
    // Kysely's controlled transaction does not release its connection when BEGIN fails; without our release the
    // process-wide file lock stayed taken and every later query of this process (the API) waited forever.
    const file = db.databaseUrl.replace(/^sqlite:/, '');
    const childCode = `
      const { DatabaseSync } = require('node:sqlite');
      const db = new DatabaseSync(${JSON.stringify(file)});
      db.exec('begin immediate');
      process.stdout.write('locked\\n');
      process.stdin.once('data', () => { db.exec('commit'); db.close(); process.exit(0); });`;
    const child = spawn(process.execPath, ['-e', childCode], { stdio: ['pipe', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((r) => child.on('exit', r));
    await new Promise<void>((r) => child.stdout.once('data', () => r()));
    // busy_timeout (5 s) runs out: the transaction fails with SQLITE_BUSY, as it should.
    const failed = await db.orm.em
      .fork()
      .transactional(async (tx) => tx.count(Document))
      .then(
        () => 'started',
        (e: Error) => e.message,
      );
    expect(failed).toMatch(/SQLITE_BUSY|database is locked/i);
    // A flush (the ORM's own transaction around its inserts), as an API request does.
    const em = db.orm.em.fork();
    createDocument(em, { yState: new Uint8Array([1]), json: {}, text: 'refused' });
    expect(
      await em.flush().then(
        () => 'flushed',
        (e: Error) => e.message,
      ),
    ).toMatch(/database is locked/i);
    child.stdin.write('go\n');
    expect(await exited).toBe(0);
    // The same process then reads and writes again (before the fix this never settled).
    const settled = await Promise.race([
      db.orm.em
        .fork()
        .transactional(async (tx) => {
          createDocument(tx, { yState: new Uint8Array([1]), json: {}, text: 'after busy' });
        })
        .then(() => 'written'),
      new Promise((r) => setTimeout(() => r('still waiting after 30 s'), 30_000)),
    ]);
    expect(settled).toBe('written');
  }, 60_000);

  it('keeps answering after SQLite ended a transaction by itself (its ROLLBACK has nothing left to roll back)', async () => {
    // SQLite rolls a transaction back itself on some errors (SQLITE_FULL, I/O errors). The ROLLBACK that follows
    // then fails; Kysely releases a connection only after a successful ROLLBACK, and MikroORM just logs the failure,
    // so the file lock stayed taken. Here the transaction is ended from inside, as SQLite would end it.
    const em = db.orm.em.fork();
    const outcome = await em
      .transactional(async (tx) => {
        createDocument(tx, { yState: new Uint8Array([1]), json: {}, text: 'rolled back by SQLite' });
        await tx.flush();
        await tx.getConnection().execute('rollback', [], 'run', tx.getTransactionContext());
        throw new Error('disk full');
      })
      .then(
        () => 'committed',
        (e: Error) => e.message,
      );
    expect(outcome).toBe('disk full');
    const settled = await Promise.race([
      second.em
        .fork()
        .transactional(async (tx) => {
          createDocument(tx, { yState: new Uint8Array([1]), json: {}, text: 'after auto-rollback' });
        })
        .then(async () => (await db.orm.em.fork().count(Document, { text: 'after auto-rollback' })) === 1),
      new Promise((r) => setTimeout(() => r('still waiting after 30 s'), 30_000)),
    ]);
    expect(settled).toBe(true);
    expect(await db.orm.em.fork().count(Document, { text: 'rolled back by SQLite' })).toBe(0);
  }, 60_000);
});
