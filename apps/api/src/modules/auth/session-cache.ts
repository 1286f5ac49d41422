import type { AuthUser } from './auth.decorators.js';

/**
 * How long a resolved session is trusted without re-reading it. Logout and token revocation in this process drop
 * the entry at once; in another API replica a revoked token keeps working for at most this long.
 */
export const SESSION_CACHE_TTL_MS = 5_000;
/** Bounds the memory a flood of distinct tokens can take (each entry is a few hundred bytes). */
const MAX_ENTRIES = 10_000;

interface Entry {
  user: AuthUser;
  until: number;
}

/**
 * Token hash → resolved user, for {@link SESSION_CACHE_TTL_MS}. Every request authenticates, and reading the session
 * and its user through the ORM was a large share of a small request's CPU (profile: EntityManager.findOne →
 * EntityFactory.create/hydrate). Never caches past the session's own expiry, and never caches a miss.
 */
export class SessionCache {
  private readonly entries = new Map<string, Entry>();

  get(tokenHash: string, now = Date.now()): AuthUser | undefined {
    const e = this.entries.get(tokenHash);
    if (!e) return undefined;
    if (e.until <= now) {
      this.entries.delete(tokenHash);
      return undefined;
    }
    return e.user;
  }

  set(tokenHash: string, user: AuthUser, expiresAt: Date | null, now = Date.now()): void {
    const until = Math.min(now + SESSION_CACHE_TTL_MS, expiresAt ? expiresAt.getTime() : Infinity);
    if (this.entries.size >= MAX_ENTRIES) {
      // Map iterates in insertion order: drop the oldest entry.
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(tokenHash, { user, until });
  }

  /** Forgets every cached entry of this session (logout, revocation). */
  forgetSession(sessionId: string): void {
    for (const [k, e] of this.entries) if (e.user.sessionId === sessionId) this.entries.delete(k);
  }
}
