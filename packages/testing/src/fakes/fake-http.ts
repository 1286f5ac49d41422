import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as a fake's route handler sees it (body fully read). */
export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** What a route handler answers; `body` is sent as JSON unless it is a string. */
export interface FakeResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** One request as the fake saw it, for assertions on count, order and spacing in time. */
export interface LoggedRequest {
  method: string;
  path: string;
  query: string;
  /** The answer sent, or `lost` when the fault plan destroyed the socket after handling. */
  status: number | 'lost';
  /** `Date.now()` when the request arrived. */
  at: number;
  /** `performance.now()` when the request arrived (monotonic, for measuring pauses). */
  atMonotonic: number;
  /** Which injected fault answered, if any. */
  fault?: 'status' | 'delay' | 'lose-response';
}

/** Restricts a fault to some requests, e.g. only the create call: `{ method: 'POST', path: /\/content$/ }`. */
export interface FaultMatch {
  method?: string;
  path?: RegExp;
}

type Fault =
  | { kind: 'status'; status: number; retryAfter?: string; reason?: string; match?: FaultMatch }
  | { kind: 'delay'; ms: number; match?: FaultMatch }
  | { kind: 'lose-response'; match?: FaultMatch };

/**
 * Base of the destination fakes: a plain `node:http` server on 127.0.0.1, port 0, with a request log, a body size
 * limit (413) and a fault plan consumed request by request (429 + Retry-After, 5xx, slow answers, and "handled but
 * the response is lost": the handler runs and stores, then the socket is destroyed before any byte is written).
 */
export abstract class FakeHttpServer {
  /** Every request received, in order. */
  readonly requests: LoggedRequest[] = [];
  private server: Server | undefined;
  private faults: Fault[] = [];
  private origin = '';

  /** @param maxBodyBytes request bodies above this answer 413 (the destination's upload limit). */
  constructor(public maxBodyBytes: number) {}

  /** The fake's origin, e.g. `http://127.0.0.1:41234` (after {@link start}). */
  get url(): string {
    if (!this.origin) throw new Error('fake server not started');
    return this.origin;
  }

  /** Listens on 127.0.0.1 with an OS-assigned port; returns the origin. */
  async start(): Promise<string> {
    const server = createServer((req, res) => void this.onRequest(req, res));
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this.origin;
  }

  /** Stops listening and drops open connections. */
  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The next `count` matching requests answer 429 with `Retry-After` (seconds, or an HTTP date string). */
  rateLimitNext(count: number, retryAfter: number | string, match?: FaultMatch): void {
    for (let i = 0; i < count; i++)
      this.faults.push({ kind: 'status', status: 429, retryAfter: String(retryAfter), match });
  }

  /**
   * The next `count` matching requests answer `status` (e.g. 500, 502, 503) without being handled; `reason` sets
   * the machine reason in the error body (Drive's 403 `userRateLimitExceeded`, say).
   */
  failNext(count: number, status = 503, match?: FaultMatch, reason?: string): void {
    for (let i = 0; i < count; i++) this.faults.push({ kind: 'status', status, match, reason });
  }

  /** The next `count` matching requests are handled normally after a pause of `ms`. */
  delayNext(count: number, ms: number, match?: FaultMatch): void {
    for (let i = 0; i < count; i++) this.faults.push({ kind: 'delay', ms, match });
  }

  /** The next `count` matching requests are handled (and stored) but the socket is destroyed instead of answering. */
  loseNextResponse(count = 1, match?: FaultMatch): void {
    for (let i = 0; i < count; i++) this.faults.push({ kind: 'lose-response', match });
  }

  /** Drops faults not yet consumed. */
  clearFaults(): void {
    this.faults = [];
  }

  /** Answers one request; subclasses route here (auth check included). */
  protected abstract handle(req: FakeRequest): FakeResponse | Promise<FakeResponse>;

  /** The destination's error body shape for `status` and `message`. */
  protected abstract errorBody(status: number, message: string, reason?: string): unknown;

  private takeFault(method: string, path: string): Fault | undefined {
    const i = this.faults.findIndex(
      (f) => (!f.match?.method || f.match.method === method) && (!f.match?.path || f.match.path.test(path)),
    );
    return i < 0 ? undefined : this.faults.splice(i, 1)[0];
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const method = req.method ?? 'GET';
    const entry: LoggedRequest = {
      method,
      path: url.pathname,
      query: url.search,
      status: 0,
      at: Date.now(),
      atMonotonic: performance.now(),
    };
    this.requests.push(entry);
    const body = await readBody(req, this.maxBodyBytes);
    const fault = this.takeFault(method, url.pathname);
    let answer: FakeResponse;
    if (body === 'too-large') {
      answer = this.error(413, `Request body exceeds ${this.maxBodyBytes} bytes`, 'uploadTooLarge');
    } else if (fault?.kind === 'status') {
      entry.fault = 'status';
      answer = this.error(
        fault.status,
        fault.status === 429
          ? 'Rate limit exceeded'
          : fault.reason
            ? `Injected ${fault.reason}`
            : 'Injected server error',
        fault.reason ?? (fault.status === 429 ? 'rateLimitExceeded' : 'backendError'),
      );
      if (fault.retryAfter !== undefined)
        answer.headers = { ...answer.headers, 'retry-after': fault.retryAfter };
    } else {
      if (fault?.kind === 'delay') {
        entry.fault = 'delay';
        await new Promise((r) => setTimeout(r, fault.ms));
      }
      try {
        answer = await this.handle({
          method,
          path: url.pathname,
          query: url.searchParams,
          headers: req.headers,
          body,
        });
      } catch (e) {
        answer = this.error(500, e instanceof Error ? e.message : String(e), 'backendError');
      }
      if (fault?.kind === 'lose-response') {
        entry.fault = 'lose-response';
        entry.status = 'lost';
        req.socket.destroy();
        return;
      }
    }
    entry.status = answer.status;
    const text =
      typeof answer.body === 'string'
        ? answer.body
        : answer.body === undefined
          ? ''
          : JSON.stringify(answer.body);
    const type =
      typeof answer.body === 'string' ? 'text/html; charset=utf-8' : 'application/json; charset=utf-8';
    res.writeHead(answer.status, { 'content-type': type, ...answer.headers });
    res.end(text);
  }

  /** An error answer in the destination's shape. */
  protected error(status: number, message: string, reason?: string): FakeResponse {
    return { status, body: this.errorBody(status, message, reason) };
  }
}

/** Reads the whole body, or reports `too-large` (after draining, so the 413 can still be delivered). */
async function readBody(req: IncomingMessage, max: number): Promise<Buffer | 'too-large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = Number(req.headers['content-length'] ?? 0) > max;
  for await (const chunk of req) {
    const b = chunk as Buffer;
    size += b.length;
    if (size > max) tooLarge = true;
    if (!tooLarge) chunks.push(b);
  }
  return tooLarge ? 'too-large' : Buffer.concat(chunks);
}

/** Minimal HTML escaping for the fakes' "view page" routes. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
