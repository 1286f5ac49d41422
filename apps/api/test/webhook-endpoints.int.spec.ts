import { parseSecretKeys, SecretBox } from '@pm/auth';
import { WebhookDelivery, WebhookEndpoint } from '@pm/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { startApi, type Harness } from './harness.js';

describe.each(['sqlite', 'postgresql'] as const)('webhook endpoints API on %s', (kind) => {
  let h: Harness;
  let admin: string;
  let standard: string;

  beforeAll(async () => {
    h = await startApi(kind, { OUTBOUND_ALLOW_LOOPBACK_FOR_TESTS: 'true' });
    admin = await h.login('admin@example.com');
    standard = await h.login('standard@example.com');
  });
  afterAll(async () => {
    await h?.close();
  });

  const as = (token: string) => ({
    get: (path: string) => h.http().get(path).set('authorization', `Bearer ${token}`),
    post: (path: string, body?: object) =>
      h.http().post(path).set('authorization', `Bearer ${token}`).send(body),
    patch: (path: string, body: object) =>
      h.http().patch(path).set('authorization', `Bearer ${token}`).send(body),
    delete: (path: string) => h.http().delete(path).set('authorization', `Bearer ${token}`),
  });
  const body = {
    url: 'http://127.0.0.1:9/hook',
    eventTypes: ['postmortem.status_changed', 'follow_up.done'],
  };

  it('creates an endpoint, shows its whsec_ secret once and stores it sealed', async () => {
    const res = await as(admin).post('/webhook-endpoints', body).expect(201);
    expect(res.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(res.body.endpoint).toMatchObject({ enabled: true, allowPrivate: false, activeSecrets: 1 });
    const id = res.body.endpoint.id as string;
    const got = await as(admin).get(`/webhook-endpoints/${id}`).expect(200);
    const list = await as(admin).get('/webhook-endpoints').expect(200);
    expect(JSON.stringify(got.body) + JSON.stringify(list.body)).not.toContain(res.body.secret.slice(6));
    const row = await h.db.orm.em.fork().findOneOrFail(WebhookEndpoint, { id });
    expect(JSON.stringify(row.secrets)).not.toContain(res.body.secret.slice(6));
    await as(standard).get('/webhook-endpoints').expect(403);
  });

  it('refuses private addresses, bad URLs and unknown event types with clear 4xx', async () => {
    const forbidden = await as(admin)
      .post('/webhook-endpoints', { ...body, url: 'http://10.1.2.3/hook' })
      .expect(422);
    expect(forbidden.body.code).toBe('URL_ADDRESS_FORBIDDEN');
    const meta = await as(admin)
      .post('/webhook-endpoints', { ...body, url: 'http://169.254.169.254/latest' })
      .expect(422);
    expect(meta.body.code).toBe('URL_ADDRESS_FORBIDDEN');
    expect(
      (
        await as(admin)
          .post('/webhook-endpoints', { ...body, url: 'ftp://x/' })
          .expect(400)
      ).body.code,
    ).toBe('VALIDATION_FAILED');
    await as(admin)
      .post('/webhook-endpoints', { ...body, eventTypes: ['template.created'] })
      .expect(400);
    await as(admin)
      .post('/webhook-endpoints', { ...body, eventTypes: [] })
      .expect(400);
    await as(admin).get('/webhook-endpoints/00000000-0000-4000-8000-000000000000').expect(404);
  });

  it('rotates: two active secrets until the previous one expires, each opening with the box', async () => {
    const created = await as(admin).post('/webhook-endpoints', body).expect(201);
    const id = created.body.endpoint.id as string;
    const rotated = await as(admin).post(`/webhook-endpoints/${id}/rotate-secret`, {}).expect(200);
    expect(rotated.body.secret).not.toBe(created.body.secret);
    expect(rotated.body.endpoint.activeSecrets).toBe(2);
    expect(Date.parse(rotated.body.endpoint.previousSecretExpiresAt) - Date.now()).toBeGreaterThan(
      23 * 3600_000,
    );
    const cfg = loadConfig({ DATABASE_URL: h.db.databaseUrl });
    const box = new SecretBox(parseSecretKeys(cfg.SECRET_KEYS));
    const row = await h.db.orm.em.fork().findOneOrFail(WebhookEndpoint, { id });
    expect(row.secrets.map((s) => box.open(s.sealed, `webhook-endpoint:${id}`))).toEqual([
      created.body.secret,
      rotated.body.secret,
    ]);
    // Rotating again at once drops the oldest; ttl 0 drops the previous immediately.
    const again = await as(admin)
      .post(`/webhook-endpoints/${id}/rotate-secret`, { previousSecretTtlSeconds: 0 })
      .expect(200);
    expect(again.body.endpoint).toMatchObject({ activeSecrets: 1, previousSecretExpiresAt: null });
  });

  it('sends a test event and redelivers it: rows appear in the delivery log, jobs are queued', async () => {
    const created = await as(admin).post('/webhook-endpoints', body).expect(201);
    const id = created.body.endpoint.id as string;
    const test = await as(admin).post(`/webhook-endpoints/${id}/test`).expect(202);
    expect(test.body).toMatchObject({ eventType: 'webhook.test', status: 'pending', attempts: 0 });
    const log = await as(admin).get(`/webhook-endpoints/${id}/deliveries`).expect(200);
    expect(log.body.items.map((d: { id: string }) => d.id)).toEqual([test.body.id]);
    const e = h.db.orm.em.fork();
    const row = await e.findOneOrFail(WebhookDelivery, { id: test.body.id });
    row.status = 'failed';
    await e.flush();
    const again = await as(admin)
      .post(`/webhook-endpoints/${id}/deliveries/${test.body.id}/redeliver`)
      .expect(202);
    expect(again.body.status).toBe('pending');
    const other = await as(admin).post('/webhook-endpoints', body).expect(201);
    await as(admin)
      .post(`/webhook-endpoints/${other.body.endpoint.id}/deliveries/${test.body.id}/redeliver`)
      .expect(404);
    await as(admin).patch(`/webhook-endpoints/${id}`, { enabled: false, allowPrivate: true }).expect(200);
    await as(admin).delete(`/webhook-endpoints/${id}`).expect(204);
    await as(admin).get(`/webhook-endpoints/${id}/deliveries`).expect(404);
  });
});
