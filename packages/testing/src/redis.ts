import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';

/** A key prefix no other test run uses: `test:<label>:<random>`. */
export function uniqueRedisPrefix(label: string): string {
  return `test:${label.replace(/[^A-Za-z0-9_-]/g, '_')}:${randomBytes(5).toString('hex')}`;
}

/** Escapes Redis glob characters so the prefix matches literally in SCAN MATCH. */
function globEscape(s: string): string {
  return s.replace(/[*?[\]\\]/g, '\\$&');
}

/**
 * Deletes every key starting with `prefix` (SCAN + UNLINK in batches; never FLUSHDB, other suites share the server).
 * Also catches BullMQ's hash-tagged keys written as `{prefix}…`. Returns the number of keys removed.
 */
export async function cleanRedisPrefix(redis: Redis, prefix: string): Promise<number> {
  let removed = 0;
  for (const pattern of [`${globEscape(prefix)}*`, `{${globEscape(prefix)}*`]) {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) removed += await redis.unlink(...keys);
    } while (cursor !== '0');
  }
  return removed;
}
