import { DEFAULT_NOTIFICATION_SETTINGS, type NotificationSettings } from '@pm/contracts';
import { NotificationSettingsRow } from './entities/notification-settings.entity.js';
import { User } from './entities/user.entity.js';
// The generic EntityManager: the API and the worker both hold one (a SQL-specific one is also one).
import type { EntityManager as Em } from '@mikro-orm/core';

/** A user's notification settings (the defaults when they never saved any). */
export async function notificationSettingsOf(em: Em, userId: string): Promise<NotificationSettings> {
  const row = await em.findOne(NotificationSettingsRow, { user: userId });
  if (!row) return { ...DEFAULT_NOTIFICATION_SETTINGS };
  return {
    emailEnabled: row.emailEnabled,
    quietStart: row.quietStart,
    quietEnd: row.quietEnd,
    timeZone: row.timeZone,
  };
}

/** Creates or replaces a user's settings (the caller flushes). */
export async function saveNotificationSettings(
  em: Em,
  userId: string,
  s: Partial<NotificationSettings>,
): Promise<NotificationSettings> {
  let row = await em.findOne(NotificationSettingsRow, { user: userId });
  if (!row) {
    row = em.create(NotificationSettingsRow, { user: em.getReference(User, userId) });
    em.persist(row);
  }
  if (s.emailEnabled !== undefined) row.emailEnabled = s.emailEnabled;
  if (s.quietStart !== undefined) row.quietStart = s.quietStart;
  if (s.quietEnd !== undefined) row.quietEnd = s.quietEnd;
  if (s.timeZone !== undefined) row.timeZone = s.timeZone;
  await em.flush();
  return notificationSettingsOf(em, userId);
}
