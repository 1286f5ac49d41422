import { createGuardedFetch, type GuardedFetch, type NetGuardOptions } from '@pm/net-guard';
import { AI_SYSTEM_PROMPT, type AiDraftRequest, type AiDraftResult, type AiProvider } from './provider.js';
import { SecretScrubber } from './scrub.js';

/*
 * Plain fetch rather than an SDK: the chat-completions call is one POST plus an SSE reader, and the official SDK
 * brings its own retry and timeout rules, which would fight the single time budget and the SSRF-guarded transport
 * used here.
 */

/** Settings of {@link OpenAiCompatibleProvider} (from the `openai_compatible` connected account). */
export interface OpenAiCompatibleOptions {
  /** e.g. `https://api.openai.com/v1` (the path `/chat/completions` is appended). */
  baseUrl: string;
  model: string;
  apiKey: string;
  /** `max_tokens` of every request. */
  maxTokens: number;
  /** Budget of one draft, retries and waits included (ms). */
  timeoutMs: number;
  /** Ask for server-sent events instead of one JSON answer. */
  stream?: boolean;
  /** Transport (default: the SSRF-guarded fetch). */
  fetch?: GuardedFetch;
  guard?: NetGuardOptions;
  /** Longest single wait for a 429 (ms, default 10 s); waits never pass the time budget. */
  maxRetryWaitMs?: number;
  /** Attempts in all (default 4). */
  maxAttempts?: number;
}

/** The request body sent (exported for tests and for the worker's record of what was sent). */
export function chatRequestBody(
  o: Pick<OpenAiCompatibleOptions, 'model' | 'maxTokens' | 'stream'>,
  req: AiDraftRequest,
): Record<string, unknown> {
  const scrubber = new SecretScrubber();
  const facts = Object.entries(req.facts)
    .map(([k, v]) => `${k}:\n${scrubber.scrub(v)}`)
    .join('\n\n');
  return {
    model: o.model,
    max_tokens: o.maxTokens,
    stream: o.stream === true,
    temperature: 0.2,
    messages: [
      { role: 'system', content: AI_SYSTEM_PROMPT },
      {
        role: 'user',
        content: `Instruction: ${scrubber.scrub(req.instruction)}\n\nIncident facts:\n\n${facts || '(none)'}`,
      },
    ],
  };
}

/** Seconds or an HTTP date → ms from now (null when absent or unreadable). */
function retryAfterMs(value: string | null): number | null {
  if (!value) return null;
  const s = Number(value);
  if (Number.isFinite(s)) return Math.max(0, s * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

/** Reads `data:` lines of an SSE body and joins the `choices[0].delta.content` parts until `[DONE]`. */
async function readStream(body: ReadableStream<Uint8Array>): Promise<string> {
  const decoder = new TextDecoder();
  let buffer = '';
  let text = '';
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (value) buffer += decoder.decode(value, { stream: true });
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl).trim();
      buffer = buffer.slice(nl + 1);
      if (!line.startsWith('data:')) continue;
      const data = line.slice(5).trim();
      if (data === '[DONE]') {
        await reader.cancel().catch(() => undefined);
        return text;
      }
      const chunk = JSON.parse(data) as { choices?: Array<{ delta?: { content?: unknown } }> };
      const part = chunk.choices?.[0]?.delta?.content;
      if (typeof part === 'string') text += part;
    }
    if (done) return text;
  }
}

/** Any OpenAI-compatible chat-completions endpoint (OpenAI, Azure-style proxies, vLLM, Ollama, LM Studio…). */
export class OpenAiCompatibleProvider implements AiProvider {
  readonly label: string;
  private readonly fetchImpl: GuardedFetch;

  constructor(private readonly o: OpenAiCompatibleOptions) {
    this.label = `openai_compatible:${o.model}`;
    // No redirects: a key is never replayed to another host.
    this.fetchImpl = o.fetch ?? createGuardedFetch({ ...o.guard, maxRedirects: 0 });
  }

  async draft(req: AiDraftRequest): Promise<AiDraftResult> {
    const deadline = Date.now() + this.o.timeoutMs;
    const body = JSON.stringify(chatRequestBody(this.o, req));
    const url = `${this.o.baseUrl.replace(/\/+$/, '')}/chat/completions`;
    const maxAttempts = this.o.maxAttempts ?? 4;
    for (let attempt = 1; ; attempt++) {
      const left = deadline - Date.now();
      if (left <= 0)
        return { ok: false, reason: 'timeout', message: `no answer within ${this.o.timeoutMs} ms` };
      let res: Response;
      try {
        res = await this.fetchImpl(url, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${this.o.apiKey}`,
            'content-type': 'application/json',
            accept: this.o.stream ? 'text/event-stream' : 'application/json',
          },
          body,
          signal: AbortSignal.timeout(left),
        });
        if (res.status === 429) {
          await res.body?.cancel().catch(() => undefined);
          const wait = Math.min(
            retryAfterMs(res.headers.get('retry-after')) ?? 500 * 2 ** (attempt - 1),
            this.o.maxRetryWaitMs ?? 10_000,
          );
          if (attempt >= maxAttempts || Date.now() + wait >= deadline)
            return {
              ok: false,
              reason: 'rate_limited',
              message: `the provider is rate limiting requests (HTTP 429 after ${attempt} attempt${attempt > 1 ? 's' : ''})`,
            };
          await new Promise((r) => setTimeout(r, wait));
          continue;
        }
        if (res.status < 200 || res.status > 299) {
          const detail = (await res.text().catch(() => '')).slice(0, 300);
          return {
            ok: false,
            reason: 'refused',
            message: `the provider answered HTTP ${res.status}${errorText(detail)}`,
          };
        }
        const text = this.o.stream && res.body ? await readStream(res.body) : messageOf(await res.json());
        if (!text.trim())
          return { ok: false, reason: 'bad_answer', message: 'the provider answered with no text' };
        return { ok: true, text };
      } catch (e) {
        if (isTimeout(e) || Date.now() >= deadline)
          return { ok: false, reason: 'timeout', message: `no answer within ${this.o.timeoutMs} ms` };
        if (e instanceof SyntaxError)
          return { ok: false, reason: 'bad_answer', message: 'the provider answer could not be read' };
        return {
          ok: false,
          reason: 'unreachable',
          message: `the provider could not be reached (${e instanceof Error ? e.message : String(e)})`.slice(
            0,
            300,
          ),
        };
      }
    }
  }
}

function isTimeout(e: unknown): boolean {
  return e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError');
}

function messageOf(json: unknown): string {
  const content = (json as { choices?: Array<{ message?: { content?: unknown } }> } | null)?.choices?.[0]
    ?.message?.content;
  return typeof content === 'string' ? content : '';
}

/** The provider's error message, if its body has the usual `{error:{message}}` shape. */
function errorText(body: string): string {
  try {
    const m = (JSON.parse(body) as { error?: { message?: unknown } }).error?.message;
    return typeof m === 'string' ? `: ${m.slice(0, 200)}` : '';
  } catch {
    return '';
  }
}
