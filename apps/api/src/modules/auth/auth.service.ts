import { MikroORM } from '@mikro-orm/core';
import { Inject, Injectable } from '@nestjs/common';
import { hashOpaqueToken, newOpaqueToken } from '@pm/auth';
import { ROLE_PERMISSIONS, type LoginResult, type Me } from '@pm/contracts';
import { Session, User, verifyPassword } from '@pm/db';
import { API_CONFIG, type ApiConfig } from '../../config.js';
import { AppError } from '../../common/errors.js';
import type { AuthUser } from './auth.decorators.js';

/** A fixed hash so an unknown email costs the same time as a wrong password (no user enumeration by timing). */
const DUMMY_HASH =
  'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

export const toMe = (u: Pick<User, 'id' | 'email' | 'name' | 'handle' | 'role'>): Me => ({
  id: u.id,
  email: u.email,
  name: u.name,
  handle: u.handle,
  role: u.role,
  permissions: [...ROLE_PERMISSIONS[u.role]],
});

@Injectable()
export class AuthService {
  /** Consecutive failures per email; each one adds delay so guessing slows down. */
  private readonly failures = new Map<string, { count: number; at: number }>();

  constructor(
    private readonly orm: MikroORM,
    @Inject(API_CONFIG) private readonly cfg: ApiConfig,
  ) {}

  async login(email: string, password: string): Promise<LoginResult> {
    const key = email.toLowerCase();
    await this.throttle(key);
    const em = this.orm.em;
    const user = await em.findOne(User, { email: key }, { populate: ['passwordHash'] });
    const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok) {
      const f = this.failures.get(key) ?? { count: 0, at: 0 };
      this.failures.set(key, { count: f.count + 1, at: Date.now() });
      throw new AppError('INVALID_CREDENTIALS', 'Email or password is incorrect');
    }
    this.failures.delete(key);
    const { token, tokenHash } = newOpaqueToken();
    const expiresAt = new Date(Date.now() + this.cfg.SESSION_TTL_HOURS * 3600_000);
    em.create(Session, { tokenHash, user, kind: 'session', expiresAt });
    await em.flush();
    return { token, user: toMe(user), expiresAt: expiresAt.toISOString() };
  }

  async logout(sessionId: string): Promise<void> {
    await this.orm.em.nativeDelete(Session, { id: sessionId });
  }

  /** Resolves a bearer token to its user, or null when unknown or expired. */
  async authenticate(token: string): Promise<AuthUser | null> {
    const session = await this.orm.em.findOne(
      Session,
      { tokenHash: hashOpaqueToken(token) },
      { populate: ['user'] },
    );
    if (!session) return null;
    if (session.expiresAt && session.expiresAt.getTime() < Date.now()) return null;
    const u = session.user;
    return { ...toMe(u), permissions: new Set(ROLE_PERMISSIONS[u.role]), sessionId: session.id };
  }

  private async throttle(key: string) {
    const f = this.failures.get(key);
    if (!f) return;
    if (Date.now() - f.at > 15 * 60_000) {
      this.failures.delete(key);
      return;
    }
    // 0, 0, 0, then 250 ms doubling up to 4 s: harmless for a typo, expensive for a guesser.
    const delay = f.count < 3 ? 0 : Math.min(250 * 2 ** (f.count - 3), 4_000);
    if (delay) await new Promise((r) => setTimeout(r, delay));
  }
}
