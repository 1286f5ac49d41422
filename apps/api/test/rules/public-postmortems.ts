import type { E, RouteRule } from '../rule-helpers.js';

/**
 * Public postmortems: Postmortems Publish (Admin) + visibility. The matrix's postmortem is an attached link (no
 * document), so the admin reaches DOCUMENT_NOT_FOUND (404); everyone else is refused by the permission (403).
 */
const publish: E = {
  admin: 404,
  standard: 403,
  readOnly: 403,
  outsider: 403,
  responder: 403,
  anonymous: 401,
};
const body = { sections: ['intro'] };

export const rules: Record<string, RouteRule> = {
  'GET /postmortems/:id/public': { permission: 'postmortems_publish + visibility', expect: publish },
  'POST /postmortems/:id/public-preview': {
    permission: 'postmortems_publish + visibility',
    expect: publish,
    body,
  },
  'POST /postmortems/:id/public': { permission: 'postmortems_publish + visibility', expect: publish, body },
  'DELETE /postmortems/:id/public': { permission: 'postmortems_publish + visibility', expect: publish },
  // No session: the token is the only key; an unknown one is 404 for everybody.
  'GET /public/postmortems/:token': {
    permission: 'none (unguessable link)',
    expect: { admin: 404, standard: 404, readOnly: 404, outsider: 404, responder: 404, anonymous: 404 },
    params: () => ({ token: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }),
  },
};
