import { signUnsubscribeToken } from '@pm/auth';
import { DEV_SECRET_KEYS } from '@pm/contracts';
import { DEMO_CHECKOUT_INCIDENT_TITLE, Incident, Notification, NotificationSettingsRow, User } from '@pm/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type Harness } from './harness.js';

describe.each(['sqlite', 'postgresql'] as const)('notifications API on %s', (kind) => {
  let h: Harness;
  let sam: string;
  let samId: string;
  let marcoId: string;
  let orgIncident: string;
  let privateIncident: string;

  beforeAll(async () => {
    h = await startApi(kind);
    sam = await h.login('standard@example.com');
    const em = h.db.orm.em.fork();
    samId = (await em.findOneOrFail(User, { handle: 'sam' })).id;
    marcoId = (await em.findOneOrFail(User, { handle: 'marco' })).id;
    orgIncident = (await em.findOneOrFail(Incident, { title: DEMO_CHECKOUT_INCIDENT_TITLE })).id;
    privateIncident = (await em.findOneOrFail(Incident, { visibility: 'private' })).id;
  });
  afterAll(() => h?.close());

  /** A notification as the worker writes it. */
  async function notification(userId: string, title: string, incidentId: string | null, minutesAgo = 0) {
    const em = h.db.orm.em.fork();
    const n = em.create(Notification, {
      user: em.getReference(User, userId),
      eventId: crypto.randomUUID(),
      incidentId,
      title,
      body: 'body',
      link: '/incidents/x',
      createdAt: new Date(Date.now() - minutesAgo * 60_000),
    });
    await em.flush();
    return n.id;
  }
  const get = (path: string, token = sam) => h.http().get(path).set('authorization', `Bearer ${token}`);
  const post = (path: string, token = sam) => h.http().post(path).set('authorization', `Bearer ${token}`);

  it('lists mine newest first with the unread count; marking read and read-all work', async () => {
    const older = await notification(samId, 'Older', orgIncident, 5);
    await notification(samId, 'Newer', orgIncident, 1);
    await notification(marcoId, 'Not Sams', orgIncident);
    let res = await get('/notifications').expect(200);
    expect(res.body.items.map((n: { title: string }) => n.title)).toEqual(['Newer', 'Older']);
    expect(res.body.unread).toBe(2);

    res = await post(`/notifications/${older}/read`).expect(200);
    expect(res.body.readAt).not.toBeNull();
    expect((await get('/notifications').expect(200)).body.unread).toBe(1);

    // Someone else's notification is not found, never readable.
    const marcos = await notification(marcoId, 'Marco only', orgIncident);
    await post(`/notifications/${marcos}/read`).expect(404, /NOTIFICATION_NOT_FOUND/);

    await post('/notifications/read-all').expect(200);
    expect((await get('/notifications').expect(200)).body.unread).toBe(0);
  });

  it('hides notifications of incidents the user can no longer see', async () => {
    // Sam is not on the private incident's team: the notification (made when he could see it) stays hidden.
    await notification(samId, 'Private secret', privateIncident);
    const res = await get('/notifications').expect(200);
    expect(res.body.items.some((n: { title: string }) => n.title === 'Private secret')).toBe(false);
    expect(res.body.unread).toBe(0);
  });

  it('saves notification settings and rejects bad ones with a clear 400', async () => {
    expect((await get('/me/notification-settings').expect(200)).body).toEqual({
      emailEnabled: true,
      quietStart: null,
      quietEnd: null,
      timeZone: 'UTC',
    });
    const s = { emailEnabled: false, quietStart: '22:00', quietEnd: '07:30', timeZone: 'Europe/Paris' };
    await h
      .http()
      .put('/me/notification-settings')
      .set('authorization', `Bearer ${sam}`)
      .send(s)
      .expect(200, s);
    expect((await get('/me/notification-settings').expect(200)).body).toEqual(s);
    for (const bad of [
      { ...s, quietStart: '25:00' },
      { ...s, quietEnd: null },
      { ...s, timeZone: 'Mars/Olympus' },
    ])
      await h
        .http()
        .put('/me/notification-settings')
        .set('authorization', `Bearer ${sam}`)
        .send(bad)
        .expect(400, /VALIDATION_FAILED/);
  });

  it('unsubscribes through the signed link without a login: GET confirms, POST does it', async () => {
    const em = h.db.orm.em.fork();
    const lena = await em.findOneOrFail(User, { handle: 'lena' });
    const token = signUnsubscribeToken(DEV_SECRET_KEYS, lena.id);
    const page = await h
      .http()
      .get(`/unsubscribe?token=${encodeURIComponent(token)}`)
      .expect(200);
    expect(page.text).toContain('lena@example.com');
    expect(page.text).toContain('<form method="post"');
    // GET changed nothing (mail scanners prefetch links).
    expect(await h.db.orm.em.fork().findOne(NotificationSettingsRow, { user: lena.id })).toBeNull();
    const done = await h
      .http()
      .post(`/unsubscribe?token=${encodeURIComponent(token)}`)
      .expect(200);
    expect(done.text).toContain('You are unsubscribed');
    const row = await h.db.orm.em.fork().findOneOrFail(NotificationSettingsRow, { user: lena.id });
    expect(row.emailEnabled).toBe(false);
    // A forged token (another user's id with Lena's signature) is refused.
    await h
      .http()
      .post(`/unsubscribe?token=${encodeURIComponent(`${samId}.${token.split('.')[1]}`)}`)
      .expect(400, /UNSUBSCRIBE_TOKEN_INVALID/);
  });
});
