import { z } from 'zod';
import { IdSchema } from './common.js';

export const ROLES = ['admin', 'standard', 'read_only'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

/** Permission names follow the reference product, plus our own admin ones. */
export const PERMISSIONS = [
  'incidents_read',
  'incidents_write',
  'private_incidents_global_access',
  'notebooks_read',
  'notebooks_write',
  'templates_manage',
  'jobs_admin',
] as const;
export const PermissionSchema = z.enum(PERMISSIONS);
export type Permission = z.infer<typeof PermissionSchema>;

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  standard: ['incidents_read', 'incidents_write', 'notebooks_read', 'notebooks_write'],
  read_only: ['incidents_read', 'notebooks_read'],
};

export const UserSchema = z.object({
  id: IdSchema,
  email: z.email(),
  name: z.string(),
  handle: z.string(),
  role: RoleSchema,
});
export type User = z.infer<typeof UserSchema>;

export const MeSchema = UserSchema.extend({ permissions: z.array(PermissionSchema) });
export type Me = z.infer<typeof MeSchema>;

export const LoginInputSchema = z.object({
  email: z.email().max(320),
  password: z.string().min(1).max(1024),
});
export type LoginInput = z.infer<typeof LoginInputSchema>;

export const LoginResultSchema = z.object({ token: z.string(), user: MeSchema, expiresAt: z.string() });
export type LoginResult = z.infer<typeof LoginResultSchema>;
