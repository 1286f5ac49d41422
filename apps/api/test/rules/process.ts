import { admin, defaultType, read, signedIn, write, type Cell, type RouteRule } from '../rule-helpers.js';

/** A step of the cell's postmortem (the demo incidents are SEV-2: the default process gives it steps). */
const step = async (c: Cell) => {
  const p = await c.asAdmin('POST', `/postmortems/${c.postmortemId}/review-process/apply`);
  return { stepId: p.steps[0].id as string };
};
/** A meeting to download. */
const meeting = async (c: Cell) => {
  await c.asAdmin('POST', `/postmortems/${c.postmortemId}/review-meeting`, {
    startAt: '2026-12-03T14:00:00Z',
    durationMinutes: 30,
  });
  return {};
};

export const rules: Record<string, RouteRule> = {
  'GET /postmortems/:id/review-process': { permission: 'incidents_read', expect: read() },
  'POST /postmortems/:id/review-process/apply': { permission: 'incidents_write', expect: write(200) },
  'PATCH /postmortems/:id/review-steps/:stepId': {
    permission: 'incidents_write',
    expect: write(200),
    params: step,
    body: { status: 'done' },
  },
  'POST /postmortems/:id/review-meeting': {
    permission: 'incidents_write',
    expect: write(200),
    body: { startAt: '2026-12-03T14:00:00Z', durationMinutes: 30 },
  },
  'GET /postmortems/:id/review-meeting.ics': {
    permission: 'incidents_read',
    expect: read(),
    params: meeting,
  },
  'GET /me/time-zone': { permission: 'session', expect: signedIn(200) },
  'PUT /me/time-zone': { permission: 'session', expect: signedIn(200), body: { timeZone: 'Europe/Berlin' } },
  'GET /review-process-definitions': { permission: 'incidents_read', expect: signedIn(200) },
  'PUT /review-process-definitions/:typeId': {
    permission: 'incident_settings_manage',
    expect: admin(200),
    params: defaultType,
    body: {
      steps: [
        {
          key: 'draft_timeline',
          name: 'Draft the timeline',
          ownerRole: 'postmortem_owner',
          dueBusinessDays: 2,
          appliesTo: ['SEV-1', 'SEV-2', 'SEV-3', 'SEV-4', 'UNKNOWN'],
          requiredFor: ['SEV-1', 'SEV-2'],
        },
      ],
    },
  },
};
