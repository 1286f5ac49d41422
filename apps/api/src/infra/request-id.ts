import { AsyncLocalStorage } from 'node:async_hooks';
import { REQUEST_ID_HEADER, requestIdFrom } from '@pm/contracts';
import type { NextFunction, Request, Response } from 'express';

/** The correlation id of the request being served, for code far from the request object (the job producer). */
const current = new AsyncLocalStorage<string>();

export const currentRequestId = (): string | undefined => current.getStore();

/**
 * First middleware: the caller's `X-Request-Id` when it is acceptable (≤ 128 of `[A-Za-z0-9._:-]`), else a new
 * UUID, as `req.id` (pino-http keeps an existing `req.id`, so every log line of the request names it) and in
 * the response header.
 */
export function assignRequestId(req: Request, res: Response, next: NextFunction): void {
  const id = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
  (req as Request & { id: string }).id = id;
  res.setHeader(REQUEST_ID_HEADER, id);
  next();
}

/**
 * Makes the id readable through {@link currentRequestId} for the rest of the request. Mounted after the body
 * parsers: a context entered before them is lost when they resume on the socket's stream events.
 */
export function requestIdContext(req: Request, _res: Response, next: NextFunction): void {
  current.run((req as Request & { id?: string }).id ?? requestIdFrom(undefined), next);
}
