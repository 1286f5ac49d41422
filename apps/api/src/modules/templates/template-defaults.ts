import type { EntityManager } from '@mikro-orm/core';
import { Template } from '@pm/db';

/**
 * Recomputes the cached `isDefault` flag of one incident type's templates: the template with the most recent
 * non-null `defaultAt` wins (setting a new default demotes the previous one), every other one is not default.
 * Uses native updates so the flag change does not bump the other templates' `modifiedAt`.
 * Call inside the same transaction as the change that triggered it, after flushing that change.
 */
export async function recomputeDefaults(em: EntityManager, incidentType: string | null): Promise<void> {
  const winner = await em.findOne(
    Template,
    { incidentType, defaultAt: { $ne: null } },
    { orderBy: { defaultAt: 'desc', id: 'asc' }, fields: ['id'], disableIdentityMap: true },
  );
  await em.nativeUpdate(Template, winner ? { incidentType, id: { $ne: winner.id } } : { incidentType }, {
    isDefault: false,
  });
  if (winner) await em.nativeUpdate(Template, { id: winner.id }, { isDefault: true });
}

/** `true` → now, ISO string → that time, `false`/`null` → unmarked, `undefined` → unchanged. */
export function defaultAtFrom(
  input: boolean | string | null | undefined,
  current: Date | null,
  now = new Date(),
): Date | null {
  if (input === undefined) return current;
  if (input === true) return now; // re-marking makes it the most recent default again
  if (input === false || input === null) return null;
  return new Date(input);
}
