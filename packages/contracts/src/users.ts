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
  /** Custom property fields and responder types (the reference product's "settings management"). */
  'incident_settings_manage',
  /** Connected accounts (Confluence, Google, Jira, GitHub credentials): create, test, replace, delete. */
  'integrations_manage',
  /** The audit trail (every change, per incident and global, and its export); admins only. */
  'audit_read',
  /** Publishing a Completed postmortem as a public read-only page, and taking it down; admins by default. */
  'postmortems_publish',
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

/** A personal API token as listed (the secret is shown only once, at creation). */
export const ApiTokenSchema = z.object({
  id: IdSchema,
  name: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
});
export type ApiToken = z.infer<typeof ApiTokenSchema>;

export const CreateApiTokenSchema = z.object({
  name: z.string().trim().min(1).max(100),
  /** Lifetime in days; omitted = never expires. */
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});
export type CreateApiTokenInput = z.infer<typeof CreateApiTokenSchema>;

/** Answer of token creation: `token` authenticates like a session (`Authorization: Bearer …`). */
export const CreatedApiTokenSchema = ApiTokenSchema.extend({ token: z.string() });
export type CreatedApiToken = z.infer<typeof CreatedApiTokenSchema>;
