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

/** Options of {@link recordTimeline}; the defaults make an automatic "incident update" that happened now. */
export interface TimelineOptions {
  /** `update` (default): recorded by the system for a change; `note`: written by the responder. */
  kind?: TimelineEntry['kind'];
  important?: boolean;
  /** When it happened (default now; notes may be back-dated). */
  occurredAt?: Date;
}

/** An author that is not a user: an outside system acting through a webhook (shown as e.g. "GitHub"). */
export interface SystemActor {
  system: true;
  name: string;
}

/** The actor for changes an outside system made (a tracker closing an issue). */
export const systemActor = (name: string): SystemActor => ({ system: true, name });

/**
 * The one timeline writer: every entry names its author twice, as the `author` relation (only the author may edit
 * or delete a note) and as `authorName` (still shown after the user is deleted). Persisted
 * with the caller's next flush, so an entry never exists without the change it records.
 */
export function recordTimeline(
  em: EntityManager,
  incident: Incident,
  actor: AuthUser | SystemActor,
  content: string,
  opts: TimelineOptions = {},
): TimelineEntry {
  return em.create(TimelineEntry, {
    incident,
    kind: opts.kind ?? 'update',
    content,
    important: opts.important ?? false,
    authorName: actor.name,
    author: 'system' in actor ? null : em.getReference(User, actor.id),
    occurredAt: opts.occurredAt ?? new Date(),
  });
}
