import { pino, type Logger } from 'pino';

export type { Logger };

/** The process logger: JSON lines on stdout, level from config. */
export function createLogger(level: string, name = 'collab'): Logger {
  return pino({ name, level });
}
