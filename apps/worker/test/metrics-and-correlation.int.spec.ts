// The worker's /metrics (health port, behind METRICS_TOKEN) and the correlation id from a job's options on every
// log line of that job. The API half (header → job options, shown by the job dashboard) is proven in
// apps/api/test/metrics-and-correlation.int.spec.ts; both meet at @pm/queue's REQUEST_ID_OPTION.
import { Writable } from 'node:stream';
import { DEMO_CHECKOUT_INCIDENT_TITLE, Incident, Postmortem, seedDemo, Template, User } from '@pm/db';
import { createProducerConnection, JobProducer, requestIdOf } from '@pm/queue';
import {
  cleanRedisPrefix,
  createTestDatabase,
  testConfig,
  uniqueRedisPrefix,
  waitFor,
  type TestDatabase,
} from '@pm/testing';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorker, type RunningWorker } from '../src/bootstrap.js';
import { loadWorkerConfig } from '../src/config.js';
import { SweeperService } from '../src/sweeper/sweeper.service.js';

const METRICS_TOKEN = 'metrics-token-for-tests-0123';

/** The value of one sample line `name{labels} value` of Prometheus text (undefined when absent). */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`)))
      return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

describe('worker metrics and correlation ids', () => {
  let db: TestDatabase;
  let worker: RunningWorker;
  let producer: JobProducer;
  let redis: Redis;
  const prefix = uniqueRedisPrefix('worker-ops');
  const logs: Record<string, unknown>[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    await seedDemo(db.orm.em.fork());
    const logStream = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) logs.push(JSON.parse(line));
        done();
      },
    });
    worker = await startWorker(
      loadWorkerConfig({
        DATABASE_URL: db.databaseUrl,
        REDIS_URL: testConfig().redisUrl,
        REDIS_PREFIX: prefix,
        WORKER_HEALTH_PORT: '0',
        SWEEP_INTERVAL_MS: '3600000',
        SWEEP_STALE_MS: '100',
        LOG_LEVEL: 'info',
        METRICS_TOKEN,
      }),
      { logStream },
    );
    redis = createProducerConnection(testConfig().redisUrl);
    await new Promise((r) => redis.once('ready', r));
    producer = new JobProducer(redis, prefix);
  });

  afterAll(async () => {
    await worker?.close();
    await producer?.close();
    await cleanRedisPrefix(redis, `{${prefix}}`);
    redis?.disconnect();
    await db?.dispose();
  });

  async function queuedRow(email = 'standard@example.com') {
    const em = db.orm.em.fork();
    const user = await em.findOneOrFail(User, { email });
    const pm = em.create(Postmortem, {
      incident: await em.findOneOrFail(Incident, { title: DEMO_CHECKOUT_INCIDENT_TITLE }),
      template: await em.findOneOrFail(Template, { isDefault: true }),
      title: 'PM',
      destination: 'notebook',
      requestedBy: user,
      owner: user,
    });
    await em.flush();
    return pm.id;
  }
  const stateOf = async (id: string) =>
    (await db.orm.em.fork().findOneOrFail(Postmortem, { id })).generationState;
  const metrics = (authorization?: string) =>
    fetch(`http://127.0.0.1:${worker.healthPort}/metrics`, {
      headers: authorization ? { authorization } : {},
    });

  it('/metrics on the health port refuses a missing (401) or wrong (403) token', async () => {
    expect((await metrics()).status).toBe(401);
    expect((await metrics('Bearer wrong-token-wrong-token')).status).toBe(403);
    expect((await fetch(`http://127.0.0.1:${worker.healthPort}/healthz`)).status).toBe(200);
  });

  it('after a generate and a sweep: job durations by outcome, queue counts, sweeper re-enqueues, process metrics', async () => {
    const ok = await queuedRow();
    const refused = await queuedRow('readonly@example.com'); // fails: a read-only requester may not generate
    await producer.enqueue('postmortem.generate', { postmortemId: ok });
    await producer.enqueue('postmortem.generate', { postmortemId: refused });
    await waitFor(async () => (await stateOf(ok)) === 'ready', { timeout: 120_000 });
    await waitFor(async () => (await stateOf(refused)) === 'failed', { timeout: 120_000 });
    const swept = await queuedRow(); // no job at all: the sweeper's to find once it is stale
    const sweeper = worker.app.get(SweeperService);
    await expect.poll(() => sweeper.sweep(), { timeout: 60_000 }).toBeGreaterThanOrEqual(1);
    await waitFor(async () => (await stateOf(swept)) === 'ready', { timeout: 120_000 });

    const job = { queue: 'postmortem', name: 'postmortem.generate' };
    // A row turns ready inside the handler; the job's duration is observed when the handler returns, so scrape
    // until both completions are counted (read once too early under CI load).
    const text = await waitFor(async () => {
      const res = await metrics(`Bearer ${METRICS_TOKEN}`);
      expect(res.status).toBe(200);
      const body = await res.text();
      return (sample(body, 'pm_job_duration_seconds_count', { ...job, outcome: 'completed' }) ?? 0) >= 2 &&
        (sample(body, 'pm_job_duration_seconds_count', { ...job, outcome: 'failed' }) ?? 0) >= 1
        ? body
        : null;
    });
    expect(
      sample(text, 'pm_job_duration_seconds_count', { ...job, outcome: 'completed' }),
    ).toBeGreaterThanOrEqual(2);
    expect(
      sample(text, 'pm_job_duration_seconds_count', { ...job, outcome: 'failed' }),
    ).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'pm_job_duration_seconds_sum', { ...job, outcome: 'completed' })).toBeGreaterThan(0);
    expect(sample(text, 'pm_sweeper_requeued_total')).toBeGreaterThanOrEqual(1);
    for (const queue of ['postmortem', 'export'])
      for (const state of ['waiting', 'active', 'delayed', 'failed'])
        expect(sample(text, 'pm_queue_jobs', { queue, state }), `${queue} ${state}`).toBeGreaterThanOrEqual(
          0,
        );
    // The refused job ran out of attempts (unrecoverable): counted as failed in Redis, read at scrape time.
    expect(sample(text, 'pm_queue_jobs', { queue: 'postmortem', state: 'failed' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'pm_process_cpu_user_seconds_total')).toBeGreaterThan(0);
  });

  it("every log line of a job names the correlation id from the job's options", async () => {
    const [ok, refused] = [await queuedRow(), await queuedRow('readonly@example.com')];
    await producer.enqueue('postmortem.generate', { postmortemId: ok }, { requestId: 'corr-worker-ok' });
    await producer.enqueue('postmortem.generate', { postmortemId: refused }, { requestId: 'corr-worker-no' });
    const stored = await producer.queue('postmortem').getJob(`generate-${ok}`);
    expect(requestIdOf(stored!)).toBe('corr-worker-ok');
    await waitFor(async () => (await stateOf(ok)) === 'ready', { timeout: 120_000 });
    await waitFor(async () => (await stateOf(refused)) === 'failed', { timeout: 120_000 });
    // The row turns final just before the job's last line is written: wait for those lines themselves.
    const lastLine = (id: string, msg: RegExp) =>
      logs.some((l) => l.jobId === `generate-${id}` && msg.test(String(l.msg)));
    await expect.poll(() => lastLine(ok, /completed in \d+ ms/)).toBe(true);
    await expect.poll(() => lastLine(refused, /failed \(final\)/)).toBe(true);

    for (const [id, requestId] of [
      [ok, 'corr-worker-ok'],
      [refused, 'corr-worker-no'],
    ] as const) {
      // Lines bound to the job, and any line whose message names it: all carry its id.
      const lines = logs.filter((l) => l.jobId === `generate-${id}` || String(l.msg).includes(id));
      expect(lines.length, `log lines of generate-${id}`).toBeGreaterThanOrEqual(1);
      for (const l of lines)
        expect(l).toMatchObject({ requestId, jobId: `generate-${id}`, queue: 'postmortem' });
    }
    expect(
      logs.some((l) => l.requestId === 'corr-worker-ok' && /completed in \d+ ms/.test(String(l.msg))),
    ).toBe(true);
    expect(logs.some((l) => l.requestId === 'corr-worker-no' && /failed \(final\)/.test(String(l.msg)))).toBe(
      true,
    );
  });
});
