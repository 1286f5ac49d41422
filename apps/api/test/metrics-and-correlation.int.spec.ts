// /metrics behind METRICS_TOKEN with request timings by route pattern; X-Request-Id from the caller to the
// response, the API's log lines and the enqueued job's options (as the job dashboard shows them).
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { DEMO_CHECKOUT_INCIDENT_TITLE, Incident } from '@pm/db';
import { cleanRedisPrefix, testConfig } from '@pm/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type Harness } from './harness.js';

const METRICS_TOKEN = 'metrics-token-for-tests-0123';

/** The value of one sample line `name{labels} value` of Prometheus text (undefined when absent). */
export function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`)))
      return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

describe('API metrics and correlation ids', () => {
  let h: Harness;
  let standard: string;
  let admin: string;
  let incidentId: string;
  let templateId: string;
  const logs: Record<string, unknown>[] = [];
  const auth = (t: string) => ({ authorization: `Bearer ${t}` });

  beforeAll(async () => {
    const logStream = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) logs.push(JSON.parse(line));
        done();
      },
    });
    h = await startApi('sqlite', { METRICS_TOKEN, LOG_LEVEL: 'info' }, { logStream });
    [standard, admin] = await Promise.all([h.login('standard@example.com'), h.login('admin@example.com')]);
    incidentId = (await h.db.orm.em.fork().findOneOrFail(Incident, { title: DEMO_CHECKOUT_INCIDENT_TITLE }))
      .id;
    const templates = await h.http().get('/templates').set(auth(standard)).expect(200);
    templateId = templates.body.items.find((t: { isDefault: boolean }) => t.isDefault).id;
  });

  afterAll(async () => {
    const redis = new Redis(testConfig().redisUrl);
    await cleanRedisPrefix(redis, `{${h.prefix}}`);
    redis.disconnect();
    await h?.close();
  });

  const generate = (requestId?: string) => {
    const req = h
      .http()
      .post(`/incidents/${incidentId}/postmortems`)
      .set(auth(standard))
      .set('idempotency-key', randomUUID());
    if (requestId !== undefined) req.set('x-request-id', requestId);
    return req.send({ templateId }).expect(202);
  };

  it('/metrics refuses a missing token (401) and a wrong one (403), even from loopback', async () => {
    const missing = await h.http().get('/metrics').expect(401);
    expect(missing.body.code).toBe('UNAUTHENTICATED');
    await h.http().get('/metrics').set('authorization', 'Bearer not-the-token-at-all').expect(403);
    // The session token of an admin is not the metrics token either.
    await h.http().get('/metrics').set(auth(admin)).expect(403);
  });

  it('after a generate, /metrics counts the request under its route pattern and status, plus process metrics', async () => {
    const { body: pm } = await generate();
    await h.http().get(`/postmortems/${pm.id}`).set(auth(standard)).expect(200);
    await h.http().get(`/postmortems/${randomUUID()}/nope`).set(auth(standard)).expect(404);
    const res = await h.http().get('/metrics').set(auth(METRICS_TOKEN)).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    const text = res.text;
    const count = (labels: Record<string, string>) =>
      sample(text, 'pm_http_request_duration_seconds_count', labels) ?? 0;
    expect(count({ method: 'POST', route: '/incidents/:id/postmortems', status: '202' })).toBeGreaterThan(0);
    expect(count({ method: 'GET', route: '/postmortems/:id', status: '200' })).toBeGreaterThan(0);
    expect(count({ method: 'GET', route: 'unmatched', status: '404' })).toBeGreaterThan(0);
    expect(
      sample(text, 'pm_http_request_duration_seconds_sum', { route: '/incidents/:id/postmortems' }),
    ).toBeGreaterThan(0);
    // Patterns only: no row id ever becomes a label value (one series per row would explode).
    expect(text).not.toContain(pm.id);
    expect(text).not.toContain(incidentId);
    expect(sample(text, 'pm_process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(sample(text, 'pm_nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
  });

  it('X-Request-Id: returned, on every log line of the request, and in the job options the dashboard shows', async () => {
    const requestId = `corr-${randomUUID()}`;
    const res = await generate(requestId);
    expect(res.headers['x-request-id']).toBe(requestId);

    const board = await h
      .http()
      .get(`/admin/queues/api/queues/postmortem/generate-${res.body.id}`)
      .set(auth(admin))
      .expect(200);
    expect(board.body.job.opts.requestId).toBe(requestId);
    expect(board.body.job.data).toEqual({ postmortemId: res.body.id }); // payload: ids only

    const lines = logs.filter((l) => l.requestId === requestId);
    expect(
      lines.some(
        (l) => l.msg === 'request completed' && (l.res as { statusCode: number }).statusCode === 202,
      ),
    ).toBe(true);
    // Every line pino-http wrote for this request names the id at the top level.
    for (const l of logs.filter((x) => (x.req as { id?: string } | undefined)?.id === requestId))
      expect(l.requestId).toBe(requestId);
  });

  it('an unusable X-Request-Id is replaced by a generated one, and a missing one is generated', async () => {
    for (const bad of ['has spaces', 'x'.repeat(129), 'semi;colon', 'ünïcode']) {
      const res = await h.http().get('/healthz').set('x-request-id', bad).expect(200);
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    }
    const a = await h.http().get('/healthz').expect(200);
    const b = await h.http().get('/healthz').expect(200);
    expect(a.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.headers['x-request-id']).not.toBe(b.headers['x-request-id']);
    const kept = await h.http().get('/healthz').set('x-request-id', 'abc.DEF_1:2-3').expect(200);
    expect(kept.headers['x-request-id']).toBe('abc.DEF_1:2-3');
  });
});
