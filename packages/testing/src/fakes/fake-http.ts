import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
  FakeRequest,
  FakeResponse,
  FaultFilter,
  FaultOptions,
  RecordedRequest,
  SentWebhook,
} from './fake-http-types.js';

export type { FakeRequest, FakeResponse, FaultFilter, FaultOptions, RecordedRequest, SentWebhook };

/** Where a fake delivers its webhooks; with `secret`, deliveries are signed as the real service signs them. */
export interface WebhookTarget {
  url: string;
  secret?: string;
}

type Fault =
  | {
      kind: 'status';
      status: number;
      reason?: string;
      headers?: () => Record<string, string>;
      body?: unknown;
    }
  | { kind: 'delay'; ms: number }
  | { kind: 'lose-response' };

type RouteHandler = (req: FakeRequest, params: string[]) => FakeResponse | Promise<FakeResponse>;

/**
 * Base of the local fakes of outside services (Confluence, Drive, Jira, GitHub): a plain `node:http` server on
 * 127.0.0.1 with a port from the OS, a route table, a request log, a body size limit (413), a webhook sender, and
 * one-shot faults consumed request by request: an error status (429 + Retry-After, 5xx, any other), a slow answer,
 * and "handled but the response is lost" (the route runs and stores, then the socket is destroyed before any
 * byte is written). Subclasses add the protocol: routes, {@link authorize} and the service's {@link errorBody}.
 */
export class FakeHttpServer {
  /** Every request received, in order. */
  readonly requests: RecordedRequest[] = [];
  /** Every webhook sent, in order (with the receiver's answer once it arrived). */
  readonly webhooks: SentWebhook[] = [];
  /** Request bodies above this answer 413 (the service's upload limit). */
  maxBodyBytes = 10 * 1024 * 1024;
  private readonly routes: { method: string; pattern: RegExp; handle: RouteHandler }[] = [];
  private faults: { filter: FaultFilter; fault: Fault }[] = [];
  private readonly pending = new Set<Promise<unknown>>();
  /** Where the service's events go, if anywhere. */
  protected webhook?: WebhookTarget;
  private server?: Server;
  private origin?: string;

  /** Adds a route; `pattern` is matched against the path and its groups become `params` (URL-decoded). */
  route(method: string, pattern: RegExp, handle: RouteHandler): void {
    this.routes.push({ method, pattern, handle });
  }

  /** The fake's origin, e.g. `http://127.0.0.1:41234` (after {@link start}). */
  get url(): string {
    if (!this.origin) throw new Error('fake server not started');
    return this.origin;
  }

  /** Listens on 127.0.0.1 with an OS-assigned port; returns the origin. */
  async start(): Promise<string> {
    const server = createServer((req, res) => void this.onRequest(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    this.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this.origin;
  }

  /** Waits for webhooks in flight, then stops listening and drops open connections. */
  async close(): Promise<void> {
    await this.settled();
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
  }

  /**
   * The next matching requests answer `status` without being handled, in the service's error shape
   * ({@link errorBody}; `reason` sets its machine reason, e.g. Drive's 403 `userRateLimitExceeded`) unless `body`
   * is given; `headers` is evaluated when the answer is sent.
   */
  failNext(
    status: number,
    {
      times = 1,
      reason,
      headers,
      body,
      ...filter
    }: FaultOptions & { reason?: string; headers?: () => Record<string, string>; body?: unknown } = {},
  ): void {
    this.addFault(times, filter, { kind: 'status', status, reason, headers, body });
  }

  /**
   * The next matching requests answer 429 with `Retry-After` (seconds, or an HTTP date string) plus the service's
   * own rate-limit headers ({@link rateLimitHeaders}).
   */
  rateLimitNext(retryAfter: number | string, options: FaultOptions = {}): void {
    this.failNext(429, {
      ...options,
      headers: () => {
        const resetAt =
          typeof retryAfter === 'number' ? Date.now() + retryAfter * 1000 : Date.parse(retryAfter);
        return { 'retry-after': String(retryAfter), ...this.rateLimitHeaders(resetAt) };
      },
    });
  }

  /** The next matching requests are handled normally after a pause of `ms`. */
  delayNext(ms: number, { times = 1, ...filter }: FaultOptions = {}): void {
    this.addFault(times, filter, { kind: 'delay', ms });
  }

  /**
   * The next matching requests are carried out (and stored), but the connection is cut before the answer is sent:
   * the client sees a network error although the change happened (a "lost response").
   */
  loseNextResponse({ times = 1, ...filter }: FaultOptions = {}): void {
    this.addFault(times, filter, { kind: 'lose-response' });
  }

  /** Drops faults not yet consumed. */
  clearFaults(): void {
    this.faults = [];
  }

  /** Sets or clears where webhooks go. */
  setWebhook(webhook: WebhookTarget | undefined): void {
    this.webhook = webhook;
  }

  /** Sends a webhook in the background; the record appears in {@link webhooks} at once and fills in on answer. */
  sendWebhook(url: string, headers: Record<string, string>, rawBody: string): Promise<SentWebhook> {
    const record: SentWebhook = { url, headers, rawBody };
    this.webhooks.push(record);
    const delivery = fetch(url, { method: 'POST', headers, body: rawBody })
      .then(async (res) => {
        record.status = res.status;
        await res.arrayBuffer();
      })
      .catch((e: unknown) => {
        record.error = e instanceof Error ? e.message : String(e);
      })
      .then(() => record);
    this.pending.add(delivery);
    void delivery.finally(() => this.pending.delete(delivery));
    return delivery;
  }

  /** Sends an already sent webhook again, byte for byte (same delivery id and signature): a replay. */
  async redeliver(index: number): Promise<number | undefined> {
    const sent = this.webhooks[index];
    if (!sent) throw new Error(`no webhook #${index}`);
    return (await this.sendWebhook(sent.url, sent.headers, sent.rawBody)).status;
  }

  /** Resolves once every webhook started so far has been answered (or failed). */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  /** A refusal (401) when the request's credentials are wrong, else `undefined`; the default accepts all. */
  protected authorize(_req: FakeRequest): FakeResponse | undefined {
    return undefined;
  }

  /** The service's error body for `status` and `message` (and a machine `reason`). */
  protected errorBody(_status: number, message: string, _reason?: string): unknown {
    return { message };
  }

  /** Headers a 429 carries besides Retry-After (GitHub's and Jira's `x-ratelimit-*`); `resetAt` in epoch ms. */
  protected rateLimitHeaders(_resetAt: number): Record<string, string> {
    return {};
  }

  /** An error answer in the service's shape. */
  protected error(status: number, message: string, reason?: string): FakeResponse {
    return { status, body: this.errorBody(status, message, reason) };
  }

  private addFault(times: number, filter: FaultFilter, fault: Fault): void {
    for (let i = 0; i < times; i++) this.faults.push({ filter, fault });
  }

  private takeFault(method: string, path: string): Fault | undefined {
    const i = this.faults.findIndex(({ filter: f }) => {
      const pathOk =
        f.path === undefined || (typeof f.path === 'string' ? path.includes(f.path) : f.path.test(path));
      return (!f.method || f.method === method) && pathOk;
    });
    return i < 0 ? undefined : this.faults.splice(i, 1)[0]?.fault;
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const method = req.method ?? 'GET';
    const entry: RecordedRequest = {
      method,
      path: url.pathname,
      query: url.search,
      status: 0,
      at: Date.now(),
      atMonotonic: performance.now(),
    };
    this.requests.push(entry);
    const raw = await readBody(req, this.maxBodyBytes);
    const fault = this.takeFault(method, url.pathname);
    let answer: FakeResponse;
    if (raw === 'too-large') {
      answer = this.error(413, `Request body exceeds ${this.maxBodyBytes} bytes`, 'uploadTooLarge');
    } else if (fault?.kind === 'status') {
      entry.fault = 'status';
      answer = {
        status: fault.status,
        headers: fault.headers?.(),
        body: fault.body ?? this.errorBody(fault.status, faultMessage(fault), faultReason(fault)),
      };
    } else {
      if (fault?.kind === 'delay') {
        entry.fault = 'delay';
        await new Promise((r) => setTimeout(r, fault.ms));
      }
      const request = {
        method,
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        rawBody: raw,
      };
      answer = await this.dispatch({ ...request, body: parseJson(raw) });
      if (fault?.kind === 'lose-response') {
        entry.fault = 'lose-response';
        entry.status = 'lost';
        req.socket.destroy();
        return;
      }
    }
    entry.status = answer.status;
    const html = typeof answer.body === 'string';
    const text = html
      ? (answer.body as string)
      : answer.body === undefined
        ? ''
        : JSON.stringify(answer.body);
    res.writeHead(answer.status, {
      ...(text && { 'content-type': html ? 'text/html; charset=utf-8' : 'application/json; charset=utf-8' }),
      ...answer.headers,
    });
    res.end(text);
  }

  private async dispatch(req: FakeRequest): Promise<FakeResponse> {
    try {
      const refused = this.authorize(req);
      if (refused) return refused;
      for (const route of this.routes) {
        if (route.method !== req.method) continue;
        const m = route.pattern.exec(req.path);
        if (m)
          return await route.handle(
            req,
            m.slice(1).map((p) => (p === undefined ? '' : decodeURIComponent(p))),
          );
      }
      return this.error(404, `No route ${req.method} ${req.path}`, 'notFound');
    } catch (e) {
      return this.error(500, e instanceof Error ? e.message : String(e), 'backendError');
    }
  }
}

function faultMessage(f: { status: number; reason?: string }): string {
  if (f.status === 429) return 'Rate limit exceeded';
  return f.reason ? `Injected ${f.reason}` : 'Injected server error';
}

function faultReason(f: { status: number; reason?: string }): string {
  return f.reason ?? (f.status === 429 ? 'rateLimitExceeded' : 'backendError');
}

function parseJson(raw: Buffer): unknown {
  if (raw.length === 0) return undefined;
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    return undefined;
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
