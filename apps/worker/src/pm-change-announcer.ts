import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { pmChangesChannel, type PmChangedEvent } from '@pm/contracts';
import { createProducerConnection } from '@pm/queue';
import { WORKER_CONFIG, type WorkerConfig } from './config.js';

/**
 * Announces on `<REDIS_PREFIX>:pm-changes` that a postmortem's generation or an export's state / progress changed,
 * after the row is written, so the API's open progress streams re-read it at once instead of polling.
 */
@Injectable()
export class PmChangeAnnouncer implements OnApplicationShutdown {
  private readonly log = new Logger('PmChangeAnnouncer');
  private readonly redis;
  private readonly channel: string;

  constructor(@Inject(WORKER_CONFIG) cfg: WorkerConfig) {
    this.redis = createProducerConnection(cfg.REDIS_URL);
    this.redis.on('error', () => undefined);
    this.channel = pmChangesChannel(cfg.REDIS_PREFIX);
  }

  /** Best effort: the row is the truth and the API's streams re-read it on a slow interval anyway. */
  async changed(event: Omit<PmChangedEvent, 'origin'>): Promise<void> {
    try {
      await this.redis.publish(this.channel, JSON.stringify(event));
    } catch (e) {
      this.log.warn(`could not announce a postmortem change: ${(e as Error).message}`);
    }
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}
