import type { EntityManager } from '@mikro-orm/core';
import type { DomainEventInput } from '@pm/contracts';
import { recordDomainEvent } from '@pm/db';
import { currentRequestId } from '../../infra/request-id.js';
import type { AuthUser } from '../auth/auth.decorators.js';

/**
 * Records a domain event done by `actor` in the current request (its X-Request-Id), in `em`'s unit of work: call
 * it before the flush / inside the transaction that makes the change (see `recordDomainEvent`).
 */
export function recordEvent(
  em: EntityManager,
  actor: Pick<AuthUser, 'id'> | null,
  input: Omit<DomainEventInput, 'actorId' | 'requestId'>,
) {
  return recordDomainEvent(em, {
    ...input,
    actorId: actor?.id ?? null,
    requestId: currentRequestId() ?? null,
  });
}
