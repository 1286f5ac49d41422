import { DEMO_CHECKOUT_INCIDENT_TITLE, DomainEvent, Incident, User } from '@pm/db';
import { cleanRedisPrefix, testConfig } from '@pm/testing';
import ICAL from 'ical.js';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addBusinessDays } from '../src/modules/review-process/business-days.js';
import { startApi, type Harness } from './harness.js';

describe.each(['sqlite', 'postgresql'] as const)('review process on %s', (kind) => {
  let h: Harness;
  const t: Record<'admin' | 'sam' | 'rita' | 'marco', string> = {} as never;
  const ids: Record<string, string> = {};
  let checkoutId: string;
  let sev5Id: string;
  const auth = (tok: string) => ({ authorization: `Bearer ${tok}` });

  beforeAll(async () => {
    h = await startApi(kind);
    const emails = { admin: 'admin', sam: 'standard', rita: 'readonly', marco: 'marco' };
    for (const [k, v] of Object.entries(emails)) t[k as keyof typeof t] = await h.login(`${v}@example.com`);
    const users = await h.http().get('/users').set(auth(t.admin)).expect(200);
    for (const u of users.body.items) ids[u.handle] = u.id;
    const all = await h.http().get('/incidents').set(auth(t.admin)).expect(200);
    checkoutId = all.body.items.find((i: { title: string }) => i.title === DEMO_CHECKOUT_INCIDENT_TITLE).id;
    sev5Id = all.body.items.find((i: { severity: string }) => i.severity === 'SEV-5').id;
    // Sam (the checkout incident's commander) works from Tokyo: his steps count business days there.
    const em = h.db.orm.em.fork();
    await em.nativeUpdate(User, { id: ids.sam }, { timeZone: 'Asia/Tokyo' });
  });
  afterAll(async () => {
    const redis = new Redis(testConfig().redisUrl);
    await cleanRedisPrefix(redis, `{${h.prefix}}`);
    redis.disconnect();
    await h?.close();
  });

  const attach = async (tok: string, incidentId: string, title: string) =>
    (
      await h
        .http()
        .post(`/incidents/${incidentId}/postmortems/attachments`)
        .set(auth(tok))
        .send({ title, url: 'https://docs.example.com/pm' })
        .expect(201)
    ).body.id as string;
  const processOf = async (pmId: string, tok = t.rita) =>
    (await h.http().get(`/postmortems/${pmId}/review-process`).set(auth(tok)).expect(200)).body;
  const events = (pmId: string) =>
    h.db.orm.em.fork().find(DomainEvent, { postmortemId: pmId }, { orderBy: { seq: 'asc' } });

  it('gives a SEV-2 postmortem the full, required process with owners from the incident roles and business-day due dates in each owner’s zone', async () => {
    const pmId = await attach(t.marco, checkoutId, 'Checkout review');
    const p = await processOf(pmId);
    expect(p.severity).toBe('SEV-2');
    expect(p.steps.map((s: { key: string }) => s.key)).toEqual([
      'draft_timeline',
      'schedule_review',
      'contributing_factors',
      'agree_follow_ups',
      'publish',
    ]);
    expect(
      p.steps.every((s: { required: boolean; status: string }) => s.required && s.status === 'open'),
    ).toBe(true);
    const incident = await h.db.orm.em.fork().findOneOrFail(Incident, checkoutId);
    const byKey = Object.fromEntries(p.steps.map((s: { key: string }) => [s.key, s]));
    // Postmortem owner = who attached it (Marco, UTC); commander = Sam (Asia/Tokyo).
    expect(byKey.draft_timeline).toMatchObject({
      owner: { handle: 'marco' },
      timeZone: 'UTC',
      dueDate: addBusinessDays(incident.resolvedAt!, 2, 'UTC'),
    });
    expect(byKey.schedule_review).toMatchObject({
      owner: { handle: 'sam' },
      timeZone: 'Asia/Tokyo',
      dueDate: addBusinessDays(incident.resolvedAt!, 3, 'Asia/Tokyo'),
    });
    const due = new Date(byKey.schedule_review.dueAt);
    // The due instant is the end of that day in Tokyo (15:00 UTC).
    expect(due.toISOString()).toBe(`${byKey.schedule_review.dueDate}T15:00:00.000Z`);
    // Applying again changes nothing (idempotent).
    const again = (
      await h.http().post(`/postmortems/${pmId}/review-process/apply`).set(auth(t.sam)).expect(200)
    ).body;
    expect(again.steps.map((s: { id: string }) => s.id)).toEqual(p.steps.map((s: { id: string }) => s.id));
  });

  it('a generated postmortem has its steps at once (same write as the row); a plan that fails never loses the postmortem', async () => {
    const templates = (await h.http().get('/templates').set(auth(t.marco)).expect(200)).body.items;
    const templateId = templates.find((x: { isDefault: boolean }) => x.isDefault).id as string;
    const generate = async () =>
      (
        await h
          .http()
          .post(`/incidents/${checkoutId}/postmortems`)
          .set(auth(t.marco))
          .send({ templateId })
          .expect(202)
      ).body.id as string;
    const withSteps = await processOf(await generate());
    expect(withSteps.steps).toHaveLength(5);
    expect(withSteps.steps.find((s: { key: string }) => s.key === 'schedule_review').owner.handle).toBe(
      'sam',
    );
    // A time zone no calendar knows (written behind the API's validation) makes the due-date computation throw.
    const em = h.db.orm.em.fork();
    await em.nativeUpdate(User, { id: ids.sam }, { timeZone: 'Mars/Olympus' });
    try {
      const pmId = await generate();
      expect((await processOf(pmId)).steps).toEqual([]);
      const list = (await h.http().get(`/incidents/${checkoutId}/postmortems`).set(auth(t.marco)).expect(200))
        .body.items;
      expect(list.map((x: { id: string }) => x.id)).toContain(pmId);
    } finally {
      await em.nativeUpdate(User, { id: ids.sam }, { timeZone: 'Asia/Tokyo' });
    }
  });

  it('refuses to skip a required step with a stable code; marks it done with who/when, an event and a timeline entry', async () => {
    const pmId = await attach(t.marco, checkoutId, 'Checkout review 2');
    const step = (await processOf(pmId)).steps[0];
    const refused = await h
      .http()
      .patch(`/postmortems/${pmId}/review-steps/${step.id}`)
      .set(auth(t.sam))
      .send({ status: 'skipped' })
      .expect(409);
    expect(refused.body.code).toBe('REVIEW_STEP_REQUIRED');
    await h
      .http()
      .patch(`/postmortems/${pmId}/review-steps/${step.id}`)
      .set(auth(t.rita))
      .send({ status: 'done' })
      .expect(403);
    const done = await h
      .http()
      .patch(`/postmortems/${pmId}/review-steps/${step.id}`)
      .set(auth(t.sam))
      .send({ status: 'done' })
      .expect(200);
    const s = done.body.steps[0];
    expect(s).toMatchObject({ status: 'done', changedBy: { handle: 'sam' } });
    expect(Date.parse(s.changedAt)).toBeGreaterThan(Date.now() - 60_000);
    const ev = (await events(pmId)).filter((e) => e.type === 'postmortem.review_step_changed');
    expect(ev).toHaveLength(1);
    expect(ev[0]).toMatchObject({ actorId: ids.sam, before: { status: 'open' }, after: { status: 'done' } });
    const tl = await h.http().get(`/incidents/${checkoutId}/timeline`).set(auth(t.admin)).expect(200);
    expect(tl.body.items.map((e: { content: string }) => e.content)).toContain(
      'Review step "Draft the timeline" of "Checkout review 2" done',
    );
    await h
      .http()
      .patch(`/postmortems/${pmId}/review-steps/00000000-0000-4000-8000-000000000000`)
      .set(auth(t.sam))
      .send({ status: 'done' })
      .expect(404);
  });

  it('schedules the review: an RFC 5545 invite to the responders, sent as a notify event, downloadable, stable UID', async () => {
    const pmId = await attach(t.marco, checkoutId, 'Checkout review 3');
    await h.http().get(`/postmortems/${pmId}/review-meeting.ics`).set(auth(t.sam)).expect(404);
    const r = await h
      .http()
      .post(`/postmortems/${pmId}/review-meeting`)
      .set(auth(t.sam))
      .set('origin', 'http://127.0.0.1:4173')
      .send({ startAt: '2026-12-03T14:00:00Z', durationMinutes: 45, location: 'Room 4, floor 2' })
      .expect(200);
    expect(r.body.meeting).toMatchObject({
      startAt: '2026-12-03T14:00:00.000Z',
      endAt: '2026-12-03T14:45:00.000Z',
    });
    expect(r.body.steps.find((s: { key: string }) => s.key === 'schedule_review').status).toBe('done');
    const ics = await h
      .http()
      .get(`/postmortems/${pmId}/review-meeting.ics`)
      .set(auth(t.rita))
      .buffer(true)
      .parse((res, cb) => {
        let d = '';
        res.on('data', (c: Buffer) => (d += c.toString('utf8')));
        res.on('end', () => cb(null, d));
      })
      .expect(200);
    expect(ics.headers['content-type']).toMatch(/^text\/calendar/);
    expect(ics.headers['content-disposition']).toMatch(/attachment; filename="postmortem-review-\d+\.ics"/);
    const text = ics.body as string;
    expect(text).toMatch(/\r\n$/);
    const cal = new ICAL.Component(ICAL.parse(text));
    expect(cal.getFirstPropertyValue('method')).toBe('REQUEST');
    const ev = new ICAL.Event(cal.getFirstSubcomponent('vevent')!);
    expect(ev.startDate.toJSDate().toISOString()).toBe('2026-12-03T14:00:00.000Z');
    expect(ev.summary).toBe(`Postmortem review: ${DEMO_CHECKOUT_INCIDENT_TITLE}`);
    expect(ev.location).toBe('Room 4, floor 2');
    expect(ev.description).toContain(`http://127.0.0.1:4173/incidents/`);
    expect(ev.description).toContain(`/post-incident/${pmId}`);
    const incident = await h.db.orm.em.fork().findOneOrFail(Incident, checkoutId);
    const responders = await h.db.orm.em.fork().find(User, { id: { $in: incident.responderIds } });
    expect(ev.attendees.map((a) => a.getFirstValue()).sort()).toEqual(
      responders.map((u) => `mailto:${u.email}`).sort(),
    );
    const scheduled = (await events(pmId)).filter((e) => e.type === 'postmortem.review_meeting_scheduled');
    expect(scheduled).toHaveLength(1);
    expect(scheduled[0]!.notify!.userIds.sort()).toEqual([...incident.responderIds].sort());
    expect(scheduled[0]!.notify!.ics).toContain('BEGIN:VCALENDAR');
    expect(scheduled[0]!.notify!.link).toBe(`/incidents/${incident.publicId}/post-incident/${pmId}`);
    // Moving it keeps the UID and bumps SEQUENCE, so calendars update the same event.
    const moved = await h
      .http()
      .post(`/postmortems/${pmId}/review-meeting`)
      .set(auth(t.sam))
      .send({ startAt: '2026-12-04T09:00:00Z', durationMinutes: 30 })
      .expect(200);
    expect(moved.body.meeting).toMatchObject({ sequence: 1, uid: ev.uid, location: null });
    await h
      .http()
      .post(`/postmortems/${pmId}/review-meeting`)
      .set(auth(t.sam))
      .send({ startAt: 'tomorrow', durationMinutes: 30 })
      .expect(400);
  });

  it('gives a SEV-5 incident no steps by default; a custom definition applies and lets optional steps be skipped', async () => {
    const pmId = await attach(t.marco, sev5Id, 'Minor');
    expect((await processOf(pmId)).steps).toEqual([]);
    const defs = (await h.http().get('/review-process-definitions').set(auth(t.sam)).expect(200)).body.items;
    const type = defs[0];
    expect(type.customized).toBe(false);
    const steps = [
      ...type.steps,
      {
        key: 'share_learnings',
        name: 'Share learnings',
        ownerRole: 'postmortem_owner',
        dueBusinessDays: 1,
        appliesTo: ['SEV-5'],
        requiredFor: [],
      },
    ];
    await h
      .http()
      .put(`/review-process-definitions/${type.incidentTypeId}`)
      .set(auth(t.sam))
      .send({ steps })
      .expect(403);
    await h
      .http()
      .put(`/review-process-definitions/${type.incidentTypeId}`)
      .set(auth(t.admin))
      .send({ steps: [...steps, steps[0]] })
      .expect(400);
    const put = await h
      .http()
      .put(`/review-process-definitions/${type.incidentTypeId}`)
      .set(auth(t.admin))
      .send({ steps })
      .expect(200);
    expect(put.body.customized).toBe(true);
    const applied = (
      await h.http().post(`/postmortems/${pmId}/review-process/apply`).set(auth(t.marco)).expect(200)
    ).body;
    expect(applied.steps).toMatchObject([{ key: 'share_learnings', required: false }]);
    const skipped = await h
      .http()
      .patch(`/postmortems/${pmId}/review-steps/${applied.steps[0].id}`)
      .set(auth(t.marco))
      .send({ status: 'skipped' })
      .expect(200);
    expect(skipped.body.steps[0].status).toBe('skipped');
  });
});
