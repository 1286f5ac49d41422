import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as a fake route sees it. */
export interface FakeRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body, or `undefined` when there was none (or it was not JSON). */
  body: unknown;
}

/** What a fake route answers. */
export interface FakeResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** One request the fake received, for assertions. */
export interface RecordedRequest {
  method: string;
  /** Path including the query string. */
  url: string;
  /** Status answered, or `'dropped'` when the connection was cut instead of answering. */
  status: number | 'dropped';
  /** `Date.now()` on arrival, to check how long a client waited between attempts. */
  at: number;
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

type Route = {
  method: string;
  pattern: RegExp;
  handle: (req: FakeRequest, params: string[]) => FakeResponse | Promise<FakeResponse>;
};

type Fault =
  { kind: 'status'; status: number; headers: () => Record<string, string>; body: unknown } | { kind: 'drop' };

/** Matches a request to a pending fault: any request, or only those whose method and path match. */
export interface FaultFilter {
  method?: string;
  /** Substring of the path (query excluded). */
  path?: string;
}

/**
 * Plain node:http server on 127.0.0.1 with a port from the OS, a route table, a request log, one-shot faults and a
 * webhook sender. The Jira and GitHub fakes build on it; it stays out of their protocol details.
 */
export class FakeHttpServer {
  /** Every request received, in order. */
  readonly requests: RecordedRequest[] = [];
  /** Every webhook sent, in order (with the receiver's answer once it arrived). */
  readonly webhooks: SentWebhook[] = [];
  private readonly routes: Route[] = [];
  private readonly faults: { filter: FaultFilter; fault: Fault }[] = [];
  private readonly pending = new Set<Promise<unknown>>();
  private server?: Server;
  private baseUrl?: string;

  constructor(private readonly authorize: (req: FakeRequest) => FakeResponse | undefined) {}

  /** Adds a route; `pattern` is matched against the whole path and its groups become `params`. */
  route(method: string, pattern: RegExp, handle: Route['handle']): void {
    this.routes.push({ method, pattern, handle });
  }

  /** `http://127.0.0.1:<port>` once started. */
  get url(): string {
    if (!this.baseUrl) throw new Error('fake server not started');
    return this.baseUrl;
  }

  async start(): Promise<void> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => void this.dispatch(req.method ?? 'GET', req.url ?? '/', req.headers, chunks, res));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    this.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    await this.settled();
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
  }

  /** The next `times` matching requests are answered with `status` (plus headers/body) instead of being handled. */
  failNext(
    status: number,
    {
      times = 1,
      headers = () => ({}),
      body = {},
      ...filter
    }: FaultFilter & {
      times?: number;
      headers?: () => Record<string, string>;
      body?: unknown;
    } = {},
  ): void {
    for (let i = 0; i < times; i++)
      this.faults.push({ filter, fault: { kind: 'status', status, headers, body } });
  }

  /**
   * The next `times` matching requests are carried out, but the connection is cut before the answer is sent: the
   * client sees a network error although the change happened (a "lost response").
   */
  dropNextResponse({ times = 1, ...filter }: FaultFilter & { times?: number } = {}): void {
    for (let i = 0; i < times; i++) this.faults.push({ filter, fault: { kind: 'drop' } });
  }

  /** Resolves once every webhook started so far has been answered (or failed). */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
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

  private takeFault(method: string, path: string): Fault | undefined {
    const i = this.faults.findIndex(
      ({ filter }) =>
        (!filter.method || filter.method === method) && (!filter.path || path.includes(filter.path)),
    );
    return i < 0 ? undefined : this.faults.splice(i, 1)[0]?.fault;
  }

  private async dispatch(
    method: string,
    rawUrl: string,
    headers: IncomingHttpHeaders,
    chunks: Buffer[],
    res: ServerResponse,
  ): Promise<void> {
    const parsed = new URL(rawUrl, 'http://fake');
    const record: RecordedRequest = { method, url: rawUrl, status: 0, at: Date.now() };
    this.requests.push(record);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    const req: FakeRequest = { method, path: parsed.pathname, query: parsed.searchParams, headers, body };

    const fault = this.takeFault(method, req.path);
    let answer: FakeResponse;
    if (fault?.kind === 'status') {
      answer = { status: fault.status, headers: fault.headers(), body: fault.body };
    } else {
      answer = this.authorize(req) ?? (await this.handle(req));
    }
    if (fault?.kind === 'drop') {
      record.status = 'dropped';
      res.socket?.destroy();
      return;
    }
    record.status = answer.status;
    const payload = answer.body === undefined ? '' : JSON.stringify(answer.body);
    res.writeHead(answer.status, {
      ...(payload && { 'content-type': 'application/json; charset=utf-8' }),
      ...answer.headers,
    });
    res.end(payload);
  }

  private async handle(req: FakeRequest): Promise<FakeResponse> {
    for (const route of this.routes) {
      if (route.method !== req.method) continue;
      const m = route.pattern.exec(req.path);
      if (m) {
        try {
          return await route.handle(
            req,
            m.slice(1).map((p) => decodeURIComponent(p)),
          );
        } catch (e) {
          return { status: 500, body: { message: e instanceof Error ? e.message : String(e) } };
        }
      }
    }
    return { status: 404, body: { message: 'Not Found' } };
  }
}
