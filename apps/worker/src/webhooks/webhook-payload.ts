import { type WebhookPayload } from '@pm/contracts';
import type { EntityManager } from '@mikro-orm/core';
import { type DomainEvent, FollowUp, Incident, Postmortem } from '@pm/db';

/** What the dispatcher knows about an event's incident: whether it is private decides who may receive it. */
export interface EventSubject {
  payload: WebhookPayload;
  incidentId: string | null;
  /** Private, or gone (its visibility is unknown: treated as private). */
  private: boolean;
}

/**
 * The Standard Webhooks body of a domain event: `{ type, timestamp, data }` with ids and names only (incident
 * number and title, postmortem title / status / owner, follow-up status) — never document bodies or secrets.
 */
export async function eventPayload(em: EntityManager, event: DomainEvent): Promise<EventSubject> {
  const incident = event.incidentId
    ? await em.findOne(Incident, { id: event.incidentId }, { fields: ['publicId', 'title', 'visibility'] })
    : null;
  const pm = event.postmortemId
    ? await em.findOne(Postmortem, { id: event.postmortemId }, { populate: ['owner'] })
    : null;
  const fu = event.followUpId ? await em.findOne(FollowUp, { id: event.followUpId }) : null;
  const data: Record<string, unknown> = {
    eventId: event.id,
    actor: event.actorId ? { id: event.actorId, name: event.actorName } : null,
  };
  if (event.incidentId)
    data.incident = incident
      ? { id: incident.id, publicId: incident.publicId, title: incident.title }
      : { id: event.incidentId };
  if (event.postmortemId)
    data.postmortem = pm
      ? {
          id: pm.id,
          title: pm.title,
          status: pm.status,
          generationState: pm.generationState,
          owner: pm.owner ? { id: pm.owner.id, name: pm.owner.name } : null,
          removed: pm.removedAt !== null,
        }
      : { id: event.postmortemId };
  if (event.followUpId)
    data.followUp = fu
      ? { id: fu.id, title: fu.content.slice(0, 200), status: fu.status, dueDate: fu.dueDate }
      : { id: event.followUpId };
  if (event.before) data.before = event.before;
  if (event.after) data.after = event.after;
  if (event.data) data.details = event.data;
  return {
    payload: { type: event.type, timestamp: event.createdAt.toISOString(), data },
    incidentId: event.incidentId,
    private: event.incidentId !== null && (!incident || incident.visibility === 'private'),
  };
}
