import type { EntityManager } from '@mikro-orm/core';
import type { ExportTarget } from '@pm/contracts';
import type { PublishInput, PublishResult } from '@pm/integrations';

/** What an export needs of a destination client ({@link ConfluenceClient} and {@link DriveClient} both fit). */
export interface Publisher {
  publish(input: PublishInput): Promise<PublishResult>;
}

/**
 * Opens a connected account's credentials — in the worker only, never into a job payload or a log line — and
 * returns a client for the target's space / folder.
 */
export interface DestinationPublishers {
  forTarget(em: EntityManager, target: ExportTarget): Promise<Publisher>;
}

export const DESTINATION_PUBLISHERS = Symbol('DESTINATION_PUBLISHERS');

/**
 * Caps how many publications run at once per destination kind in this process, so one slow Confluence cannot take
 * every export slot and a burst of exports does not trip the destination's rate limit. (BullMQ's limiter is per
 * queue, not per destination; the queue-wide limiter bounds the total rate across workers.)
 */
export class KeyedSemaphore {
  private readonly active = new Map<string, number>();
  private readonly waiting = new Map<string, (() => void)[]>();

  constructor(private readonly limit: number) {}

  /** Runs `fn` once fewer than `limit` calls with the same key are running. */
  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    if ((this.active.get(key) ?? 0) >= this.limit)
      await new Promise<void>((resolve) =>
        this.waiting.set(key, [...(this.waiting.get(key) ?? []), resolve]),
      );
    this.active.set(key, (this.active.get(key) ?? 0) + 1);
    try {
      return await fn();
    } finally {
      this.active.set(key, (this.active.get(key) ?? 1) - 1);
      const next = this.waiting.get(key)?.shift();
      next?.();
    }
  }
}
