// "Test connection" for every account kind, over real HTTP against the local fakes.
import { FakeConfluence, FakeDrive, startFakeGitHub, startFakeJira } from '@pm/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConnectedAccount } from '../src/account-test.js';

const guard = { allowLoopbackForTests: true };

describe('testConnectedAccount', () => {
  const cloud = new FakeConfluence({ flavor: 'cloud', spaces: ['ENG'] });
  const dc = new FakeConfluence({ flavor: 'datacenter' });
  const drive = new FakeDrive();
  let jira: Awaited<ReturnType<typeof startFakeJira>>;
  let gh: Awaited<ReturnType<typeof startFakeGitHub>>;
  beforeAll(async () => {
    await Promise.all([cloud.start(), dc.start(), drive.start()]);
    jira = await startFakeJira({ flavor: 'cloud' });
    gh = await startFakeGitHub({ repositories: ['octo/app'] });
  });
  afterAll(() => Promise.all([cloud.close(), dc.close(), drive.close(), jira.close(), gh.close()]));

  const confluence = (apiToken: string) =>
    ({ kind: 'confluence_cloud', siteUrl: cloud.siteUrl, email: cloud.email, apiToken }) as const;

  it('Confluence: checks the credentials, or the space when one is given', async () => {
    expect(await testConnectedAccount(confluence(cloud.apiToken), { guard })).toEqual({
      ok: true,
      message: 'Connected as Fake Exporter.',
    });
    expect(await testConnectedAccount(confluence(cloud.apiToken), { guard, spaceKey: 'ENG' })).toMatchObject({
      ok: true,
      message: expect.stringContaining('space ENG'),
    });
    const missing = await testConnectedAccount(confluence(cloud.apiToken), { guard, spaceKey: 'NOPE' });
    expect(missing).toMatchObject({ ok: false, message: expect.stringMatching(/^Not found \(404\)/) });
    expect(
      await testConnectedAccount(
        { kind: 'confluence_dc', baseUrl: dc.siteUrl, personalAccessToken: dc.personalAccessToken },
        { guard },
      ),
    ).toMatchObject({ ok: true });
  });

  it('reports refused credentials with the status and never echoes the token', async () => {
    const out = await testConnectedAccount(confluence('wrong-token-123'), { guard });
    expect(out.ok).toBe(false);
    expect(out.message).toMatch(/^The service refused the credentials \(401\)/);
    expect(out.message).not.toContain('wrong-token-123');
  });

  it('Google service account: token exchange, then the folder when given', async () => {
    const sa = drive.createServiceAccount();
    const folderId = drive.addFolder('Postmortems');
    const creds = { kind: 'google_service_account', serviceAccountKey: sa.keyFile } as const;
    expect(await testConnectedAccount(creds, { guard })).toMatchObject({ ok: true });
    expect(await testConnectedAccount(creds, { guard, folderId, googleApiRootUrl: `${drive.url}/` })).toEqual(
      { ok: true, message: 'Connected: folder Postmortems is readable.' },
    );
    const forged = { ...sa.keyFile, client_email: 'unknown@pm-test.iam.gserviceaccount.com' };
    expect(
      await testConnectedAccount({ kind: 'google_service_account', serviceAccountKey: forged }, { guard }),
    ).toMatchObject({ ok: false });
  });

  it('Jira and GitHub: one authenticated call each', async () => {
    expect(
      await testConnectedAccount(
        { kind: 'jira_cloud', siteUrl: jira.url, email: 'bot@example.com', apiToken: 'jira-api-token' },
        { guard },
      ),
    ).toEqual({ ok: true, message: 'Connected as Jira Bot.' });
    expect(
      await testConnectedAccount({ kind: 'github', apiUrl: gh.url, token: gh.token }, { guard }),
    ).toEqual({
      ok: true,
      message: 'Connected as fake-bot.',
    });
    expect(
      await testConnectedAccount({ kind: 'github', apiUrl: gh.url, token: 'nope' }, { guard }),
    ).toMatchObject({ ok: false, message: expect.stringContaining('(401)') });
  });

  it('refuses loopback without the test allowance, before connecting', async () => {
    const before = cloud.requests.length;
    const out = await testConnectedAccount(confluence(cloud.apiToken));
    expect(out.ok).toBe(false);
    expect(out.message).toMatch(/127\.0\.0\.1|loopback/);
    expect(cloud.requests.length).toBe(before);
  });
});
