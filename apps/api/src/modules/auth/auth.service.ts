import { MikroORM } from '@mikro-orm/core';
import { Inject, Injectable } from '@nestjs/common';
import { hashOpaqueToken, newOpaqueToken } from '@pm/auth';
import { ROLE_PERMISSIONS, type LoginResult, type Me } from '@pm/contracts';
import { Session, User, verifyPassword } from '@pm/db';
import { API_CONFIG, type ApiConfig } from '../../config.js';
import { AppError } from '../../common/errors.js';
import type { AuthUser } from './auth.decorators.js';
import { LoginThrottle } from './login-throttle.js';
import { SessionCache } from './session-cache.js';

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
  private readonly cache = new SessionCache();

  constructor(
    private readonly orm: MikroORM,
    private readonly throttle: LoginThrottle,
    @Inject(API_CONFIG) private readonly cfg: ApiConfig,
  ) {}

  async login(email: string, password: string): Promise<LoginResult> {
    const key = email.toLowerCase();
    await this.throttle.beforeAttempt(key);
    const em = this.orm.em;
    const user = await em.findOne(User, { email: key }, { populate: ['passwordHash'] });
    const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok) {
      await this.throttle.failed(key);
      throw new AppError('INVALID_CREDENTIALS', 'Email or password is incorrect');
    }
    await this.throttle.succeeded(key);
    const { token, tokenHash } = newOpaqueToken();
    const expiresAt = new Date(Date.now() + this.cfg.SESSION_TTL_HOURS * 3600_000);
    em.create(Session, { tokenHash, user, kind: 'session', expiresAt });
    await em.flush();
    return { token, user: toMe(user), expiresAt: expiresAt.toISOString() };
  }

  async logout(sessionId: string): Promise<void> {
    await this.orm.em.nativeDelete(Session, { id: sessionId });
    this.cache.forgetSession(sessionId);
  }

  /** Deletes one of the user's API tokens; false when it is not theirs or does not exist. */
  async revokeToken(userId: string, id: string): Promise<boolean> {
    const n = await this.orm.em.nativeDelete(Session, { id, user: userId, kind: 'api_token' });
    this.cache.forgetSession(id);
    return n > 0;
  }

  /** Resolves a bearer token to its user, or null when unknown or expired. */
  async authenticate(token: string): Promise<AuthUser | null> {
    const tokenHash = hashOpaqueToken(token);
    const cached = this.cache.get(tokenHash);
    if (cached) return cached;
    const session = await this.orm.em.findOne(Session, { tokenHash }, { populate: ['user'] });
    if (!session) return null;
    if (session.expiresAt && session.expiresAt.getTime() < Date.now()) return null;
    const u = session.user;
    const user = { ...toMe(u), permissions: new Set(ROLE_PERMISSIONS[u.role]), sessionId: session.id };
    this.cache.set(tokenHash, user, session.expiresAt ?? null);
    return user;
  }
}
