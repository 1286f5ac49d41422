import { randomUUID } from 'node:crypto';
import { DEMO_CHECKOUT_INCIDENT_TITLE, DEFAULT_TEMPLATE_NAME, IncidentType, SEED_TEMPLATES } from '@pm/db';
import { cleanRedisPrefix, testConfig } from '@pm/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type Harness } from './harness.js';

/** Template management: CRUD, save-time validation, defaults per incident type, scoping (numbers in test names are acceptance-statement ids). */
describe.each(['sqlite', 'postgresql'] as const)('templates API on %s', (kind) => {
  let h: Harness;
  let admin: string;
  let standard: string;
  let readonly: string;
  const auth = (t: string) => ({ authorization: `Bearer ${t}` });
  /** A fresh incident type (templates store its id). */
  const type = async (s: string) => {
    const em = h.db.orm.em.fork();
    const t = em.create(IncidentType, { name: `${s}-${randomUUID().slice(0, 8)}` });
    await em.flush();
    return t.id;
  };
  const create = (body: Record<string, unknown>, token = admin) =>
    h.http().post('/templates').set(auth(token)).send(body);
  const list = async (query: string) =>
    (await h.http().get(`/templates?${query}`).set(auth(readonly)).expect(200)).body.items as Array<{
      id: string;
      name: string;
      isDefault: boolean;
      modifiedAt: string;
    }>;

  beforeAll(async () => {
    h = await startApi(kind);
    [admin, standard, readonly] = await Promise.all([
      h.login('admin@example.com'),
      h.login('standard@example.com'),
      h.login('readonly@example.com'),
    ]);
  });

  afterAll(async () => {
    const redis = new Redis(testConfig().redisUrl);
    await cleanRedisPrefix(redis, `{${h.prefix}}`);
    redis.disconnect();
    await h?.close();
  });

  it('6.1#1 saves a new template with destination notebook by default, modifier and timestamps', async () => {
    const res = await create({
      name: 'Basic',
      incidentType: await type('t'),
      content: '# {{incident.title}}',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: 'Basic',
      destination: 'notebook',
      confluence: null,
      googleDocs: null,
      isDefault: false,
      defaultAt: null,
      lastModifiedBy: { name: 'Ada Admin' },
    });
    expect(res.body.createdAt).toBe(res.body.modifiedAt);
  });

  it('stores the incident type as an IncidentType id and rejects unknown ones', async () => {
    const bad = await create({ name: 'T', incidentType: 'no-such-type', content: 'x' }).expect(400);
    expect(bad.body.details.issues[0].path).toBe('incidentType');
    await create({ name: 'T', incidentType: randomUUID(), content: 'x' }).expect(400);
  });

  it('6.1#2 rejects a create request without name with 400', async () => {
    const res = await create({ content: 'x' }).expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details.issues.map((i: { path: string }) => i.path)).toContain('name');
  });

  it('6.1#3 #4 #6 rejects confluence / google_docs without their settings', async () => {
    const c = await create({ name: 'C', content: 'x', destination: 'confluence' }).expect(400);
    expect(c.body.details.issues[0].path).toBe('confluence');
    const g = await create({ name: 'G', content: 'x', destination: 'google_docs' }).expect(400);
    expect(g.body.details.issues[0].path).toBe('googleDocs');
    const noFolder = await create({
      name: 'G',
      content: 'x',
      destination: 'google_docs',
      googleDocs: { accountId: randomUUID() },
    }).expect(400);
    expect(noFolder.body.details.issues[0].path).toBe('googleDocs.folderId');
  });

  /** A connected account (public IP literals: nothing is contacted when saving). */
  const account = async (body: Record<string, unknown>): Promise<string> =>
    (
      await h
        .http()
        .post('/connected-accounts')
        .set(auth(admin))
        .send({ name: `Account ${randomUUID()}`, ...body })
        .expect(201)
    ).body.id;
  const confluenceAccount = () =>
    account({ kind: 'confluence_dc', baseUrl: 'https://1.1.1.1/wiki', personalAccessToken: 'pat' });
  const googleAccount = () =>
    account({ kind: 'google_oauth', clientId: 'client', clientSecret: 'secret', refreshToken: '1//refresh' });

  it('6.1#7 #8 saves a Confluence / Google Docs location only with an existing account of that kind', async () => {
    const missing = randomUUID();
    const noAccount = await create({
      name: 'C',
      content: 'x',
      destination: 'confluence',
      confluence: { accountId: missing, spaceKey: 'ENG' },
    }).expect(422);
    expect(noAccount.body).toMatchObject({
      code: 'TEMPLATE_ACCOUNT_INVALID',
      details: { field: 'confluence.accountId', accountId: missing, reason: 'missing' },
    });
    const github = await account({ kind: 'github', token: 'ghp_x', apiUrl: 'https://1.1.1.1' });
    const wrongKind = await create({
      name: 'G',
      content: 'x',
      destination: 'google_docs',
      googleDocs: { accountId: github, folderId: '1AbCdEfGhIjK' },
    }).expect(422);
    expect(wrongKind.body.details).toMatchObject({ field: 'googleDocs.accountId', reason: 'wrong_kind' });
    const confluence = await confluenceAccount();
    const wrongForDrive = await create({
      name: 'G',
      content: 'x',
      destination: 'google_docs',
      googleDocs: { accountId: confluence, folderId: '1AbCdEfGhIjK' },
    }).expect(422);
    expect(wrongForDrive.body.code).toBe('TEMPLATE_ACCOUNT_INVALID');
    // switching an existing notebook template to a location without an account is refused as well
    const nb = (await create({ name: 'N', content: 'x' }).expect(201)).body;
    const patched = await h
      .http()
      .patch(`/templates/${nb.id}`)
      .set(auth(admin))
      .send({ destination: 'confluence', confluence: { accountId: missing, spaceKey: 'ENG' } })
      .expect(422);
    expect(patched.body.code).toBe('TEMPLATE_ACCOUNT_INVALID');
  });

  it('6.1#5 requires confluence account and space key; the parent page may be omitted or null', async () => {
    const accountId = await confluenceAccount();
    const googleAccountId = await googleAccount();
    await create({
      name: 'C',
      content: 'x',
      destination: 'confluence',
      confluence: { spaceKey: 'ENG' },
    }).expect(400);
    await create({ name: 'C', content: 'x', destination: 'confluence', confluence: { accountId } }).expect(
      400,
    );
    const ok = await create({
      name: 'C',
      content: 'x',
      destination: 'confluence',
      confluence: { accountId, spaceKey: 'ENG', parentPageId: null },
    }).expect(201);
    expect(ok.body.confluence).toEqual({ accountId, spaceKey: 'ENG', parentPageId: null });
    const withParent = await create({
      name: 'C2',
      content: 'x',
      destination: 'confluence',
      confluence: { accountId, spaceKey: 'ENG', parentPageId: '393217' },
    }).expect(201);
    expect(withParent.body.confluence.parentPageId).toBe('393217');
    const drive = await create({
      name: 'G',
      content: 'x',
      destination: 'google_docs',
      googleDocs: { accountId: googleAccountId, folderId: '1AbCdEfGhIjK' },
    }).expect(201);
    expect(drive.body.googleDocs).toEqual({ accountId: googleAccountId, folderId: '1AbCdEfGhIjK' });
  });

  it('6.1#10 #11 #12 #151: the most recent default wins per incident type; unsetting falls back', async () => {
    const x = await type('x');
    const y = await type('y');
    const a = (await create({ name: 'A', incidentType: x, content: 'a', isDefault: true }).expect(201)).body;
    const b = (await create({ name: 'B', incidentType: x, content: 'b' }).expect(201)).body;
    const other = (await create({ name: 'Y', incidentType: y, content: 'y', isDefault: true }).expect(201))
      .body;
    await h.http().patch(`/templates/${b.id}`).set(auth(admin)).send({ isDefault: true }).expect(200);
    let xs = await list(`incidentType=${x}`);
    expect(xs.find((t) => t.isDefault)?.name).toBe('B'); // #10
    expect((await list(`incidentType=${y}`)).find((t) => t.isDefault)?.id).toBe(other.id); // #12
    await h.http().patch(`/templates/${b.id}`).set(auth(admin)).send({ isDefault: null }).expect(200);
    xs = await list(`incidentType=${x}`);
    expect(xs.find((t) => t.isDefault)?.id).toBe(a.id); // #11: next most recent
    await h.http().patch(`/templates/${a.id}`).set(auth(admin)).send({ isDefault: false }).expect(200);
    expect((await list(`incidentType=${x}`)).some((t) => t.isDefault)).toBe(false); // "or none"
    // An explicit timestamp (API/IaC) is honoured: the later one wins even when set first.
    await h.http().patch(`/templates/${a.id}`).set(auth(admin)).send({ isDefault: '2030-01-01T00:00:00Z' });
    await h.http().patch(`/templates/${b.id}`).set(auth(admin)).send({ isDefault: '2029-01-01T00:00:00Z' });
    expect((await list(`incidentType=${x}`)).find((t) => t.isDefault)?.id).toBe(a.id);
  });

  it('6.1#13 rejects changing the incident type of an existing template', async () => {
    const t = (await create({ name: 'T', incidentType: await type('a'), content: 'x' }).expect(201)).body;
    const res = await h
      .http()
      .patch(`/templates/${t.id}`)
      .set(auth(admin))
      .send({ incidentType: 'something-else' })
      .expect(400);
    expect(res.body.details.issues[0].path).toBe('incidentType');
    await h
      .http()
      .patch(`/templates/${t.id}`)
      .set(auth(admin))
      .send({ incidentType: t.incidentType })
      .expect(200);
  });

  it('6.1#14 #150 filters by incident type (incidentType or filter[incident-type])', async () => {
    const x = await type('f');
    await create({ name: 'F1', incidentType: x, content: 'x' }).expect(201);
    await create({ name: 'F2', incidentType: x, content: 'x' }).expect(201);
    await create({ name: 'Other', incidentType: await type('g'), content: 'x' }).expect(201);
    expect((await list(`incidentType=${x}`)).map((t) => t.name).sort()).toEqual(['F1', 'F2']);
    expect((await list(`filter[incident-type]=${x}`)).map((t) => t.name).sort()).toEqual(['F1', 'F2']);
  });

  it('6.1#15 sorts by an attribute, descending with "-"', async () => {
    const x = await type('s');
    for (const name of ['b', 'c', 'a']) await create({ name, incidentType: x, content: 'x' }).expect(201);
    expect((await list(`incidentType=${x}&sort=name`)).map((t) => t.name)).toEqual(['a', 'b', 'c']);
    expect((await list(`incidentType=${x}&sort=-name`)).map((t) => t.name)).toEqual(['c', 'b', 'a']);
    const byModified = await list(`incidentType=${x}&sort=-modifiedAt`);
    expect(byModified.map((t) => t.modifiedAt)).toEqual(
      byModified
        .map((t) => t.modifiedAt)
        .sort()
        .reverse(),
    );
    await h.http().get('/templates?sort=-password').set(auth(readonly)).expect(400);
  });

  it('6.1#16 an update changes modifiedAt and the last modifier, not createdAt', async () => {
    const t = (await create({ name: 'M', content: 'x' }).expect(201)).body;
    await new Promise((r) => setTimeout(r, 15));
    // Give standard users nothing: only templates_manage may edit, so use a second admin session.
    const res = await h
      .http()
      .patch(`/templates/${t.id}`)
      .set(auth(admin))
      .send({ content: 'y' })
      .expect(200);
    expect(res.body.createdAt).toBe(t.createdAt);
    expect(Date.parse(res.body.modifiedAt)).toBeGreaterThan(Date.parse(t.modifiedAt));
    expect(res.body.lastModifiedBy.name).toBe('Ada Admin');
    expect(res.body.content).toBe('y');
  });

  it('6.1#17 #18 DELETE answers 204, then GET 404, and postmortems made from it stay intact', async () => {
    const incidents = await h.http().get('/incidents').set(auth(standard)).expect(200);
    const incidentId = incidents.body.items.find(
      (i: { title: string }) => i.title === DEMO_CHECKOUT_INCIDENT_TITLE,
    ).id;
    const t = (await create({ name: 'Doomed', content: '# {{incident.title}}' }).expect(201)).body;
    const pm = await h
      .http()
      .post(`/incidents/${incidentId}/postmortems`)
      .set(auth(standard))
      .set('idempotency-key', randomUUID())
      .send({ templateId: t.id })
      .expect(202);
    await h.http().delete(`/templates/${t.id}`).set(auth(admin)).expect(204);
    const gone = await h.http().get(`/templates/${t.id}`).set(auth(readonly)).expect(404);
    expect(gone.body.code).toBe('TEMPLATE_NOT_FOUND');
    const still = await h.http().get(`/postmortems/${pm.body.id}`).set(auth(standard)).expect(200);
    expect(still.body.id).toBe(pm.body.id);
    expect(still.body.title).toBe(pm.body.title);
  });

  it('6.1#19 a fresh install lists the out-of-the-box templates, the classic one as default', async () => {
    const items = await list('');
    for (const s of SEED_TEMPLATES) expect(items.map((t) => t.name)).toContain(s.name);
    expect(items.find((t) => t.name === DEFAULT_TEMPLATE_NAME)?.isDefault).toBe(true);
  });

  it('6.1#20 accepts the legacy type "postmortem_template" like "postmortem_templates"', async () => {
    await create({ type: 'postmortem_template', name: 'Legacy', content: 'x' }).expect(201);
    await create({ type: 'postmortem_templates', name: 'Current', content: 'x' }).expect(201);
    await create({ type: 'notebook', name: 'Wrong', content: 'x' }).expect(400);
  });

  it('rejects unknown variables and syntax errors on save with 422, line:col and a suggestion', async () => {
    const res = await create({
      name: 'Typo',
      content: '# Title\n\nSeverity: {{incident.severity}} {{incident.sevrity}}',
    });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('TEMPLATE_INVALID');
    expect(res.body.details.errors[0]).toMatchObject({
      line: 3,
      col: 35,
      code: 'UNKNOWN_VARIABLE',
      suggestion: 'incident.severity',
    });
    const syntax = await create({ name: 'Broken', content: 'ok\n{% if incident.title %}never closed' });
    expect(syntax.status).toBe(422);
    expect(syntax.body.details.errors[0]).toMatchObject({ code: 'TEMPLATE_SYNTAX', line: 2 });
    const t = (await create({ name: 'Fine', content: 'x' }).expect(201)).body;
    await h
      .http()
      .patch(`/templates/${t.id}`)
      .set(auth(admin))
      .send({ content: '{{incident.titel}}' })
      .expect(422);
  });

  it('allows list, get, variables and preview with Incidents Read; writes need templates_manage (403)', async () => {
    const t = (await create({ name: 'Perm', content: 'x' }).expect(201)).body;
    await h.http().get(`/templates/${t.id}`).set(auth(readonly)).expect(200);
    for (const token of [standard, readonly]) {
      expect((await create({ name: 'No', content: 'x' }, token)).status).toBe(403);
      await h.http().patch(`/templates/${t.id}`).set(auth(token)).send({ name: 'No' }).expect(403);
      await h.http().delete(`/templates/${t.id}`).set(auth(token)).expect(403);
      await h
        .http()
        .post('/templates/import')
        .set(auth(token))
        .send({ markdown: ['x'] })
        .expect(403);
      await h.http().get('/templates/export').set(auth(token)).expect(403);
    }
    await h.http().get('/templates').expect(401);
  });

  it('serves the variable catalog with name, description, example, destinations and support', async () => {
    const res = await h.http().get('/templates/variables').set(auth(readonly)).expect(200);
    const byName = new Map(res.body.items.map((v: { name: string }) => [v.name, v]));
    expect(byName.get('incident.title')).toMatchObject({ supported: true, example: 'DB outage' });
    expect(byName.get('incident.card')).toMatchObject({ destinations: ['notebook'] });
    expect(byName.get('incident.zoom_link')).toMatchObject({ supported: false });
    expect(byName.size).toBeGreaterThanOrEqual(45);
  });
});
