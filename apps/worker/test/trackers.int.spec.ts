import { parseSecretKeys, SecretBox } from '@pm/auth';
import { DEV_SECRET_KEYS, type ConnectedAccountCredentials } from '@pm/contracts';
import {
  ConnectedAccount,
  DEMO_CHECKOUT_INCIDENT_TITLE,
  FollowUp,
  Incident,
  IncidentType,
  sealAccountCredentials,
  seedDemo,
  TrackerSettings,
} from '@pm/db';
import { createProducerConnection, JobProducer } from '@pm/queue';
import {
  cleanRedisPrefix,
  createTestDatabase,
  startFakeGitHub,
  startFakeJira,
  testConfig,
  uniqueRedisPrefix,
  waitFor,
  type FakeGitHub,
  type FakeJira,
  type TestDatabase,
} from '@pm/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startWorker, type RunningWorker } from '../src/bootstrap.js';
import { loadWorkerConfig } from '../src/config.js';

describe.each(['sqlite', 'postgresql'] as const)('tracker export and sync on %s', (kind) => {
  let db: TestDatabase;
  let worker: RunningWorker;
  let producer: JobProducer;
  let redis: Redis;
  let gh: FakeGitHub;
  let jira: FakeJira;
  const accounts: Record<'github' | 'jira', string> = { github: '', jira: '' };
  const prefix = uniqueRedisPrefix('trackers');

  async function account(credentials: ConnectedAccountCredentials, name: string): Promise<string> {
    const em = db.orm.em.fork();
    const row = em.create(ConnectedAccount, {
      kind: credentials.kind,
      name,
      publicConfig: {},
      secretSealed: '',
    });
    sealAccountCredentials(new SecretBox(parseSecretKeys(DEV_SECRET_KEYS)), row, credentials);
    await em.flush();
    return row.id;
  }

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    await seedDemo(db.orm.em.fork());
    gh = await startFakeGitHub({ repositories: ['octo/app'] });
    jira = await startFakeJira({ flavor: 'cloud' });
    accounts.github = await account({ kind: 'github', token: gh.token, apiUrl: gh.url }, 'GitHub');
    accounts.jira = await account(
      { kind: 'jira_cloud', siteUrl: jira.url, email: 'bot@example.com', apiToken: 'jira-api-token' },
      'Jira',
    );
    worker = await startWorker(
      loadWorkerConfig({
        NODE_ENV: 'test',
        DATABASE_URL: db.databaseUrl,
        REDIS_URL: testConfig().redisUrl,
        REDIS_PREFIX: prefix,
        WORKER_HEALTH_PORT: '0',
        SWEEP_INTERVAL_MS: '3600000',
        LOG_LEVEL: 'silent',
        OUTBOUND_ALLOW_LOOPBACK_FOR_TESTS: 'true',
      }),
    );
    redis = createProducerConnection(testConfig().redisUrl);
    await new Promise((r) => redis.once('ready', r));
    producer = new JobProducer(redis, prefix);
  });

  afterAll(async () => {
    await worker?.close();
    await producer?.close();
    await cleanRedisPrefix(redis, `{${prefix}}`);
    redis?.disconnect();
    await gh?.close();
    await jira?.close();
    await db?.dispose();
  });

  beforeEach(() => {
    gh.clearFaults();
    jira.clearFaults();
  });

  /** Points the demo incident's type at GitHub or Jira. */
  async function useTracker(tracker: 'github' | 'jira', projectKey = 'OPS') {
    const em = db.orm.em.fork();
    const incident = await em.findOneOrFail(Incident, { title: DEMO_CHECKOUT_INCIDENT_TITLE });
    const type = incident.incidentType ?? (await em.findOneOrFail(IncidentType, { isDefault: true }));
    await em.nativeDelete(TrackerSettings, { incidentType: type });
    em.create(TrackerSettings, {
      incidentType: type,
      kind: tracker,
      accountId: accounts[tracker],
      github: tracker === 'github' ? { owner: 'octo', repo: 'app', labels: ['postmortem'] } : null,
      jira:
        tracker === 'jira'
          ? {
              projectKey,
              issueType: 'Task',
              fields: { summary: '[{{ incident_severity }}] {{ follow_up_title }}' },
              statuses: {},
            }
          : null,
    });
    await em.flush();
  }

  async function newItem(content: string): Promise<string> {
    const em = db.orm.em.fork();
    const incident = await em.findOneOrFail(Incident, { title: DEMO_CHECKOUT_INCIDENT_TITLE });
    const item = em.create(FollowUp, { incident, content, trackerState: 'exporting', trackerKind: 'github' });
    await em.flush();
    return item.id;
  }

  /** The sync job has finished and been removed, so the next edit can enqueue under the same id. */
  const syncDone = (id: string) =>
    waitFor(async () => !(await producer.queue('export').getJob(`tracker-sync-${id}`)), {
      timeout: 120_000,
    });
  const item = (id: string) => db.orm.em.fork().findOneOrFail(FollowUp, { id });
  const settled = (id: string) =>
    waitFor(async () => (await item(id)).trackerState !== 'exporting', { timeout: 120_000 });

  it('exports to GitHub once, with the key and link stored on the item', async () => {
    await useTracker('github');
    const id = await newItem('Add a circuit breaker to the payment client');
    await producer.enqueue('export.follow-up', { followUpId: id });
    await settled(id);
    const row = await item(id);
    const made = gh.issues('octo/app').filter((i) => i.body?.includes(id));
    expect(made).toHaveLength(1);
    expect(made[0]!.labels).toEqual(expect.arrayContaining(['postmortem-follow-up', 'postmortem']));
    expect(row).toMatchObject({
      trackerState: 'linked',
      trackerKind: 'github',
      trackerKey: `octo/app#${made[0]!.number}`,
      trackerAccountId: accounts.github,
      trackerError: null,
    });
    expect(row.trackerUrl).toContain(`/octo/app/issues/${made[0]!.number}`);
  });

  it('exports to Jira Cloud once even when the create answer is lost, with the mapped summary', async () => {
    await useTracker('jira');
    const id = await newItem('Alert on checkout error rate');
    jira.loseNextResponse({ method: 'POST', path: /\/issue$/ });
    await producer.enqueue('export.follow-up', { followUpId: id });
    await settled(id);
    const made = jira.issues().filter((i) => i.labels.includes(`pm-${id}`));
    expect(made).toHaveLength(1);
    expect(jira.requests.some((r) => r.status === 'lost')).toBe(true);
    expect(made[0]!.summary).toMatch(/^\[SEV-\d\] Alert on checkout error rate$/);
    expect(await item(id)).toMatchObject({ trackerState: 'linked', trackerKey: made[0]!.key });
  });

  it('waits out a 429 Retry-After before trying again', async () => {
    await useTracker('github');
    const id = await newItem('Rate limited item');
    gh.rateLimitNext(1, { method: 'GET', path: '/issues' });
    const from = gh.requests.length;
    await producer.enqueue('export.follow-up', { followUpId: id });
    await settled(id);
    const calls = gh.requests.slice(from);
    const limited = calls.findIndex((r) => r.status === 429);
    expect(limited).toBeGreaterThanOrEqual(0);
    expect(calls[limited + 1]!.atMonotonic - calls[limited]!.atMonotonic).toBeGreaterThanOrEqual(990);
    expect((await item(id)).trackerState).toBe('linked');
  });

  it('fails permanently with the tracker’s reason on the item (unknown Jira project)', async () => {
    await useTracker('jira', 'NOPE');
    const id = await newItem('Goes nowhere');
    await producer.enqueue('export.follow-up', { followUpId: id });
    await settled(id);
    const row = await item(id);
    expect(row.trackerState).toBe('failed');
    expect(row.trackerError).toMatch(/TRACKER_/);
    expect(jira.issues().filter((i) => i.labels.includes(`pm-${id}`))).toHaveLength(0);
  });

  it('syncs title and done to the issue, and reports a deleted issue on the item', async () => {
    await useTracker('github');
    const id = await newItem('First title');
    await producer.enqueue('export.follow-up', { followUpId: id });
    await settled(id);
    const number = Number((await item(id)).trackerKey!.split('#')[1]);

    await db.orm.em.fork().nativeUpdate(FollowUp, { id }, { content: 'Renamed title', status: 'done' });
    await producer.enqueue('export.follow-up-sync', { followUpId: id });
    await waitFor(() => gh.issue('octo/app', number)?.state === 'closed', { timeout: 120_000 });
    expect(gh.issue('octo/app', number)?.title).toBe('Renamed title');
    await syncDone(id);

    await db.orm.em.fork().nativeUpdate(FollowUp, { id }, { status: 'open' });
    await producer.enqueue('export.follow-up-sync', { followUpId: id });
    await waitFor(() => gh.issue('octo/app', number)?.state === 'open', { timeout: 120_000 });
    await syncDone(id);

    await gh.deleteIssue('octo/app', number);
    await producer.enqueue('export.follow-up-sync', { followUpId: id });
    await waitFor(async () => (await item(id)).trackerState === 'deleted', { timeout: 120_000 });
    expect((await item(id)).trackerError).toMatch(/deleted/);
  });
});
