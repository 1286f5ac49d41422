import type { Postmortem } from '@pm/contracts';
import { describe, expect, it } from 'vitest';
import { createApiClient, readSseData } from '../src/index.js';
import { fakeFetch, json, sse } from './fake-fetch.js';
import { EXPORT_ID, PM_ID, exportRow, postmortem } from './fixtures.js';

const ev = (p: Postmortem) => `data: ${JSON.stringify(p)}\n\n`;

describe('watchPostmortem', () => {
  it('reports every SSE event and resolves with the ready postmortem', async () => {
    const full =
      ev(postmortem('queued', 0)) +
      ': keep-alive\n\n' +
      ev(postmortem('rendering', 40)) +
      ev(postmortem('storing', 80)) +
      ev(postmortem('ready', 100));
    // Split mid-event to prove the parser buffers partial chunks.
    const f = fakeFetch({
      [`GET /postmortems/${PM_ID}/events`]: () =>
        sse([full.slice(0, 37), full.slice(37, 200), full.slice(200)]),
    });
    const api = createApiClient({ baseUrl: 'http://api.test', getToken: () => 'tok', fetch: f.fetch });
    const states: string[] = [];
    const final = await api.watchPostmortem(PM_ID, (p) => states.push(`${p.generationState}:${p.progress}`));
    expect(states).toEqual(['queued:0', 'rendering:40', 'storing:80', 'ready:100']);
    expect(final?.generationState).toBe('ready');
    expect(f.calls[0]!.headers.authorization).toBe('Bearer tok');
    expect(f.calls[0]!.headers.accept).toBe('text/event-stream');
  });

  it('falls back to polling when the stream cannot be opened', async () => {
    const answers = [postmortem('rendering', 30), postmortem('failed', 30)];
    const f = fakeFetch({
      [`GET /postmortems/${PM_ID}/events`]: () => new Response('nope', { status: 503 }),
      [`GET /postmortems/${PM_ID}`]: () => json(200, answers.shift()),
    });
    const api = createApiClient({ baseUrl: 'http://api.test', fetch: f.fetch, pollIntervalMs: 5 });
    const states: string[] = [];
    const final = await api.watchPostmortem(PM_ID, (p) => states.push(p.generationState));
    expect(states).toEqual(['rendering', 'failed']);
    expect(final?.generationState).toBe('failed');
  });

  it('polls after a stream that ends before a terminal state', async () => {
    const f = fakeFetch({
      [`GET /postmortems/${PM_ID}/events`]: () => sse([ev(postmortem('queued', 0))]),
      [`GET /postmortems/${PM_ID}`]: () => json(200, postmortem('ready', 100)),
    });
    const api = createApiClient({ baseUrl: 'http://api.test', fetch: f.fetch, pollIntervalMs: 5 });
    const states: string[] = [];
    await api.watchPostmortem(PM_ID, (p) => states.push(p.generationState));
    expect(states).toEqual(['queued', 'ready']);
  });

  it('rejects with the API error when the postmortem does not exist', async () => {
    const f = fakeFetch({
      [`GET /postmortems/${PM_ID}/events`]: () =>
        json(404, { code: 'POSTMORTEM_NOT_FOUND', message: 'gone' }),
    });
    const api = createApiClient({ baseUrl: 'http://api.test', fetch: f.fetch, pollIntervalMs: 5 });
    await expect(api.watchPostmortem(PM_ID, () => {})).rejects.toMatchObject({
      code: 'POSTMORTEM_NOT_FOUND',
    });
  });

  it('stops polling and resolves null when aborted', async () => {
    const ctrl = new AbortController();
    let polls = 0;
    const f = fakeFetch({
      [`GET /postmortems/${PM_ID}/events`]: () => new Response('x', { status: 500 }),
      [`GET /postmortems/${PM_ID}`]: () => {
        if (++polls === 2) ctrl.abort();
        return json(200, postmortem('rendering', 10));
      },
    });
    const api = createApiClient({ baseUrl: 'http://api.test', fetch: f.fetch, pollIntervalMs: 5 });
    await expect(api.watchPostmortem(PM_ID, () => {}, ctrl.signal)).resolves.toBeNull();
    expect(polls).toBe(2);
  });
});

describe('exports.watch', () => {
  const evx = (e: unknown) => `event: export\ndata: ${JSON.stringify(e)}\n\n`;

  it('follows the export over SSE until it is ready', async () => {
    const f = fakeFetch({
      [`GET /exports/${EXPORT_ID}/events`]: () =>
        sse([evx(exportRow('queued', 0)) + evx(exportRow('running', 50)), evx(exportRow('ready', 100))]),
    });
    const api = createApiClient({ baseUrl: 'http://api.test', getToken: () => 'tok', fetch: f.fetch });
    const states: string[] = [];
    const final = await api.exports.watch(EXPORT_ID, (e) => states.push(`${e.state}:${e.progress}`));
    expect(states).toEqual(['queued:0', 'running:50', 'ready:100']);
    expect(final?.fileName).toBe('Postmortem.md');
    expect(f.calls).toHaveLength(1); // no polling while the stream delivers
    expect(f.calls[0]!.headers.accept).toBe('text/event-stream');
  });

  it('polls GET /exports/{id} when the stream is unavailable, reporting changes only', async () => {
    const answers = [exportRow('running', 10), exportRow('running', 10), exportRow('failed', 10)];
    const f = fakeFetch({
      [`GET /exports/${EXPORT_ID}/events`]: () => new Response('nope', { status: 503 }),
      [`GET /exports/${EXPORT_ID}`]: () => json(200, answers.shift()),
    });
    const api = createApiClient({ baseUrl: 'http://api.test', fetch: f.fetch, pollIntervalMs: 5 });
    const states: string[] = [];
    const final = await api.exports.watch(EXPORT_ID, (e) => states.push(e.state));
    expect(states).toEqual(['running', 'failed']);
    expect(final?.state).toBe('failed');
  });

  it('rejects with EXPORT_NOT_FOUND for an export the user cannot see', async () => {
    const f = fakeFetch({
      [`GET /exports/${EXPORT_ID}/events`]: () => json(404, { code: 'EXPORT_NOT_FOUND', message: 'gone' }),
    });
    const api = createApiClient({ baseUrl: 'http://api.test', fetch: f.fetch, pollIntervalMs: 5 });
    await expect(api.exports.watch(EXPORT_ID, () => {})).rejects.toMatchObject({ code: 'EXPORT_NOT_FOUND' });
  });
});

describe('readSseData', () => {
  it('joins multi-line data and handles CRLF', async () => {
    const out: string[] = [];
    for await (const d of readSseData(sse(['event: x\r\ndata: a\r\ndata: b\r\n\r\n', 'data:c\n\n']).body!))
      out.push(d);
    expect(out).toEqual(['a\nb', 'c']);
  });
});
