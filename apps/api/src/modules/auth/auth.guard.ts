import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Permission } from '@pm/contracts';
import type { Request } from 'express';
import { AppError } from '../../common/errors.js';
import { PERMISSIONS_KEY, PUBLIC_KEY, type AuthUser } from './auth.decorators.js';
import { AuthService } from './auth.service.js';

export const SESSION_COOKIE = 'pm_session';

/**
 * Bearer token from the Authorization header, else the HttpOnly session cookie (used by the job dashboard), as
 * parsed by the cookie-parser middleware that createApp installs in front of every route.
 */
export function tokenFrom(req: Request): string | null {
  const h = req.headers.authorization;
  if (h?.startsWith('Bearer ')) return h.slice(7).trim() || null;
  // cookie-parser turns `j:`-prefixed values into objects; a session token is always a plain string.
  const cookie: unknown = req.cookies?.[SESSION_COOKIE];
  return typeof cookie === 'string' && cookie !== '' ? cookie : null;
}

/** Global guard: every route needs a session unless @Public, plus the permissions it declares. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const req = ctx.switchToHttp().getRequest<Request & { user?: AuthUser }>();
    const token = tokenFrom(req);
    if (!token) throw new AppError('UNAUTHENTICATED', 'Sign in first');
    const user = await this.auth.authenticate(token);
    if (!user) throw new AppError('UNAUTHENTICATED', 'Session expired or unknown; sign in again');
    req.user = user;
    const needed = this.reflector.getAllAndMerge<Permission[]>(PERMISSIONS_KEY, targets) ?? [];
    const missing = needed.filter((p) => !user.permissions.has(p));
    if (missing.length)
      throw new AppError('FORBIDDEN', `Missing permission: ${missing.join(', ')}`, { missing });
    return true;
  }
}
