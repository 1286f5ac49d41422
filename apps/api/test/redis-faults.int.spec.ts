// Fault scenarios 4 and 5 (docs/QUALITY.md): Redis down when the API enqueues (fast 503, produced once Redis is
// back, by the BUILT worker as a child process), and an eviction policy other than noeviction (a private
// redis-server on a free port: CONFIG SET never touches the shared one).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Postmortem } from '@pm/db';
import { createProducerConnection } from '@pm/queue';
import { cleanRedisPrefix, testConfig, waitFor } from '@pm/testing';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { startApi } from './harness.js';

const WORKER_MAIN = resolve(dirname(fileURLToPath(import.meta.url)), '../../worker/dist/main.js');

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

describe.skipIf(!existsSync(WORKER_MAIN) && !process.env.CI)('Redis faults', () => {
  it('4: Redis down → fast 503 naming the postmortem; produced once a worker with Redis runs', async () => {
    const h = await startApi('sqlite', { REDIS_URL: 'redis://127.0.0.1:1' });
    const prefix = `${h.prefix}-back`;
    try {
      const token = await h.login('standard@example.com');
      const auth = { authorization: `Bearer ${token}` };
      const incidents = await h.http().get('/incidents').set(auth).expect(200);
      const templates = await h.http().get('/templates').set(auth).expect(200);
      const res = await h
        .http()
        .post(`/incidents/${incidents.body.items[0].id}/postmortems`)
        .set(auth)
        .set('idempotency-key', `redis-down-${Date.now()}`)
        .send({ templateId: templates.body.items.find((t: { isDefault: boolean }) => t.isDefault).id });
      expect(res.status).toBe(503);
      expect(res.body.code).toBe('QUEUE_UNAVAILABLE');
      expect(res.body.details.reason).toMatch(/^Redis is unreachable/);
      const id = res.body.details.postmortemId as string;
      // "Redis is back": a worker on the real Redis sweeps the row that never reached a queue.
      const worker = spawn(process.execPath, [WORKER_MAIN], {
        env: {
          PATH: process.env.PATH ?? '',
          NODE_ENV: 'test',
          DATABASE_URL: h.db.databaseUrl,
          REDIS_URL: testConfig().redisUrl,
          REDIS_PREFIX: prefix,
          WORKER_HEALTH_PORT: '-1',
          SWEEP_INTERVAL_MS: '300',
          SWEEP_STALE_MS: '100',
          LOG_LEVEL: 'warn',
        },
        stdio: 'ignore',
      });
      const exited = new Promise((r) => worker.once('exit', r));
      try {
        await waitFor(
          async () =>
            (await h.db.orm.em.fork().findOneOrFail(Postmortem, { id })).generationState === 'ready',
          { timeout: 30_000, interval: 200 },
        );
      } finally {
        worker.kill('SIGTERM');
        await exited;
      }
    } finally {
      const redis = new Redis(testConfig().redisUrl);
      await cleanRedisPrefix(redis, `{${prefix}}`);
      redis.disconnect();
      await h.close();
    }
  });

  it('5: eviction policy not noeviction → /readyz reports it', async () => {
    const port = await freePort();
    const server = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    try {
      const priv = createProducerConnection(`redis://127.0.0.1:${port}`, { retryStrategy: () => 100 });
      priv.on('error', () => undefined); // refused until the private server listens
      await waitFor(() => priv.status === 'ready', { timeout: 30_000 });
      await priv.config('SET', 'maxmemory-policy', 'allkeys-lru');
      priv.disconnect();
      const h = await startApi('sqlite', { REDIS_URL: `redis://127.0.0.1:${port}` });
      try {
        const ready = await waitFor(async () => {
          const r = await h.http().get('/readyz');
          return r.body.redisEvictionWarning ? r.body : null;
        });
        expect(ready.redisEvictionWarning).toMatch(/allkeys-lru.*noeviction/);
      } finally {
        await h.close();
      }
    } finally {
      server.kill('SIGTERM');
    }
  });
});
