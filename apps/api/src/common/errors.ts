import { ERROR_STATUS, type ErrorBody, type ErrorCode } from '@pm/contracts';
import { ConnectionException, LockWaitTimeoutException } from '@mikro-orm/core';
import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';

/** An error with a stable code from the catalog; the filter renders it as `{ code, message, details }`. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const notFound = (what: 'INCIDENT' | 'TEMPLATE' | 'POSTMORTEM' | 'DOCUMENT', id: string) =>
  new AppError(`${what}_NOT_FOUND`, `${what.charAt(0)}${what.slice(1).toLowerCase()} ${id} was not found`);

const HTTP_TO_CODE: Record<number, ErrorCode> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  429: 'RATE_LIMITED',
  503: 'QUEUE_UNAVAILABLE',
};

/** SQLite busy past busy_timeout (raw from the driver or converted by the ORM), or no connection to the database. */
function isDatabaseUnavailable(err: unknown): boolean {
  if (err instanceof LockWaitTimeoutException || err instanceof ConnectionException) return true;
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

/** Renders every error as `{ code, message, details }`; unknown errors become INTERNAL without leaking internals. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly log = new Logger('ErrorFilter');

  catch(err: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const { status, body } = this.toBody(err);
    if (status >= 500 && !(err instanceof AppError))
      this.log.error(err instanceof Error ? err.stack : String(err));
    if (res.headersSent) return;
    if (body.code === 'DATABASE_UNAVAILABLE') res.setHeader('retry-after', '1');
    res.status(status).json(body);
  }

  private toBody(err: unknown): { status: number; body: ErrorBody } {
    if (err instanceof AppError) {
      return { status: err.status, body: { code: err.code, message: err.message, details: err.details } };
    }
    // body-parser errors (too large, malformed JSON) arrive as plain errors with a status and a type.
    const e = err as { status?: number; type?: string; limit?: number; message?: string };
    if (e?.type === 'entity.too.large') {
      return {
        status: 413,
        body: {
          code: 'PAYLOAD_TOO_LARGE',
          message: `Request body exceeds the limit of ${e.limit} bytes`,
          details: { limit: e.limit },
        },
      };
    }
    if (e?.type === 'entity.parse.failed') {
      return { status: 400, body: { code: 'VALIDATION_FAILED', message: 'Request body is not valid JSON' } };
    }
    // The database is busy (SQLite's write lock held by another process past busy_timeout) or unreachable: the
    // request's transaction was rolled back, so the caller may simply retry. 503 with a stable code, not INTERNAL.
    if (isDatabaseUnavailable(err)) {
      return {
        status: 503,
        body: {
          code: 'DATABASE_UNAVAILABLE',
          message: 'The database is busy or unreachable right now; nothing was saved. Try again in a moment.',
        },
      };
    }
    if (err instanceof HttpException) {
      const status = err.getStatus();
      return { status, body: { code: HTTP_TO_CODE[status] ?? 'INTERNAL', message: err.message } };
    }
    return { status: 500, body: { code: 'INTERNAL', message: 'Internal error' } };
  }
}
