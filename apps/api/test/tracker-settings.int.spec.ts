import { JobProducer } from '@pm/queue';
import { ConnectedAccount, DEMO_CHECKOUT_INCIDENT_TITLE, FollowUp, Incident, IncidentType } from '@pm/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type Harness } from './harness.js';

describe.each(['sqlite', 'postgresql'] as const)('tracker settings and export requests on %s', (kind) => {
  let h: Harness;
  let admin: string;
  let sam: string;
  let typeId: string;
  let incidentId: string;
  const accounts = { github: '', jira: '' };

  beforeAll(async () => {
    h = await startApi(kind);
    const em = h.db.orm.em.fork();
    const incident = await em.findOneOrFail(Incident, { title: DEMO_CHECKOUT_INCIDENT_TITLE });
    incidentId = incident.id;
    typeId = incident.incidentType?.id ?? (await em.findOneOrFail(IncidentType, { isDefault: true })).id;
    for (const [tracker, accountKind] of [
      ['github', 'github'],
      ['jira', 'jira_dc'],
    ] as const) {
      const row = em.create(ConnectedAccount, {
        kind: accountKind,
        name: `${tracker} settings`,
        publicConfig: {},
        secretSealed: 'v1:none',
      });
      accounts[tracker] = row.id;
    }
    await em.flush();
    admin = await h.login('admin@example.com');
    sam = await h.login('standard@example.com');
  });

  afterAll(() => h?.close());

  const as = (token: string) => ({ authorization: `Bearer ${token}` });
  const job = (id: string) => h.app.get(JobProducer).queue('export').getJob(id);

  it('stores the tracker of an incident type and refuses an account of the wrong kind', async () => {
    const put = (body: object) =>
      h.http().put(`/incident-types/${typeId}/tracker-settings`).set(as(admin)).send(body);
    const wrong = await put({
      kind: 'github',
      accountId: accounts.jira,
      github: { owner: 'octo', repo: 'app' },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.code).toBe('VALIDATION_FAILED');
    await put({
      kind: 'github',
      accountId: accounts.github,
      github: { owner: 'octo', repo: 'app' },
      autoExport: true,
    }).expect(200);
    const read = await h.http().get(`/incident-types/${typeId}/tracker-settings`).set(as(admin)).expect(200);
    expect(read.body).toMatchObject({
      kind: 'github',
      accountId: accounts.github,
      github: { owner: 'octo', repo: 'app', labels: [] },
      jira: null,
      autoExport: true,
    });
    await h.http().get(`/incident-types/${typeId}/tracker-settings`).set(as(sam)).expect(403);
  });

  it('exports new follow-ups automatically, and syncs an edit of an exported one', async () => {
    const created = await h
      .http()
      .post(`/incidents/${incidentId}/follow-ups`)
      .set(as(sam))
      .send({ content: 'Auto exported' })
      .expect(201);
    expect(created.body.tracker).toMatchObject({ kind: 'github', state: 'exporting', key: null });
    expect(await job(`tracker-export-${created.body.id}`)).toBeTruthy();

    // As the worker leaves it once the issue exists.
    await h.db.orm.em
      .fork()
      .nativeUpdate(FollowUp, { id: created.body.id }, { trackerState: 'linked', trackerKey: 'octo/app#1' });
    await h
      .http()
      .patch(`/follow-ups/${created.body.id}`)
      .set(as(sam))
      .send({ dueDate: '2027-01-02' })
      .expect(200);
    expect(await job(`tracker-sync-${created.body.id}`)).toBeFalsy();
    await h.http().patch(`/follow-ups/${created.body.id}`).set(as(sam)).send({ status: 'done' }).expect(200);
    expect(await job(`tracker-sync-${created.body.id}`)).toBeTruthy();
  });

  it('exports on request (202) and says when no tracker is configured (409)', async () => {
    const item = await h
      .http()
      .post(`/incidents/${incidentId}/follow-ups`)
      .set(as(sam))
      .send({ content: 'Export me later' })
      .expect(201);
    await h.db.orm.em.fork().nativeUpdate(FollowUp, { id: item.body.id }, { trackerState: 'failed' });
    const res = await h.http().post(`/follow-ups/${item.body.id}/export`).set(as(sam)).expect(202);
    expect(res.body).toMatchObject({ kind: 'github', state: 'exporting', error: null });

    await h.http().delete(`/incident-types/${typeId}/tracker-settings`).set(as(admin)).expect(204);
    const other = await h
      .http()
      .post(`/incidents/${incidentId}/follow-ups`)
      .set(as(sam))
      .send({ content: 'No tracker' })
      .expect(201);
    expect(other.body.tracker ?? null).toBeNull();
    const refused = await h.http().post(`/follow-ups/${other.body.id}/export`).set(as(sam)).expect(409);
    expect(refused.body.code).toBe('TRACKER_NOT_CONFIGURED');
  });
});
