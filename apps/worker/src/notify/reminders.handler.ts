import { MikroORM, UniqueConstraintViolationException } from '@mikro-orm/core';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { DomainEventInput, JobPayload } from '@pm/contracts';
import { FollowUp, Postmortem, recordDomainEvent, ReminderLog } from '@pm/db';
import { WORKER_CONFIG, type WorkerConfig } from '../config.js';
import type { JobHandler } from '../handler.js';
import { CLOCK, type Clock } from '../clock.js';
import { pendingReviewers } from './pending-reviewers.js';
import { reminderRecipients } from './reminder-recipients.js';

const HOUR = 3_600_000;
const STATUS_LABEL = { draft: 'Draft', in_review: 'In Review' } as Record<string, string>;

/**
 * The reminder scan (scheduled job `reminders.scan`, one schedule for every worker). For each Draft / In Review
 * postmortem older than `REMINDER_STALE_HOURS` (its owner, and when In Review the reviewers still to approve) and
 * each open follow-up past its due date, it writes the idempotency key `(item, period start)` and a `*.reminder`
 * domain event carrying `notify` in ONE transaction; the notification consumer delivers it (in-app, e-mail). A
 * second scan in the same period — another worker, a restart, a retry — hits the key and sends nothing. Time comes
 * from the injectable clock.
 */
@Injectable()
export class RemindersHandler implements JobHandler<'reminders.scan'> {
  readonly jobName = 'reminders.scan' as const;
  private readonly log = new Logger('Reminders');

  constructor(
    private readonly orm: MikroORM,
    @Inject(WORKER_CONFIG) private readonly cfg: WorkerConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(_: JobPayload<'reminders.scan'>): Promise<{ sent: number }> {
    if (!this.cfg.REMINDERS_ENABLED) return { sent: 0 };
    const now = this.clock();
    const periodMs = this.cfg.REMINDER_PERIOD_HOURS * HOUR;
    const periodStart = new Date(Math.floor(now.getTime() / periodMs) * periodMs).toISOString();
    const em = this.orm.em.fork();
    let sent = 0;

    const stale = await em.find(
      Postmortem,
      {
        status: { $in: ['draft', 'in_review'] },
        removedAt: null,
        createdAt: { $lt: new Date(now.getTime() - this.cfg.REMINDER_STALE_HOURS * HOUR) },
      },
      { populate: ['incident', 'owner', 'requestedBy'], limit: 2_000 },
    );
    const reviewers = await pendingReviewers(em, stale);
    for (const pm of stale) {
      const pending = reviewers.get(pm.id) ?? [];
      const userIds = reminderRecipients({ kind: 'postmortem', postmortem: pm, pendingReviewerIds: pending });
      const days = Math.floor((now.getTime() - pm.createdAt.getTime()) / (24 * HOUR));
      sent += await this.remind(`postmortem:${pm.id}:${periodStart}`, userIds, {
        type: 'postmortem.reminder',
        incidentId: pm.incident.id,
        postmortemId: pm.id,
        data: { periodStart, status: pm.status },
        notify: {
          userIds,
          title: `Reminder: "${pm.title}" is still ${STATUS_LABEL[pm.status] ?? pm.status}`,
          // Its age, not the time in this status (no status timestamp is stored).
          body:
            `The postmortem of incident #${pm.incident.publicId} (${pm.incident.title}) was started ${days} day(s) ago ` +
            `and is still ${STATUS_LABEL[pm.status] ?? pm.status}.` +
            (pending.length ? ` Approvals still needed from ${pending.length} reviewer(s).` : ''),
          link: `/incidents/${pm.incident.id}/post-incident/${pm.id}`,
        },
      });
    }

    // Due dates are calendar dates; "past due" means due before today (UTC).
    const today = now.toISOString().slice(0, 10);
    const overdue = await em.find(
      FollowUp,
      { status: 'open', dueDate: { $ne: null, $lt: today } },
      { populate: ['incident'], limit: 5_000 },
    );
    for (const fu of overdue) {
      const userIds = reminderRecipients({ kind: 'follow_up', followUp: fu });
      sent += await this.remind(`follow_up:${fu.id}:${periodStart}`, userIds, {
        type: 'follow_up.reminder',
        incidentId: fu.incident.id,
        followUpId: fu.id,
        data: { periodStart, dueDate: fu.dueDate },
        notify: {
          userIds,
          title: `Overdue follow-up: ${fu.content.slice(0, 200)}`,
          body: `Due ${fu.dueDate}, incident #${fu.incident.publicId} (${fu.incident.title}).`,
          link: `/incidents/${fu.incident.id}/post-incident`,
        },
      });
    }
    if (sent) this.log.log(`${sent} reminder(s) for the period starting ${periodStart}`);
    return { sent };
  }

  /** Key + event in one transaction; 0 when this item was already reminded in this period (or has nobody). */
  private async remind(key: string, userIds: string[], event: DomainEventInput): Promise<number> {
    if (!userIds.length) return 0;
    try {
      await this.orm.em.fork().transactional(async (tx) => {
        tx.persist(tx.create(ReminderLog, { key }));
        await recordDomainEvent(tx, event);
      });
      return 1;
    } catch (e) {
      if (e instanceof UniqueConstraintViolationException) return 0;
      throw e;
    }
  }
}
