import { describe, expect, it } from 'vitest';
import { createApiClient } from '../src/index.js';
import { fakeFetch, json, sse } from './fake-fetch.js';
import { postmortem } from './fixtures.js';

const INCIDENT = '00000000-0000-4000-8000-0000000000a1';
const list = (status: string) => ({ items: [{ ...postmortem('ready', 100), status }] });
const ev = (v: unknown) => `data: ${JSON.stringify(v)}\n\n`;

describe('watchPostmortems', () => {
  it('reports each changed list and re-opens a stream the server ended', async () => {
    const streams = [
      [ev(list('draft')), ev(list('draft')), ev(list('in_review'))],
      [ev(list('in_review')), ev(list('completed'))],
    ];
    const ctl = new AbortController();
    const f = fakeFetch({
      [`GET /incidents/${INCIDENT}/postmortems/events`]: () => {
        const next = streams.shift();
        if (!next) ctl.abort();
        return sse(next ?? []);
      },
    });
    const api = createApiClient({ baseUrl: 'http://api.test', getToken: () => 'tok', fetch: f.fetch });
    const seen: string[] = [];
    await api.watchPostmortems(INCIDENT, (l) => seen.push(l.items[0]!.status), ctl.signal);
    expect(seen).toEqual(['draft', 'in_review', 'completed']);
    expect(f.calls[0]!.headers.authorization).toBe('Bearer tok');
  });

  it('reads the list while the stream cannot be opened', async () => {
    const ctl = new AbortController();
    const f = fakeFetch({
      [`GET /incidents/${INCIDENT}/postmortems/events`]: () => new Response('nope', { status: 503 }),
      [`GET /incidents/${INCIDENT}/postmortems`]: () => json(200, list('in_review')),
    });
    const api = createApiClient({ baseUrl: 'http://api.test', fetch: f.fetch, pollIntervalMs: 1 });
    const seen: string[] = [];
    const onUpdate = (l: { items: { status: string }[] }) => (seen.push(l.items[0]!.status), ctl.abort());
    await api.watchPostmortems(INCIDENT, onUpdate, ctl.signal);
    expect(seen).toEqual(['in_review']);
  });

  it('rejects when the incident is not visible', async () => {
    const f = fakeFetch({
      [`GET /incidents/${INCIDENT}/postmortems/events`]: () =>
        json(404, { code: 'INCIDENT_NOT_FOUND', message: 'gone' }),
    });
    const api = createApiClient({ baseUrl: 'http://api.test', fetch: f.fetch });
    await expect(api.watchPostmortems(INCIDENT, () => {})).rejects.toMatchObject({
      code: 'INCIDENT_NOT_FOUND',
    });
  });
});
