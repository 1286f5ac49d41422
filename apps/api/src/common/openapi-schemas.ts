import {
  ApiTokenSchema,
  ConnectedAccountKindSchema,
  ConnectedAccountListSchema,
  ConnectedAccountSchema,
  ConnectionTestResultSchema,
  ExportErrorSchema,
  ExportKindSchema,
  ExportSchema,
  ExportStateSchema,
  CollabGrantSchema,
  CreatedApiTokenSchema,
  DestinationSchema,
  DocumentVersionListSchema,
  DocumentVersionPreviewSchema,
  DocumentVersionSchema,
  ErrorBodySchema,
  ErrorCodeSchema,
  FieldIssueSchema,
  FollowUpListSchema,
  FollowUpSchema,
  FollowUpTrackerSchema,
  GenerationStateSchema,
  ImpactSchema,
  ImportTemplatesResultSchema,
  IncidentDetailSchema,
  IncidentFieldSchema,
  IncidentSchema,
  IncidentStatusSchema,
  IncidentTypeSchema,
  LoginResultSchema,
  MeSchema,
  PermissionSchema,
  PostmortemOwnerSchema,
  PostmortemSchema,
  PostmortemStatusSchema,
  ResponderSchema,
  ResponderTypeSchema,
  RoleSchema,
  SeveritySchema,
  TemplateBundleSchema,
  TemplateIssueSchema,
  TemplatePreviewSchema,
  TemplateSchema,
  TemplateVariableSchema,
  TimelineEntrySchema,
  UserSchema,
  VisibilitySchema,
} from '@pm/contracts';
import { z } from 'zod';

/**
 * Names of the response shapes in the OpenAPI document. Each becomes `components.schemas.<Name>` and every
 * response that contains it refers to it, so the generated client has `components['schemas']['Postmortem']`
 * instead of anonymous inline objects. Request bodies stay inline (their input side differs: defaults are optional).
 */
export const SCHEMA_NAMES = z.registry<{ id: string }>();

const NAMED: Record<string, z.ZodType> = {
  ErrorCode: ErrorCodeSchema,
  ErrorBody: ErrorBodySchema,
  FieldIssue: FieldIssueSchema,
  Role: RoleSchema,
  Permission: PermissionSchema,
  User: UserSchema,
  Me: MeSchema,
  LoginResult: LoginResultSchema,
  ApiToken: ApiTokenSchema,
  CreatedApiToken: CreatedApiTokenSchema,
  Severity: SeveritySchema,
  IncidentStatus: IncidentStatusSchema,
  Visibility: VisibilitySchema,
  Incident: IncidentSchema,
  IncidentDetail: IncidentDetailSchema,
  TimelineEntry: TimelineEntrySchema,
  Impact: ImpactSchema,
  FollowUp: FollowUpSchema,
  FollowUpList: FollowUpListSchema,
  FollowUpTracker: FollowUpTrackerSchema,
  Responder: ResponderSchema,
  ResponderType: ResponderTypeSchema,
  IncidentType: IncidentTypeSchema,
  IncidentField: IncidentFieldSchema,
  Destination: DestinationSchema,
  Template: TemplateSchema,
  TemplateIssue: TemplateIssueSchema,
  TemplatePreview: TemplatePreviewSchema,
  TemplateVariable: TemplateVariableSchema,
  TemplateBundle: TemplateBundleSchema,
  ImportTemplatesResult: ImportTemplatesResultSchema,
  PostmortemStatus: PostmortemStatusSchema,
  GenerationState: GenerationStateSchema,
  Postmortem: PostmortemSchema,
  PostmortemOwner: PostmortemOwnerSchema,
  CollabGrant: CollabGrantSchema,
  DocumentVersion: DocumentVersionSchema,
  DocumentVersionList: DocumentVersionListSchema,
  DocumentVersionPreview: DocumentVersionPreviewSchema,
  ConnectedAccountKind: ConnectedAccountKindSchema,
  ConnectedAccount: ConnectedAccountSchema,
  ConnectedAccountList: ConnectedAccountListSchema,
  ConnectionTestResult: ConnectionTestResultSchema,
  ExportKind: ExportKindSchema,
  ExportState: ExportStateSchema,
  ExportError: ExportErrorSchema,
  Export: ExportSchema,
};
for (const [id, schema] of Object.entries(NAMED)) SCHEMA_NAMES.add(schema, { id });

type Json = Record<string, unknown>;

/** Rewrites zod's local `#/definitions/X` references to `#/components/schemas/X` (deeply, returns the same object). */
export function refToComponents<T>(node: T): T {
  if (Array.isArray(node)) node.forEach(refToComponents);
  else if (node && typeof node === 'object') {
    const o = node as Json;
    for (const [k, v] of Object.entries(o)) {
      if (k === '$ref' && typeof v === 'string') o[k] = v.replace('#/definitions/', '#/components/schemas/');
      else refToComponents(v);
    }
  }
  return node;
}

/** `components.schemas` of the document: every named shape, referring to each other by name. */
export function componentSchemas(): Record<string, Json> {
  const { schemas } = z.toJSONSchema(SCHEMA_NAMES, {
    target: 'openapi-3.0',
    io: 'output',
    unrepresentable: 'any',
    uri: (id) => `#/components/schemas/${id}`,
  }) as { schemas: Record<string, Json> };
  // `$id` is not a keyword of OpenAPI 3.0 schema objects; the component's key already names it.
  for (const s of Object.values(schemas)) delete s['$id'];
  return schemas;
}
