import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the fake received (body parsed as JSON when it was JSON). */
export interface FakeOpenAiRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

/** What the next chat completion answers. */
export type FakeOpenAiScript =
  | { kind: 'rate-limit'; retryAfter?: string }
  | { kind: 'hang' }
  /** Streams the first delta of `content`, then never finishes (a stalled stream). */
  | { kind: 'stream-hang'; content: string }
  | { kind: 'status'; status: number; body?: unknown }
  | { kind: 'answer'; content: string };

/**
 * A local OpenAI-compatible chat-completions server: `POST /v1/chat/completions` answers JSON, or server-sent
 * events when the request says `stream: true` (`data: {choices:[{delta:{content}}]}` chunks, then
 * `data: [DONE]`); `GET /v1/models` lists the one model. Scripted answers are consumed in order (429 with
 * Retry-After, a hang that never answers, a stream that stalls, any status), then {@link reply} is the default. Every request is recorded,
 * so tests can assert exactly what was (or was not) sent.
 */
export class FakeOpenAi {
  readonly requests: FakeOpenAiRequest[] = [];
  /** The answer's text once the script is used up. */
  reply = 'Customers could not check out for 12 minutes.';
  /** Required `Authorization: Bearer …` value (401 otherwise). */
  apiKey = 'sk-test-fake-key-0000000000';
  model = 'fake-model';
  private script: FakeOpenAiScript[] = [];
  private server?: Server;
  private readonly hanging = new Set<ServerResponse>();

  /** Base URL clients configure (`http://127.0.0.1:<port>/v1`). */
  baseUrl = '';

  async start(): Promise<string> {
    const server = createServer((req, res) => void this.onRequest(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    this.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
    return this.baseUrl;
  }

  async close(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Queues answers for the next chat completions. */
  next(...items: FakeOpenAiScript[]): void {
    this.script.push(...items);
  }

  /** Chat-completion requests only. */
  get completions(): FakeOpenAiRequest[] {
    return this.requests.filter((r) => r.path === '/v1/chat/completions');
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: unknown = raw;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      /* recorded as text */
    }
    const path = (req.url ?? '/').split('?')[0]!;
    this.requests.push({ method: req.method ?? 'GET', path, headers: req.headers, body });
    const json = (status: number, value: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(value));
    };
    if (req.headers.authorization !== `Bearer ${this.apiKey}`)
      return json(401, { error: { message: 'Incorrect API key provided', type: 'invalid_request_error' } });
    if (req.method === 'GET' && path === '/v1/models')
      return json(200, { object: 'list', data: [{ id: this.model, object: 'model' }] });
    if (req.method !== 'POST' || path !== '/v1/chat/completions')
      return json(404, { error: { message: 'not found' } });

    const step = this.script.shift() ?? { kind: 'answer', content: this.reply };
    switch (step.kind) {
      case 'rate-limit':
        return json(
          429,
          { error: { message: 'Rate limit reached', type: 'rate_limit_error' } },
          { 'retry-after': step.retryAfter ?? '0' },
        );
      case 'hang':
        this.hanging.add(res);
        res.on('close', () => this.hanging.delete(res));
        return;
      case 'status':
        return json(step.status, step.body ?? { error: { message: `status ${step.status}` } });
      case 'answer':
        break;
      case 'stream-hang':
        this.hanging.add(res);
        res.on('close', () => this.hanging.delete(res));
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
        res.write(
          `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: step.content } }] })}\n\n`,
        );
        return;
    }
    const stream = (body as { stream?: unknown } | undefined)?.stream === true;
    if (!stream) {
      return json(200, {
        id: 'chatcmpl-fake',
        object: 'chat.completion',
        model: this.model,
        choices: [{ index: 0, message: { role: 'assistant', content: step.content }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
      });
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    // Split into a few chunks (on word boundaries) so clients must join deltas.
    const parts = step.content.match(/\S+\s*|\s+/g) ?? [];
    res.write(`data: ${JSON.stringify({ choices: [{ index: 0, delta: { role: 'assistant' } }] })}\n\n`);
    for (const content of parts)
      res.write(`data: ${JSON.stringify({ choices: [{ index: 0, delta: { content } }] })}\n\n`);
    res.write(`data: ${JSON.stringify({ choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\n`);
    res.end('data: [DONE]\n\n');
  }
}

/** Starts a {@link FakeOpenAi}. */
export async function startFakeOpenAi(): Promise<FakeOpenAi> {
  const fake = new FakeOpenAi();
  await fake.start();
  return fake;
}
