import { randomUUID } from 'node:crypto';
import {
  DEMO_CHECKOUT_INCIDENT_TITLE,
  Document,
  Incident,
  Postmortem,
  seedDemo,
  Template,
  User,
} from '@pm/db';
import { pmChangesChannel } from '@pm/contracts';
import { yStateToJson } from '@pm/doc-model';
import { createProducerConnection, JobProducer } from '@pm/queue';
import {
  cleanRedisPrefix,
  createTestDatabase,
  testConfig,
  uniqueRedisPrefix,
  waitFor,
  type TestDatabase,
} from '@pm/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorker, type RunningWorker } from '../src/bootstrap.js';
import { loadWorkerConfig } from '../src/config.js';
import { SweeperService } from '../src/sweeper/sweeper.service.js';

describe.each(['sqlite', 'postgresql'] as const)('worker on %s', (kind) => {
  let db: TestDatabase;
  let worker: RunningWorker;
  let producer: JobProducer;
  let redis: Redis;
  const prefix = uniqueRedisPrefix('worker');

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    await seedDemo(db.orm.em.fork());
    worker = await startWorker(
      loadWorkerConfig({
        DATABASE_URL: db.databaseUrl,
        REDIS_URL: testConfig().redisUrl,
        REDIS_PREFIX: prefix,
        WORKER_HEALTH_PORT: '0',
        SWEEP_INTERVAL_MS: '3600000',
        SWEEP_STALE_MS: '100',
        LOG_LEVEL: 'silent',
      }),
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

  /** Inserts a queued postmortem row the way the API does, requested by `email`. */
  async function queuedRow(email = 'standard@example.com', incidentTitle = DEMO_CHECKOUT_INCIDENT_TITLE) {
    const em = db.orm.em.fork();
    const incident = await em.findOneOrFail(Incident, { title: incidentTitle });
    const template = await em.findOneOrFail(Template, { isDefault: true });
    const user = await em.findOneOrFail(User, { email });
    const pm = em.create(Postmortem, {
      incident,
      template,
      title: 'PM',
      destination: 'notebook',
      requestedBy: user,
      owner: user,
    });
    await em.flush();
    return pm.id;
  }

  const row = (id: string) => db.orm.em.fork().findOneOrFail(Postmortem, { id }, { populate: ['document'] });

  it('renders the template into a stored notebook document and marks the row ready', async () => {
    const id = await queuedRow();
    // The API's progress streams re-read the row on these announcements (one per step), not on a timer.
    const sub = new Redis(testConfig().redisUrl);
    const announced: unknown[] = [];
    sub.on('message', (_c, m: string) => announced.push(JSON.parse(m)));
    await sub.subscribe(pmChangesChannel(prefix));
    await producer.enqueue('postmortem.generate', { postmortemId: id });
    await waitFor(async () => (await row(id)).generationState === 'ready');
    const pm = await row(id);
    expect(pm.progress).toBe(100);
    const change = {
      postmortemId: id,
      incidentId: (await db.orm.em.fork().findOneOrFail(Postmortem, id)).incident.id,
    };
    // rendering, ready (a notebook has no separate "storing" write: its store is part of the final transaction)
    await expect.poll(() => announced).toEqual([change, change]);
    sub.disconnect();
    const doc = await db.orm.em
      .fork()
      .findOneOrFail(Document, { id: pm.document!.id }, { populate: ['yState'] });
    expect(doc.text).toContain(DEMO_CHECKOUT_INCIDENT_TITLE);
    // The Yjs state, the JSON and the text are one consistent document.
    expect(yStateToJson(new Uint8Array(doc.yState))).toEqual(doc.json);
  });

  it('treats a re-run of a finished job as a no-op (still one document)', async () => {
    const id = await queuedRow();
    await producer.enqueue('postmortem.generate', { postmortemId: id });
    await waitFor(async () => (await row(id)).generationState === 'ready');
    const first = (await row(id)).document!.id;
    const queue = producer.queue('postmortem');
    // The row turns ready inside the handler, before BullMQ releases the job's lock: a job still locked by the
    // worker cannot be removed, so wait for BullMQ to record the completion first (failed once under CI load).
    await waitFor(async () => (await queue.getJob(`generate-${id}`))?.isCompleted() ?? false, {
      timeout: 60_000,
    });
    await (await queue.getJob(`generate-${id}`))?.remove();
    await producer.enqueue('postmortem.generate', { postmortemId: id });
    await waitFor(async () => (await queue.getJob(`generate-${id}`))?.isCompleted() ?? false, {
      timeout: 60_000,
    });
    expect((await row(id)).document!.id).toBe(first);
    expect(await db.orm.em.fork().count(Postmortem, { document: first })).toBe(1);
  });

  it('fails a tampered payload as unrecoverable without retrying', async () => {
    const queue = producer.queue('postmortem');
    const job = await queue.add(
      'postmortem.generate',
      { postmortemId: 'not-a-uuid', incidentText: 'x' },
      { attempts: 5 },
    );
    await waitFor(async () => (await job.getState()) === 'failed');
    const failed = await queue.getJob(job.id!);
    expect(failed?.attemptsMade).toBe(1);
    expect(failed?.failedReason).toMatch(/invalid payload/);
  });

  it('re-checks the stored requester: a read-only requester fails with a visible reason', async () => {
    const id = await queuedRow('readonly@example.com');
    await producer.enqueue('postmortem.generate', { postmortemId: id });
    await waitFor(async () => (await row(id)).generationState === 'failed');
    expect((await row(id)).failureReason).toMatch(/may not generate/);
  });

  it('sweeps a queued row whose job never reached Redis', async () => {
    const id = await queuedRow();
    await new Promise((r) => setTimeout(r, 150)); // older than SWEEP_STALE_MS
    const swept = await worker.app.get(SweeperService).sweep();
    expect(swept).toBeGreaterThanOrEqual(1);
    await waitFor(async () => (await row(id)).generationState === 'ready');
  });

  it('answers /healthz and /readyz on its health port (orchestrator probes), 404 elsewhere', async () => {
    const base = `http://127.0.0.1:${worker.healthPort}`;
    for (const path of ['/healthz', '/readyz']) expect((await fetch(`${base}${path}`)).status).toBe(200);
    expect((await fetch(`${base}/nope`)).status).toBe(404);
  });

  it('ignores unknown postmortem ids as unrecoverable', async () => {
    const queue = producer.queue('postmortem');
    const ghost = randomUUID();
    await producer.enqueue('postmortem.generate', { postmortemId: ghost });
    await waitFor(async () => (await queue.getJob(`generate-${ghost}`))?.isFailed() ?? false, {
      timeout: 30_000,
    });
    expect((await queue.getJob(`generate-${ghost}`))?.attemptsMade).toBe(1);
  });
});
