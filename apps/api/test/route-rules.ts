import { randomUUID } from 'node:crypto';
import type { Cell, RouteRule } from './rule-helpers.js';
import {
  matrixAccount,
  read,
  write,
  signedIn,
  writers,
  admin,
  everyone,
  note,
  impact,
  defaultType,
  followUp,
  freshResponder,
  freshTemplate,
  freshAttachment,
} from './rule-helpers.js';

export * from './rule-helpers.js';

const CORE_RULES: Record<string, RouteRule> = {
  // ---- health and auth
  'GET /healthz': { permission: 'public', expect: everyone(200) },
  'GET /readyz': { permission: 'public', expect: everyone(200) },
  'POST /auth/login': {
    permission: 'public',
    expect: everyone(200),
    body: { email: 'readonly@example.com', password: 'postmortem-demo' },
  },
  'POST /auth/logout': { permission: 'session', expect: signedIn(204), freshSession: true },
  'GET /me': { permission: 'session', expect: signedIn(200) },
  'GET /me/tokens': { permission: 'session', expect: signedIn(200) },
  'POST /me/tokens': { permission: 'session', expect: signedIn(201), body: { name: 'matrix' } },
  'DELETE /me/tokens/:tokenId': {
    permission: 'session (own tokens only)',
    expect: signedIn(204),
    params: async (c) => ({ tokenId: (await c.asSubject('POST', '/me/tokens', { name: c.unique })).id }),
  },
  'GET /users': { permission: 'incidents_read', expect: signedIn(200) },

  // ---- incidents
  'GET /incidents': { permission: 'incidents_read (private ones filtered out)', expect: signedIn(200) },
  'POST /incidents': {
    permission: 'incidents_write',
    expect: writers(201),
    body: { title: 'Matrix incident' },
  },
  'GET /incidents/:id': { permission: 'incidents_read + visibility', expect: read() },
  'PATCH /incidents/:id': {
    permission: 'incidents_write + visibility',
    expect: write(200),
    body: { severity: 'SEV-2' },
  },
  'DELETE /incidents/:id': {
    permission: 'incidents_write + visibility',
    expect: write(204),
    params: async (c) => ({ id: await c.freshIncident() }),
  },
  'GET /incidents/:id/timeline': { permission: 'incidents_read + visibility', expect: read() },
  'POST /incidents/:id/timeline': {
    permission: 'incidents_write + visibility',
    expect: write(201),
    body: { content: 'Matrix note' },
  },
  'PATCH /incidents/:id/timeline/:entryId': {
    permission: 'incidents_write + visibility (content: author only)',
    expect: write(200),
    body: { content: 'edited by its author', important: true },
    params: note,
  },
  'DELETE /incidents/:id/timeline/:entryId': {
    permission: 'incidents_write + visibility + author',
    expect: write(204),
    params: note,
  },
  'GET /incidents/:id/responders': { permission: 'incidents_read + visibility', expect: read() },
  'POST /incidents/:id/responders': {
    permission: 'incidents_write + visibility',
    expect: write(201),
    body: (c: Cell) => ({ userId: c.users.priya }),
  },
  'PATCH /incidents/:id/responders/:userId': {
    permission: 'incidents_write + visibility',
    expect: write(200),
    body: { role: 'responder' },
    params: freshResponder,
  },
  'DELETE /incidents/:id/responders/:userId': {
    permission: 'incidents_write + visibility',
    expect: write(204),
    params: freshResponder,
  },
  'GET /incidents/:id/impacts': { permission: 'incidents_read + visibility', expect: read() },
  'POST /incidents/:id/impacts': {
    permission: 'incidents_write + visibility',
    expect: write(201),
    body: { description: 'Matrix impact', startAt: '2026-01-01T00:00:00Z' },
  },
  'PATCH /incidents/:id/impacts/:impactId': {
    permission: 'incidents_write + visibility',
    expect: write(200),
    body: { description: 'Edited impact' },
    params: impact,
  },
  'DELETE /incidents/:id/impacts/:impactId': {
    permission: 'incidents_write + visibility',
    expect: write(204),
    params: impact,
  },
  'GET /incidents/:id/follow-ups': { permission: 'incidents_read + visibility', expect: read() },
  'POST /incidents/:id/follow-ups': {
    permission: 'incidents_write + visibility',
    expect: write(201),
    body: { content: 'Matrix follow-up' },
  },
  'PATCH /follow-ups/:id': {
    permission: 'incidents_write + visibility',
    expect: write(200),
    body: { status: 'done' },
    params: followUp,
  },
  'DELETE /follow-ups/:id': {
    permission: 'incidents_write + visibility',
    expect: write(204),
    params: followUp,
  },

  // ---- incident settings
  'GET /incident-types': { permission: 'incidents_read', expect: signedIn(200) },
  'GET /incident-types/:typeId/tracker-settings': {
    permission: 'incident_settings_manage',
    expect: admin(200),
    params: defaultType,
  },
  // No Jira / GitHub account exists in the matrix, so the admin reaches validation of the account id (400).
  'PUT /incident-types/:typeId/tracker-settings': {
    permission: 'incident_settings_manage',
    expect: admin(400),
    params: defaultType,
    body: { kind: 'github', accountId: randomUUID(), github: { owner: 'octo', repo: 'app' } },
  },
  'DELETE /incident-types/:typeId/tracker-settings': {
    permission: 'incident_settings_manage',
    expect: admin(204),
    params: defaultType,
  },
  'GET /incident-fields': { permission: 'incidents_read', expect: signedIn(200) },
  'POST /incident-fields': {
    permission: 'incident_settings_manage',
    expect: admin(201),
    body: (c: Cell) => ({ name: `f_${c.unique}`, displayName: 'Matrix', type: 'text' }),
  },
  'PATCH /incident-fields/:fieldId': {
    permission: 'incident_settings_manage',
    expect: admin(200),
    body: { displayName: 'Renamed' },
    params: async (c) => ({
      fieldId: (
        await c.asAdmin('POST', '/incident-fields', { name: `f_${c.unique}`, displayName: 'X', type: 'text' })
      ).id,
    }),
  },
  'DELETE /incident-fields/:fieldId': {
    permission: 'incident_settings_manage',
    expect: admin(204),
    params: async (c) => ({
      fieldId: (
        await c.asAdmin('POST', '/incident-fields', { name: `f_${c.unique}`, displayName: 'X', type: 'text' })
      ).id,
    }),
  },
  'GET /responder-types': { permission: 'incidents_read', expect: signedIn(200) },
  'POST /responder-types': {
    permission: 'incident_settings_manage',
    expect: admin(201),
    body: (c: Cell) => ({ name: `Scribe ${c.unique}` }),
  },
  'DELETE /responder-types/:typeId': {
    permission: 'incident_settings_manage',
    expect: admin(204),
    params: async (c) => ({
      typeId: (await c.asAdmin('POST', '/responder-types', { name: `Scribe ${c.unique}` })).id,
    }),
  },

  // ---- connected accounts (the fake URL is a closed loopback port: "Test connection" fails fast, answering 200)
  'GET /connected-accounts': {
    permission: 'integrations_manage or templates_manage',
    expect: admin(200),
  },
  'POST /connected-accounts': {
    permission: 'integrations_manage',
    expect: admin(201),
    body: (c: Cell) => matrixAccount(c),
  },
  'GET /connected-accounts/:accountId': {
    permission: 'integrations_manage',
    expect: admin(200),
    params: async (c) => ({
      accountId: (await c.asAdmin('POST', '/connected-accounts', matrixAccount(c))).id,
    }),
  },
  'PATCH /connected-accounts/:accountId': {
    permission: 'integrations_manage',
    expect: admin(200),
    body: { credentials: { kind: 'github', token: 'ghp_matrix_replaced' } },
    params: async (c) => ({
      accountId: (await c.asAdmin('POST', '/connected-accounts', matrixAccount(c))).id,
    }),
  },
  'DELETE /connected-accounts/:accountId': {
    permission: 'integrations_manage',
    expect: admin(204),
    params: async (c) => ({
      accountId: (await c.asAdmin('POST', '/connected-accounts', matrixAccount(c))).id,
    }),
  },
  'POST /connected-accounts/:accountId/test': {
    permission: 'integrations_manage',
    expect: admin(200),
    params: async (c) => ({
      accountId: (await c.asAdmin('POST', '/connected-accounts', matrixAccount(c))).id,
    }),
  },

  // ---- templates (rules written from the templates controller; owners refine)
  'GET /templates': { permission: 'incidents_read', expect: signedIn(200) },
  'GET /templates/variables': { permission: 'incidents_read', expect: signedIn(200) },
  'GET /templates/export': { permission: 'templates_manage', expect: admin(200) },
  'POST /templates/import': {
    permission: 'templates_manage',
    expect: admin(200),
    body: (c: Cell) => ({ templates: [{ name: `Imported ${c.unique}`, content: '# {{incident.title}}' }] }),
  },
  'POST /templates/preview': {
    permission: 'incidents_read + visibility of the incident',
    expect: read(),
    body: (c: Cell) => ({ incidentId: c.incidentId, content: '# {{incident.title}}' }),
  },
  'POST /templates': {
    permission: 'templates_manage',
    expect: admin(201),
    body: (c: Cell) => ({ name: `Matrix ${c.unique}`, content: '# {{incident.title}}' }),
  },
  'GET /templates/:id': {
    permission: 'incidents_read',
    expect: signedIn(200),
    params: (c) => ({ id: c.templateId }),
  },
  'GET /templates/:id/export': {
    permission: 'templates_manage',
    expect: admin(200),
    params: (c) => ({ id: c.templateId }),
  },
  'PATCH /templates/:id': {
    permission: 'templates_manage',
    expect: admin(200),
    body: { content: '# {{incident.title}} edited' },
    params: freshTemplate,
  },
  'DELETE /templates/:id': { permission: 'templates_manage', expect: admin(204), params: freshTemplate },

  // ---- postmortems (rules written from the postmortems controller; owners refine)
  'GET /incidents/:id/postmortems': { permission: 'incidents_read + visibility', expect: read() },
  'GET /incidents/:id/postmortems/events': { permission: 'incidents_read + visibility', expect: read() },
  'POST /incidents/:id/postmortems/attachments': {
    permission: 'incidents_write + visibility',
    expect: write(201),
    body: { title: 'Matrix doc', url: 'https://docs.example.com/matrix' },
  },
  'DELETE /incidents/:id/postmortems/:pmId': {
    permission: 'incidents_write + visibility',
    expect: write(204),
    params: freshAttachment,
  },
  'GET /incidents/:id/postmortem-owners': { permission: 'incidents_read + visibility', expect: read() },
  'PATCH /postmortems/:id': {
    permission: 'incidents_write + visibility',
    expect: write(200),
    body: { status: 'in_review' },
  },
  'POST /incidents/:id/postmortems': {
    permission: 'incidents_write + visibility',
    expect: write(202),
    body: (c: Cell) => ({ templateId: c.templateId }),
  },
  'GET /postmortems/:id': { permission: 'incidents_read + visibility', expect: read() },
  'GET /postmortems/:id/events': { permission: 'incidents_read + visibility', expect: read() },
  'POST /postmortems/:id/collab-token': {
    permission: 'incidents_read + notebooks_read + visibility',
    // the fixture postmortem is an attached link without a notebook document: 404 for everyone who may see it
    expect: read(404),
  },
  // ---- exports (the fixture postmortem is an attached link: nothing to export, 422 for whoever may see it)
  'POST /postmortems/:id/exports': {
    permission: 'incidents_read + notebooks_read + visibility (destinations: incidents_write)',
    expect: read(422),
    body: { kind: 'markdown' },
  },
  'GET /postmortems/:id/exports': { permission: 'incidents_read + visibility', expect: read() },
  'GET /exports/:exportId': {
    permission: 'incidents_read + visibility of its postmortem',
    expect: read(404),
    params: (c) => ({ exportId: c.templateId }),
  },
  'GET /exports/:exportId/events': {
    permission: 'incidents_read + visibility of its postmortem',
    expect: read(404),
    params: (c) => ({ exportId: c.templateId }),
  },
  'GET /exports/:exportId/file': {
    permission: 'incidents_read + visibility of its postmortem',
    expect: read(404),
    params: (c) => ({ exportId: c.templateId }),
  },
  'GET /postmortems/:id/versions': { permission: 'notebooks_read + visibility', expect: read(404) },
  'GET /postmortems/:id/versions/:versionId': {
    permission: 'notebooks_read + visibility',
    expect: read(404),
    params: (c) => ({ versionId: c.templateId }),
  },
  'POST /postmortems/:id/versions': {
    permission: 'notebooks_write + visibility',
    expect: write(404),
    body: { name: 'Matrix version' },
  },
  'POST /postmortems/:id/versions/:versionId/restore': {
    permission: 'notebooks_write + visibility',
    expect: write(404),
    params: (c) => ({ versionId: c.templateId }),
  },

  // ---- follow-up export and tracker webhooks
  // The matrix configures no tracker, so whoever may write reaches TRACKER_NOT_CONFIGURED (409).
  'POST /follow-ups/:id/export': {
    permission: 'incidents_write + visibility',
    expect: write(409),
    params: followUp,
  },
  // Public routes: without a valid signature every caller gets 401.
  'POST /webhooks/github/:accountId': {
    permission: 'public (signed)',
    expect: everyone(401),
    params: () => ({ accountId: randomUUID() }),
  },
  'POST /webhooks/jira/:accountId': {
    permission: 'public (signed)',
    expect: everyone(401),
    params: () => ({ accountId: randomUUID() }),
  },
  'POST /connected-accounts/:accountId/webhook-secret': {
    permission: 'integrations_manage',
    expect: admin(404),
    params: () => ({ accountId: randomUUID() }),
  },
};

/**
 * Each feature's rules live in `./rules/<feature>.ts` (`export const rules: Record<string, RouteRule>`), merged
 * here by Vite's glob import so that features added side by side never edit the same lines of this file.
 */
const featureRules = import.meta.glob<{ rules: Record<string, RouteRule> }>('./rules/*.ts', {
  eager: true,
});

export const ROUTE_RULES: Record<string, RouteRule> = Object.assign(
  {},
  CORE_RULES,
  ...Object.values(featureRules).map((m) => m.rules),
);

/** Routes outside Nest's router, checked by the matrix too. */
export const EXTRA_ROUTES: Record<string, RouteRule> = {
  'GET /admin/queues': { permission: 'jobs_admin', expect: admin(200) },
};
