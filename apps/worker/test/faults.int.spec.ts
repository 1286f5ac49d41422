// Fault scenarios 1–3 and 5 (docs/QUALITY.md) against the BUILT worker (`node dist/main.js` as a child process)
// on a SQLite file shared with the test, and the shared Redis under a unique prefix (never FLUSHALL).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DEMO_CHECKOUT_INCIDENT_TITLE,
  Document,
  Incident,
  Postmortem,
  seedDemo,
  Template,
  User,
} from '@pm/db';
import { createProducerConnection, JobProducer } from '@pm/queue';
import {
  cleanRedisPrefix,
  createTestDatabase,
  testConfig,
  uniqueRedisPrefix,
  waitFor,
  type TestDatabase,
} from '@pm/testing';
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startWorker, type RunningWorker } from '../src/bootstrap.js';
import { loadWorkerConfig } from '../src/config.js';

const MAIN = resolve(dirname(fileURLToPath(import.meta.url)), '../dist/main.js');

interface Child {
  proc: ChildProcess;
  logs: string[];
  exited: Promise<number | null>;
}

describe.skipIf(!existsSync(MAIN) && !process.env.CI)(
  'worker faults (built worker as a child process, SQLite)',
  () => {
    let db: TestDatabase;
    let redis: Redis;
    let producer: JobProducer;
    const prefix = uniqueRedisPrefix('wfault');
    const children: Child[] = [];
    const inProcess: RunningWorker[] = [];

    beforeAll(async () => {
      db = await createTestDatabase('sqlite');
      await seedDemo(db.orm.em.fork());
      redis = createProducerConnection(testConfig().redisUrl);
      await new Promise((r) => redis.once('ready', r));
      producer = new JobProducer(redis, prefix);
    });

    afterEach(async () => {
      for (const c of children.splice(0)) {
        if (c.proc.exitCode === null && c.proc.signalCode === null) c.proc.kill('SIGKILL');
        await c.exited;
      }
      for (const w of inProcess.splice(0)) await w.close();
    });

    afterAll(async () => {
      await producer?.close();
      await cleanRedisPrefix(redis, `{${prefix}}`);
      redis?.disconnect();
      await db?.dispose();
    });

    function spawnWorker(env: Record<string, string>): Child {
      const proc = spawn(process.execPath, [MAIN], {
        env: {
          PATH: process.env.PATH ?? '',
          NODE_ENV: 'test',
          DATABASE_URL: db.databaseUrl,
          REDIS_URL: testConfig().redisUrl,
          REDIS_PREFIX: prefix,
          WORKER_HEALTH_PORT: '-1',
          WORKER_LOCK_MS: '2000',
          SWEEP_INTERVAL_MS: '3600000',
          LOG_LEVEL: 'warn',
          ...env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const logs: string[] = [];
      proc.stdout!.on('data', (b: Buffer) => logs.push(b.toString()));
      proc.stderr!.on('data', (b: Buffer) => logs.push(b.toString()));
      const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
      const child = { proc, logs, exited };
      children.push(child);
      return child;
    }

    async function queuedRow() {
      const em = db.orm.em.fork();
      const pm = em.create(Postmortem, {
        incident: await em.findOneOrFail(Incident, { title: DEMO_CHECKOUT_INCIDENT_TITLE }),
        template: await em.findOneOrFail(Template, { isDefault: true }),
        title: 'PM',
        destination: 'notebook',
        requestedBy: await em.findOneOrFail(User, { email: 'standard@example.com' }),
      });
      await em.flush();
      return pm.id;
    }
    const row = (id: string) =>
      db.orm.em.fork().findOneOrFail(Postmortem, { id }, { populate: ['document'] });
    const documents = () => db.orm.em.fork().count(Document, {});

    it('1: SIGKILL mid-render → re-delivered after the lock expires → exactly one document', async () => {
      const before = await documents();
      const a = spawnWorker({ WORKER_TEST_RENDER_DELAY_MS: '120000' });
      const id = await queuedRow();
      await producer.enqueue('postmortem.generate', { postmortemId: id });
      await waitFor(async () => (await row(id)).generationState === 'rendering', { timeout: 120_000 });
      a.proc.kill('SIGKILL');
      await a.exited;
      spawnWorker({}); // a healthy worker picks the stalled job up once A's 2 s lock has expired
      await waitFor(async () => (await row(id)).generationState === 'ready', {
        timeout: 120_000,
        interval: 200,
      });
      const pm = await row(id);
      expect(pm.attempts).toBe(2); // rendered twice: once by A (killed), once by B
      expect(await documents()).toBe(before + 1);
      expect(await db.orm.em.fork().count(Postmortem, { document: pm.document!.id })).toBe(1);
    });

    it('2: SIGTERM during a job → finishes it within the grace period and exits 0', async () => {
      const w = spawnWorker({ WORKER_TEST_RENDER_DELAY_MS: '2500', SHUTDOWN_GRACE_MS: '15000' });
      const id = await queuedRow();
      await producer.enqueue('postmortem.generate', { postmortemId: id });
      await waitFor(async () => (await row(id)).generationState === 'rendering', { timeout: 120_000 });
      w.proc.kill('SIGTERM');
      // Exit 0 with the job done is the grace period kept (past it the worker exits 1, the job unfinished).
      expect(await w.exited).toBe(0);
      expect((await row(id)).generationState).toBe('ready');
    });

    it('3: Redis restarted empty (queue keys deleted) → the sweeper re-enqueues → every postmortem produced', async () => {
      const ids = await Promise.all(Array.from({ length: 5 }, () => queuedRow()));
      for (const postmortemId of ids) await producer.enqueue('postmortem.generate', { postmortemId });
      // "Restart Redis empty" for this prefix only: other tests share the server.
      await cleanRedisPrefix(redis, `{${prefix}}`);
      expect(await producer.queue('postmortem').getJobCounts('waiting')).toEqual({ waiting: 0 });
      const w = await startWorker(
        loadWorkerConfig({
          DATABASE_URL: db.databaseUrl,
          REDIS_URL: testConfig().redisUrl,
          REDIS_PREFIX: prefix,
          WORKER_HEALTH_PORT: '-1',
          SWEEP_INTERVAL_MS: '300',
          SWEEP_STALE_MS: '100',
          LOG_LEVEL: 'silent',
        }),
      );
      inProcess.push(w);
      await waitFor(
        async () => (await Promise.all(ids.map(row))).every((p) => p.generationState === 'ready'),
        {
          timeout: 120_000,
          interval: 200,
        },
      );
    });

    it('5: eviction policy not noeviction → loud warning at start and in /healthz', async () => {
      const port = await freePort();
      const server = spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        {
          stdio: 'ignore',
        },
      );
      try {
        const priv = createProducerConnection(`redis://127.0.0.1:${port}`, { retryStrategy: () => 100 });
        priv.on('error', () => undefined); // refused until the private server listens
        await waitFor(() => priv.status === 'ready', { timeout: 60_000 });
        await priv.config('SET', 'maxmemory-policy', 'allkeys-lru');
        priv.disconnect();
        const healthPort = await freePort();
        const w = spawnWorker({
          REDIS_URL: `redis://127.0.0.1:${port}`,
          WORKER_HEALTH_PORT: String(healthPort),
        });
        const log = await waitFor(
          () => w.logs.join('').match(/WARNING: Redis maxmemory-policy is \\?"allkeys-lru/),
          {
            timeout: 120_000,
          },
        );
        expect(log).toBeTruthy();
        const health = (await waitFor(() =>
          fetch(`http://127.0.0.1:${healthPort}/healthz`).then((r) => r.json()),
        )) as { redisEvictionWarning?: string };
        expect(health.redisEvictionWarning).toMatch(/noeviction/);
      } finally {
        server.kill('SIGTERM');
      }
    });
  },
);

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      s.close(() => res(typeof addr === 'object' && addr ? addr.port : 0));
    });
  });
}
