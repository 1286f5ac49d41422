import type { IncomingHttpHeaders } from 'node:http';

// Shapes of the requests, answers, logs and faults of FakeHttpServer (fake-http.ts).

/** A request as a fake's route sees it (body fully read). */
export interface FakeRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** The body's bytes (multipart uploads, form posts). */
  rawBody: Buffer;
  /** The body parsed as JSON, or `undefined` when there was none or it was not JSON. */
  body: unknown;
}

/** What a route answers; `body` is sent as JSON unless it is a string (sent as HTML). */
export interface FakeResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** One request as the fake saw it, for assertions on count, order and spacing in time. */
export interface RecordedRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  /** The query string with its `?`, or empty. */
  query: string;
  /** The answer sent, or `lost` when a fault cut the connection after handling. */
  status: number | 'lost';
  /** `Date.now()` when the request arrived. */
  at: number;
  /** `performance.now()` when the request arrived (monotonic, for measuring pauses). */
  atMonotonic: number;
  /** Which injected fault answered, if any. */
  fault?: 'status' | 'delay' | 'lose-response';
}

/** One webhook the fake sent, for assertions. */
export interface SentWebhook {
  url: string;
  headers: Record<string, string>;
  /** Exactly the bytes that were signed and sent. */
  rawBody: string;
  /** Receiver's status, or `undefined` when the request failed. */
  status?: number;
  error?: string;
}

/**
 * Restricts a fault to some requests: by method, and by path (a RegExp, or a substring of the path without the
 * query), e.g. only the create call: `{ method: 'POST', path: /\/content$/ }`.
 */
export interface FaultFilter {
  method?: string;
  path?: string | RegExp;
}

/** How many matching requests a fault applies to (default 1), and which. */
export type FaultOptions = FaultFilter & { times?: number };
