// Structured learnings through the real API on SQLite and PostgreSQL: contributing factors (CRUD, category list,
// frozen Completed postmortems, private incidents), counted by the insights; and timeline entry tags.
import { DEMO_CHECKOUT_INCIDENT_TITLE, DomainEvent, Incident, Postmortem, TimelineEntry, User } from '@pm/db';
import { cleanRedisPrefix, testConfig } from '@pm/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type Harness } from './harness.js';

describe.each(['sqlite', 'postgresql'] as const)('contributing factors and timeline tags on %s', (kind) => {
  let h: Harness;
  const t: Record<'sam' | 'ada' | 'rita' | 'marco', string> = { sam: '', ada: '', rita: '', marco: '' };
  let pmId: string;
  let privatePmId: string;
  let checkoutId: string;
  let privateIncidentId: string;
  const auth = (tok: string) => ({ authorization: `Bearer ${tok}` });

  beforeAll(async () => {
    h = await startApi(kind);
    [t.sam, t.ada, t.rita, t.marco] = await Promise.all([
      h.login('standard@example.com'),
      h.login('admin@example.com'),
      h.login('readonly@example.com'),
      h.login('marco@example.com'),
    ]);
    const em = h.db.orm.em.fork();
    const checkout = await em.findOneOrFail(Incident, { title: DEMO_CHECKOUT_INCIDENT_TITLE });
    const priv = await em.findOneOrFail(Incident, { visibility: 'private' });
    const sam = await em.findOneOrFail(User, { email: 'standard@example.com' });
    const mk = (incident: Incident, title: string) =>
      em.create(Postmortem, {
        incident,
        title,
        destination: 'notebook',
        generationState: 'ready',
        progress: 100,
        requestedBy: sam,
      });
    const a = mk(checkout, 'Checkout learnings');
    const b = mk(priv, 'Private learnings');
    await em.flush();
    pmId = a.id;
    privatePmId = b.id;
    checkoutId = checkout.id;
    privateIncidentId = priv.id;
  });

  afterAll(async () => {
    const redis = new Redis(testConfig().redisUrl);
    await cleanRedisPrefix(redis, `{${h.prefix}}`);
    redis.disconnect();
    await h?.close();
  });

  const base = (id = pmId) => `/postmortems/${id}/contributing-factors`;

  it('creates, lists, updates and deletes factors, each a domain event; readers only read', async () => {
    const created = await h
      .http()
      .post(base())
      .set(auth(t.sam))
      .send({ category: 'monitoring gap', description: 'No alert on checkout error rate' })
      .expect(201);
    // The list's own spelling is stored, whatever the case typed.
    expect(created.body).toMatchObject({
      postmortemId: pmId,
      category: 'Monitoring gap',
      description: 'No alert on checkout error rate',
      createdByName: 'Sam Standard',
    });
    const id = created.body.id as string;
    await h.http().post(base()).set(auth(t.rita)).send({ category: 'Change', description: 'x' }).expect(403);
    const list = await h.http().get(base()).set(auth(t.rita)).expect(200);
    expect(list.body.items.map((f: { id: string }) => f.id)).toEqual([id]);

    const updated = await h
      .http()
      .patch(`${base()}/${id}`)
      .set(auth(t.sam))
      .send({ category: 'Change' })
      .expect(200);
    expect(updated.body).toMatchObject({
      category: 'Change',
      description: 'No alert on checkout error rate',
    });

    await h.http().delete(`${base()}/${id}`).set(auth(t.sam)).expect(204);
    await h.http().delete(`${base()}/${id}`).set(auth(t.sam)).expect(404);
    expect((await h.http().get(base()).set(auth(t.sam)).expect(200)).body.items).toEqual([]);

    const events = await h.db.orm.em
      .fork()
      .find(DomainEvent, { postmortemId: pmId }, { orderBy: { seq: 'asc' } });
    expect(events.map((e) => e.type)).toEqual([
      'postmortem.contributing_factor_added',
      'postmortem.contributing_factor_updated',
      'postmortem.contributing_factor_removed',
    ]);
  });

  it('refuses a category outside the list with CONTRIBUTING_FACTOR_CATEGORY_UNKNOWN; admins edit the list', async () => {
    const bad = await h
      .http()
      .post(base())
      .set(auth(t.sam))
      .send({ category: 'Human error', description: 'Someone typed the wrong thing' })
      .expect(422);
    expect(bad.body.code).toBe('CONTRIBUTING_FACTOR_CATEGORY_UNKNOWN');
    expect(bad.body.details.categories).toContain('Dependency');

    const defaults = (await h.http().get('/contributing-factor-categories').set(auth(t.rita)).expect(200))
      .body.categories as string[];
    expect(defaults).toEqual([
      'Change',
      'Dependency',
      'Capacity',
      'Monitoring gap',
      'Process',
      'Configuration',
      'Testing gap',
    ]);
    await h
      .http()
      .put('/contributing-factor-categories')
      .set(auth(t.sam))
      .send({ categories: ['Vendor'] })
      .expect(403);
    const dup = await h
      .http()
      .put('/contributing-factor-categories')
      .set(auth(t.ada))
      .send({ categories: ['Vendor', 'vendor'] })
      .expect(400);
    expect(dup.body.code).toBe('VALIDATION_FAILED');
    await h
      .http()
      .put('/contributing-factor-categories')
      .set(auth(t.ada))
      .send({ categories: [...defaults, 'Vendor'] })
      .expect(200);
    await h
      .http()
      .post(base())
      .set(auth(t.sam))
      .send({ category: 'Vendor', description: 'Payment provider throttled us' })
      .expect(201);
  });

  it('hides factors of a private incident from outsiders with the same 404 as the postmortem', async () => {
    const factor = await h
      .http()
      .post(base(privatePmId))
      .set(auth(t.marco))
      .send({ category: 'Configuration', description: 'Cache key missed the tenant' })
      .expect(201);
    for (const req of [
      h.http().get(base(privatePmId)),
      h.http().post(base(privatePmId)).send({ category: 'Change', description: 'x' }),
      h
        .http()
        .patch(`${base(privatePmId)}/${factor.body.id}`)
        .send({ description: 'y' }),
      h.http().delete(`${base(privatePmId)}/${factor.body.id}`),
    ]) {
      const res = await req.set(auth(t.sam)).expect(404);
      expect(res.body.code).toBe('POSTMORTEM_NOT_FOUND');
    }
    const outsiderView = await h.http().get(`/postmortems/${privatePmId}`).set(auth(t.sam)).expect(404);
    expect(outsiderView.body.code).toBe('POSTMORTEM_NOT_FOUND');
  });

  it('refuses writes on a Completed postmortem with POSTMORTEM_FROZEN, reads still work', async () => {
    const em = h.db.orm.em.fork();
    const pm = await em.findOneOrFail(Postmortem, { id: pmId });
    const [factor] = (await h.http().get(base()).set(auth(t.sam)).expect(200)).body.items;
    pm.status = 'completed';
    await em.flush();
    try {
      for (const req of [
        h.http().post(base()).send({ category: 'Change', description: 'late' }),
        h.http().patch(`${base()}/${factor.id}`).send({ description: 'late' }),
        h.http().delete(`${base()}/${factor.id}`),
      ]) {
        const res = await req.set(auth(t.sam)).expect(409);
        expect(res.body.code).toBe('POSTMORTEM_FROZEN');
      }
      await h.http().get(base()).set(auth(t.sam)).expect(200);
    } finally {
      pm.status = 'draft';
      await em.flush();
    }
  });

  it('counts the factors in the insights (private ones only for who may see them)', async () => {
    const top = async (tok: string) =>
      (await h.http().get('/insights').set(auth(tok)).expect(200)).body.topContributingFactors as {
        category: string;
        count: number;
      }[];
    await h
      .http()
      .post(base())
      .set(auth(t.sam))
      .send({ category: 'Vendor', description: 'Retries amplified the throttling' })
      .expect(201);
    expect(await top(t.ada)).toEqual(
      expect.arrayContaining([
        { category: 'Vendor', count: 2 },
        { category: 'Configuration', count: 1 },
      ]),
    );
    const sams = await top(t.sam);
    expect(sams).toContainEqual({ category: 'Vendor', count: 2 });
    expect(sams.find((c) => c.category === 'Configuration')).toBeUndefined();
  });

  it('renders the factors and tagged entries through the one render pipeline (template preview)', async () => {
    const em = h.db.orm.em.fork();
    const entry = await em.findOneOrFail(
      TimelineEntry,
      { incident: checkoutId },
      { orderBy: { occurredAt: 'desc' } },
    );
    entry.tags = ['repair'];
    await em.flush();
    const preview = await h
      .http()
      .post('/templates/preview')
      .set(auth(t.sam))
      .send({
        incidentId: checkoutId,
        content:
          '{{ incident.contributing_factors }}\n\n## Repair\n\n{{ incident.timeline | tagged: "repair" }}',
      })
      .expect(200);
    expect(preview.body.errors).toEqual([]);
    expect(preview.body.html).toContain('Vendor');
    expect(preview.body.html).toContain(entry.content.slice(0, 20));
    // The private incident's factor belongs to another incident.
    expect(preview.body.html).not.toContain('Cache key missed the tenant');
  });

  it('tags timeline entries (validated, de-duplicated, a domain event); outsiders of a private incident get 404', async () => {
    const em = h.db.orm.em.fork();
    const entry = await em.findOneOrFail(
      TimelineEntry,
      { incident: checkoutId },
      { orderBy: { occurredAt: 'asc' } },
    );
    const path = `/incidents/${checkoutId}/timeline/${entry.id}/tags`;
    const res = await h
      .http()
      .put(path)
      .set(auth(t.sam))
      .send({ tags: ['repair', 'key_moment', 'repair', 'db-failover'] })
      .expect(200);
    expect(res.body.tags).toEqual(['repair', 'key_moment', 'db-failover']);
    const listed = await h.http().get(`/incidents/${checkoutId}/timeline`).set(auth(t.rita)).expect(200);
    expect(listed.body.items.find((e: { id: string }) => e.id === entry.id).tags).toEqual(res.body.tags);
    await h
      .http()
      .put(path)
      .set(auth(t.rita))
      .send({ tags: ['repair'] })
      .expect(403);
    for (const tags of [
      ['Repair'],
      ['has space'],
      ['x'.repeat(41)],
      Array.from({ length: 11 }, (_, i) => `t${i}`),
    ]) {
      const bad = await h.http().put(path).set(auth(t.sam)).send({ tags }).expect(400);
      expect(bad.body.code).toBe('VALIDATION_FAILED');
    }
    const events = await h.db.orm.em
      .fork()
      .find(DomainEvent, { type: 'timeline.tags_changed', incidentId: checkoutId });
    expect(events).toHaveLength(1);
    expect(events[0]!.after).toEqual({ tags: ['repair', 'key_moment', 'db-failover'] });

    const privEntry = await em.findOneOrFail(
      TimelineEntry,
      { incident: privateIncidentId },
      { orderBy: { occurredAt: 'asc' } },
    );
    const privPath = `/incidents/${privateIncidentId}/timeline/${privEntry.id}/tags`;
    const outsider = await h
      .http()
      .put(privPath)
      .set(auth(t.sam))
      .send({ tags: ['repair'] })
      .expect(404);
    expect(outsider.body.code).toBe('INCIDENT_NOT_FOUND');
    await h
      .http()
      .put(privPath)
      .set(auth(t.marco))
      .send({ tags: ['diagnosis'] })
      .expect(200);
  });
});
