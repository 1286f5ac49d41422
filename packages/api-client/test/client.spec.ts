import { describe, expect, it } from 'vitest';
import { ApiError, createApiClient } from '../src/index.js';
import { fakeFetch, json } from './fake-fetch.js';
import { INCIDENT_ID, PM_ID, postmortem } from './fixtures.js';

describe('createApiClient', () => {
  it('sends the bearer token and parses JSON', async () => {
    const f = fakeFetch({ 'GET /me': () => json(200, { id: 'u', name: 'Ada Admin' }) });
    const api = createApiClient({ baseUrl: 'http://api.test/', getToken: () => 'tok-1', fetch: f.fetch });
    const me = await api.me();
    expect(me.name).toBe('Ada Admin');
    expect(f.calls[0]!.url).toBe('http://api.test/me');
    expect(f.calls[0]!.headers.authorization).toBe('Bearer tok-1');
  });

  it('omits Authorization when signed out', async () => {
    const f = fakeFetch({ 'GET /templates': () => json(200, { items: [] }) });
    const api = createApiClient({ baseUrl: 'http://api.test', getToken: () => null, fetch: f.fetch });
    await api.listTemplates();
    expect(f.calls[0]!.headers.authorization).toBeUndefined();
  });

  it('posts login JSON', async () => {
    const f = fakeFetch({ 'POST /auth/login': () => json(200, { token: 't', user: {}, expiresAt: 'x' }) });
    const api = createApiClient({ baseUrl: 'http://api.test', fetch: f.fetch });
    const r = await api.login({ email: 'ada@example.com', password: 'pw' });
    expect(r.token).toBe('t');
    expect(f.calls[0]!.body).toEqual({ email: 'ada@example.com', password: 'pw' });
    expect(f.calls[0]!.headers['content-type']).toBe('application/json');
  });

  it('sends the Idempotency-Key header when generating', async () => {
    const f = fakeFetch({
      [`POST /incidents/${INCIDENT_ID}/postmortems`]: () => json(202, postmortem('queued', 0)),
    });
    const api = createApiClient({ baseUrl: 'http://api.test', fetch: f.fetch });
    const p = await api.generatePostmortem(INCIDENT_ID, { templateId: INCIDENT_ID }, 'key-12345678');
    expect(p.generationState).toBe('queued');
    expect(f.calls[0]!.headers['idempotency-key']).toBe('key-12345678');
    expect(f.calls[0]!.body).toEqual({ templateId: INCIDENT_ID });
  });

  it('throws ApiError with the API code, message and details on non-2xx', async () => {
    const details = { issues: [{ path: 'email', message: 'bad', code: 'invalid' }] };
    const f = fakeFetch({
      'POST /auth/login': () =>
        json(401, { code: 'INVALID_CREDENTIALS', message: 'wrong password', details }),
    });
    const api = createApiClient({ baseUrl: 'http://api.test', fetch: f.fetch });
    const err = await api.login({ email: 'a@b.c', password: 'x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({
      status: 401,
      code: 'INVALID_CREDENTIALS',
      message: 'wrong password',
      details,
    });
  });

  it('maps a non-JSON error body to a catalog code by status', async () => {
    const f = fakeFetch({
      'GET /incidents': () =>
        new Response('<html>bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }),
    });
    const api = createApiClient({ baseUrl: 'http://api.test', fetch: f.fetch });
    await expect(api.listIncidents()).rejects.toMatchObject({ status: 502, code: 'INTERNAL' });
  });

  it('maps a network failure to code NETWORK', async () => {
    const api = createApiClient({
      baseUrl: 'http://api.test',
      fetch: (() => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch,
    });
    await expect(api.listIncidents()).rejects.toMatchObject({ code: 'NETWORK', status: 0 });
  });

  it('maps an abort to code ABORTED', async () => {
    const api = createApiClient({
      baseUrl: 'http://api.test',
      fetch: (() => Promise.reject(new DOMException('aborted', 'AbortError'))) as typeof fetch,
    });
    await expect(api.getIncident(INCIDENT_ID)).rejects.toMatchObject({ code: 'ABORTED' });
  });

  it('treats 204 as no content (logout)', async () => {
    const f = fakeFetch({ 'POST /auth/logout': () => new Response(null, { status: 204 }) });
    const api = createApiClient({ baseUrl: 'http://api.test', fetch: f.fetch });
    await expect(api.logout()).resolves.toBeUndefined();
  });
});

describe('createApiClient on the generated spec', () => {
  it('sends the query parameters the spec lists', async () => {
    const f = fakeFetch({ 'GET /incidents': () => json(200, { items: [], total: 0 }) });
    const api = createApiClient({ baseUrl: 'http://api.test', fetch: f.fetch });
    await api.listIncidents({ status: 'active', text: '#12' });
    expect(new URL(f.calls[0]!.url).searchParams.get('status')).toBe('active');
    expect(new URL(f.calls[0]!.url).searchParams.get('text')).toBe('#12');
  });

  it('asks for the session cookie on login only', async () => {
    const seen: (RequestCredentials | undefined)[] = [];
    const f = fakeFetch({
      'POST /auth/login': (_c, init) => (seen.push(init?.credentials), json(200, { token: 't' })),
      'GET /me': (_c, init) => (seen.push(init?.credentials), json(200, { id: 'u' })),
    });
    const api = createApiClient({ baseUrl: 'http://api.test', fetch: f.fetch });
    await api.login({ email: 'ada@example.com', password: 'pw' });
    await api.me();
    expect(seen).toEqual(['include', undefined]);
  });

  it('fills path parameters and sends PATCH bodies (timeline entry)', async () => {
    const f = fakeFetch({
      [`PATCH /incidents/${INCIDENT_ID}/timeline/${PM_ID}`]: () => json(200, { id: PM_ID, important: true }),
    });
    const api = createApiClient({ baseUrl: 'http://api.test', fetch: f.fetch });
    const entry = await api.updateTimelineEntry(INCIDENT_ID, PM_ID, { important: true });
    expect(entry.important).toBe(true);
    expect(f.calls[0]!.body).toEqual({ important: true });
  });

  it('reports an answer that is not JSON as BAD_RESPONSE', async () => {
    const f = fakeFetch({ 'GET /me': () => new Response('<html>', { status: 200 }) });
    const api = createApiClient({ baseUrl: 'http://api.test', fetch: f.fetch });
    await expect(api.me()).rejects.toMatchObject({ code: 'BAD_RESPONSE' });
  });
});
