import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { followUpsChannel, type FollowUpsChangedEvent } from '@pm/contracts';
import { createProducerConnection } from '@pm/queue';
import { WORKER_CONFIG, type WorkerConfig } from '../config.js';

/**
 * Announces that an incident's follow-ups changed (an export linked or failed, a sync found the issue deleted), on
 * the same channel the API uses, so open documents and sidebars show the tracker state without a reload.
 */
@Injectable()
export class FollowUpAnnouncer implements OnApplicationShutdown {
  private readonly log = new Logger('FollowUpAnnouncer');
  private readonly redis;
  private readonly channel: string;

  constructor(@Inject(WORKER_CONFIG) cfg: WorkerConfig) {
    this.redis = createProducerConnection(cfg.REDIS_URL);
    this.redis.on('error', () => undefined);
    this.channel = followUpsChannel(cfg.REDIS_PREFIX);
  }

  /** Best effort: the row is the truth, a missed announcement only delays what an open page shows. */
  async changed(incidentId: string): Promise<void> {
    const event: FollowUpsChangedEvent = { incidentId };
    try {
      await this.redis.publish(this.channel, JSON.stringify(event));
    } catch (e) {
      this.log.warn(`could not announce follow-up change of ${incidentId}: ${(e as Error).message}`);
    }
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}
