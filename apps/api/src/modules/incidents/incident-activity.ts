import type { EntityManager } from '@mikro-orm/core';
import { Incident, Responder, TimelineEntry, User } from '@pm/db';
import type { AuthUser } from '../auth/auth.decorators.js';

/**
 * Records that `actor` did something on `incident`: they join the response team if they are not on it (reference
 * product: users who update an incident become responders) and their last-activity time moves. Returns true when
 * the team changed (access may have changed: announce it after the flush).
 */
export async function touchResponder(
  em: EntityManager,
  incident: Incident,
  actor: AuthUser,
): Promise<boolean> {
  const now = new Date();
  const existing = await em.findOne(Responder, { incident, user: actor.id });
  if (existing) {
    existing.lastActivityAt = now;
    return false;
  }
  em.create(Responder, { incident, user: em.getReference(User, actor.id), lastActivityAt: now });
  if (!incident.responderIds.includes(actor.id)) incident.responderIds = [...incident.responderIds, actor.id];
  return true;
}

/** Adds an automatic "incident update" timeline cell authored by `actor`. */
export function recordUpdate(
  em: EntityManager,
  incident: Incident,
  actor: AuthUser,
  content: string,
): TimelineEntry {
  return em.create(TimelineEntry, {
    incident,
    kind: 'update',
    content,
    important: false,
    authorName: actor.name,
    author: em.getReference(User, actor.id),
    occurredAt: new Date(),
  });
}
