import { SMTPServer } from 'smtp-server';

/** One message the fake SMTP server accepted. */
export interface FakeSmtpMessage {
  /** Envelope recipients. */
  to: string[];
  /** The raw message as received (headers + body). */
  raw: string;
}

/**
 * A local SMTP server (no TLS, no auth) that keeps every message it accepts, for tests of e-mail delivery: the
 * worker's integration tests and the browser walks point `SMTP_URL` at it.
 */
export class FakeSmtp {
  readonly messages: FakeSmtpMessage[] = [];
  private server: SMTPServer | null = null;
  constructor(readonly port: number) {}

  start(): Promise<void> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream, session, cb) => {
        let raw = '';
        stream.on('data', (c: Buffer) => (raw += c.toString('utf8')));
        stream.on('end', () => {
          this.messages.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
          cb();
        });
      },
    });
    return new Promise((r) => this.server!.listen(this.port, '127.0.0.1', () => r()));
  }

  stop(): Promise<void> {
    const s = this.server;
    this.server = null;
    return new Promise((r) => (s ? s.close(() => r()) : r()));
  }

  /** Messages whose decoded Subject contains `text`. */
  withSubject(text: string): FakeSmtpMessage[] {
    return this.messages.filter((m) => subjectOf(m.raw).includes(text));
  }
}

/** The decoded Subject header (RFC 2047 encoded words, as nodemailer writes non-plain subjects). */
export function subjectOf(raw: string): string {
  const header = /^Subject: (.*(?:\r\n[ \t].*)*)/m.exec(raw)?.[1] ?? '';
  return header
    .replace(/\r\n[ \t]/g, ' ')
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?UTF-8\?([QB])\?([^?]*)\?=/gi, (_, enc: string, text: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(
            text
              .replace(/_/g, ' ')
              .replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
            'latin1',
          ).toString('utf8'),
    );
}
