// GET /search, /insights, /insights.csv through the real API on SQLite and PostgreSQL: body words, facets, the
// private-incident rule, hostile queries, the rate limit.
import { createDocument, DEMO_CHECKOUT_INCIDENT_TITLE, Incident, Postmortem, User } from '@pm/db';
import { cleanRedisPrefix, testConfig } from '@pm/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type Harness } from './harness.js';

describe.each(['sqlite', 'postgresql'] as const)('search and insights on %s', (kind) => {
  let h: Harness;
  const t: Record<'admin' | 'sam' | 'rita' | 'marco', string> = {} as never;
  let checkoutId: string;
  let openPmId: string;
  const auth = (tok: string) => ({ authorization: `Bearer ${tok}` });

  beforeAll(async () => {
    h = await startApi(kind);
    const emails = { admin: 'admin', sam: 'standard', rita: 'readonly', marco: 'marco' };
    for (const [k, v] of Object.entries(emails)) t[k as keyof typeof t] = await h.login(`${v}@example.com`);
    // Postmortems with stored text, written as the worker / collab would (the index follows the rows).
    const em = h.db.orm.em.fork();
    const checkout = await em.findOneOrFail(Incident, { title: DEMO_CHECKOUT_INCIDENT_TITLE });
    const priv = await em.findOneOrFail(Incident, { visibility: 'private' });
    const ada = await em.findOneOrFail(User, { email: 'admin@example.com' });
    checkoutId = checkout.id;
    const pm = (incident: Incident, title: string, text: string) =>
      em.create(Postmortem, {
        incident,
        title,
        destination: 'notebook',
        generationState: 'ready',
        requestedBy: ada,
        owner: ada,
        document: createDocument(em, { yState: new Uint8Array([0]), json: { type: 'doc' }, text }),
      } as never);
    openPmId = pm(checkout, 'Checkout review', 'The payment gateway pangolin timed out under load.').id;
    pm(priv, 'Invoice leak review', 'Tenant isolation failed: the pangolin cache ignored tenant ids; okapi.');
    await em.flush();
  });
  afterAll(async () => {
    const redis = new Redis(testConfig().redisUrl);
    await cleanRedisPrefix(redis, `{${h.prefix}}`);
    redis.disconnect();
    await h?.close();
  });

  const search = (tok: string, query: Record<string, unknown>) =>
    h.http().get('/search').query(query).set(auth(tok));
  const titles = async (tok: string, query: Record<string, unknown>) =>
    ((await search(tok, query).expect(200)).body.items as { title: string }[]).map((i) => i.title).sort();

  it('finds a postmortem by a word of its body, with the hit marked in the snippet', async () => {
    const { body } = await search(t.rita, { q: 'gateway' }).expect(200);
    expect(body.items).toHaveLength(1);
    expect(body.items[0]).toMatchObject({ postmortemId: openPmId, title: 'Checkout review' });
    expect(body.items[0].snippet).toContainEqual({ text: 'gateway', hit: true });
    expect(body.items[0].incident.id).toBe(checkoutId);
  });

  it('never returns a private incident’s postmortem to an outsider, does to its responder and to global access', async () => {
    expect(await titles(t.sam, { q: 'pangolin' })).toEqual(['Checkout review']);
    expect(await titles(t.sam, { q: 'okapi' })).toEqual([]);
    expect(await titles(t.marco, { q: 'okapi' })).toEqual(['Invoice leak review']);
    expect(await titles(t.admin, { q: 'pangolin' })).toEqual(['Checkout review', 'Invoice leak review']);
    const { body } = await search(t.sam, { q: 'pangolin' }).expect(200);
    expect(body.total).toBe(1);
  });

  it('narrows by facets (repeated keys too) and refuses a malformed facet with 400', async () => {
    expect(await titles(t.admin, { q: 'pangolin', severity: 'SEV-1' })).toEqual([]);
    const { body: all } = await search(t.admin, { q: 'pangolin' }).expect(200);
    const sev = (all.items as { incident: { severity: string } }[]).map((i) => i.incident.severity);
    expect(await titles(t.admin, { q: 'pangolin', severity: [sev[0], sev[1]] })).toHaveLength(2);
    expect(await titles(t.admin, { q: 'pangolin', status: 'completed' })).toEqual([]);
    const bad = await search(t.admin, { severity: 'SEV-9' }).expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
  });

  it('reads quotes and operators as words, never failing', async () => {
    for (const q of [
      '"pangolin',
      'pangolin OR',
      'NEAR(x',
      '-pangolin',
      '*',
      "'; drop table postmortems; --",
      '\\',
    ]) {
      await search(t.admin, { q }).expect(200);
    }
    // every word is required, as a word: the minus is not a NOT
    expect(await titles(t.sam, { q: '"gateway" -pangolin' })).toEqual(['Checkout review']);
  });

  it('computes insights (private incidents only for who may see them) and exports them as CSV', async () => {
    await h
      .http()
      .patch(`/postmortems/${openPmId}`)
      .set(auth(t.admin))
      .send({ status: 'completed' })
      .expect(200);
    const admin = (
      await h.http().get('/insights').query({ groupBy: 'severity' }).set(auth(t.admin)).expect(200)
    ).body;
    const sam = (await h.http().get('/insights').query({ groupBy: 'severity' }).set(auth(t.sam)).expect(200))
      .body;
    expect(admin.totals.incidents).toBe(sam.totals.incidents + 1);
    expect(sam.totals.withPostmortem).toBeGreaterThanOrEqual(1);
    const csv = await h.http().get('/insights.csv').query({ groupBy: 'month' }).set(auth(t.sam)).expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.text.split('\r\n')[0]).toMatch(/^"month","incidents","with_postmortem"/);
    expect(csv.text).toContain(`"total","${sam.totals.incidents}"`);
    await h.http().get('/insights').query({ groupBy: 'weekday' }).set(auth(t.sam)).expect(400);
  });

  it('rate-limits searches per user with 429 RATE_LIMITED', async () => {
    // a user that has not searched in this file; 65 tries exceed 30 in one 10 s window even across a boundary
    const tok = await h.login('priya@example.com').catch(() => t.rita);
    let limited: { status: number; body: { code: string } } | undefined;
    for (let i = 0; i < 65 && !limited; i++) {
      const res = await search(tok, { q: 'x' });
      if (res.status === 429) limited = res;
      else expect(res.status).toBe(200);
    }
    expect(limited?.body.code).toBe('RATE_LIMITED');
  });
});
