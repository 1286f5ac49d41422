// The plain-SQL reads (`GET /incidents`, `GET /incidents/{id}`, `GET /incidents/{id}/postmortems`; packages/db/src/
// incident-reads.ts and postmortem-reads.ts) answer
// exactly what the entity mappers make of the same rows, on both databases: every field, every incident of the
// demo plus one with every optional part filled (custom fields, tags, impacts, a custom responder type, a deleted
// field definition), for a viewer who sees everything and one who does not see the private incident.
import {
  Impact,
  Incident,
  IncidentField,
  IncidentNotFound,
  loadIncidentContext,
  Postmortem,
  Responder,
  TimelineEntry,
} from '@pm/db';
import { cleanRedisPrefix, testConfig } from '@pm/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  toImpactDto,
  toIncidentDto,
  toResponderDto,
  toTimelineDto,
  visibleFieldValues,
} from '../src/modules/incidents/incident.mapper.js';
import {
  POSTMORTEM_EXCLUDE,
  POSTMORTEM_POPULATE,
  toPostmortemDtos,
  type PostmortemRow,
} from '../src/modules/postmortems/postmortem.mapper.js';
import { startApi, type Harness } from './harness.js';

describe.each(['sqlite', 'postgresql'] as const)('plain-SQL incident reads on %s', (kind) => {
  let h: Harness;
  let admin: string;
  let sam: string;
  const auth = (tok: string) => ({ authorization: `Bearer ${tok}` });

  /** What the entity path answers for one incident (the mappers the rest of the API uses). */
  async function viaEntities(id: string) {
    const em = h.db.orm.em.fork();
    const incident = await em.findOneOrFail(
      Incident,
      { id },
      { populate: ['commander', 'createdBy', 'incidentType'] },
    );
    const [timeline, impacts, responders, fields] = await Promise.all([
      em.find(TimelineEntry, { incident }, { orderBy: { occurredAt: 'asc', createdAt: 'asc' } }),
      em.find(Impact, { incident }, { orderBy: { startAt: 'asc' } }),
      em.find(Responder, { incident }, { populate: ['user', 'customType'], orderBy: { createdAt: 'asc' } }),
      em.find(IncidentField, {}),
    ]);
    return {
      summary: toIncidentDto(incident),
      detail: {
        ...toIncidentDto(incident),
        timeline: timeline.map(toTimelineDto),
        impacts: impacts.map(toImpactDto),
        responders: responders.map(toResponderDto),
        customFields: visibleFieldValues(incident, fields),
      },
    };
  }

  beforeAll(async () => {
    h = await startApi(kind);
    admin = await h.login('admin@example.com');
    sam = await h.login('standard@example.com');
    // One incident with every optional part: custom field values (one of a field deleted later), a tagged
    // timeline note, an open impact, a custom responder type.
    const http = h.http();
    const field = await http
      .post('/incident-fields')
      .set(auth(admin))
      .send({ name: 'team', displayName: 'Team', type: 'text' })
      .expect(201);
    const gone = await http
      .post('/incident-fields')
      .set(auth(admin))
      .send({ name: 'old_field', displayName: 'Old', type: 'text' })
      .expect(201);
    const created = await http
      .post('/incidents')
      .set(auth(admin))
      .send({
        title: 'Search 100% broken_for "quotes" \\ backslash',
        severity: 'SEV-1',
        summary: 'Everything, everywhere',
        customFields: { team: 'search', old_field: 'kept in the row' },
        timeline: [{ content: 'Index rebuilt', important: true }],
      })
      .expect(201);
    const id = created.body.id as string;
    await http.delete(`/incident-fields/${gone.body.id}`).set(auth(admin)).expect(204);
    const entry = created.body.timeline.find((t: { content: string }) => t.content === 'Index rebuilt');
    await http
      .put(`/incidents/${id}/timeline/${entry.id}/tags`)
      .set(auth(admin))
      .send({ tags: ['repair', 'key_moment'] })
      .expect(200);
    await http
      .post(`/incidents/${id}/impacts`)
      .set(auth(admin))
      .send({ description: 'Search down', startAt: new Date(Date.now() - 60_000).toISOString() })
      .expect(201);
    const type = await http
      .post('/responder-types')
      .set(auth(admin))
      .send({ name: 'Scribe', onePerson: false })
      .expect(201);
    const users = await http.get('/users').set(auth(admin)).expect(200);
    const marco = users.body.items.find((u: { handle: string }) => u.handle === 'marco');
    await http
      .post(`/incidents/${id}/responders`)
      .set(auth(admin))
      .send({ userId: marco.id, role: 'custom', customTypeId: type.body.id })
      .expect(201);
    expect(field.body.name).toBe('team');
  });

  afterAll(async () => {
    const redis = new Redis(testConfig().redisUrl);
    await cleanRedisPrefix(redis, `{${h.prefix}}`);
    redis.disconnect();
    await h?.close();
  });

  it('the list answers the entity mapping of every visible incident, newest first, and counts only those', async () => {
    const all = (await h.http().get('/incidents').set(auth(admin)).expect(200)).body;
    expect(all.items.length).toBeGreaterThan(5);
    expect(all.total).toBe(all.items.length);
    for (const item of all.items) expect(item).toEqual((await viaEntities(item.id)).summary);
    const created = all.items.map((i: { createdAt: string }) => i.createdAt);
    expect(created).toEqual([...created].sort().reverse());

    const own = (await h.http().get('/incidents').set(auth(sam)).expect(200)).body;
    const hidden = all.items.filter(
      (i: { id: string }) => !own.items.some((o: { id: string }) => o.id === i.id),
    );
    expect(hidden.map((i: { visibility: string }) => i.visibility)).toEqual(['private']);
    expect(own.total).toBe(all.total - 1);
  });

  it('the detail answers the entity mapping field for field; a hidden incident is a 404 like a missing one', async () => {
    const all = (await h.http().get('/incidents').set(auth(admin)).expect(200)).body;
    for (const { id } of all.items) {
      const got = (await h.http().get(`/incidents/${id}`).set(auth(admin)).expect(200)).body;
      expect(got).toEqual((await viaEntities(id)).detail);
    }
    const rich = all.items.find((i: { title: string }) => i.title.startsWith('Search 100%'));
    const detail = (await h.http().get(`/incidents/${rich.id}`).set(auth(admin)).expect(200)).body;
    expect(detail.customFields).toEqual({ team: 'search' });
    expect(detail.timeline.find((t: { content: string }) => t.content === 'Index rebuilt').tags).toEqual([
      'repair',
      'key_moment',
    ]);
    expect(detail.responders.map((r: { roleName: string }) => r.roleName)).toContain('Scribe');
    expect(detail.impacts[0].endAt).toBeNull();

    const priv = all.items.find((i: { visibility: string }) => i.visibility === 'private');
    const denied = await h.http().get(`/incidents/${priv.id}`).set(auth(sam)).expect(404);
    const missing = await h.http().get(`/incidents/${crypto.randomUUID()}`).set(auth(sam)).expect(404);
    expect(denied.body.code).toBe('INCIDENT_NOT_FOUND');
    expect(missing.body.code).toBe(denied.body.code);
  });

  it('text search matches % _ and \\ literally, and #N finds by number', async () => {
    const find = async (text: string) =>
      (await h.http().get('/incidents').query({ text }).set(auth(admin)).expect(200)).body.items.map(
        (i: { title: string }) => i.title,
      );
    expect(await find('100%')).toEqual(['Search 100% broken_for "quotes" \\ backslash']);
    expect(await find('n_f')).toEqual(['Search 100% broken_for "quotes" \\ backslash']);
    expect(await find('\\ back')).toEqual(['Search 100% broken_for "quotes" \\ backslash']);
    // `_` is not a wildcard: "n_f" must not match "nXf"-like titles, and "%" alone is not "everything".
    expect(await find('1%0')).toEqual([]);
    const one = (await h.http().get('/incidents').set(auth(admin)).expect(200)).body.items[0];
    expect(await find(`#${one.publicId}`)).toContain(one.title);
  });

  it('the postmortem list answers the entity mapping, review summaries and open follow-ups included', async () => {
    const http = h.http();
    const all = (await http.get('/incidents').set(auth(admin)).expect(200)).body;
    const rich = all.items.find((i: { title: string }) => i.title.startsWith('Search 100%'));
    const attach = async (title: string) =>
      (
        await http
          .post(`/incidents/${rich.id}/postmortems/attachments`)
          .set(auth(admin))
          .send({ title, url: `https://wiki.example.com/${encodeURIComponent(title)}` })
          .expect(201)
      ).body;
    const plain = await attach('Plain link');
    const reviewed = await attach('Reviewed link');
    const removed = await attach('Removed link');
    await http.delete(`/incidents/${rich.id}/postmortems/${removed.id}`).set(auth(admin)).expect(204);
    const users = (await http.get('/users').set(auth(admin)).expect(200)).body.items;
    const reviewer = users.find((u: { handle: string }) => u.handle === 'marco');
    await http
      .put(`/postmortems/${reviewed.id}/review-rule`)
      .set(auth(admin))
      .send({ rule: { reviewerIds: [reviewer.id] } })
      .expect(200);
    await http
      .post(`/incidents/${rich.id}/follow-ups`)
      .set(auth(admin))
      .send({ content: 'Alert on index size' })
      .expect(201);

    const expected = async (includeRemoved: boolean) => {
      const em = h.db.orm.em.fork();
      const rows = await em.find(
        Postmortem,
        includeRemoved ? { incident: rich.id } : { incident: rich.id, removedAt: null },
        { populate: POSTMORTEM_POPULATE, exclude: POSTMORTEM_EXCLUDE, orderBy: { createdAt: 'desc' } },
      );
      return toPostmortemDtos(em, rows as PostmortemRow[]);
    };
    const list = (await http.get(`/incidents/${rich.id}/postmortems`).set(auth(admin)).expect(200)).body;
    expect(list.items).toEqual(await expected(false));
    expect(list.items.map((p: { title: string }) => p.title)).toEqual(['Reviewed link', 'Plain link']);
    const byTitle = Object.fromEntries(list.items.map((p: { title: string }) => [p.title, p]));
    expect(byTitle['Reviewed link'].review).toMatchObject({ approvals: 0, needed: 1, met: false });
    expect(byTitle['Plain link'].review).toBeNull();
    expect(byTitle['Plain link'].openFollowUps).toBe(1);
    expect(plain.id).toBe(byTitle['Plain link'].id);

    const withRemoved = (
      await http
        .get(`/incidents/${rich.id}/postmortems`)
        .query({ includeRemoved: 'true' })
        .set(auth(admin))
        .expect(200)
    ).body;
    expect(withRemoved.items).toEqual(await expected(true));
    expect(withRemoved.items).toHaveLength(3);
  });

  it('the render context (plain SQL too) carries what the detail, follow-ups and factors routes answer', async () => {
    // Runs after the postmortem-list test: the rich incident then has live and removed postmortems.
    const http = h.http();
    const all = (await http.get('/incidents').set(auth(admin)).expect(200)).body;
    const rich = all.items.find((i: { title: string }) => i.title.startsWith('Search 100%'));
    const users = (await http.get('/users').set(auth(admin)).expect(200)).body.items;
    const marco = users.find((u: { handle: string }) => u.handle === 'marco');
    await http
      .post(`/incidents/${rich.id}/follow-ups`)
      .set(auth(admin))
      .send({ content: 'Shard the index', assigneeIds: [marco.id], dueDate: '2027-03-01' })
      .expect(201);
    const pms = (await http.get(`/incidents/${rich.id}/postmortems`).set(auth(admin)).expect(200)).body.items;
    const live = pms[0];
    const factor = { category: 'Testing gap', description: 'No load test of the index rebuild' };
    await http.post(`/postmortems/${live.id}/contributing-factors`).set(auth(admin)).send(factor).expect(201);
    const doomed = (
      await http
        .post(`/incidents/${rich.id}/postmortems/attachments`)
        .set(auth(admin))
        .send({ title: 'Doomed', url: 'https://wiki.example.com/doomed' })
        .expect(201)
    ).body;
    await http
      .post(`/postmortems/${doomed.id}/contributing-factors`)
      .set(auth(admin))
      .send({ category: 'Testing gap', description: 'of a removed postmortem' })
      .expect(201);
    await http.delete(`/incidents/${rich.id}/postmortems/${doomed.id}`).set(auth(admin)).expect(204);

    for (const { id } of all.items) {
      const d = (await http.get(`/incidents/${id}`).set(auth(admin)).expect(200)).body;
      const followUps = (await http.get(`/incidents/${id}/follow-ups`).set(auth(admin)).expect(200)).body
        .items;
      const ref = (p: { name: string; email: string; handle: string | null } | null) =>
        p && { name: p.name, email: p.email, handle: p.handle };
      const { ctx, customFieldNames } = await loadIncidentContext(h.db.orm.em.fork(), id, 'Europe/Paris');
      expect(ctx.timeZone).toBe('Europe/Paris');
      expect(customFieldNames).toContain('team');
      expect(customFieldNames).not.toContain('old_field'); // its definition was deleted
      expect(ctx.incident).toEqual({
        id: d.id,
        publicId: d.publicId,
        title: d.title,
        severity: d.severity,
        status: d.status,
        visibility: d.visibility,
        summary: d.summary,
        commander: ref(d.commander),
        createdBy: ref(d.createdBy),
        createdAt: d.createdAt,
        detectedAt: d.detectedAt,
        resolvedAt: d.resolvedAt,
        timeline: d.timeline.map((t: Record<string, unknown>) => ({
          content: t.content,
          important: t.important,
          kind: t.kind,
          authorName: t.authorName,
          occurredAt: t.occurredAt,
          tags: t.tags,
        })),
        impacts: d.impacts.map((x: Record<string, unknown>) => ({
          description: x.description,
          startAt: x.startAt,
          endAt: x.endAt,
        })),
        responders: d.responders.map((r: { user: never; roleName: string }) => ({
          ...ref(r.user)!,
          role: r.roleName,
        })),
        customFields: d.customFields,
        followUps: followUps.map(
          (f: {
            id: string;
            content: string;
            assignees: { name: string }[];
            dueDate: string | null;
            status: string;
          }) => ({
            id: f.id,
            content: f.content,
            assignee: f.assignees.length ? f.assignees.map((a) => a.name).join(', ') : null,
            dueDate: f.dueDate,
            done: f.status === 'done',
          }),
        ),
        contributingFactors: id === rich.id ? [factor] : expect.any(Array),
      });
    }
    const { ctx } = await loadIncidentContext(h.db.orm.em.fork(), rich.id);
    expect(ctx.incident.followUps?.map((f) => f.assignee)).toContain(marco.name);
    await expect(loadIncidentContext(h.db.orm.em.fork(), crypto.randomUUID())).rejects.toBeInstanceOf(
      IncidentNotFound,
    );
  });
});
