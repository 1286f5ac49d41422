import { everyone, signedIn, type RouteRule } from '../rule-helpers.js';

/** Notifications: every signed-in user, own rows only; the unsubscribe link is public (its token is the key). */
export const rules: Record<string, RouteRule> = {
  'GET /notifications': { permission: 'session (own notifications)', expect: signedIn(200) },
  'POST /notifications/read-all': { permission: 'session (own notifications)', expect: signedIn(200) },
  // A notification that is not the subject's (here: none at all) is 404 for everyone: ids never leak.
  'POST /notifications/:id/read': {
    permission: 'session (own notifications)',
    expect: signedIn(404),
    params: () => ({ id: '00000000-0000-4000-8000-000000000000' }),
  },
  'GET /me/notification-settings': { permission: 'session', expect: signedIn(200) },
  'PUT /me/notification-settings': {
    permission: 'session',
    expect: signedIn(200),
    body: { emailEnabled: true, quietStart: '22:00', quietEnd: '08:00', timeZone: 'Europe/Paris' },
  },
  // Public; a forged token is refused with 400 (the valid-token path is in notifications.int.spec.ts).
  'GET /unsubscribe': {
    permission: 'public (signed token)',
    expect: everyone(400),
    query: 'token=forged.token',
  },
  'POST /unsubscribe': {
    permission: 'public (signed token)',
    expect: everyone(400),
    query: 'token=forged.token',
  },
};
