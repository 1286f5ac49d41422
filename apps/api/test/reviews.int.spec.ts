// Required reviewers and approvals, stale approvals and the Completed freeze, through the real API on SQLite and
// PostgreSQL. Edits are made through the document store collab uses (storeDocumentState), so `version` moves as
// it does in production.
import {
  createDocument,
  DEMO_CHECKOUT_INCIDENT_TITLE,
  DomainEvent,
  Incident,
  IncidentType,
  Postmortem,
  storeDocumentState,
  TimelineEntry,
  User,
} from '@pm/db';
import { cleanRedisPrefix, testConfig } from '@pm/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startApi, type Harness } from './harness.js';

describe.each(['sqlite', 'postgresql'] as const)('reviews on %s', (kind) => {
  let h: Harness;
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};
  let incidentId: string;
  let typeId: string;
  const auth = (who: string) => ({ authorization: `Bearer ${tokens[who]}` });

  beforeAll(async () => {
    h = await startApi(kind);
    for (const who of ['admin', 'standard', 'readonly', 'priya', 'marco', 'lena'])
      tokens[who] = await h.login(`${who}@example.com`);
    const em = h.db.orm.em.fork();
    for (const u of await em.find(User, {})) ids[u.email.split('@')[0]!] = u.id;
    incidentId = (await em.findOneOrFail(Incident, { title: DEMO_CHECKOUT_INCIDENT_TITLE })).id;
    typeId = (await em.findOneOrFail(IncidentType, { isDefault: true })).id;
  });

  afterAll(async () => {
    const redis = new Redis(testConfig().redisUrl);
    await cleanRedisPrefix(redis, `{${h.prefix}}`);
    redis.disconnect();
    await h?.close();
  });

  beforeEach(async () => {
    // Each test sets its own rule on the default type.
    await h
      .http()
      .put(`/incident-types/${typeId}/review-rule`)
      .set(auth('admin'))
      .send({ reviewerIds: [] })
      .expect(200);
  });

  /** A notebook postmortem owned by Sam with a stored document (as the worker leaves it). */
  async function notebook(incident = incidentId): Promise<{ id: string; documentId: string }> {
    const em = h.db.orm.em.fork();
    const doc = createDocument(em, { yState: new Uint8Array([0, 0]), json: { type: 'doc' }, text: '' });
    const sam = em.getReference(User, ids.standard!);
    const pm = em.create(Postmortem, {
      incident: em.getReference(Incident, incident),
      title: `Review me ${Math.random().toString(36).slice(2, 8)}`,
      destination: 'notebook',
      generationState: 'ready',
      progress: 100,
      requestedBy: sam,
      owner: sam,
      document: doc,
    });
    await em.flush();
    return { id: pm.id, documentId: doc.id };
  }
  const edit = (documentId: string) =>
    storeDocumentState(h.db.orm.em, documentId, {
      yState: new Uint8Array([0, 0]),
      json: { type: 'doc' },
      text: 'edited',
      editor: { id: ids.standard!, name: 'Sam Standard' },
    });
  const setTypeRule = (rule: object) =>
    h.http().put(`/incident-types/${typeId}/review-rule`).set(auth('admin')).send(rule).expect(200);
  const patch = (who: string, id: string, body: object) =>
    h.http().patch(`/postmortems/${id}`).set(auth(who)).send(body);
  const decide = (who: string, id: string, decision: string, comment = '') =>
    h.http().post(`/postmortems/${id}/review/decisions`).set(auth(who)).send({ decision, comment });
  const events = async (postmortemId: string) =>
    (await h.db.orm.em.fork().find(DomainEvent, { postmortemId }, { orderBy: { seq: 'asc' } })).map((e) => e);
  const timeline = async () =>
    (
      await h.db.orm.em
        .fork()
        .find(TimelineEntry, { incident: incidentId }, { orderBy: { createdAt: 'asc' } })
    ).map((e) => `${e.authorName}: ${e.content}`);

  it('refuses Completed until the reviewers approve, then freezes the postmortem until a recorded reopen', async () => {
    await setTypeRule({ reviewerIds: [ids.priya, ids.marco] });
    const pm = await notebook();
    await patch('standard', pm.id, { status: 'in_review' }).expect(200);
    const requested = (await events(pm.id)).find((e) => e.type === 'postmortem.review_requested')!;
    expect(requested.notify).toMatchObject({
      userIds: [ids.priya, ids.marco],
      link: expect.stringContaining(pm.id),
    });
    expect(
      (await timeline()).some((t) => t.includes('review requested from Priya Natarajan, Marco Silva')),
    ).toBe(true);

    const refused = await patch('standard', pm.id, { status: 'completed' }).expect(409);
    expect(refused.body.code).toBe('REVIEW_INCOMPLETE');
    expect(refused.body.details).toMatchObject({
      approvalsNeeded: 2,
      approvalsHave: 0,
      missing: [
        { userId: ids.priya, name: 'Priya Natarajan' },
        { userId: ids.marco, name: 'Marco Silva' },
      ],
    });
    expect(refused.body.message).toContain('Priya Natarajan, Marco Silva');

    const afterOne = await decide('priya', pm.id, 'approved', 'LGTM').expect(200);
    expect(afterOne.body).toMatchObject({
      approvals: 1,
      needed: 2,
      met: false,
      missing: [{ name: 'Marco Silva' }],
    });
    const stillRefused = await patch('standard', pm.id, { status: 'completed' }).expect(409);
    expect(stillRefused.body.details.missing).toEqual([{ userId: ids.marco, name: 'Marco Silva' }]);
    const list = await h.http().get(`/incidents/${incidentId}/postmortems`).set(auth('standard')).expect(200);
    expect(list.body.items.find((p: { id: string }) => p.id === pm.id).review).toMatchObject({
      approvals: 1,
      needed: 2,
      missing: ['Marco Silva'],
    });

    await decide('marco', pm.id, 'approved').expect(200);
    const done = await patch('standard', pm.id, { status: 'completed' }).expect(200);
    expect(done.body.status).toBe('completed');

    // Frozen: read-only collab grants for everyone (even admins), no renames, no decisions, no version restore.
    const grant = await h.http().post(`/postmortems/${pm.id}/collab-token`).set(auth('admin')).expect(200);
    expect(grant.body.readOnly).toBe(true);
    expect((await patch('admin', pm.id, { title: 'Renamed' }).expect(409)).body.code).toBe(
      'POSTMORTEM_FROZEN',
    );
    expect((await decide('priya', pm.id, 'changes_requested', 'x').expect(409)).body.code).toBe(
      'POSTMORTEM_FROZEN',
    );
    const ruleChange = await h
      .http()
      .put(`/postmortems/${pm.id}/review-rule`)
      .set(auth('standard'))
      .send({ rule: { reviewerIds: [] } })
      .expect(409);
    expect(ruleChange.body.code).toBe('POSTMORTEM_FROZEN');

    // Reopen: Incidents Write only, recorded.
    expect((await patch('readonly', pm.id, { status: 'draft' })).status).toBe(403);
    await patch('admin', pm.id, { status: 'in_review' }).expect(200);
    const reopened = (await events(pm.id)).find((e) => e.type === 'postmortem.reopened')!;
    expect(reopened).toMatchObject({
      actorId: ids.admin,
      before: { status: 'completed' },
      after: { status: 'in_review' },
    });
    const writable = await h.http().post(`/postmortems/${pm.id}/collab-token`).set(auth('admin')).expect(200);
    expect(writable.body.readOnly).toBe(false);
    const types = (await events(pm.id)).map((e) => e.type);
    expect(types.filter((t) => t === 'postmortem.approved')).toHaveLength(2);
  });

  it('answers each bad decision with its own code', async () => {
    await setTypeRule({ reviewerIds: [ids.standard, ids.priya], minApprovals: 1 });
    const pm = await notebook();
    expect((await decide('priya', pm.id, 'approved').expect(409)).body.code).toBe('REVIEW_NOT_OPEN');
    await patch('standard', pm.id, { status: 'in_review' }).expect(200);
    expect((await decide('lena', pm.id, 'approved').expect(403)).body.code).toBe('NOT_A_REVIEWER');
    expect((await decide('standard', pm.id, 'approved').expect(403)).body.code).toBe('REVIEW_SELF_APPROVAL');
    expect((await decide('priya', pm.id, 'changes_requested').expect(400)).body.code).toBe(
      'VALIDATION_FAILED',
    );
    const changes = await decide('priya', pm.id, 'changes_requested', 'Add the timeline').expect(200);
    expect(changes.body.met).toBe(false);
    const asked = (await events(pm.id)).find((e) => e.type === 'postmortem.changes_requested')!;
    expect(asked.notify).toMatchObject({ userIds: [ids.standard] });
    const { title } = await h.db.orm.em.fork().findOneOrFail(Postmortem, pm.id);
    expect(await timeline()).toContain(
      `Priya Natarajan: Postmortem "${title}": changes requested — Add the timeline`,
    );
    await decide('priya', pm.id, 'approved').expect(200);
    expect((await decide('priya', pm.id, 'approved').expect(409)).body.code).toBe('REVIEW_ALREADY_DECIDED');
    // One approval of two reviewers is enough here.
    await patch('standard', pm.id, { status: 'completed' }).expect(200);
  });

  it('lets the owner approve when the rule allows self-approval', async () => {
    await setTypeRule({ reviewerIds: [ids.standard], allowSelfApproval: true });
    const pm = await notebook();
    await patch('standard', pm.id, { status: 'in_review' }).expect(200);
    await decide('standard', pm.id, 'approved').expect(200);
    await patch('standard', pm.id, { status: 'completed' }).expect(200);
  });

  it('marks an approval stale after an edit of the document, once, and counts it again when renewed', async () => {
    await setTypeRule({ reviewerIds: [ids.priya] });
    const pm = await notebook();
    await patch('standard', pm.id, { status: 'in_review' }).expect(200);
    await decide('priya', pm.id, 'approved').expect(200);
    await edit(pm.documentId);
    const state = await h.http().get(`/postmortems/${pm.id}/review`).set(auth('standard')).expect(200);
    expect(state.body).toMatchObject({
      approvals: 0,
      met: false,
      reviewers: [{ decision: 'approved', stale: true }],
    });
    await h.http().get(`/postmortems/${pm.id}/review`).set(auth('standard')).expect(200);
    expect((await events(pm.id)).filter((e) => e.type === 'postmortem.approvals_stale')).toHaveLength(1);
    expect((await patch('standard', pm.id, { status: 'completed' }).expect(409)).body.details.stale).toEqual([
      ids.priya,
    ]);
    await decide('priya', pm.id, 'approved').expect(200);
    await patch('standard', pm.id, { status: 'completed' }).expect(200);
  });

  it('keeps approvals after edits when the rule says so, and a postmortem overrides its type', async () => {
    await setTypeRule({ reviewerIds: [ids.priya] });
    const pm = await notebook();
    const own = await h
      .http()
      .put(`/postmortems/${pm.id}/review-rule`)
      .set(auth('standard'))
      .send({ rule: { reviewerIds: [ids.marco], staleOnEdit: false } })
      .expect(200);
    expect(own.body).toMatchObject({
      source: 'postmortem',
      reviewers: [{ name: 'Marco Silva', decision: 'pending' }],
    });
    expect((await events(pm.id)).some((e) => e.type === 'postmortem.reviewers_changed')).toBe(true);
    await patch('standard', pm.id, { status: 'in_review' }).expect(200);
    await decide('marco', pm.id, 'approved').expect(200);
    await edit(pm.documentId);
    expect((await h.http().get(`/postmortems/${pm.id}/review`).set(auth('standard'))).body.met).toBe(true);
    const back = await h
      .http()
      .put(`/postmortems/${pm.id}/review-rule`)
      .set(auth('standard'))
      .send({ rule: null })
      .expect(200);
    expect(back.body).toMatchObject({ source: 'incident_type', missing: [{ name: 'Priya Natarajan' }] });
  });

  it('drops a reviewer removed from a private incident, whose decisions then get 404', async () => {
    await setTypeRule({ reviewerIds: [ids.priya, ids.marco] });
    const em = h.db.orm.em.fork();
    const base = await em.findOneOrFail(Incident, incidentId);
    const priv = em.create(Incident, {
      publicId: 900000 + Math.floor(Math.random() * 99999),
      title: 'Private review',
      status: base.status,
      severity: base.severity,
      visibility: 'private',
      detectedAt: new Date(),
      createdBy: em.getReference(User, ids.standard!),
      responderIds: [ids.standard!, ids.priya!, ids.marco!],
    } as never);
    await em.flush();
    const pm = await notebook(priv.id);
    await patch('standard', pm.id, { status: 'in_review' }).expect(200);
    priv.responderIds = [ids.standard!, ids.priya!];
    await em.flush();
    const state = await h.http().get(`/postmortems/${pm.id}/review`).set(auth('standard')).expect(200);
    expect(state.body.reviewers.map((r: { name: string }) => r.name)).toEqual(['Priya Natarajan']);
    expect((await decide('marco', pm.id, 'approved').expect(404)).body.code).toBe('POSTMORTEM_NOT_FOUND');
    await decide('priya', pm.id, 'approved').expect(200);
    await patch('standard', pm.id, { status: 'completed' }).expect(200);
  });

  it('validates rules: unknown users, more approvals than reviewers, duplicates', async () => {
    const put = (body: object) =>
      h.http().put(`/incident-types/${typeId}/review-rule`).set(auth('admin')).send(body);
    expect((await put({ reviewerIds: ['00000000-0000-4000-8000-000000000000'] })).body.code).toBe(
      'USER_NOT_FOUND',
    );
    expect((await put({ reviewerIds: [ids.priya], minApprovals: 2 })).status).toBe(400);
    expect((await put({ reviewerIds: [ids.priya, ids.priya] })).status).toBe(400);
    expect(
      (
        await h
          .http()
          .put(`/incident-types/${typeId}/review-rule`)
          .set(auth('standard'))
          .send({ reviewerIds: [] })
      ).status,
    ).toBe(403);
  });
});
