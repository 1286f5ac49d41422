import nodemailer from 'nodemailer';
import type { WorkerConfig } from '../config.js';

/** One e-mail as the notification handlers build it. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Stable per notification, so a resend after a lost acknowledgement threads as the same message. */
  messageId: string;
  headers: Record<string, string>;
  /** RFC 5545 invitation, sent as a `text/calendar; method=REQUEST` part. */
  ics?: string;
}

/** Sends e-mail; null in the container when SMTP is not configured (notifications are then in-app only). */
export interface Mailer {
  send(msg: MailMessage): Promise<void>;
}
export const MAILER = Symbol('MAILER');

/** The SMTP transport from the config, or null when neither `SMTP_URL` nor `SMTP_HOST` is set. */
export function mailerFromConfig(cfg: WorkerConfig): Mailer | null {
  if (!cfg.SMTP_URL && !cfg.SMTP_HOST) return null;
  // No pool: each e-mail opens its own connection, so an SMTP server that comes back is used at once.
  const timeouts = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };
  const transport = cfg.SMTP_URL
    ? nodemailer.createTransport({ url: cfg.SMTP_URL, ...timeouts })
    : nodemailer.createTransport({
        host: cfg.SMTP_HOST,
        port: cfg.SMTP_PORT,
        secure: cfg.SMTP_SECURE,
        auth: cfg.SMTP_USER ? { user: cfg.SMTP_USER, pass: cfg.SMTP_PASSWORD ?? '' } : undefined,
        ...timeouts,
      });
  return {
    async send(msg) {
      await transport.sendMail({
        from: cfg.SMTP_FROM,
        to: msg.to,
        subject: msg.subject,
        text: msg.text,
        html: msg.html,
        messageId: msg.messageId,
        headers: msg.headers,
        ...(msg.ics ? { icalEvent: { method: 'REQUEST', filename: 'invite.ics', content: msg.ics } } : {}),
      });
    },
  };
}
