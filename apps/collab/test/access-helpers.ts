import { randomUUID } from 'node:crypto';
import type { Role } from '@pm/contracts';
import { Incident, Postmortem, User, type Orm } from '@pm/db';
import { seedDocument } from './helpers.js';

/** A user of a given role (ids feed the collab token's `sub`). */
export async function seedUser(orm: Orm, role: Role, name = `${role} user`): Promise<string> {
  const em = orm.em.fork();
  const tag = randomUUID().slice(0, 8);
  const user = em.create(User, {
    email: `${tag}@example.com`,
    name,
    handle: `h${tag}`,
    role,
    passwordHash: 'x',
  });
  await em.persist(user).flush();
  return user.id;
}

let nextPublicId = 10_000 + Math.floor(Math.random() * 1000);

/** An incident with a notebook postmortem whose document is open-able through collab. */
export async function seedIncidentDocument(
  orm: Orm,
  requestedBy: string,
): Promise<{ incidentId: string; documentId: string; name: string }> {
  const { id: documentId, name } = await seedDocument(orm);
  const em = orm.em.fork();
  const incident = em.create(Incident, {
    publicId: nextPublicId++,
    title: 'Checkout outage',
    severity: 'SEV-2',
    status: 'resolved',
  } as never);
  em.persist(incident);
  const pm = em.create(Postmortem, {
    incident,
    title: 'Checkout outage postmortem',
    destination: 'notebook',
    generationState: 'ready',
    requestedBy: em.getReference(User, requestedBy),
    document: documentId,
  } as never);
  await em.persist(pm).flush();
  return { incidentId: incident.id, documentId, name };
}

/** Flips an incident's visibility in the DB (what the API does before publishing on the access channel). */
export async function setVisibility(orm: Orm, incidentId: string, visibility: 'private' | 'organization') {
  await orm.em.fork().nativeUpdate(Incident, { id: incidentId }, { visibility });
}
