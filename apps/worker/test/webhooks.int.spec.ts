import { parseSecretKeys, SecretBox } from '@pm/auth';
import {
  Incident,
  recordDomainEvent,
  seedDemo,
  WebhookDelivery,
  WebhookEndpoint,
  webhookSecretAadOf,
  type SealedWebhookSecret,
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
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebhookEventType } from '@pm/contracts';
import { startWorker, type RunningWorker } from '../src/bootstrap.js';
import { loadWorkerConfig } from '../src/config.js';
import { newWebhookSecret } from '../src/webhooks/sign.js';
import { WebhookReceiver } from './webhook-receiver.js';

describe.each(['sqlite', 'postgresql'] as const)('outbound webhooks on %s', (kind) => {
  let db: TestDatabase;
  let worker: RunningWorker;
  let producer: JobProducer;
  let redis: Redis;
  let box: SecretBox;
  const prefix = uniqueRedisPrefix('webhooks');
  const receivers: WebhookReceiver[] = [];
  let orgIncident: Incident;
  let privateIncident: Incident;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    await seedDemo(db.orm.em.fork());
    const cfg = loadWorkerConfig({
      NODE_ENV: 'test',
      DATABASE_URL: db.databaseUrl,
      REDIS_URL: testConfig().redisUrl,
      REDIS_PREFIX: prefix,
      WORKER_HEALTH_PORT: '-1',
      SWEEP_INTERVAL_MS: '3600000',
      WEBHOOK_DISPATCH_INTERVAL_MS: '3600000',
      WEBHOOK_TIMEOUT_MS: '1000',
      OUTBOUND_ALLOW_LOOPBACK_FOR_TESTS: 'true',
      LOG_LEVEL: 'silent',
    });
    box = new SecretBox(parseSecretKeys(cfg.SECRET_KEYS));
    worker = await startWorker(cfg);
    redis = createProducerConnection(testConfig().redisUrl);
    await new Promise((r) => redis.once('ready', r));
    producer = new JobProducer(redis, prefix);
    const incidents = await db.orm.em.fork().find(Incident, {}, { orderBy: { publicId: 'asc' } });
    orgIncident = incidents.find((i) => i.visibility === 'organization')!;
    privateIncident = incidents.find((i) => i.visibility === 'private')!;
  }, 60_000);

  afterAll(async () => {
    await worker?.close();
    await producer?.close();
    await cleanRedisPrefix(redis, `{${prefix}}`);
    redis?.disconnect();
    for (const r of receivers) await r.close();
    await db?.dispose();
  });

  const em = () => db.orm.em.fork();
  const sealed = (
    endpointId: string,
    secret: string,
    expiresAt: string | null = null,
  ): SealedWebhookSecret => ({
    sealed: box.seal(secret, webhookSecretAadOf(endpointId)),
    createdAt: new Date().toISOString(),
    expiresAt,
  });

  /** An endpoint pointing at a fresh local receiver, created a moment before the events under test. */
  async function endpoint(
    opts: { allowPrivate?: boolean; types?: WebhookEventType[]; secrets?: string[] } = {},
  ) {
    const secrets = opts.secrets ?? [newWebhookSecret()];
    const receiver = new WebhookReceiver(secrets.at(-1)!);
    await receiver.start();
    receivers.push(receiver);
    const e = em();
    const ep = e.create(WebhookEndpoint, {
      url: receiver.url,
      eventTypes: opts.types ?? ['postmortem.status_changed', 'follow_up.created'],
      allowPrivate: opts.allowPrivate ?? false,
      secrets: [],
    });
    ep.secrets = secrets.map((s, i) =>
      sealed(ep.id, s, i < secrets.length - 1 ? new Date(Date.now() + 3600_000).toISOString() : null),
    );
    await e.flush();
    return { ep, receiver, secrets };
  }

  async function event(incident: Incident, type: WebhookEventType = 'postmortem.status_changed') {
    const e = em();
    const ev = await recordDomainEvent(e, {
      type,
      incidentId: incident.id,
      before: { status: 'draft' },
      after: { status: 'in_review' },
    });
    await e.flush();
    return ev;
  }

  /** One dispatch pass now (the schedule is hourly here); waits for a pass in flight, whose id it would reuse. */
  const dispatch = async () => {
    await waitFor(async () => !(await producer.queue('webhook').getJob('webhook-dispatch')));
    await producer.enqueue('webhook.dispatch', {});
  };
  const deliveriesOf = (endpointId: string) => em().find(WebhookDelivery, { endpointId });

  it('delivers a signed event that the reference verifier accepts; private incidents only where allowed', async () => {
    const plain = await endpoint();
    const privileged = await endpoint({ allowPrivate: true });
    const orgEvent = await event(orgIncident);
    const privEvent = await event(privateIncident);
    await dispatch();
    await waitFor(
      async () => privileged.receiver.received.length === 2 && plain.receiver.received.length === 1,
      {
        timeout: 20_000,
      },
    );
    const got = plain.receiver.received[0]!;
    expect(got.headers['webhook-id']).toBe(orgEvent.id);
    expect(got.verified).toMatchObject({
      type: 'postmortem.status_changed',
      data: {
        eventId: orgEvent.id,
        incident: { id: orgIncident.id, publicId: orgIncident.publicId, title: orgIncident.title },
        before: { status: 'draft' },
        after: { status: 'in_review' },
      },
    });
    expect(Number(got.headers['webhook-timestamp'])).toBeGreaterThan(Date.now() / 1000 - 60);
    expect(privileged.receiver.received.map((r) => r.headers['webhook-id']).sort()).toEqual(
      [orgEvent.id, privEvent.id].sort(),
    );
    expect(privileged.receiver.received.every((r) => r.verified !== null)).toBe(true);
    // The private incident's title never reached the endpoint that is not allowed private events.
    expect(plain.receiver.received.some((r) => r.body.includes(privateIncident.title))).toBe(false);
    await waitFor(async () => (await deliveriesOf(plain.ep.id)).every((d) => d.status === 'delivered'));
    const [row] = await deliveriesOf(plain.ep.id);
    expect(row).toMatchObject({
      status: 'delivered',
      attempts: 1,
      lastStatusCode: 200,
      responseExcerpt: 'ok',
    });

    // A second pass (the event is inside the settle window, so it is read again) does not deliver twice.
    await dispatch();
    await waitFor(async () => !(await producer.queue('webhook').getJob('webhook-dispatch')));
    expect(await deliveriesOf(plain.ep.id)).toHaveLength(1);
    expect(plain.receiver.received).toHaveLength(1);
  }, 60_000);

  it('filters by event type', async () => {
    const onlyFollowUps = await endpoint({ types: ['follow_up.created'] });
    await event(orgIncident, 'postmortem.status_changed');
    const fu = await event(orgIncident, 'follow_up.created');
    await dispatch();
    await waitFor(async () => onlyFollowUps.receiver.received.length >= 1, { timeout: 20_000 });
    expect(onlyFollowUps.receiver.received.map((r) => r.headers['webhook-id'])).toEqual([fu.id]);
  }, 60_000);

  it('signs with both secrets during a rotation: receivers on the old or the new one verify', async () => {
    const rotating = await endpoint({ secrets: [newWebhookSecret(), newWebhookSecret()] });
    await event(orgIncident);
    await dispatch();
    await waitFor(async () => rotating.receiver.received.length === 1, { timeout: 20_000 });
    const got = rotating.receiver.received[0]!;
    expect(got.headers['webhook-signature']!.split(' ')).toHaveLength(2);
    expect(got.verified).not.toBeNull(); // new secret
    rotating.receiver.secret = rotating.secrets[0]!;
    const { Webhook } = await import('standardwebhooks');
    expect(new Webhook(rotating.secrets[0]!).verify(got.body, got.headers)).toBeTruthy(); // old secret
  }, 60_000);

  it('records a 500 and a receiver that hangs, retries, and delivers once the receiver recovers', async () => {
    const flaky = await endpoint();
    flaky.receiver.mode = 500;
    await event(orgIncident);
    await dispatch();
    await waitFor(
      async () => (await deliveriesOf(flaky.ep.id)).some((d) => d.attempts === 1 && d.status === 'retrying'),
      { timeout: 20_000 },
    );
    const [first] = await deliveriesOf(flaky.ep.id);
    expect(first).toMatchObject({
      lastStatusCode: 500,
      lastError: 'HTTP 500',
      responseExcerpt: 'receiver exploded',
    });

    // The retry is scheduled with backoff; run it now instead of waiting.
    const job = () => producer.queue('webhook').getJob(`webhook-deliver-${first!.id}`);
    flaky.receiver.mode = 'hang';
    await (await job())!.promote();
    await waitFor(async () => (await deliveriesOf(flaky.ep.id))[0]!.attempts === 2, { timeout: 20_000 });
    const [second] = await deliveriesOf(flaky.ep.id);
    expect(second).toMatchObject({
      status: 'retrying',
      lastStatusCode: null,
      lastError: 'no answer within 1000 ms',
    });

    flaky.receiver.mode = 200;
    await waitFor(async () => (await job())?.isDelayed() ?? false);
    await (await job())!.promote();
    await waitFor(async () => (await deliveriesOf(flaky.ep.id))[0]!.status === 'delivered', {
      timeout: 20_000,
    });
    const [third] = await deliveriesOf(flaky.ep.id);
    expect(third).toMatchObject({ attempts: 3, lastStatusCode: 200 });
    // Every attempt carried the same webhook-id (receivers dedupe on it) and verified.
    const ids = new Set(flaky.receiver.received.map((r) => r.headers['webhook-id']));
    expect(ids.size).toBe(1);
    expect(flaky.receiver.received.every((r) => r.verified !== null)).toBe(true);
  }, 60_000);
});
