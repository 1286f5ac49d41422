import { hubSignature } from '@pm/auth';
import { ConnectedAccount, DEMO_CHECKOUT_INCIDENT_TITLE, FollowUp, Incident, TimelineEntry } from '@pm/db';
import { startFakeGitHub, startFakeJira, type FakeGitHub, type FakeJira } from '@pm/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type Harness } from './harness.js';

describe.each(['sqlite', 'postgresql'] as const)('tracker webhooks on %s', (kind) => {
  let h: Harness;
  let gh: FakeGitHub;
  let jira: FakeJira;
  let base: string;
  const ids = { github: '', jira: '' };
  const secrets = { github: '', jira: '' };

  beforeAll(async () => {
    h = await startApi(kind);
    const address = h.app.getHttpServer().address() as { port: number };
    base = `http://127.0.0.1:${address.port}`;
    const em = h.db.orm.em.fork();
    for (const [tracker, accountKind] of [
      ['github', 'github'],
      ['jira', 'jira_cloud'],
    ] as const) {
      // Webhooks need the account row and its webhook secret only; its credentials are never opened here.
      const row = em.create(ConnectedAccount, {
        kind: accountKind,
        name: `${tracker} hooks`,
        publicConfig: {},
        secretSealed: 'v1:none',
      });
      ids[tracker] = row.id;
    }
    await em.flush();
    const admin = await h.login('admin@example.com');
    for (const tracker of ['github', 'jira'] as const) {
      const res = await h
        .http()
        .post(`/connected-accounts/${ids[tracker]}/webhook-secret`)
        .set('authorization', `Bearer ${admin}`)
        .expect(201);
      expect(res.body.path).toBe(`/webhooks/${tracker}/${ids[tracker]}`);
      secrets[tracker] = res.body.secret;
    }
    gh = await startFakeGitHub({
      repositories: ['octo/app'],
      webhook: { url: `${base}/webhooks/github/${ids.github}`, secret: secrets.github },
    });
    jira = await startFakeJira({
      flavor: 'cloud',
      webhook: { url: `${base}/webhooks/jira/${ids.jira}`, secret: secrets.jira },
    });
  });

  afterAll(async () => {
    await gh?.close();
    await jira?.close();
    await h?.close();
  });

  /** A follow-up linked to `key` of the account, on the demo incident (or the given one). */
  async function linkedItem(tracker: 'github' | 'jira', key: string, onPrivate = false) {
    const em = h.db.orm.em.fork();
    const incident = await em.findOneOrFail(
      Incident,
      onPrivate ? { visibility: 'private' } : { title: DEMO_CHECKOUT_INCIDENT_TITLE },
    );
    const item = em.create(FollowUp, {
      incident,
      content: `Fix ${key}`,
      trackerKind: tracker,
      trackerKey: key,
      trackerState: 'linked',
      trackerAccountId: ids[tracker],
    });
    await em.flush();
    return item.id;
  }

  async function githubIssue(title: string): Promise<number> {
    const res = await fetch(`${gh.url}/repos/octo/app/issues`, {
      method: 'POST',
      headers: { authorization: `token ${gh.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title }),
    });
    return ((await res.json()) as { number: number }).number;
  }

  const item = (id: string) => h.db.orm.em.fork().findOneOrFail(FollowUp, { id });
  const lastHook = (fake: FakeGitHub | FakeJira) => fake.webhooks[fake.webhooks.length - 1]!;

  it('GitHub close marks the item done (by "GitHub" on the timeline), reopen marks it open', async () => {
    const n = await githubIssue('close me');
    const id = await linkedItem('github', `octo/app#${n}`);
    await gh.closeIssue('octo/app', n);
    expect(lastHook(gh).status).toBe(202);
    expect((await item(id)).status).toBe('done');
    const entries = await h.db.orm.em.fork().find(TimelineEntry, { content: { $like: `%octo/app#${n}%` } });
    expect(entries.map((e) => e.authorName)).toEqual(['GitHub']);

    await gh.reopenIssue('octo/app', n);
    expect(lastHook(gh).status).toBe(202);
    expect((await item(id)).status).toBe('open');
  });

  it('refuses a forged signature and a replayed delivery with 401, changing nothing', async () => {
    const n = await githubIssue('forge me');
    const id = await linkedItem('github', `octo/app#${n}`);
    gh.setWebhook({ url: `${base}/webhooks/github/${ids.github}`, secret: 'not-the-secret' });
    await gh.closeIssue('octo/app', n);
    expect(lastHook(gh).status).toBe(401);
    expect((await item(id)).status).toBe('open');

    gh.setWebhook({ url: `${base}/webhooks/github/${ids.github}`, secret: secrets.github });
    await gh.reopenIssue('octo/app', n);
    await gh.closeIssue('octo/app', n);
    expect((await item(id)).status).toBe('done');
    await h.db.orm.em.fork().nativeUpdate(FollowUp, { id }, { status: 'open' });
    const status = await gh.redeliver(gh.webhooks.length - 1);
    expect(status).toBe(401);
    expect((await item(id)).status).toBe('open');
  });

  it('answers an unknown issue and an item of a private incident alike (202, nothing revealed)', async () => {
    const body = JSON.stringify({
      action: 'closed',
      issue: { number: 999_999 },
      repository: { full_name: 'octo/app' },
    });
    const send = (deliveryId: string, payload: string) =>
      h
        .http()
        .post(`/webhooks/github/${ids.github}`)
        .set('content-type', 'application/json')
        .set('x-github-event', 'issues')
        .set('x-github-delivery', deliveryId)
        .set('x-hub-signature-256', hubSignature(secrets.github, payload))
        .send(payload);
    const unknown = await send(crypto.randomUUID(), body);
    const n = await githubIssue('private one');
    await linkedItem('github', `octo/app#${n}`, true);
    const privatePayload = JSON.stringify({
      action: 'closed',
      issue: { number: n },
      repository: { full_name: 'octo/app' },
    });
    const privateOne = await send(crypto.randomUUID(), privatePayload);
    expect([unknown.status, privateOne.status]).toEqual([202, 202]);
    expect(privateOne.body).toEqual(unknown.body);
    expect(privateOne.text.length).toBe(unknown.text.length);
  });

  it('Jira: a transition into the done category marks the item done, out of it open; stale events are refused', async () => {
    const created = await fetch(`${jira.url}/rest/api/2/issue`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from('bot@example.com:jira-api-token').toString('base64')}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        fields: { project: { key: 'OPS' }, issuetype: { name: 'Task' }, summary: 'x' },
      }),
    });
    const { key } = (await created.json()) as { key: string };
    const id = await linkedItem('jira', key);
    await jira.transitionTo(key, 'Done');
    expect(lastHook(jira).status).toBe(202);
    expect((await item(id)).status).toBe('done');
    await jira.transitionTo(key, 'In Progress');
    expect((await item(id)).status).toBe('open');

    const stale = JSON.stringify({
      ...JSON.parse(lastHook(jira).rawBody),
      timestamp: Date.now() - 3_600_000,
    });
    await h
      .http()
      .post(`/webhooks/jira/${ids.jira}`)
      .set('content-type', 'application/json')
      .set('x-atlassian-webhook-identifier', crypto.randomUUID())
      .set('x-hub-signature', hubSignature(secrets.jira, stale))
      .send(stale)
      .expect(401);
  });
});
