import { DomainEventInputSchema, type DomainEventInput } from '@pm/contracts';
import { DomainEvent } from './entities/domain-event.entity.js';
import { User } from './entities/user.entity.js';
import type { EntityManager as Em } from '@mikro-orm/core';

/**
 * Records a domain event in the caller's unit of work: call it inside the transaction that makes the change and
 * let that transaction's flush write both (an event exists exactly when its change does). Validates the input
 * (a bad producer is a bug: it throws). Returns the entity (its `seq` is set by the flush).
 */
export async function recordDomainEvent(em: Em, input: DomainEventInput): Promise<DomainEvent> {
  const e = DomainEventInputSchema.parse(input);
  const event = em.create(DomainEvent, {
    type: e.type,
    incidentId: e.incidentId ?? null,
    postmortemId: e.postmortemId ?? null,
    followUpId: e.followUpId ?? null,
    templateId: e.templateId ?? null,
    actorId: e.actorId ?? null,
    actorName: e.actorId ? await actorName(em, e.actorId) : null,
    requestId: e.requestId ?? null,
    before: e.before ?? null,
    after: e.after ?? null,
    data: e.data ?? null,
    notify: e.notify ?? null,
  });
  em.persist(event);
  return event;
}

async function actorName(em: Em, userId: string): Promise<string | null> {
  const user = await em.findOne(User, userId, { fields: ['name'] });
  return user?.name ?? null;
}
