import { createHmac } from 'node:crypto';
import { MemoryDeliveryStore } from '@pm/auth';
import { startFakeJira, type FakeJira } from '@pm/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { createJiraTracker, type JiraFieldMapping, type TrackerClient } from '../../src/trackers/index.js';
import { startWebhookReceiver } from './webhook-receiver.js';

const fast = { baseDelayMs: 5, maxDelayMs: 20 };
const mapping: JiraFieldMapping = { projectKey: 'OPS', issueType: 'Task' };
/** Stand-in for the LiquidJS engine: `{{ name }}` substitution is all these templates use. */
const render = (template: string, vars: Record<string, unknown>) =>
  template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(vars[name] ?? ''));

const flavors = [
  {
    flavor: 'cloud' as const,
    auth: { type: 'basic' as const, email: 'bot@example.com', apiToken: 'jira-api-token' },
    assignee: '5b10ac8d82e05b22cc7d4ef5',
  },
  {
    flavor: 'datacenter' as const,
    auth: { type: 'bearer' as const, token: 'jira-dc-pat' },
    assignee: 'jdoe',
  },
];

describe.each(flavors)('Jira $flavor tracker against the fake Jira', ({ flavor, auth, assignee }) => {
  let fake: FakeJira;
  let tracker: TrackerClient;
  const start = async (m: JiraFieldMapping = mapping) => {
    fake = await startFakeJira({ flavor });
    tracker = createJiraTracker({
      connection: { flavor, baseUrl: fake.url, auth },
      mapping: m,
      render,
      retry: fast,
    });
  };
  afterEach(() => fake.close());

  it('creates an issue with rendered field mapping, assignee, due date and marker label', async () => {
    await start({
      ...mapping,
      fields: {
        summary: '[{{ severity }}] {{ follow_up_title }}',
        description: '{{ follow_up_description }}\n\nIncident: {{ title }}',
        customfield_10042: '{{ severity }}',
      },
    });
    const ref = await tracker.createIssue({
      title: 'Add alert on queue depth',
      description: 'Queue grew for 40 minutes.',
      assignee,
      dueDate: '2026-02-01',
      marker: 'fu-1',
      vars: { title: 'Checkout outage', severity: 'SEV-2' },
    });
    expect(ref).toEqual({ key: 'OPS-1', url: `${fake.url}/browse/OPS-1`, created: true });
    const stored = fake.issue('OPS-1');
    expect(stored).toMatchObject({
      summary: '[SEV-2] Add alert on queue depth',
      assignee,
      duedate: '2026-02-01',
      labels: ['pm-fu-1'],
      other: { customfield_10042: 'SEV-2' },
    });
    const text = 'Queue grew for 40 minutes.\n\nIncident: Checkout outage';
    if (flavor === 'cloud') {
      expect(stored?.description).toEqual({
        type: 'doc',
        version: 1,
        content: [
          { type: 'paragraph', content: [{ type: 'text', text: 'Queue grew for 40 minutes.' }] },
          { type: 'paragraph', content: [{ type: 'text', text: 'Incident: Checkout outage' }] },
        ],
      });
    } else {
      expect(stored?.description).toBe(text);
    }
    expect(await tracker.getIssue('OPS-1')).toEqual({
      deleted: false,
      key: 'OPS-1',
      url: ref.url,
      title: '[SEV-2] Add alert on queue depth',
      done: false,
    });
  });

  it('updates title and assignee, and moves Done ↔ open both ways', async () => {
    await start();
    const { key } = await tracker.createIssue({ title: 'Old', description: '', marker: 'fu-2' });
    await tracker.updateIssue(key, { title: 'New', assignee });
    expect(fake.issue(key)).toMatchObject({ summary: 'New', assignee });
    await tracker.updateIssue(key, { assignee: null });
    expect(fake.issue(key)?.assignee).toBeNull();

    await tracker.setDone(key, true);
    expect(fake.statusOf(key)).toBe('Done');
    expect(await tracker.getIssue(key)).toMatchObject({ done: true });
    const transitions = fake.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/transitions'));
    await tracker.setDone(key, true);
    expect(fake.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/transitions'))).toHaveLength(
      transitions.length,
    );

    await tracker.setDone(key, false);
    expect(fake.statusOf(key)).toBe('To Do');
    await fake.transitionTo(key, 'Done');
    expect(await tracker.getIssue(key)).toMatchObject({ done: true });
  });

  it('reopens to the mapped status when one is configured', async () => {
    await start({ ...mapping, statuses: { open: 'In Progress' } });
    const { key } = await tracker.createIssue({ title: 't', description: '', marker: 'fu-map' });
    await tracker.setDone(key, true);
    await tracker.setDone(key, false);
    expect(fake.statusOf(key)).toBe('In Progress');
  });

  it('does not duplicate the issue when the create answer is lost', async () => {
    await start();
    fake.loseNextResponse({ method: 'POST', path: '/issue' });
    const ref = await tracker.createIssue({ title: 'Once', description: '', marker: 'fu-lost' });
    expect(ref).toEqual({ key: 'OPS-1', url: `${fake.url}/browse/OPS-1`, created: false });
    expect(fake.issues()).toHaveLength(1);
    expect(fake.requests.some((r) => r.status === 'lost')).toBe(true);
  });

  it('waits as long as a 429 Retry-After says', async () => {
    await start();
    fake.rateLimitNext(1);
    await tracker.createIssue({ title: 'Later', description: '', marker: 'fu-429' });
    const [limited, next] = fake.requests;
    expect(limited?.status).toBe(429);
    expect((next?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it('reports a deleted issue as deleted-or-inaccessible and refuses to transition it', async () => {
    await start();
    const { key } = await tracker.createIssue({ title: 'Doomed', description: '', marker: 'fu-del' });
    await fake.deleteIssue(key);
    expect(await tracker.getIssue(key)).toEqual({
      deleted: true,
      key,
      code: 'TRACKER_NOT_FOUND',
      message: 'OPS-1 was deleted or is not accessible with this connection',
    });
    await expect(tracker.setDone(key, true)).rejects.toMatchObject({
      code: 'TRACKER_NOT_FOUND',
      retryable: false,
    });
  });

  it('surfaces Jira validation errors with a permanent code', async () => {
    await start({ ...mapping, issueType: 'Epic' });
    await expect(
      tracker.createIssue({ title: 't', description: '', marker: 'fu-400' }),
    ).rejects.toMatchObject({
      code: 'TRACKER_INVALID',
      reason: 'Jira 400: issuetype: Specify a valid issue type',
    });
  });

  it('fails at once on wrong credentials', async () => {
    fake = await startFakeJira({ flavor });
    const wrong = flavor === 'cloud' ? { ...auth, apiToken: 'nope' } : { ...auth, token: 'nope' };
    const bad = createJiraTracker({
      connection: { flavor, baseUrl: fake.url, auth: wrong },
      mapping,
      retry: fast,
    });
    await expect(bad.getIssue('OPS-1')).rejects.toMatchObject({ code: 'TRACKER_UNAUTHORIZED', status: 401 });
    expect(fake.requests).toHaveLength(1);
  });
});

describe('Jira webhooks from the fake to a verifying receiver', () => {
  it('accepts a signed status change with its changelog, refuses a replay and a forgery', async () => {
    const secret = 'jira-webhook-secret';
    const receiver = await startWebhookReceiver('jira', secret, new MemoryDeliveryStore());
    const fake = await startFakeJira({ webhook: { url: receiver.url, secret } });
    try {
      const tracker = createJiraTracker({
        connection: {
          flavor: 'cloud',
          baseUrl: fake.url,
          auth: { type: 'basic', email: 'bot@example.com', apiToken: 'jira-api-token' },
        },
        mapping,
      });
      const { key } = await tracker.createIssue({ title: 'Watch me', description: '', marker: 'fu-hook' });
      await fake.settled();
      const index = fake.webhooks.length;
      await fake.transitionTo(key, 'Done');

      const last = receiver.received.at(-1);
      expect(last?.verdict).toMatchObject({ ok: true, provider: 'jira' });
      expect(last?.payload).toMatchObject({
        webhookEvent: 'jira:issue_updated',
        issue: { key, fields: { status: { statusCategory: { key: 'done' } } } },
        changelog: { items: [{ field: 'status', fromString: 'To Do', toString: 'Done' }] },
      });

      expect(await fake.redeliver(index)).toBe(401);
      expect(receiver.received.at(-1)?.verdict).toMatchObject({ code: 'WEBHOOK_REPLAYED' });

      const body = JSON.stringify({ timestamp: Date.now(), webhookEvent: 'jira:issue_updated' });
      const forged = await fetch(receiver.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-atlassian-webhook-identifier': 'forged-1',
          'x-hub-signature': `sha256=${createHmac('sha256', 'guessed').update(body).digest('hex')}`,
        },
        body,
      });
      expect(forged.status).toBe(401);
      expect(receiver.received.at(-1)?.verdict).toMatchObject({ code: 'WEBHOOK_SIGNATURE_INVALID' });
    } finally {
      await fake.close();
      await receiver.close();
    }
  });
});
