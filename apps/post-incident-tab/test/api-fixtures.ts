import type { IncidentDetail, Me, Postmortem, Template, User } from '@pm/api-client';

/** Fixtures typed by the generated API types: a field the API adds or renames breaks the build here. */
export const API = 'http://api.test';
export const INCIDENT_ID = '0b9e8f6a-5c1d-4e2b-8a7f-112233445566';
export const OTHER_INCIDENT_ID = '1c9e8f6a-5c1d-4e2b-8a7f-112233445566';

const template = (id: string, name: string, isDefault: boolean): Template => ({
  id,
  name,
  content: '# {{incident.title}}',
  destination: 'notebook',
  confluence: null,
  googleDocs: null,
  incidentType: null,
  isDefault,
  defaultAt: isDefault ? '2026-01-01T00:00:00.000Z' : null,
  createdAt: '2026-01-01T00:00:00.000Z',
  modifiedAt: '2026-01-01T00:00:00.000Z',
  lastModifiedBy: null,
});

export const TEMPLATES: Template[] = [
  template('a0000000-0000-4000-8000-000000000001', 'Short form', false),
  template('a0000000-0000-4000-8000-000000000002', 'Standard postmortem', true),
];

export const ME: Me = {
  id: 'b0000000-0000-4000-8000-000000000001',
  email: 'standard@example.com',
  name: 'Sam Standard',
  handle: 'sam',
  role: 'standard',
  permissions: ['incidents_read', 'incidents_write', 'notebooks_read', 'notebooks_write'],
};

export const USERS: User[] = [
  { id: ME.id, email: ME.email, name: ME.name, handle: ME.handle, role: ME.role },
  {
    id: 'b0000000-0000-4000-8000-000000000002',
    email: 'admin@example.com',
    name: 'Ada Admin',
    handle: 'ada',
    role: 'admin',
  },
];

export const pm = (over: Partial<Postmortem> = {}): Postmortem => ({
  id: 'c0000000-0000-4000-8000-000000000001',
  incidentId: INCIDENT_ID,
  templateId: TEMPLATES[1]!.id,
  title: 'Postmortem: Checkout API returns 500s after payments deploy',
  destination: 'notebook',
  generationState: 'ready',
  progress: 100,
  failureReason: null,
  status: 'draft',
  ownerId: ME.id,
  ownerName: 'Sam Standard',
  documentId: 'd0000000-0000-4000-8000-000000000001',
  url: null,
  createdAt: '2026-01-02T00:00:00.000Z',
  updatedAt: '2026-01-02T00:00:00.000Z',
  kind: 'generated',
  templateName: TEMPLATES[1]!.name,
  removedAt: null,
  commentCount: 0,
  openFollowUps: 0,
  lastEditorName: null,
  review: null,
  ...over,
});

/** The incident as `GET /incidents/:id` answers it. */
export const incidentDetail = (over: Partial<IncidentDetail> = {}): IncidentDetail => ({
  id: INCIDENT_ID,
  publicId: 1,
  title: 'Checkout API returns 500s after payments deploy',
  severity: 'SEV-2',
  status: 'resolved',
  visibility: 'organization',
  summary: null,
  commanderName: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  detectedAt: null,
  resolvedAt: null,
  updatedAt: '2026-01-01T00:00:00.000Z',
  timeline: [],
  ...over,
});
