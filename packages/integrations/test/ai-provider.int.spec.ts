import { startFakeOpenAi, type FakeOpenAi } from '@pm/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  OpenAiCompatibleProvider,
  testConnectedAccount,
  type OpenAiCompatibleOptions,
} from '../src/index.js';

const guard = { allowLoopbackForTests: true };
let fake: FakeOpenAi;

const provider = (o: Partial<OpenAiCompatibleOptions> = {}) =>
  new OpenAiCompatibleProvider({
    baseUrl: fake.baseUrl,
    model: fake.model,
    apiKey: fake.apiKey,
    maxTokens: 123,
    timeoutMs: 10_000,
    guard,
    ...o,
  });

const request = {
  instruction: 'Summarize the customer impact',
  facts: {
    title: 'Checkout down',
    summary: 'Rotated key sk-live0123456789abcdefXYZ; db postgres://app:pw1234@db/x',
  },
};

type Body = {
  model: string;
  max_tokens: number;
  stream: boolean;
  messages: Array<{ role: string; content: string }>;
};

describe('OpenAiCompatibleProvider against the fake server', () => {
  beforeAll(async () => {
    fake = await startFakeOpenAi();
  });
  afterAll(() => fake.close());
  beforeEach(() => {
    fake.requests.length = 0;
  });

  it('non-streaming: sends the model, token budget and scrubbed facts; returns the text', async () => {
    const r = await provider().draft(request);
    expect(r).toEqual({ ok: true, text: fake.reply });
    expect(fake.completions).toHaveLength(1);
    const body = fake.completions[0]!.body as Body;
    expect(body).toMatchObject({ model: 'fake-model', max_tokens: 123, stream: false });
    const sent = JSON.stringify(body);
    expect(sent).toContain('Checkout down');
    expect(sent).toContain('Summarize the customer impact');
    expect(sent).not.toContain('sk-live0123456789abcdefXYZ');
    expect(sent).not.toContain('pw1234');
    expect(sent).toContain('[REDACTED_SECRET_1]');
    expect(sent).toContain('[REDACTED_SECRET_2]');
    expect(fake.completions[0]!.headers.authorization).toBe(`Bearer ${fake.apiKey}`);
  });

  it('streaming: joins the SSE deltas until [DONE]', async () => {
    fake.next({ kind: 'answer', content: 'Streamed answer in several parts.\n\nSecond paragraph.' });
    const r = await provider({ stream: true }).draft(request);
    expect(r).toEqual({ ok: true, text: 'Streamed answer in several parts.\n\nSecond paragraph.' });
    expect((fake.completions[0]!.body as Body).stream).toBe(true);
  });

  it('429 then success: waits for Retry-After and retries', async () => {
    fake.next({ kind: 'rate-limit', retryAfter: '0' }, { kind: 'rate-limit', retryAfter: '0' });
    const r = await provider().draft(request);
    expect(r.ok).toBe(true);
    expect(fake.completions).toHaveLength(3);
  });

  it('429 exhausted: gives up gracefully with the reason', async () => {
    fake.next(...Array.from({ length: 4 }, () => ({ kind: 'rate-limit' as const, retryAfter: '0' })));
    const r = await provider({ maxAttempts: 4 }).draft(request);
    expect(r).toMatchObject({ ok: false, reason: 'rate_limited' });
    expect(fake.completions).toHaveLength(4);
  });

  it('429 whose Retry-After passes the time budget: gives up at once', async () => {
    fake.next({ kind: 'rate-limit', retryAfter: '60' });
    const r = await provider({ timeoutMs: 2_000, maxRetryWaitMs: 120_000 }).draft(request);
    expect(r).toMatchObject({ ok: false, reason: 'rate_limited' });
    expect(fake.completions).toHaveLength(1);
  });

  it('timeout: a provider that never answers ends within the budget', async () => {
    fake.next({ kind: 'hang' });
    const r = await provider({ timeoutMs: 1_000 }).draft(request);
    expect(r).toMatchObject({ ok: false, reason: 'timeout' });
  });

  it('timeout: a stream that stalls after its first delta ends within the budget', async () => {
    fake.next({ kind: 'stream-hang', content: 'Partial' });
    const r = await provider({ timeoutMs: 1_000, stream: true }).draft(request);
    expect(r).toMatchObject({ ok: false, reason: 'timeout' });
  });

  it('a refusal (401) is a result, not an exception, and never echoes the key', async () => {
    const r = await provider({ apiKey: 'sk-wrong-key-000000000000' }).draft(request);
    expect(r).toMatchObject({ ok: false, reason: 'refused' });
    expect(JSON.stringify(r)).not.toContain('sk-wrong');
  });

  it('HTML and links in the answer come back as the same characters (the document inserts them as text)', async () => {
    const html = '<img src=x onerror=alert(1)> <a href="javascript:alert(1)">click</a> [x](https://evil)';
    fake.next({ kind: 'answer', content: html });
    expect(await provider().draft(request)).toEqual({ ok: true, text: html });
  });

  it('Test connection lists the models', async () => {
    const ok = await testConnectedAccount(
      {
        kind: 'openai_compatible',
        baseUrl: fake.baseUrl,
        model: fake.model,
        apiKey: fake.apiKey,
        allowedFields: ['title'],
        allowPrivate: false,
        maxTokens: 100,
        timeoutMs: 5_000,
        stream: false,
      },
      { guard },
    );
    expect(ok).toMatchObject({ ok: true });
    expect(fake.completions).toHaveLength(0);
  });
});
