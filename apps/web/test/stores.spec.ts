import type { Incident, Me } from '@pm/api-client';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TOKEN_KEY, resetApi } from '../src/api.js';
import { useAuthStore } from '../src/stores/auth.js';
import { useIncidentsStore } from '../src/stores/incidents.js';

const ME: Me = {
  id: 'b0000000-0000-4000-8000-000000000001',
  email: 'standard@example.com',
  name: 'Sam Standard',
  handle: 'sam',
  role: 'standard',
  permissions: ['incidents_read'],
};
const incident = (publicId: number, title: string, over: Partial<Incident> = {}): Incident => ({
  id: `e0000000-0000-4000-8000-00000000000${publicId}`,
  publicId,
  title,
  severity: 'SEV-2',
  status: 'resolved',
  visibility: 'organization',
  summary: null,
  commanderName: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  detectedAt: null,
  resolvedAt: null,
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...over,
});
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

function stubFetch(handler: (path: string, init: RequestInit) => Response) {
  const fn = vi.fn(async (url: string, init: RequestInit = {}) => handler(new URL(url).pathname, init));
  vi.stubGlobal('fetch', fn);
  return fn;
}

beforeEach(() => {
  localStorage.clear();
  window.__PM_CONFIG__ = { apiUrl: 'http://api.test', tabUrl: 'http://tab.test/mount.js' };
  resetApi();
  setActivePinia(createPinia());
});
afterEach(() => vi.unstubAllGlobals());

describe('auth store', () => {
  it('logs in, keeps the token in localStorage and sends it afterwards', async () => {
    const fetchFn = stubFetch((path) =>
      path === '/auth/login'
        ? json(200, { token: 'tok-123', user: ME, expiresAt: '2026-02-01T00:00:00.000Z' })
        : json(200, ME),
    );
    const auth = useAuthStore();
    await auth.login('standard@example.com', 'postmortem-demo');
    expect(auth.isSignedIn).toBe(true);
    expect(auth.me?.name).toBe('Sam Standard');
    expect(localStorage.getItem(TOKEN_KEY)).toBe('tok-123');
    expect(fetchFn.mock.calls[0]![0]).toBe('http://api.test/auth/login');
  });

  it('surfaces INVALID_CREDENTIALS and stays signed out', async () => {
    stubFetch(() => json(401, { code: 'INVALID_CREDENTIALS', message: 'Invalid email or password' }));
    const auth = useAuthStore();
    await expect(auth.login('a@b.c', 'x')).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
    expect(auth.isSignedIn).toBe(false);
    expect(localStorage.getItem(TOKEN_KEY)).toBeNull();
  });

  it('restores the user from a stored token, and drops a token the API rejects', async () => {
    localStorage.setItem(TOKEN_KEY, 'good');
    stubFetch((_p, init) =>
      (init.headers as Record<string, string>).authorization === 'Bearer good'
        ? json(200, ME)
        : json(401, { code: 'UNAUTHENTICATED', message: 'no' }),
    );
    const auth = useAuthStore();
    await auth.restore();
    expect(auth.me?.email).toBe('standard@example.com');

    localStorage.setItem(TOKEN_KEY, 'expired');
    setActivePinia(createPinia());
    const again = useAuthStore();
    await again.restore();
    expect(again.isSignedIn).toBe(false);
    expect(localStorage.getItem(TOKEN_KEY)).toBeNull();
  });

  it('logout clears the session even when the API is unreachable', async () => {
    localStorage.setItem(TOKEN_KEY, 'tok');
    stubFetch(() => {
      throw new TypeError('Failed to fetch');
    });
    const auth = useAuthStore();
    await auth.logout();
    expect(auth.isSignedIn).toBe(false);
    expect(localStorage.getItem(TOKEN_KEY)).toBeNull();
  });
});

describe('incidents store', () => {
  it('loads incidents and filters by title, #id, severity and status', async () => {
    stubFetch(() =>
      json(200, {
        items: [
          incident(1, 'Checkout API returns 500s after payments deploy'),
          incident(2, 'Search latency', { severity: 'SEV-4', status: 'active' }),
        ],
        total: 2,
      }),
    );
    const s = useIncidentsStore();
    await s.loadList();
    expect(s.listState).toBe('ready');
    expect(s.filtered).toHaveLength(2);
    s.filter = 'checkout';
    expect(s.filtered.map((i) => i.publicId)).toEqual([1]);
    s.filter = '#2';
    expect(s.filtered.map((i) => i.publicId)).toEqual([2]);
    s.filter = 'sev-4';
    expect(s.filtered.map((i) => i.publicId)).toEqual([2]);
    s.filter = 'ACTIVE';
    expect(s.filtered.map((i) => i.publicId)).toEqual([2]);
  });

  it('reports a load error', async () => {
    stubFetch(() => json(503, { code: 'DATABASE_UNAVAILABLE', message: 'Database unavailable' }));
    const s = useIncidentsStore();
    await s.loadList();
    expect(s.listState).toBe('error');
    expect(s.listError).toBe('Database unavailable');
  });

  it('loads an incident by its public number (shared links /incidents/42/…) and names a missing one', async () => {
    const one = incident(7, 'Search latency');
    const paths: string[] = [];
    stubFetch((path) => {
      paths.push(path);
      if (path === '/incidents') return json(200, { items: [incident(17, 'Other'), one], total: 2 });
      if (path === `/incidents/${one.id}`) return json(200, { ...one, timeline: [] });
      return json(404, { code: 'INCIDENT_NOT_FOUND', message: 'no' });
    });
    const s = useIncidentsStore();
    await s.loadOne('7');
    expect(s.current?.id).toBe(one.id);
    expect(s.isCurrent('7') && s.isCurrent(one.id)).toBe(true);
    expect(paths).toEqual(['/incidents', `/incidents/${one.id}`]);
    await s.loadOne('8');
    expect(s.current).toBeNull();
    expect(s.currentError).toMatch(/#8 does not exist or you do not have access/);
  });
});
