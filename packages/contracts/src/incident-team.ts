import { z } from 'zod';
import { IdSchema, IsoDateSchema } from './common.js';

/** A user as incidents reference them (commander, creator, responder, author). */
export const PersonSchema = z.object({
  id: IdSchema,
  name: z.string(),
  email: z.string(),
  handle: z.string(),
});
export type Person = z.infer<typeof PersonSchema>;

export const IncidentTypeSchema = z.object({
  id: IdSchema,
  name: z.string(),
  description: z.string().nullable(),
  isDefault: z.boolean(),
});
export type IncidentType = z.infer<typeof IncidentTypeSchema>;

/** Name of the incident type every installation has. */
export const DEFAULT_INCIDENT_TYPE_NAME = 'Default';

// ---- impacts -------------------------------------------------------------------------------------------------

export const ImpactSchema = z.object({
  id: IdSchema,
  description: z.string(),
  startAt: IsoDateSchema,
  /** Null while the impact is ongoing. */
  endAt: IsoDateSchema.nullable(),
});
export type Impact = z.infer<typeof ImpactSchema>;

export const CreateImpactSchema = z.object({
  description: z.string().trim().min(1).max(5_000),
  startAt: IsoDateSchema,
  endAt: IsoDateSchema.nullable().optional(),
});
export type CreateImpactInput = z.infer<typeof CreateImpactSchema>;

export const UpdateImpactSchema = CreateImpactSchema.partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to update' });
export type UpdateImpactInput = z.infer<typeof UpdateImpactSchema>;

// ---- responders ----------------------------------------------------------------------------------------------

/**
 * Built-in roles. `incident_commander` is one person (assigning it demotes the previous holder to `responder`);
 * `responder` is the generic fallback; `custom` points at a responder type. "Postmortem owner" is a system role
 * shown in the response team for owners of the incident's postmortems; it is derived, never assigned here.
 */
export const RESPONDER_ROLES = ['incident_commander', 'responder', 'custom', 'postmortem_owner'] as const;
export const ResponderRoleSchema = z.enum(RESPONDER_ROLES);
export type ResponderRole = z.infer<typeof ResponderRoleSchema>;

/** Display names of the built-in roles; custom type names may not reuse them (case-insensitive). */
export const RESERVED_ROLE_NAMES = ['Incident Commander', 'Responder', 'Postmortem owner'] as const;

/** The name a responder's role is shown with: the built-in name, or the custom type's name. */
export function responderRoleName(role: string, customTypeName: string | null | undefined): string {
  if (role === 'incident_commander') return 'Incident Commander';
  if (role === 'custom' && customTypeName) return customTypeName;
  return 'Responder';
}

export const ResponderTypeSchema = z.object({
  id: IdSchema,
  name: z.string(),
  description: z.string().nullable(),
  /** One-person types demote the previous holder to Responder when reassigned. */
  onePerson: z.boolean(),
});
export type ResponderType = z.infer<typeof ResponderTypeSchema>;

export const CreateResponderTypeSchema = z.object({
  name: z.string().trim().min(1).max(100),
  description: z.string().max(1_000).nullable().optional(),
  onePerson: z.boolean().default(false),
});
export type CreateResponderTypeInput = z.infer<typeof CreateResponderTypeSchema>;

export const ResponderSchema = z.object({
  user: PersonSchema,
  role: ResponderRoleSchema,
  /** Display name of the role (built-in name or the custom type's name). */
  roleName: z.string(),
  customTypeId: IdSchema.nullable(),
  /** For `postmortem_owner` entries: the postmortem they own. */
  postmortemId: IdSchema.nullable().default(null),
  addedAt: IsoDateSchema,
  lastActivityAt: IsoDateSchema.nullable(),
});
export type Responder = z.infer<typeof ResponderSchema>;

const assignableRole = z.enum(['incident_commander', 'responder', 'custom']);

export const AddResponderSchema = z
  .object({
    userId: IdSchema,
    role: assignableRole.default('responder'),
    customTypeId: IdSchema.optional(),
  })
  .refine((v) => (v.role === 'custom') === (v.customTypeId !== undefined), {
    message: 'customTypeId is required for role custom and only allowed with it',
    path: ['customTypeId'],
  });
export type AddResponderInput = z.infer<typeof AddResponderSchema>;

export const UpdateResponderSchema = z
  .object({ role: assignableRole, customTypeId: IdSchema.optional() })
  .refine((v) => (v.role === 'custom') === (v.customTypeId !== undefined), {
    message: 'customTypeId is required for role custom and only allowed with it',
    path: ['customTypeId'],
  });
export type UpdateResponderInput = z.infer<typeof UpdateResponderSchema>;

// ---- custom property fields ----------------------------------------------------------------------------------

export const FIELD_TYPES = [
  'single_select',
  'multi_select',
  'text',
  'text_array',
  'number',
  'datetime',
] as const;
export const FieldTypeSchema = z.enum(FIELD_TYPES);
export type FieldType = z.infer<typeof FieldTypeSchema>;

/** snake_case, starts with a letter: used in APIs and as the template variable `{{incident.<name>}}`. */
export const FieldNameSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/, 'must be snake_case (a-z, 0-9, single underscores)');

export const IncidentFieldSchema = z.object({
  id: IdSchema,
  name: FieldNameSchema,
  displayName: z.string(),
  type: FieldTypeSchema,
  /** Allowed values of select fields (empty for other types). */
  options: z.array(z.string()),
});
export type IncidentField = z.infer<typeof IncidentFieldSchema>;

export const CreateIncidentFieldSchema = z
  .object({
    name: FieldNameSchema,
    displayName: z.string().trim().min(1).max(100),
    type: FieldTypeSchema,
    options: z.array(z.string().trim().min(1).max(200)).max(200).default([]),
  })
  .refine((v) => !v.type.endsWith('_select') || v.options.length > 0, {
    message: 'select fields need at least one option',
    path: ['options'],
  });
export type CreateIncidentFieldInput = z.infer<typeof CreateIncidentFieldSchema>;

/** The name and type of a field never change (templates and integrations depend on them). */
export const UpdateIncidentFieldSchema = z
  .object({
    displayName: z.string().trim().min(1).max(100),
    options: z.array(z.string().trim().min(1).max(200)).max(200),
  })
  .partial()
  .strict();
export type UpdateIncidentFieldInput = z.infer<typeof UpdateIncidentFieldSchema>;

/** A field value as sent and stored (checked against the field's type by the API). */
export const FieldValueSchema = z.union([
  z.string().max(20_000),
  z.number(),
  z.array(z.string().max(2_000)).max(200),
  z.null(),
]);
export const CustomFieldValuesSchema = z.record(FieldNameSchema, FieldValueSchema);
export type CustomFieldValues = z.infer<typeof CustomFieldValuesSchema>;
