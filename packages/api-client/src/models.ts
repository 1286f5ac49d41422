import type { components } from './openapi.gen.js';

/** Every named shape of the API (`components.schemas` of apps/api/openapi.json). */
export type Schemas = components['schemas'];

export type Me = Schemas['Me'];
export type User = Schemas['User'];
export type ApiToken = Schemas['ApiToken'];
export type CreatedApiToken = Schemas['CreatedApiToken'];
export type LoginResult = Schemas['LoginResult'];
export type Incident = Schemas['Incident'];
export type IncidentDetail = Schemas['IncidentDetail'];
export type TimelineEntry = Schemas['TimelineEntry'];
export type Impact = Schemas['Impact'];
export type FollowUp = Schemas['FollowUp'];
export type FollowUpList = Schemas['FollowUpList'];
export type Responder = Schemas['Responder'];
export type ResponderType = Schemas['ResponderType'];
export type IncidentType = Schemas['IncidentType'];
export type IncidentField = Schemas['IncidentField'];
export type Template = Schemas['Template'];
export type TemplateIssue = Schemas['TemplateIssue'];
export type TemplatePreview = Schemas['TemplatePreview'];
export type TemplateVariable = Schemas['TemplateVariable'];
export type TemplateBundle = Schemas['TemplateBundle'];
export type ImportTemplatesResult = Schemas['ImportTemplatesResult'];
export type Postmortem = Schemas['Postmortem'];
export type PostmortemOwner = Schemas['PostmortemOwner'];
export type CollabGrant = Schemas['CollabGrant'];
export type DocumentVersion = Schemas['DocumentVersion'];
export type DocumentVersionList = Schemas['DocumentVersionList'];
export type DocumentVersionPreview = Schemas['DocumentVersionPreview'];
export type ErrorBody = Schemas['ErrorBody'];
export type ConnectedAccount = Schemas['ConnectedAccount'];
export type ConnectedAccountKind = Schemas['ConnectedAccountKind'];
export type ConnectionTestResult = Schemas['ConnectionTestResult'];
export type Export = Schemas['Export'];
export type ExportKind = Schemas['ExportKind'];
export type ExportError = Schemas['ExportError'];
