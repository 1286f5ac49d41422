// Quality checks through the real API on SQLite and PostgreSQL: an explicit run (results + domain event), the
// per-incident-type configuration, and the gate that refuses In Review while a blocking check fails.
import { jsonToText, jsonToYState, type JSONContent } from '@pm/doc-model';
import {
  createDocument,
  DEMO_CHECKOUT_INCIDENT_TITLE,
  DomainEvent,
  Incident,
  IncidentType,
  Postmortem,
  User,
} from '@pm/db';
import { cleanRedisPrefix, testConfig } from '@pm/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type Harness } from './harness.js';

const LEVELS = {
  impact_quantified: 'warning',
  follow_ups_complete: 'warning',
  timeline_present: 'warning',
  required_sections: 'warning',
  blameless_wording: 'warning',
};

describe.each(['sqlite', 'postgresql'] as const)('quality checks on %s', (kind) => {
  let h: Harness;
  let standard: string;
  let admin: string;
  let typeId: string;
  let pmId: string;
  const auth = (t: string) => ({ authorization: `Bearer ${t}` });

  beforeAll(async () => {
    h = await startApi(kind);
    [standard, admin] = await Promise.all([h.login('standard@example.com'), h.login('admin@example.com')]);
    const em = h.db.orm.em.fork();
    const incident = await em.findOneOrFail(Incident, { title: DEMO_CHECKOUT_INCIDENT_TITLE });
    const type = await em.findOneOrFail(IncidentType, { isDefault: true });
    incident.incidentType = type;
    typeId = type.id;
    // A stored document as collab would keep it (the worker is not part of this harness).
    const json: JSONContent = {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Timeline' }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'Ops failed to page anyone.' }] },
      ],
    };
    const document = createDocument(em, { yState: jsonToYState(json), json, text: jsonToText(json) });
    const pm = em.create(Postmortem, {
      incident,
      title: 'Quality',
      destination: 'notebook',
      generationState: 'ready',
      progress: 100,
      requestedBy: await em.findOneOrFail(User, { email: 'standard@example.com' }),
      document,
    });
    await em.flush();
    pmId = pm.id;
  });

  afterAll(async () => {
    const redis = new Redis(testConfig().redisUrl);
    await cleanRedisPrefix(redis, `{${h.prefix}}`);
    redis.disconnect();
    await h?.close();
  });

  it('runs on demand: warnings with their place, the phrases in force, and a quality_checked event', async () => {
    const { body } = await h
      .http()
      .post(`/postmortems/${pmId}/quality-checks`)
      .set(auth(standard))
      .expect(200);
    expect(body.passed).toBe(true);
    expect(body.blamingPhrases).toContain('failed to');
    const wording = body.results.find((r: { id: string }) => r.id === 'blameless_wording');
    expect(wording).toMatchObject({
      status: 'warn',
      items: [{ location: { kind: 'text', block: 1, from: 4, to: 13 } }],
    });
    const events = await h.db.orm.em.fork().find(DomainEvent, { postmortemId: pmId });
    expect(events.map((e) => e.type)).toEqual(['postmortem.quality_checked']);
  });

  it('refuses In Review with QUALITY_CHECKS_FAILED while a blocking check fails, then allows it', async () => {
    await h
      .http()
      .put(`/incident-types/${typeId}/quality-checks`)
      .set(auth(admin))
      .send({ levels: { ...LEVELS, blameless_wording: 'blocking' }, blamingPhrases: ['failed to', 'a+(b'] })
      .expect(200);
    const refused = await h
      .http()
      .patch(`/postmortems/${pmId}`)
      .set(auth(standard))
      .send({ status: 'in_review' })
      .expect(409);
    expect(refused.body.code).toBe('QUALITY_CHECKS_FAILED');
    expect(refused.body.details.failed.map((r: { id: string }) => r.id)).toEqual(['blameless_wording']);
    expect((await h.http().get(`/postmortems/${pmId}`).set(auth(standard)).expect(200)).body.status).toBe(
      'draft',
    );

    // Warnings never refuse: the same failure as a warning lets the status change through.
    await h
      .http()
      .put(`/incident-types/${typeId}/quality-checks`)
      .set(auth(admin))
      .send({ levels: LEVELS, blamingPhrases: ['careless'] })
      .expect(200);
    await h
      .http()
      .patch(`/postmortems/${pmId}`)
      .set(auth(standard))
      .send({ status: 'in_review' })
      .expect(200);
  });

  it('rejects a malformed configuration with a clear 400', async () => {
    const res = await h
      .http()
      .put(`/incident-types/${typeId}/quality-checks`)
      .set(auth(admin))
      .send({ levels: { ...LEVELS, blameless_wording: 'maybe' }, blamingPhrases: [''] })
      .expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
  });
});
