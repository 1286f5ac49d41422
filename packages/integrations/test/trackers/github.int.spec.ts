import { createHmac } from 'node:crypto';
import { MemoryDeliveryStore, RedisDeliveryStore } from '@pm/auth';
import {
  cleanRedisPrefix,
  startFakeGitHub,
  testConfig,
  uniqueRedisPrefix,
  type FakeGitHub,
} from '@pm/testing';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGitHubTracker, TrackerError, type TrackerClient } from '../../src/trackers/index.js';
import { startWebhookReceiver } from './webhook-receiver.js';

const REPO = 'octo/app';
const fast = { baseDelayMs: 5, maxDelayMs: 20 };

describe('GitHub tracker against the fake GitHub', () => {
  let fake: FakeGitHub;
  let tracker: TrackerClient;

  beforeEach(async () => {
    fake = await startFakeGitHub({ repositories: [REPO] });
    tracker = createGitHubTracker({
      connection: { baseUrl: fake.url, token: fake.token, owner: 'octo', repo: 'app' },
      retry: fast,
    });
  });
  afterEach(() => fake.close());

  it('creates an issue with label, assignee and marker, and reads it back', async () => {
    const ref = await tracker.createIssue({
      title: 'Add alert on queue depth',
      description: 'Queue grew for 40 minutes unnoticed.',
      assignee: 'jane',
      dueDate: '2026-02-01',
      marker: 'fu-1',
    });
    expect(ref).toEqual({ key: 'octo/app#1', url: `${fake.url}/octo/app/issues/1`, created: true });
    const stored = fake.issue(REPO, 1);
    expect(stored).toMatchObject({ title: 'Add alert on queue depth', assignees: ['jane'] });
    expect(stored?.labels).toEqual(['postmortem-follow-up']);
    expect(stored?.body).toContain('Due: 2026-02-01');
    expect(stored?.body).toContain('<!-- pm-follow-up:fu-1 -->');
    expect(await tracker.getIssue(ref.key)).toEqual({
      deleted: false,
      key: 'octo/app#1',
      url: ref.url,
      title: 'Add alert on queue depth',
      done: false,
    });
  });

  it('updates title and assignee, and closes / reopens both ways', async () => {
    const { key } = await tracker.createIssue({
      title: 'Old',
      description: '',
      assignee: 'jane',
      marker: 'fu-2',
    });
    await tracker.updateIssue(key, { title: 'New title', assignee: 'sam' });
    expect(fake.issue(REPO, 1)).toMatchObject({ title: 'New title', assignees: ['sam'] });
    await tracker.updateIssue(key, { assignee: null });
    expect(fake.issue(REPO, 1)?.assignees).toEqual([]);

    await tracker.setDone(key, true);
    expect(fake.issue(REPO, 1)).toMatchObject({ state: 'closed', state_reason: 'completed' });
    expect(await tracker.getIssue(key)).toMatchObject({ deleted: false, done: true });
    await tracker.setDone(key, false);
    expect(fake.issue(REPO, 1)?.state).toBe('open');
    await fake.closeIssue(REPO, 1);
    expect(await tracker.getIssue(key)).toMatchObject({ done: true });
  });

  it('does not duplicate the issue when the create answer is lost', async () => {
    fake.loseNextResponse({ method: 'POST', path: '/issues' });
    const ref = await tracker.createIssue({ title: 'Once', description: 'd', marker: 'fu-lost' });
    expect(ref).toMatchObject({ key: 'octo/app#1', created: false });
    expect(fake.issues(REPO)).toHaveLength(1);
    expect(fake.requests.map((r) => `${r.method} ${r.status}`)).toContain('POST lost');
    // A later export of the same follow-up also finds it.
    expect(await tracker.createIssue({ title: 'Once', description: 'd', marker: 'fu-lost' })).toMatchObject({
      created: false,
    });
    expect(fake.issues(REPO)).toHaveLength(1);
  });

  it('waits as long as a 429 Retry-After says before trying again', async () => {
    fake.rateLimitNext(1);
    await tracker.createIssue({ title: 'Later', description: '', marker: 'fu-429' });
    const [limited, next] = fake.requests;
    expect(limited?.status).toBe(429);
    expect((next?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(950);
    expect(fake.issues(REPO)).toHaveLength(1);
  });

  it('retries a 502 with backoff and succeeds', async () => {
    fake.failNext(502, { times: 2 });
    await tracker.createIssue({ title: 'Flaky', description: '', marker: 'fu-502' });
    expect(fake.requests.slice(0, 3).map((r) => r.status)).toEqual([502, 502, 200]);
    expect(fake.issues(REPO)).toHaveLength(1);
  });

  it('reports a deleted issue (410) and an unknown one (404) instead of dropping them', async () => {
    const { key } = await tracker.createIssue({ title: 'Doomed', description: '', marker: 'fu-del' });
    await fake.deleteIssue(REPO, 1);
    expect(await tracker.getIssue(key)).toEqual({
      deleted: true,
      key,
      code: 'TRACKER_GONE',
      message: 'octo/app#1 was deleted in the tracker',
    });
    expect(await tracker.getIssue('octo/app#99')).toMatchObject({ deleted: true, code: 'TRACKER_NOT_FOUND' });
    const before = fake.requests.length;
    await expect(tracker.setDone(key, true)).rejects.toMatchObject({
      code: 'TRACKER_GONE',
      retryable: false,
    });
    expect(fake.requests.length - before).toBe(1);
  });

  it('fails at once with a classified code on bad credentials', async () => {
    const bad = createGitHubTracker({
      connection: { baseUrl: fake.url, token: 'wrong', owner: 'octo', repo: 'app' },
      retry: fast,
    });
    const error = await bad
      .createIssue({ title: 't', description: '', marker: 'fu-401' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TrackerError);
    expect(error).toMatchObject({ code: 'TRACKER_UNAUTHORIZED', status: 401, retryable: false });
    expect(fake.requests).toHaveLength(1);
  });
});

describe('GitHub webhooks from the fake to a verifying receiver', () => {
  const redis = new Redis(testConfig().redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  const prefix = `${uniqueRedisPrefix('gh-webhooks')}:`;
  afterAll(async () => {
    await cleanRedisPrefix(redis, prefix);
    await redis.quit();
  });

  it('accepts a signed close, refuses a replay and a forgery (Redis replay store)', async () => {
    const secret = 'gh-webhook-secret';
    const receiver = await startWebhookReceiver('github', secret, new RedisDeliveryStore(redis, { prefix }));
    const fake = await startFakeGitHub({ repositories: [REPO], webhook: { url: receiver.url, secret } });
    try {
      const tracker = createGitHubTracker({
        connection: { baseUrl: fake.url, token: fake.token, owner: 'octo', repo: 'app' },
      });
      const { key } = await tracker.createIssue({ title: 'Watch me', description: '', marker: 'fu-hook' });
      await fake.settled();
      const opened = fake.webhooks.length;
      await fake.closeIssue(REPO, 1);

      const closed = receiver.received.at(-1);
      expect(fake.webhooks[opened]?.status).toBe(204);
      expect(closed?.verdict).toMatchObject({ ok: true, provider: 'github' });
      expect(closed?.payload).toMatchObject({ action: 'closed', issue: { number: 1, state: 'closed' } });
      expect(key).toBe('octo/app#1');

      expect(await fake.redeliver(opened)).toBe(401);
      expect(receiver.received.at(-1)?.verdict).toMatchObject({ ok: false, code: 'WEBHOOK_REPLAYED' });

      const forgedBody = JSON.stringify({ action: 'reopened', issue: { number: 1 } });
      const forged = await fetch(receiver.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-github-event': 'issues',
          'x-github-delivery': crypto.randomUUID(),
          'x-hub-signature-256': `sha256=${createHmac('sha256', 'guessed').update(forgedBody).digest('hex')}`,
        },
        body: forgedBody,
      });
      expect(forged.status).toBe(401);
      expect(receiver.received.at(-1)).toEqual({
        verdict: { ok: false, code: 'WEBHOOK_SIGNATURE_INVALID', message: expect.any(String) as string },
      });
    } finally {
      await fake.close();
      await receiver.close();
    }
  });

  it('sends edited with the old title and signs with the configured secret only', async () => {
    const receiver = await startWebhookReceiver('github', 'right-secret', new MemoryDeliveryStore());
    const fake = await startFakeGitHub({
      repositories: [REPO],
      webhook: { url: receiver.url, secret: 'right-secret' },
    });
    try {
      const tracker = createGitHubTracker({
        connection: { baseUrl: fake.url, token: fake.token, owner: 'octo', repo: 'app' },
      });
      await tracker.createIssue({ title: 'Before', description: '', marker: 'fu-edit' });
      await fake.editTitle(REPO, 1, 'After');
      expect(receiver.received.at(-1)?.payload).toMatchObject({
        action: 'edited',
        changes: { title: { from: 'Before' } },
        issue: { title: 'After' },
      });
      fake.setWebhook({ url: receiver.url, secret: 'stale-secret' });
      await fake.closeIssue(REPO, 1);
      expect(receiver.received.at(-1)?.verdict).toMatchObject({
        ok: false,
        code: 'WEBHOOK_SIGNATURE_INVALID',
      });
    } finally {
      await fake.close();
      await receiver.close();
    }
  });
});
