import type { EntityManager } from '@mikro-orm/core';

/**
 * Next human-facing incident number (max + 1, starting at 1), read inside `em`'s transaction when there is one.
 * Two concurrent creators may get the same number; the unique index on `public_id` rejects the second insert and the
 * caller retries.
 */
export async function nextIncidentPublicId(em: EntityManager): Promise<number> {
  // Raw SQL so nothing partial lands in the caller's identity map; valid on both dialects.
  const row = await em
    .getConnection()
    .execute<{ m: number | string | null }>(
      'select max(public_id) as m from incidents',
      [],
      'get',
      em.getTransactionContext(),
    );
  return Number(row?.m ?? 0) + 1;
}
