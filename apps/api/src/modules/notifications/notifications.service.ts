import { MikroORM, type EntityManager as Em } from '@mikro-orm/core';
import { Inject, Injectable } from '@nestjs/common';
import { verifyUnsubscribeToken } from '@pm/auth';
import type { Notification as NotificationDto, NotificationList, NotificationSettings } from '@pm/contracts';
import { Incident, Notification, notificationSettingsOf, saveNotificationSettings, User } from '@pm/db';
import { AppError } from '../../common/errors.js';
import { API_CONFIG, type ApiConfig } from '../../config.js';
import type { AuthUser } from '../auth/auth.decorators.js';
import { canSeeIncident } from '../incidents/incident-access.js';

const toDto = (n: Notification): NotificationDto => ({
  id: n.id,
  kind: n.kind,
  title: n.title,
  body: n.body,
  link: n.link,
  readAt: n.readAt?.toISOString() ?? null,
  createdAt: n.createdAt.toISOString(),
});

/** Most unread notifications counted for the badge (the bell shows "99+" long before this). */
const UNREAD_CAP = 1_000;

/**
 * The signed-in user's notifications (made by the worker from domain events) and notification settings. A
 * notification about an incident the user can no longer see (made private, taken off the team) is hidden and not
 * counted, like every other trace of that incident.
 */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly orm: MikroORM,
    @Inject(API_CONFIG) private readonly cfg: ApiConfig,
  ) {}

  private em(): Em {
    return this.orm.em.fork();
  }

  async list(user: AuthUser, limit: number): Promise<NotificationList> {
    const em = this.em();
    // Read a little more than asked, so hidden rows rarely shorten the page.
    const rows = await em.find(
      Notification,
      { user: user.id },
      { orderBy: { createdAt: 'desc', id: 'desc' }, limit: limit * 2 },
    );
    const unread = await em.find(
      Notification,
      { user: user.id, readAt: null },
      { fields: ['id', 'incidentId'], limit: UNREAD_CAP },
    );
    const visible = await this.visibility(em, user, [...rows, ...unread]);
    return {
      items: rows.filter(visible).slice(0, limit).map(toDto),
      unread: unread.filter(visible).length,
    };
  }

  async markRead(user: AuthUser, id: string): Promise<NotificationDto> {
    const em = this.em();
    const n = await em.findOne(Notification, { id, user: user.id });
    if (!n || !(await this.visibility(em, user, [n]))(n))
      throw new AppError('NOTIFICATION_NOT_FOUND', `Notification ${id} was not found`);
    n.readAt ??= new Date();
    await em.flush();
    return toDto(n);
  }

  async readAll(user: AuthUser): Promise<{ updated: number }> {
    const updated = await this.em().nativeUpdate(
      Notification,
      { user: user.id, readAt: null },
      { readAt: new Date() },
    );
    return { updated };
  }

  settings(user: AuthUser): Promise<NotificationSettings> {
    return notificationSettingsOf(this.em(), user.id);
  }

  saveSettings(user: AuthUser, s: NotificationSettings): Promise<NotificationSettings> {
    return saveNotificationSettings(this.em(), user.id, s);
  }

  /** The user an unsubscribe token names (no session needed); INVALID for a forged or unknown one. */
  async unsubscribeTarget(token: string): Promise<User> {
    const userId = verifyUnsubscribeToken(this.cfg.SECRET_KEYS, token);
    const user = userId ? await this.em().findOne(User, userId) : null;
    if (!user) throw new AppError('UNSUBSCRIBE_TOKEN_INVALID', 'This unsubscribe link is not valid');
    return user;
  }

  async unsubscribe(token: string): Promise<{ email: string; emailEnabled: boolean }> {
    const user = await this.unsubscribeTarget(token);
    const s = await saveNotificationSettings(this.em(), user.id, { emailEnabled: false });
    return { email: user.email, emailEnabled: s.emailEnabled };
  }

  /** A predicate: may `user` still see the incident each notification is about? */
  private async visibility(em: Em, user: AuthUser, rows: Pick<Notification, 'incidentId'>[]) {
    const ids = [...new Set(rows.map((r) => r.incidentId).filter((x): x is string => !!x))];
    const incidents = ids.length
      ? await em.find(Incident, { id: { $in: ids } }, { fields: ['id', 'visibility', 'responderIds'] })
      : [];
    const seen = new Map(incidents.map((i) => [i.id, canSeeIncident(user, i)]));
    return (n: Pick<Notification, 'incidentId'>) => !n.incidentId || seen.get(n.incidentId) === true;
  }
}
