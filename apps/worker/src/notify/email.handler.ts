import { MikroORM } from '@mikro-orm/core';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { signUnsubscribeToken } from '@pm/auth';
import { canSeeIncidentRule } from '@pm/auth';
import { ROLE_PERMISSIONS, type JobPayload } from '@pm/contracts';
import { DomainEvent, Incident, Notification, notificationSettingsOf } from '@pm/db';
import { DelayedError, type Job } from 'bullmq';
import { WORKER_CONFIG, type WorkerConfig } from '../config.js';
import type { JobHandler } from '../handler.js';
import { CLOCK, type Clock } from '../clock.js';
import { MAILER, type Mailer, type MailMessage } from './mailer.js';
import { quietUntil } from './quiet-hours.js';

type Em = ReturnType<MikroORM['em']['fork']>;

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * Sends one notification's e-mail. The row's `emailState` makes it idempotent (a sent one is never sent again);
 * settings and access to the incident are read at send time, so an unsubscribe, new quiet hours or a removal from
 * a private incident apply to e-mails already queued. During quiet hours the job moves to the delayed set until the
 * window ends (no attempt used). A failed send throws and BullMQ retries it with exponential backoff; the in-app
 * notification exists all along.
 */
@Injectable()
export class EmailHandler implements JobHandler<'notify.email'> {
  readonly jobName = 'notify.email' as const;
  private readonly log = new Logger('NotifyEmail');

  constructor(
    private readonly orm: MikroORM,
    @Inject(WORKER_CONFIG) private readonly cfg: WorkerConfig,
    @Inject(MAILER) private readonly mailer: Mailer | null,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(p: JobPayload<'notify.email'>, job: Job, token?: string): Promise<string> {
    const em = this.orm.em.fork();
    const n = await em.findOne(Notification, p.notificationId, { populate: ['user'] });
    if (!n || n.emailState !== 'queued') return 'nothing to send';
    const settings = await notificationSettingsOf(em, n.user.id);
    if (!this.mailer || !settings.emailEnabled || !(await this.maySee(em, n))) {
      n.emailState = 'skipped';
      await em.flush();
      return 'skipped';
    }
    const now = this.clock();
    const until = quietUntil(settings, now);
    if (until && token) {
      await job.moveToDelayed(Date.now() + (until.getTime() - now.getTime()), token);
      throw new DelayedError();
    }
    const event = await this.orm.em.fork().findOne(DomainEvent, { id: n.eventId }, { fields: ['notify'] });
    await this.mailer.send(this.message(n, event?.notify?.ics));
    n.emailState = 'sent';
    n.emailedAt = new Date();
    await em.flush();
    return 'sent';
  }

  async onFinalFailure(p: JobPayload<'notify.email'>, reason: string): Promise<void> {
    const em = this.orm.em.fork();
    await em.nativeUpdate(
      Notification,
      { id: p.notificationId, emailState: 'queued' },
      { emailState: 'failed' },
    );
    this.log.warn(`e-mail of notification ${p.notificationId} given up: ${reason}`);
  }

  /**
   * Access is checked again at send time: someone removed from a private incident while the e-mail waited (quiet
   * hours, SMTP retries) must not receive it. The in-app row stays; the API hides it from them.
   */
  private async maySee(em: Em, n: Notification): Promise<boolean> {
    if (!n.incidentId) return true;
    const incident = await em.findOne(Incident, n.incidentId, { fields: ['visibility', 'responderIds'] });
    if (!incident) return false;
    return canSeeIncidentRule(
      { permissions: ROLE_PERMISSIONS[n.user.role] ?? [], userId: n.user.id },
      incident,
    );
  }

  private message(n: Notification, ics: string | undefined): MailMessage {
    const web = this.cfg.PUBLIC_WEB_URL.replace(/\/$/, '');
    const api = this.cfg.PUBLIC_API_URL.replace(/\/$/, '');
    const link = n.link ? `${web}${n.link.startsWith('/') ? '' : '/'}${n.link}` : null;
    const unsubscribe = `${api}/unsubscribe?token=${encodeURIComponent(signUnsubscribeToken(this.cfg.SECRET_KEYS, n.user.id))}`;
    const text = [n.body, link ? `Open: ${link}` : '', '', `Stop these e-mails: ${unsubscribe}`]
      .filter((l, i) => l || i > 1)
      .join('\n');
    const html = [
      `<p>${escapeHtml(n.body).replace(/\n/g, '<br>')}</p>`,
      link ? `<p><a href="${escapeHtml(link)}">Open in Postmortems</a></p>` : '',
      `<p style="color:#666;font-size:12px"><a href="${escapeHtml(unsubscribe)}">Unsubscribe from these e-mails</a></p>`,
    ].join('');
    return {
      to: n.user.email,
      subject: n.title,
      text,
      html,
      messageId: `<${n.id}@postmortems.notifications>`,
      // RFC 8058 one-click unsubscribe: mail clients POST to the same link.
      headers: {
        'List-Unsubscribe': `<${unsubscribe}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      },
      ics,
    };
  }
}
