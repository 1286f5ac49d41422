/**
 * The authorization table: every API route (`METHOD /path` exactly as Nest/Express registers it) → the HTTP status
 * each subject gets. `authz-matrix.int.spec.ts` enumerates the routes of the running app and fails for a route
 * without a rule here, and for a cell whose status differs. Add one entry per route you add.
 *
 * Subjects:
 * - `admin` (Ada, Admin role, Private Incidents Global Access), `standard` (Sam), `readOnly` (Rita): act on an
 *   organization incident (the demo checkout incident, #1);
 * - `outsider` (Sam, Standard) and `responder` (Marco, Standard, on the response team): act on the private demo
 *   incident, so the first must get 404 on everything under it and the second must be served;
 * - `anonymous`: no session.
 * For routes not under an incident, `outsider` and `responder` are simply two more Standard users.
 *
 * Path parameters: `:id` is the subject's incident under `/incidents/…` and a postmortem of it under
 * `/postmortems/…`; any other parameter comes from the rule's `params`, which runs before each cell and may create
 * what the cell consumes (e.g. a fresh incident to delete).
 */
export type Subject = 'admin' | 'standard' | 'readOnly' | 'outsider' | 'responder' | 'anonymous';
export const SUBJECTS: readonly Subject[] = [
  'admin',
  'standard',
  'readOnly',
  'outsider',
  'responder',
  'anonymous',
];

/** What a rule's hooks get for one cell. */
export interface Cell {
  subject: Subject;
  /** The incident this subject acts on (organization incident, or the private one for outsider/responder). */
  incidentId: string;
  /** An attached postmortem of that incident. */
  postmortemId: string;
  /** The default template. */
  templateId: string;
  /** User ids by handle: ada, sam, rita, priya, marco, lena. */
  users: Record<string, string>;
  /** A value unique to this cell (names of things the cell creates). */
  unique: string;
  /** Setup call as the admin; returns the JSON body (throws on a non-2xx answer). */
  asAdmin(method: string, path: string, body?: unknown): Promise<any>;
  /** Setup call as this cell's subject (admin for `anonymous`). */
  asSubject(method: string, path: string, body?: unknown): Promise<any>;
  /** A new incident with the same visibility as `incidentId` (private ones get Marco as responder). */
  freshIncident(): Promise<string>;
}

export interface RouteRule {
  /** What the route requires, for the closing table (permission names as in the spec). */
  permission: string;
  expect: Record<Subject, number>;
  /** A valid body, so allowed subjects reach the handler. */
  body?: unknown | ((c: Cell) => unknown);
  /** Extra path parameters (see the file comment). */
  params?: (c: Cell) => Promise<Record<string, string>> | Record<string, string>;
  query?: string;
  /** The request consumes the subject's session (logout): use a fresh login for the cell. */
  freshSession?: boolean;
}

export type E = Record<Subject, number>;
/** A GitHub account on a closed loopback port (the matrix API runs with the test-only loopback allowance). */
export const matrixAccount = (c: Cell) => ({
  kind: 'github',
  name: `Matrix ${c.unique}`,
  token: 'ghp_matrix',
  apiUrl: 'http://127.0.0.1:9',
});
/** Under an incident, Incidents Read: the private incident is 404 for the outsider. */
export const read = (ok = 200): E => ({
  admin: ok,
  standard: ok,
  readOnly: ok,
  outsider: 404,
  responder: ok,
  anonymous: 401,
});
/** Under an incident, Incidents Write. */
export const write = (ok: number): E => ({
  admin: ok,
  standard: ok,
  readOnly: 403,
  outsider: 404,
  responder: ok,
  anonymous: 401,
});
/** Any signed-in user (no incident involved). */
export const signedIn = (ok: number): E => ({
  admin: ok,
  standard: ok,
  readOnly: ok,
  outsider: ok,
  responder: ok,
  anonymous: 401,
});
/** Standard and Admin (a write permission Read Only lacks, no incident involved). */
export const writers = (ok: number): E => ({
  admin: ok,
  standard: ok,
  readOnly: 403,
  outsider: ok,
  responder: ok,
  anonymous: 401,
});
/** Admin only. */
export const admin = (ok: number): E => ({
  admin: ok,
  standard: 403,
  readOnly: 403,
  outsider: 403,
  responder: 403,
  anonymous: 401,
});
export const everyone = (ok: number): E => ({
  admin: ok,
  standard: ok,
  readOnly: ok,
  outsider: ok,
  responder: ok,
  anonymous: ok,
});

/** A note authored by the subject where they may write (so author-only edits succeed), else by the admin. */
export const note = async (c: Cell) => {
  const path = `/incidents/${c.incidentId}/timeline`;
  const body = { content: `note ${c.unique}` };
  const entry = await c.asSubject('POST', path, body).catch(() => c.asAdmin('POST', path, body));
  return { entryId: entry.id };
};
export const impact = async (c: Cell) => ({
  impactId: (
    await c.asAdmin('POST', `/incidents/${c.incidentId}/impacts`, {
      description: `impact ${c.unique}`,
      startAt: new Date(Date.now() - 3_600_000).toISOString(),
    })
  ).id,
});
/** The default incident type (tracker settings live per type). */
export const defaultType = async (c: Cell) => ({
  typeId: (
    (await c.asAdmin('GET', '/incident-types')).items as Array<{ id: string; isDefault: boolean }>
  ).find((t) => t.isDefault)!.id,
});
/** A follow-up of the cell's incident (created by the admin, who sees every incident). */
export const followUp = async (c: Cell) => ({
  id: (await c.asAdmin('POST', `/incidents/${c.incidentId}/follow-ups`, { content: `follow-up ${c.unique}` }))
    .id,
});
/** Rita: added by the admin, so she has neither a role nor activity and may be removed. */
export const freshResponder = async (c: Cell) => {
  await c.asAdmin('POST', `/incidents/${c.incidentId}/responders`, { userId: c.users.rita });
  return { userId: c.users.rita! };
};
export const freshTemplate = async (c: Cell) => ({
  id: (await c.asAdmin('POST', '/templates', { name: `Matrix ${c.unique}`, content: '# {{incident.title}}' }))
    .id,
});
export const freshAttachment = async (c: Cell) => ({
  pmId: (
    await c.asAdmin('POST', `/incidents/${c.incidentId}/postmortems/attachments`, {
      title: `Doc ${c.unique}`,
      url: 'https://docs.example.com/pm',
    })
  ).id,
});
