import { MikroORM, UniqueConstraintViolationException } from '@mikro-orm/core';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { canSeeIncidentRule } from '@pm/auth';
import { ROLE_PERMISSIONS, type JobPayload } from '@pm/contracts';
import { DomainEvent, EventCursor, Incident, Notification, notificationSettingsOf, User } from '@pm/db';
import { InjectQueue } from '@nestjs/bullmq';
import { jobIdFor } from '@pm/queue';
import type { Queue } from 'bullmq';
import { WORKER_CONFIG, type WorkerConfig } from '../config.js';
import type { JobHandler } from '../handler.js';
import { CLOCK, type Clock } from '../clock.js';
import { MAILER, type Mailer } from './mailer.js';
import { quietUntil } from './quiet-hours.js';

type Em = ReturnType<MikroORM['em']['fork']>;

export const NOTIFY_CURSOR = 'notifications';
/** Rows younger than this may still have lower-`seq` neighbours committing late (events.ts): the cursor waits. */
export const SETTLE_MS = 10_000;
const BATCH = 500;

/**
 * Turns new domain events' `notify` into in-app notifications (one per user, unique (event, user)) and queues one
 * e-mail job per notification when SMTP is configured and the user gets e-mails. Runs from one job scheduler shared
 * by all workers; the cursor only moves past rows older than {@link SETTLE_MS}, younger rows are read again next
 * time and their notifications already exist, so nothing is skipped and nothing doubles.
 */
@Injectable()
export class NotifyEventsHandler implements JobHandler<'notify.events'> {
  readonly jobName = 'notify.events' as const;
  private readonly log = new Logger('NotifyEvents');

  constructor(
    private readonly orm: MikroORM,
    @InjectQueue('notify') private readonly queue: Queue,
    @Inject(WORKER_CONFIG) private readonly cfg: WorkerConfig,
    @Inject(MAILER) private readonly mailer: Mailer | null,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(_: JobPayload<'notify.events'>): Promise<{ events: number; created: number }> {
    const em = this.orm.em.fork();
    const cursor = await em.findOne(EventCursor, { name: NOTIFY_CURSOR });
    const from = cursor?.seq ?? 0;
    // An unflushed fork: domain_events is append-only, loaded rows must never be written back by a later flush.
    const rows = await this.orm.em
      .fork()
      .find(DomainEvent, { seq: { $gt: from } }, { orderBy: { seq: 'asc' }, limit: BATCH });
    // Real time, not the injectable clock: `createdAt` is the database's insertion time.
    const settled = Date.now() - SETTLE_MS;
    let advanceTo = from;
    let blocked = false;
    let created = 0;
    for (const ev of rows) {
      if (ev.notify && ev.notify.userIds.length) created += await this.deliver(em, ev);
      if (!blocked && ev.createdAt.getTime() < settled) advanceTo = ev.seq;
      else blocked = true;
    }
    if (advanceTo > from) {
      if (cursor) cursor.seq = advanceTo;
      else em.persist(em.create(EventCursor, { name: NOTIFY_CURSOR, seq: advanceTo }));
      await em.flush();
    }
    return { events: rows.length, created };
  }

  /** Creates the event's missing notifications and (re)queues their e-mails; returns how many rows it created. */
  private async deliver(em: Em, ev: DomainEvent): Promise<number> {
    const notify = ev.notify!;
    const recipients = await this.visibleRecipients(em, ev.incidentId, [...new Set(notify.userIds)]);
    const existing = new Set(
      (await em.find(Notification, { eventId: ev.id }, { fields: ['user'] })).map((n) => n.user.id),
    );
    const kind = ev.type.endsWith('.reminder') ? 'reminder' : 'event';
    let created = 0;
    for (const user of recipients) {
      if (existing.has(user.id)) continue;
      const settings = await notificationSettingsOf(em, user.id);
      const emailState = this.mailer && settings.emailEnabled ? 'queued' : 'none';
      const id = crypto.randomUUID();
      try {
        await em.insert(Notification, {
          id,
          user: user.id,
          eventId: ev.id,
          incidentId: ev.incidentId,
          kind,
          title: notify.title,
          body: notify.body ?? '',
          link: notify.link ?? null,
          emailState,
          createdAt: new Date(),
        } as never);
      } catch (e) {
        // Another worker delivered the same event meanwhile: its row stands, nothing to do.
        if (e instanceof UniqueConstraintViolationException) continue;
        throw e;
      }
      created++;
      if (emailState === 'queued') {
        const until = quietUntil(settings, this.clock());
        await this.enqueueEmail(id, until ? until.getTime() - this.clock().getTime() : 0);
      }
    }
    return created;
  }

  /** Users named by the event who may see its incident (private incidents: never tell an outsider). */
  private async visibleRecipients(em: Em, incidentId: string | null, userIds: string[]): Promise<User[]> {
    if (!userIds.length) return [];
    const users = await em.find(User, { id: { $in: userIds } });
    if (!incidentId) return users;
    const incident = await em.findOne(Incident, incidentId, { fields: ['visibility', 'responderIds'] });
    if (!incident) return [];
    return users.filter((u) =>
      canSeeIncidentRule({ permissions: ROLE_PERMISSIONS[u.role] ?? [], userId: u.id }, incident),
    );
  }

  /** One e-mail job per notification (deterministic id), retried with exponential backoff while SMTP is down. */
  async enqueueEmail(notificationId: string, delayMs: number): Promise<void> {
    const payload = { notificationId };
    await this.queue.add('notify.email', payload, {
      jobId: jobIdFor('notify.email', payload),
      delay: Math.max(0, delayMs),
      attempts: this.cfg.SMTP_ATTEMPTS,
      backoff: { type: 'exponential', delay: this.cfg.SMTP_RETRY_DELAY_MS, jitter: 0.2 },
      removeOnComplete: { age: 7 * 24 * 3600 },
      removeOnFail: { age: 30 * 24 * 3600 },
    });
    this.log.debug?.(`e-mail queued for notification ${notificationId}`);
  }
}
