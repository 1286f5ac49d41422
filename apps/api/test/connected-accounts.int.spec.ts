import { Writable } from 'node:stream';
import {
  FakeConfluence,
  FakeDrive,
  startFakeGitHub,
  startFakeJira,
  type FakeServiceAccount,
} from '@pm/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type Harness } from './harness.js';

/** Every secret any test sends; no answer, stored public column or log line may contain one. */
const SECRETS: string[] = [];
const secret = <T extends string>(s: T): T => (SECRETS.push(s), s);
const leaks = (text: string) => SECRETS.filter((s) => text.includes(s));
/**
 * Log lines of both runs: nestjs-pino keeps its root logger per process, so the second app of this file logs
 * through the stream the first one was given.
 */
const logs: string[] = [];

describe.each(['sqlite', 'postgresql'] as const)('connected accounts on %s', (kind) => {
  const confluence = new FakeConfluence({
    flavor: 'cloud',
    spaces: ['ENG'],
    apiToken: secret(`ATATT-confluence-${kind}`),
  });
  const drive = new FakeDrive();
  let jira: Awaited<ReturnType<typeof startFakeJira>>;
  let github: Awaited<ReturnType<typeof startFakeGitHub>>;
  let sa: FakeServiceAccount;
  let h: Harness;
  let admin: string;
  let standard: string;

  beforeAll(async () => {
    await Promise.all([confluence.start(), drive.start()]);
    jira = await startFakeJira({ flavor: 'cloud' });
    github = await startFakeGitHub({ repositories: ['octo/app'] });
    sa = drive.createServiceAccount();
    secret(sa.keyFile.private_key.split('\n')[1] ?? 'unreachable');
    secret(github.token);
    secret('jira-api-token');
    const logStream = new Writable({
      write(chunk: Buffer, _enc, done) {
        logs.push(chunk.toString('utf8'));
        done();
      },
    });
    h = await startApi(
      kind,
      {
        OUTBOUND_ALLOW_LOOPBACK_FOR_TESTS: 'true',
        GOOGLE_API_ROOT_URL: `${drive.url}/`,
        LOG_LEVEL: 'trace',
      },
      { logStream },
    );
    admin = await h.login('admin@example.com');
    standard = await h.login('standard@example.com');
  });
  afterAll(async () => {
    await h?.close();
    await Promise.all([confluence.close(), drive.close(), jira?.close(), github?.close()]);
  });

  const as = (token: string) => ({
    get: (path: string) => h.http().get(path).set('authorization', `Bearer ${token}`),
    post: (path: string, body?: object) =>
      h.http().post(path).set('authorization', `Bearer ${token}`).send(body),
    patch: (path: string, body: object) =>
      h.http().patch(path).set('authorization', `Bearer ${token}`).send(body),
    delete: (path: string) => h.http().delete(path).set('authorization', `Bearer ${token}`),
  });
  const wiki = (name: string, apiToken = confluence.apiToken) => ({
    kind: 'confluence_cloud',
    name,
    siteUrl: confluence.siteUrl,
    email: confluence.email,
    apiToken,
  });

  it('creates, lists and tests a Confluence account without ever returning or logging the token', async () => {
    const created = await as(admin).post('/connected-accounts', wiki('Engineering wiki')).expect(201);
    expect(created.body).toMatchObject({
      kind: 'confluence_cloud',
      name: 'Engineering wiki',
      publicConfig: { siteUrl: confluence.siteUrl, email: confluence.email },
      lastTest: null,
    });
    const id = created.body.id as string;
    const tested = await as(admin).post(`/connected-accounts/${id}/test`, { spaceKey: 'ENG' }).expect(200);
    expect(tested.body).toMatchObject({ ok: true, message: expect.stringContaining('space ENG') });
    const listed = await as(admin).get('/connected-accounts').expect(200);
    expect(listed.body.items).toContainEqual(
      expect.objectContaining({ id, lastTest: expect.objectContaining({ ok: true }) }),
    );
    const one = await as(admin).get(`/connected-accounts/${id}`).expect(200);
    for (const res of [created, tested, listed, one]) expect(leaks(res.text)).toEqual([]);

    const rows = await h.db.orm.em
      .fork()
      .getConnection()
      .execute<Record<string, unknown>[]>(`select * from connected_accounts where id = '${id}'`);
    expect(JSON.stringify(rows)).toContain('v1:');
    expect(leaks(JSON.stringify(rows))).toEqual([]);

    const logText = logs.join('');
    expect(logText).toContain(`connected account ${id}`);
    expect(logText).toContain('/connected-accounts');
    expect(leaks(logText)).toEqual([]);
  });

  it('records a refused token as a failed test, and a replaced secret makes it pass', async () => {
    const bad = secret(`wrong-token-${kind}`);
    const { body } = await as(admin).post('/connected-accounts', wiki('Wrong token', bad)).expect(201);
    const failed = await as(admin).post(`/connected-accounts/${body.id}/test`).expect(200);
    expect(failed.body).toMatchObject({ ok: false, message: expect.stringContaining('(401)') });
    expect(leaks(failed.text)).toEqual([]);

    const patched = await as(admin)
      .patch(`/connected-accounts/${body.id}`, {
        credentials: { kind: 'confluence_cloud', apiToken: confluence.apiToken },
      })
      .expect(200);
    expect(patched.body.lastTest).toBeNull();
    expect(patched.body.publicConfig.siteUrl).toBe(confluence.siteUrl);
    const ok = await as(admin).post(`/connected-accounts/${body.id}/test`).expect(200);
    expect(ok.body).toMatchObject({ ok: true, message: 'Connected as Fake Exporter.' });

    const mismatch = await as(admin)
      .patch(`/connected-accounts/${body.id}`, { credentials: { kind: 'github', token: 'x' } })
      .expect(422);
    expect(mismatch.body.code).toBe('CONNECTED_ACCOUNT_KIND_MISMATCH');
  });

  it('tests Google service-account, Jira and GitHub accounts against their services', async () => {
    const folderId = drive.addFolder('Postmortems');
    const cases = [
      [{ kind: 'google_service_account', serviceAccountKey: JSON.stringify(sa.keyFile) }, { folderId }],
      [{ kind: 'jira_cloud', siteUrl: jira.url, email: 'bot@example.com', apiToken: 'jira-api-token' }, {}],
      [{ kind: 'github', apiUrl: github.url, token: github.token }, {}],
    ] as const;
    for (const [creds, testBody] of cases) {
      const created = await as(admin)
        .post('/connected-accounts', { ...creds, name: `Account ${creds.kind}` })
        .expect(201);
      const res = await as(admin).post(`/connected-accounts/${created.body.id}/test`, testBody).expect(200);
      expect({ kind: creds.kind, ...res.body }).toMatchObject({ kind: creds.kind, ok: true });
      expect(leaks(created.text + res.text)).toEqual([]);
    }
    const google = (await as(admin).get('/connected-accounts').expect(200)).body.items.find(
      (a: { kind: string }) => a.kind === 'google_service_account',
    );
    expect(google.publicConfig).toEqual({ clientEmail: sa.clientEmail });
  });

  it('refuses service URLs on private, link-local or loopback-mapped addresses before storing them', async () => {
    for (const siteUrl of ['http://10.0.0.5', 'http://169.254.169.254', 'http://[::ffff:192.168.1.1]']) {
      const res = await as(admin)
        .post('/connected-accounts', { ...wiki(`Private ${siteUrl}`), siteUrl })
        .expect(422);
      expect(res.body.code).toBe('URL_ADDRESS_FORBIDDEN');
    }
    const { body } = await as(admin).post('/connected-accounts', wiki('Moves later')).expect(201);
    const moved = await as(admin)
      .patch(`/connected-accounts/${body.id}`, {
        credentials: { kind: 'confluence_cloud', siteUrl: 'http://192.168.0.10' },
      })
      .expect(422);
    expect(moved.body.code).toBe('URL_ADDRESS_FORBIDDEN');
    const names = (await as(admin).get('/connected-accounts')).body.items.map(
      (a: { name: string }) => a.name,
    );
    expect(names.filter((n: string) => n.startsWith('Private'))).toEqual([]);
  });

  it('will not delete an account a template saves to, naming the template', async () => {
    const { body: account } = await as(admin).post('/connected-accounts', wiki('In use')).expect(201);
    const { body: template } = await as(admin)
      .post('/templates', {
        name: `Confluence ${kind}`,
        content: '# {{incident.title}}',
        destination: 'confluence',
        confluence: { accountId: account.id, spaceKey: 'ENG' },
      })
      .expect(201);
    const refused = await as(admin).delete(`/connected-accounts/${account.id}`).expect(409);
    expect(refused.body).toMatchObject({
      code: 'CONNECTED_ACCOUNT_IN_USE',
      details: { templates: [{ id: template.id, name: `Confluence ${kind}` }] },
    });
    await as(admin)
      .patch(`/templates/${template.id}`, { destination: 'notebook', confluence: null })
      .expect(200);
    await as(admin).delete(`/connected-accounts/${account.id}`).expect(204);
    await as(admin).get(`/connected-accounts/${account.id}`).expect(404);
  });

  it('keeps names unique and accounts away from users without the permission', async () => {
    await as(admin).post('/connected-accounts', wiki('Unique')).expect(201);
    const dup = await as(admin).post('/connected-accounts', wiki('Unique')).expect(409);
    expect(dup.body.code).toBe('CONNECTED_ACCOUNT_NAME_TAKEN');
    await as(standard).get('/connected-accounts').expect(403);
    await as(standard).post('/connected-accounts', wiki('Sneaky')).expect(403);
  });
});
