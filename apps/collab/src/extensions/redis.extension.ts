import { Redis } from '@hocuspocus/extension-redis';

export interface RedisExtensionOptions {
  redisUrl: string;
  /** Key and channel namespace; instances that should share documents must use the same prefix. */
  prefix: string;
  /** Unique per process (Hocuspocus filters its own messages by it). */
  identifier?: string;
}

/**
 * Fans document updates and awareness out to other collab instances through Redis, and takes a Redis lock so only
 * one instance stores a document at a time.
 */
export function createRedisExtension(options: RedisExtensionOptions): Redis {
  const url = new URL(options.redisUrl);
  const db = url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0;
  return new Redis({
    host: url.hostname,
    port: url.port ? Number(url.port) : 6379,
    prefix: `${options.prefix}:collab`,
    ...(options.identifier ? { identifier: options.identifier } : {}),
    options: {
      username: url.username ? decodeURIComponent(url.username) : undefined,
      password: url.password ? decodeURIComponent(url.password) : undefined,
      db,
      ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
    },
  });
}
