import { defaultType, read, write, type E, type RouteRule } from '../rule-helpers.js';

/** Incident settings (Admin): the default type's reviewer rule. */
const settings: E = {
  admin: 200,
  standard: 403,
  readOnly: 403,
  outsider: 403,
  responder: 403,
  anonymous: 401,
};

export const rules: Record<string, RouteRule> = {
  'GET /postmortems/:id/review': { permission: 'Incidents Read', expect: read(200) },
  'PUT /postmortems/:id/review-rule': {
    permission: 'Incidents Write',
    expect: write(200),
    body: { rule: null },
  },
  // Deciding needs read access AND being a listed reviewer; the matrix's postmortem has no reviewers, so readers
  // who see it get NOT_A_REVIEWER (403), outsiders of the private incident 404.
  'POST /postmortems/:id/review/decisions': {
    permission: 'Incidents Read + listed reviewer',
    expect: { ...read(403), anonymous: 401 },
    body: { decision: 'approved' },
  },
  'GET /incident-types/:typeId/review-rule': {
    permission: 'Incidents Read',
    expect: { admin: 200, standard: 200, readOnly: 200, outsider: 200, responder: 200, anonymous: 401 },
    params: defaultType,
  },
  'PUT /incident-types/:typeId/review-rule': {
    permission: 'Incident Settings Manage',
    expect: settings,
    body: { reviewerIds: [] },
    params: defaultType,
  },
};
