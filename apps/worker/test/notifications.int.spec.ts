import {
  DEMO_CHECKOUT_INCIDENT_TITLE,
  DomainEvent,
  Incident,
  Notification,
  NotificationSettingsRow,
  Postmortem,
  PostmortemReview,
  recordDomainEvent,
  ReminderLog,
  seedDemo,
  User,
  type Em,
} from '@pm/db';
import {
  cleanRedisPrefix,
  createTestDatabase,
  freePort,
  testConfig,
  uniqueRedisPrefix,
  waitFor,
  type TestDatabase,
} from '@pm/testing';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { FakeSmtp } from '@pm/testing/smtp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorker, type RunningWorker } from '../src/bootstrap.js';
import { loadWorkerConfig } from '../src/config.js';

const DAY = 24 * 3600_000;

describe.each(['sqlite', 'postgresql'] as const)('notifications and reminders on %s', (kind) => {
  let db: TestDatabase;
  const workers: RunningWorker[] = [];
  let redis: Redis;
  let smtp: FakeSmtp;
  let reminders: Queue;
  let notify: Queue;
  const prefix = uniqueRedisPrefix('notify');
  // The workers' clock: tests move it forward instead of waiting.
  let now = Date.now();
  const users: Record<string, string> = {};

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    await seedDemo(db.orm.em.fork());
    for (const u of await db.orm.em.fork().find(User, {})) users[u.handle] = u.id;
    smtp = new FakeSmtp(await freePort());
    await smtp.start();
    const cfg = loadWorkerConfig({
      NODE_ENV: 'test',
      DATABASE_URL: db.databaseUrl,
      REDIS_URL: testConfig().redisUrl,
      REDIS_PREFIX: prefix,
      WORKER_HEALTH_PORT: '-1',
      SWEEP_INTERVAL_MS: '3600000',
      LOG_LEVEL: process.env.TEST_LOG ?? 'silent',
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      SMTP_RETRY_DELAY_MS: '300',
      NOTIFY_POLL_MS: '200',
      REMINDER_SCAN_INTERVAL_MS: '200',
      REMINDER_STALE_HOURS: '168',
      REMINDER_PERIOD_HOURS: '24',
    });
    // Two workers, as in production: one schedule each, no reminder twice.
    for (let i = 0; i < 2; i++) workers.push(await startWorker(cfg, { clock: () => new Date(now) }));
    redis = new Redis(testConfig().redisUrl, { maxRetriesPerRequest: null });
    reminders = new Queue('reminders', { connection: redis, prefix: `{${prefix}}` });
    notify = new Queue('notify', { connection: redis, prefix: `{${prefix}}` });
  });

  afterAll(async () => {
    for (const w of workers) await w.close();
    await reminders?.close();
    await notify?.close();
    await cleanRedisPrefix(redis, `{${prefix}}`);
    redis?.disconnect();
    await smtp?.stop();
    await db?.dispose();
  });

  const em = () => db.orm.em.fork() as unknown as Em;
  const notificationsOf = (userId: string) =>
    em().find(Notification, { user: userId }, { orderBy: { createdAt: 'asc' } });

  async function emit(incidentTitle: string, userIds: string[], title: string, ics?: string) {
    const e = em();
    const incident = await e.findOneOrFail(Incident, { title: incidentTitle });
    await recordDomainEvent(e, {
      type: 'postmortem.review_meeting_scheduled',
      incidentId: incident.id,
      notify: { userIds, title, body: 'Please join.', link: `/incidents/${incident.id}/post-incident`, ics },
    });
    await e.flush();
    return incident.id;
  }

  async function completedScans(): Promise<number> {
    return (await reminders.getJobCounts('completed')).completed ?? 0;
  }

  it('keeps ONE schedule per job however many workers run', async () => {
    expect(await notify.getJobSchedulers()).toHaveLength(1);
    expect(await reminders.getJobSchedulers()).toHaveLength(1);
  });

  it('turns an event into one in-app notification per user and an e-mail with the invitation', async () => {
    const ics = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n';
    await emit(DEMO_CHECKOUT_INCIDENT_TITLE, [users.lena!, users.lena!], 'Review meeting A1', ics);
    await waitFor(async () => smtp.withSubject('Review meeting A1').length === 1, { timeout: 30_000 });
    const mine = (await notificationsOf(users.lena!)).filter((n) => n.title === 'Review meeting A1');
    expect(mine).toHaveLength(1);
    expect(mine[0]!.readAt).toBeNull();
    const mail = smtp.withSubject('Review meeting A1')[0]!;
    expect(mail.to).toEqual(['lena@example.com']);
    expect(mail.raw).toMatch(/text\/calendar; charset=utf-8; method=REQUEST|text\/calendar; method=REQUEST/i);
    expect(mail.raw).toContain('List-Unsubscribe:');
    await waitFor(async () => (await em().findOneOrFail(Notification, mine[0]!.id)).emailState === 'sent');
  });

  it('never notifies a user who cannot see the private incident', async () => {
    const title = "Support tool showed other tenants' invoices to agents";
    await emit(title, [users.sam!, users.marco!], 'Private review B2');
    await waitFor(async () => smtp.withSubject('Private review B2').length === 1, { timeout: 30_000 });
    expect(smtp.withSubject('Private review B2')[0]!.to).toEqual(['marco@example.com']);
    expect((await notificationsOf(users.sam!)).some((n) => n.title === 'Private review B2')).toBe(false);
  });

  it('sends no e-mail to an unsubscribed user, but the in-app notification appears', async () => {
    const e = em();
    e.persist(
      e.create(NotificationSettingsRow, { user: e.getReference(User, users.rita!), emailEnabled: false }),
    );
    await e.flush();
    await emit(DEMO_CHECKOUT_INCIDENT_TITLE, [users.rita!, users.priya!], 'Unsubscribed C3');
    await waitFor(async () => smtp.withSubject('Unsubscribed C3').length === 1, { timeout: 30_000 });
    expect(smtp.withSubject('Unsubscribed C3')[0]!.to).toEqual(['priya@example.com']);
    const rita = (await notificationsOf(users.rita!)).filter((n) => n.title === 'Unsubscribed C3');
    expect(rita.map((n) => n.emailState)).toEqual(['none']);
  });

  it('defers e-mails during quiet hours (in-app at once)', async () => {
    const e = em();
    const hh = new Date(now).getUTCHours();
    const pad = (h: number) => `${String(h % 24).padStart(2, '0')}:00`;
    // A window around "now" in UTC, ending two hours later.
    e.persist(
      e.create(NotificationSettingsRow, {
        user: e.getReference(User, users.ada!),
        quietStart: pad(hh + 23),
        quietEnd: pad(hh + 2),
        timeZone: 'UTC',
      }),
    );
    await e.flush();
    await emit(DEMO_CHECKOUT_INCIDENT_TITLE, [users.ada!], 'Quiet D4');
    await waitFor(async () => (await notificationsOf(users.ada!)).some((n) => n.title === 'Quiet D4'));
    const n = (await notificationsOf(users.ada!)).find((x) => x.title === 'Quiet D4')!;
    await waitFor(async () => (await (await notify.getJob(`email-${n.id}`))?.getState()) === 'delayed');
    const job = await notify.getJob(`email-${n.id}`);
    expect(job!.delay + job!.timestamp - Date.now()).toBeGreaterThan(3600_000);
    expect(smtp.withSubject('Quiet D4')).toHaveLength(0);
  });

  it('SMTP down: the in-app notification appears, the e-mail is retried and delivered when SMTP is back', async () => {
    await smtp.stop();
    await emit(DEMO_CHECKOUT_INCIDENT_TITLE, [users.sam!], 'Outage E5');
    await waitFor(async () => (await notificationsOf(users.sam!)).some((n) => n.title === 'Outage E5'));
    const n = (await notificationsOf(users.sam!)).find((x) => x.title === 'Outage E5')!;
    await waitFor(async () => ((await notify.getJob(`email-${n.id}`))?.attemptsMade ?? 0) >= 2, {
      timeout: 30_000,
    });
    expect((await em().findOneOrFail(Notification, n.id)).emailState).toBe('queued');
    await smtp.start();
    await waitFor(async () => smtp.withSubject('Outage E5').length === 1, { timeout: 30_000 });
    await waitFor(async () => (await em().findOneOrFail(Notification, n.id)).emailState === 'sent');
  });

  it('reminds a stale draft once per period: time advanced, several scans, two workers', async () => {
    const e = em();
    const incident = await e.findOneOrFail(Incident, { title: DEMO_CHECKOUT_INCIDENT_TITLE });
    const priya = e.getReference(User, users.priya!);
    const pm = e.create(Postmortem, {
      incident,
      title: 'Stale F6',
      destination: 'notebook',
      requestedBy: priya,
      owner: priya,
      createdAt: new Date(now - DAY),
    });
    await e.flush();
    const subject = 'Reminder: "Stale F6" is still Draft';
    // One day old: not stale yet, whatever the scans do.
    const before = await completedScans();
    await waitFor(async () => (await completedScans()) >= before + 3, { timeout: 30_000 });
    expect(smtp.withSubject(subject)).toHaveLength(0);

    now += 7 * DAY; // eight days old now
    await waitFor(async () => smtp.withSubject(subject).length === 1, { timeout: 30_000 });
    const afterFirst = await completedScans();
    await waitFor(async () => (await completedScans()) >= afterFirst + 4, { timeout: 30_000 });
    // Give the consumer time to deliver anything a duplicate scan could have produced.
    const polls = (await notify.getJobCounts('completed')).completed ?? 0;
    await waitFor(async () => ((await notify.getJobCounts('completed')).completed ?? 0) >= polls + 3);
    expect(smtp.withSubject(subject)).toHaveLength(1);
    expect(smtp.withSubject(subject)[0]!.to).toEqual(['priya@example.com']);
    expect(await em().count(ReminderLog, { key: { $like: `postmortem:${pm.id}:%` } })).toBe(1);

    now += DAY; // next period
    await waitFor(async () => smtp.withSubject(subject).length === 2, { timeout: 30_000 });
    const inApp = (await notificationsOf(users.priya!)).filter((n) => n.title === subject);
    expect(inApp).toHaveLength(2);
    expect(
      inApp.every(
        (n) => n.kind === 'reminder' && n.link === `/incidents/${incident.id}/post-incident/${pm.id}`,
      ),
    ).toBe(true);
  });
  const PRIVATE_TITLE = "Support tool showed other tenants' invoices to agents";

  it('reminds the owner and the reviewers still to approve, never a reviewer removed from the incident', async () => {
    const e = em();
    const incident = await e.findOneOrFail(Incident, { title: PRIVATE_TITLE });
    // Marco owns it; Lena and Priya are on the response team; Sam was asked to review, then removed from it.
    incident.responderIds = [users.marco!, users.lena!, users.priya!];
    const marco = e.getReference(User, users.marco!);
    const pm = e.create(Postmortem, {
      incident,
      title: 'Review G7',
      destination: 'notebook',
      status: 'in_review',
      requestedBy: marco,
      owner: marco,
      createdAt: new Date(now - 8 * DAY),
      reviewRule: {
        reviewerIds: [users.lena!, users.priya!, users.sam!],
        minApprovals: null,
        allowSelfApproval: false,
        staleOnEdit: true,
      },
    });
    const review = (who: string, decision: 'pending' | 'approved') =>
      e.create(PostmortemReview, { postmortem: pm, reviewer: e.getReference(User, users[who]!), decision });
    e.persist([review('lena', 'approved'), review('priya', 'pending'), review('sam', 'pending')]);
    await e.flush();

    const subject = 'Reminder: "Review G7" is still In Review';
    await waitFor(async () => smtp.withSubject(subject).length === 2, { timeout: 30_000 });
    // The event names exactly the owner and the pending reviewer who can still see the incident.
    const event = await db.orm.em
      .fork()
      .findOneOrFail(DomainEvent, { type: 'postmortem.reminder', postmortemId: pm.id });
    expect([...event.notify!.userIds].sort()).toEqual([users.marco!, users.priya!].sort());
    expect(event.notify!.body).toMatch(/is still In Review\. Approvals still needed from 1 reviewer\(s\)\.$/);
    // Let a few more scans and deliveries pass: still exactly those two e-mails (once per period).
    const scans = await completedScans();
    await waitFor(async () => (await completedScans()) >= scans + 3, { timeout: 30_000 });
    const polls = (await notify.getJobCounts('completed')).completed ?? 0;
    await waitFor(async () => ((await notify.getJobCounts('completed')).completed ?? 0) >= polls + 3);
    expect(
      smtp
        .withSubject(subject)
        .flatMap((m) => m.to)
        .sort(),
    ).toEqual(['marco@example.com', 'priya@example.com']);
    for (const who of ['lena', 'sam'])
      expect((await notificationsOf(users[who]!)).some((n) => n.title === subject)).toBe(false);
  });

  it('does not send a queued e-mail to someone removed from the private incident meanwhile', async () => {
    const e = em();
    const hh = new Date(now).getUTCHours();
    const pad = (h: number) => `${String(h % 24).padStart(2, '0')}:00`;
    // Lena's e-mail waits out her quiet hours...
    e.persist(
      e.create(NotificationSettingsRow, {
        user: e.getReference(User, users.lena!),
        quietStart: pad(hh + 23),
        quietEnd: pad(hh + 2),
        timeZone: 'UTC',
      }),
    );
    await e.flush();
    await emit(PRIVATE_TITLE, [users.lena!], 'Removed H8');
    await waitFor(async () => (await notificationsOf(users.lena!)).some((n) => n.title === 'Removed H8'));
    const n = (await notificationsOf(users.lena!)).find((x) => x.title === 'Removed H8')!;
    await waitFor(async () => (await (await notify.getJob(`email-${n.id}`))?.getState()) === 'delayed');
    // ...she is removed from the incident, her quiet hours end, and the job runs: nothing is sent.
    const e2 = em();
    const incident = await e2.findOneOrFail(Incident, { title: PRIVATE_TITLE });
    incident.responderIds = incident.responderIds.filter((id) => id !== users.lena);
    await e2.nativeDelete(NotificationSettingsRow, { user: users.lena! });
    await e2.flush();
    await (await notify.getJob(`email-${n.id}`))!.promote();
    await waitFor(async () => (await em().findOneOrFail(Notification, n.id)).emailState === 'skipped');
    expect(smtp.withSubject('Removed H8')).toHaveLength(0);
  });
});
