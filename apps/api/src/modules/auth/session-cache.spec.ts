import { describe, expect, it } from 'vitest';
import type { AuthUser } from './auth.decorators.js';
import { SESSION_CACHE_TTL_MS, SessionCache } from './session-cache.js';

const user = (sessionId: string): AuthUser => ({
  id: 'u',
  email: 'e@example.com',
  name: 'E',
  handle: 'e',
  role: 'standard',
  permissions: new Set(),
  sessionId,
});

describe('SessionCache', () => {
  it('serves an entry until its TTL, never past the session expiry', () => {
    const c = new SessionCache();
    c.set('a', user('s1'), null, 0);
    expect(c.get('a', SESSION_CACHE_TTL_MS - 1)?.sessionId).toBe('s1');
    expect(c.get('a', SESSION_CACHE_TTL_MS)).toBeUndefined();
    c.set('b', user('s2'), new Date(10), 0);
    expect(c.get('b', 9)).toBeDefined();
    expect(c.get('b', 10)).toBeUndefined();
  });

  it('forgets every token of a logged-out or revoked session', () => {
    const c = new SessionCache();
    c.set('a', user('s1'), null, 0);
    c.set('b', user('s2'), null, 0);
    c.forgetSession('s1');
    expect(c.get('a', 1)).toBeUndefined();
    expect(c.get('b', 1)?.sessionId).toBe('s2');
  });
});
