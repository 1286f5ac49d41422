import { Inject, Injectable, Logger } from '@nestjs/common';
import { followUpsChannel, type FollowUpsChangedEvent } from '@pm/contracts';
import { Redis } from 'ioredis';
import { API_CONFIG, type ApiConfig } from '../../config.js';

/**
 * Announces `{ incidentId }` on `<REDIS_PREFIX>:follow-ups` after an incident's follow-ups changed and the change
 * is committed. The collab server reads the current list and pushes it to every open document of that incident,
 * so the live follow-ups block updates without polling.
 */
@Injectable()
export class FollowUpEvents {
  private readonly log = new Logger('FollowUpEvents');

  constructor(
    private readonly redis: Redis,
    @Inject(API_CONFIG) private readonly cfg: ApiConfig,
  ) {}

  /** The channel name (tests subscribe to it). */
  get channel(): string {
    return followUpsChannel(this.cfg.REDIS_PREFIX);
  }

  /** Best effort: a Redis outage must not fail a write that already committed (open documents reload on reconnect). */
  async publish(incidentId: string): Promise<void> {
    const event: FollowUpsChangedEvent = { incidentId };
    try {
      await this.redis.publish(this.channel, JSON.stringify(event));
    } catch (err) {
      this.log.warn(`could not announce follow-up change of ${incidentId}: ${(err as Error).message}`);
    }
  }
}
