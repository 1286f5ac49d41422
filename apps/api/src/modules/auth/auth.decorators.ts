import type { Permission, Role } from '@pm/contracts';
import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';

export const PUBLIC_KEY = 'pm:public';
export const PERMISSIONS_KEY = 'pm:permissions';

/** The signed-in user attached to the request by the AuthGuard. */
export interface AuthUser {
  id: string;
  email: string;
  name: string;
  handle: string;
  role: Role;
  permissions: ReadonlySet<Permission>;
  sessionId: string;
}

/** Route needs no session (health, login). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** Route needs every listed permission. Routes without this decorator need only a session. */
export const RequirePermissions = (...perms: Permission[]) => SetMetadata(PERMISSIONS_KEY, perms);

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => {
  return ctx.switchToHttp().getRequest<{ user: AuthUser }>().user;
});
