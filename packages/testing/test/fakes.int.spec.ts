import { afterEach, describe, expect, it } from 'vitest';
import { startFakeGitHub, startFakeJira, type FakeGitHub, type FakeJira } from '../src/index.js';

/** The fakes' protocol details that the tracker clients do not exercise themselves, over plain fetch. */
describe('fake GitHub', () => {
  let gh: FakeGitHub;
  afterEach(() => gh.close());
  const call = (path: string, init: RequestInit & { auth?: string } = {}) =>
    fetch(`${gh.url}${path}`, {
      ...init,
      headers: {
        ...(init.auth !== undefined && { authorization: init.auth }),
        'content-type': 'application/json',
      },
    });

  it('accepts Bearer and token auth, refuses none or a wrong token with 401', async () => {
    gh = await startFakeGitHub();
    expect((await call('/repos/octo/app/issues', { auth: `Bearer ${gh.token}` })).status).toBe(200);
    expect((await call('/repos/octo/app/issues', { auth: `token ${gh.token}` })).status).toBe(200);
    const none = await call('/repos/octo/app/issues');
    expect([none.status, ((await none.json()) as { message: string }).message]).toEqual([
      401,
      'Requires authentication',
    ]);
    expect((await call('/repos/octo/app/issues', { auth: 'Bearer nope' })).status).toBe(401);
    expect((await call('/repos/octo/missing/issues', { auth: `Bearer ${gh.token}` })).status).toBe(404);
  });

  it('answers 429 with Retry-After and an x-ratelimit-reset in the future', async () => {
    gh = await startFakeGitHub();
    gh.rateLimitNext(30);
    const res = await call('/repos/octo/app/issues', { auth: `Bearer ${gh.token}` });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('30');
    expect(res.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Number(res.headers.get('x-ratelimit-reset')) * 1000).toBeGreaterThan(Date.now() + 25_000);
  });

  it('finds an issue by a body phrase through search, and not once deleted (410)', async () => {
    gh = await startFakeGitHub();
    const auth = `Bearer ${gh.token}`;
    await call('/repos/octo/app/issues', {
      method: 'POST',
      auth,
      body: JSON.stringify({ title: 'a', body: 'x tag-7 y' }),
    });
    await call('/repos/octo/app/issues', {
      method: 'POST',
      auth,
      body: JSON.stringify({ title: 'b', body: 'other' }),
    });
    const q = encodeURIComponent('"tag-7" in:body repo:octo/app is:issue');
    const found = (await (await call(`/search/issues?q=${q}`, { auth })).json()) as {
      items: { number: number }[];
    };
    expect(found.items.map((i) => i.number)).toEqual([1]);
    await gh.deleteIssue('octo/app', 1);
    expect((await call('/repos/octo/app/issues/1', { auth })).status).toBe(410);
    const after = (await (await call(`/search/issues?q=${q}`, { auth })).json()) as { total_count: number };
    expect(after.total_count).toBe(0);
  });
});

describe('fake Jira', () => {
  let jira: FakeJira;
  afterEach(() => jira.close());
  const basic = `Basic ${Buffer.from('bot@example.com:jira-api-token').toString('base64')}`;
  const call = (path: string, auth: string, init: RequestInit = {}) =>
    fetch(`${jira.url}${path}`, {
      ...init,
      headers: { authorization: auth, 'content-type': 'application/json' },
    });
  const create = (v: string, auth: string, description: unknown) =>
    call(`/rest/api/${v}/issue`, auth, {
      method: 'POST',
      body: JSON.stringify({
        fields: { project: { key: 'OPS' }, issuetype: { name: 'Task' }, summary: 's', description },
      }),
    });

  it('Cloud: v3 wants an ADF description, v2 a string; both read back in their own format', async () => {
    jira = await startFakeJira();
    const refused = await create('3', basic, 'plain text');
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { errors: Record<string, string> }).errors.description).toMatch(
      /Atlassian/,
    );
    const made = (await (await create('2', basic, 'plain text')).json()) as {
      id: string;
      key: string;
      self: string;
    };
    expect(made).toEqual({
      id: expect.any(String) as string,
      key: 'OPS-1',
      self: `${jira.url}/rest/api/2/issue/${made.id}`,
    });
    const v3 = (await (await call('/rest/api/3/issue/OPS-1', basic)).json()) as {
      fields: { description: unknown };
    };
    expect(v3.fields.description).toMatchObject({ type: 'doc', version: 1 });
    const v2 = (await (await call('/rest/api/2/issue/OPS-1', basic)).json()) as {
      fields: { description: unknown };
    };
    expect(v2.fields.description).toBe('plain text');
  });

  it('Cloud: the retired offset search answers 410, /search/jql finds by label', async () => {
    jira = await startFakeJira();
    await create('2', basic, 'd');
    expect((await call('/rest/api/3/search?jql=project%20%3D%20OPS', basic)).status).toBe(410);
    const jql = encodeURIComponent('project = "OPS" AND labels = "none"');
    const res = (await (await call(`/rest/api/3/search/jql?jql=${jql}`, basic)).json()) as {
      issues: [];
      isLast: boolean;
    };
    expect(res).toEqual({ issues: [], isLast: true });
  });

  it('Data Center: Bearer PAT only, REST v2 only', async () => {
    jira = await startFakeJira({ flavor: 'datacenter' });
    expect((await create('2', basic, 'd')).status).toBe(401);
    expect((await create('2', 'Bearer jira-dc-pat', 'd')).status).toBe(201);
    expect((await call('/rest/api/3/issue/OPS-1', 'Bearer jira-dc-pat')).status).toBe(404);
    const res = (await (
      await call('/rest/api/2/search?jql=project%20%3D%20OPS', 'Bearer jira-dc-pat')
    ).json()) as {
      total: number;
    };
    expect(res.total).toBe(1);
  });
});
