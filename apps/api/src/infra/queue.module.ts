import { Global, Injectable, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { checkEvictionPolicy, createProducerConnection, JobProducer } from '@pm/queue';
import { QUEUE_NAMES } from '@pm/contracts';
import { Redis } from 'ioredis';
import { API_CONFIG, type ApiConfig } from '../config.js';
import { currentRequestId } from './request-id.js';

export const REDIS = Symbol('REDIS');

/** Holds the eviction warning so /readyz can report it. */
@Injectable()
export class RedisStatus {
  evictionWarning: string | null = null;
}

@Injectable()
class QueueCloser implements OnApplicationShutdown {
  constructor(
    private readonly producer: JobProducer,
    private readonly redis: Redis,
  ) {}
  async onApplicationShutdown() {
    await this.producer.close().catch(() => undefined);
    this.redis.disconnect();
  }
}

@Global()
@Module({
  providers: [
    RedisStatus,
    {
      provide: Redis,
      inject: [API_CONFIG, RedisStatus],
      useFactory: async (cfg: ApiConfig, status: RedisStatus) => {
        const log = new Logger('Redis');
        const redis = createProducerConnection(cfg.REDIS_URL);
        let lastError = '';
        redis.on('error', (e: Error) => {
          if (e.message !== lastError) log.warn(`Redis unavailable: ${e.message}`);
          lastError = e.message;
        });
        redis.on('ready', () => {
          lastError = '';
          void checkEvictionPolicy(redis).then((w) => {
            status.evictionWarning = w;
            if (w) log.warn(`WARNING: ${w}`);
          });
        });
        return redis;
      },
    },
    {
      provide: JobProducer,
      inject: [Redis, API_CONFIG],
      useFactory: (redis: Redis, cfg: ApiConfig) => {
        // Every job enqueued while serving a request carries that request's correlation id in its options.
        const producer = new JobProducer(redis, cfg.REDIS_PREFIX, undefined, currentRequestId);
        for (const q of QUEUE_NAMES) producer.queue(q); // create them up front so the dashboard lists every queue
        return producer;
      },
    },
    QueueCloser,
  ],
  exports: [Redis, JobProducer, RedisStatus],
})
export class QueueModule {}
