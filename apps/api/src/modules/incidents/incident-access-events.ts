import { Inject, Injectable, Logger } from '@nestjs/common';
import { incidentAccessChannel } from '@pm/auth';
import { Redis } from 'ioredis';
import { API_CONFIG, type ApiConfig } from '../../config.js';

/**
 * Announces `{ incidentId }` on `<REDIS_PREFIX>:incident-access` (default `pm:incident-access`) whenever an
 * incident's visibility or responder list changed, after the change is committed. The collab server re-checks the
 * open connections of that incident's documents and closes those that lost access.
 */
@Injectable()
export class IncidentAccessEvents {
  private readonly log = new Logger('IncidentAccessEvents');

  constructor(
    private readonly redis: Redis,
    @Inject(API_CONFIG) private readonly cfg: ApiConfig,
  ) {}

  /** The channel name (tests subscribe to it). */
  get channel(): string {
    return incidentAccessChannel(this.cfg.REDIS_PREFIX);
  }

  /** Best effort: a Redis outage must not fail the write that already committed (collab re-checks on reconnect). */
  async publish(incidentId: string): Promise<void> {
    try {
      await this.redis.publish(this.channel, JSON.stringify({ incidentId }));
    } catch (err) {
      this.log.warn(`could not announce access change of ${incidentId}: ${(err as Error).message}`);
    }
  }
}
