import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { WORKER_CONFIG, type WorkerConfig } from '../config.js';

/** Scheduler ids: upserting the same id from every worker keeps ONE schedule in Redis, never one per worker. */
export const NOTIFY_EVENTS_SCHEDULER = 'notify-events';
export const REMINDERS_SCHEDULER = 'reminders-scan';

/**
 * Registers the notification schedules at start (BullMQ job schedulers). Every worker upserts the same ids with
 * the same settings, so there is one schedule however many workers run, and a restart just upserts again. While
 * Redis is unreachable it tries again every 30 s.
 */
@Injectable()
export class NotifySchedules implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('NotifySchedules');
  private retry: NodeJS.Timeout | undefined;

  constructor(
    @InjectQueue('notify') private readonly notifyQueue: Queue,
    @InjectQueue('reminders') private readonly reminders: Queue,
    @Inject(WORKER_CONFIG) private readonly cfg: WorkerConfig,
  ) {}

  onApplicationBootstrap() {
    void this.register();
  }

  onApplicationShutdown() {
    clearTimeout(this.retry);
  }

  async register(): Promise<void> {
    try {
      const opts = { removeOnComplete: { count: 100 }, removeOnFail: { count: 100 }, attempts: 1 };
      await this.notifyQueue.upsertJobScheduler(
        NOTIFY_EVENTS_SCHEDULER,
        { every: this.cfg.NOTIFY_POLL_MS },
        { name: 'notify.events', data: {}, opts },
      );
      const reminders = this.reminders;
      if (this.cfg.REMINDERS_ENABLED)
        await reminders.upsertJobScheduler(
          REMINDERS_SCHEDULER,
          { every: this.cfg.REMINDER_SCAN_INTERVAL_MS },
          { name: 'reminders.scan', data: {}, opts },
        );
      else await reminders.removeJobScheduler(REMINDERS_SCHEDULER);
    } catch (e) {
      this.log.warn(
        `could not register the notification schedules (${(e as Error).message}); retrying in 30 s`,
      );
      this.retry = setTimeout(() => void this.register(), 30_000);
      this.retry.unref();
    }
  }
}
