import { z } from 'zod';
import { envBoolean } from './env.js';
import { IdSchema, IsoDateSchema } from './common.js';

/** What a notification is about: a domain event's `notify`, or a reminder from the scheduler. */
export const NOTIFICATION_KINDS = ['event', 'reminder'] as const;
export const NotificationKindSchema = z.enum(NOTIFICATION_KINDS);

/** One in-app notification of the signed-in user (the bell's list). */
export const NotificationSchema = z.object({
  id: IdSchema,
  kind: NotificationKindSchema,
  title: z.string(),
  body: z.string(),
  /** Path inside the web app (e.g. `/incidents/<id>/post-incident/<postmortemId>`), null when there is none. */
  link: z.string().nullable(),
  readAt: IsoDateSchema.nullable(),
  createdAt: IsoDateSchema,
});
export type Notification = z.infer<typeof NotificationSchema>;

export const NotificationListSchema = z.object({
  items: z.array(NotificationSchema),
  /** Unread notifications in total (the bell's badge), not only among `items`. */
  unread: z.number().int().min(0),
});
export type NotificationList = z.infer<typeof NotificationListSchema>;

export const NotificationListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(30),
});

/** `HH:MM`, 24-hour clock. */
const ClockTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'must be HH:MM (24-hour)' });

/** A time zone the runtime knows (IANA name such as `Europe/Paris`). */
const TimeZoneSchema = z
  .string()
  .min(1)
  .max(64)
  .refine(
    (tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    },
    { error: 'unknown time zone' },
  );

/**
 * A user's notification settings. Quiet hours (both ends set, in `timeZone`) defer e-mails until the window ends;
 * in-app notifications always appear at once. `emailEnabled: false` is the unsubscribe.
 */
export const NotificationSettingsSchema = z
  .object({
    emailEnabled: z.boolean(),
    quietStart: ClockTimeSchema.nullable(),
    quietEnd: ClockTimeSchema.nullable(),
    timeZone: TimeZoneSchema,
  })
  .strict()
  .refine((s) => (s.quietStart === null) === (s.quietEnd === null), {
    error: 'quietStart and quietEnd are set together (or both null)',
    path: ['quietEnd'],
  });
export type NotificationSettings = z.infer<typeof NotificationSettingsSchema>;
export const DEFAULT_NOTIFICATION_SETTINGS: NotificationSettings = {
  emailEnabled: true,
  quietStart: null,
  quietEnd: null,
  timeZone: 'UTC',
};

/** The unsubscribe link's answer (GET: what would happen; POST: done). */
export const UnsubscribeResultSchema = z.object({ email: z.string(), emailEnabled: z.boolean() });

/**
 * SMTP delivery of notifications (worker). Either `SMTP_URL` (`smtp://user:pass@host:587`, `smtps://…`) or
 * `SMTP_HOST` (+ port, user, password); without either, notifications are in-app only. `SMTP_FROM` is the sender.
 */
export const SMTP_ENV = {
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' }).optional(),
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
  /** Implicit TLS (port 465); otherwise STARTTLS is used when the server offers it. */
  SMTP_SECURE: envBoolean.default(false),
  SMTP_USER: z.string().min(1).optional(),
  SMTP_PASSWORD: z.string().min(1).optional(),
  SMTP_FROM: z.string().min(3).default('Postmortems <postmortems@localhost>'),
  /** First retry delay of a failed e-mail (exponential backoff from there). */
  SMTP_RETRY_DELAY_MS: z.coerce.number().int().min(10).default(30_000),
  SMTP_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(10),
  /** Absolute URL of the web shell: links in e-mails (postmortem links, unsubscribe) start with it. */
  PUBLIC_WEB_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:4173'),
  /** Absolute URL of the API (the unsubscribe link points at it). */
  PUBLIC_API_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:3000'),
};

/** Reminders of stale postmortems and overdue follow-ups (worker). */
export const REMINDER_ENV = {
  /** Turn the reminder scan off entirely. */
  REMINDERS_ENABLED: envBoolean.default(true),
  /** A postmortem in Draft / In Review older than this many hours gets reminders. */
  REMINDER_STALE_HOURS: z.coerce
    .number()
    .min(0)
    .default(7 * 24),
  /** One reminder per item per period (hours); periods start at multiples of it since the epoch (UTC). */
  REMINDER_PERIOD_HOURS: z.coerce.number().min(0.001).default(24),
  /** How often the scan runs (one schedule shared by every worker). */
  REMINDER_SCAN_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(100)
    .default(15 * 60_000),
  /** How often new domain events are turned into notifications (one schedule shared by every worker). */
  NOTIFY_POLL_MS: z.coerce.number().int().min(100).default(5_000),
};
