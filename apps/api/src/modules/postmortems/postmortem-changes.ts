import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { pmChangesChannel, PmChangedEventSchema, type PmChangedEvent } from '@pm/contracts';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { API_CONFIG, type ApiConfig } from '../../config.js';

/** Ids of what changed; at least one. */
export type PmChange = Omit<PmChangedEvent, 'origin'>;

const WAKE_ALL = 'all';

/**
 * "A postmortem / export row changed" hints for the open SSE streams. The worker, this and other API processes
 * publish them on `<REDIS_PREFIX>:pm-changes`; ONE subscriber connection per API process fans each message out to
 * the streams of that row or incident, so an idle stream costs no query. The row stays the truth: a hint only
 * triggers a re-read. While the subscriber is not subscribed (Redis down, `SSE_PUSH=false`) {@link live} is false
 * and streams fall back to re-reading on their polling interval; every (re)subscribe wakes all streams because
 * messages may have been lost meanwhile.
 */
@Injectable()
export class PostmortemChanges implements OnModuleInit, OnApplicationShutdown {
  private readonly log = new Logger('PostmortemChanges');
  private readonly bus = new EventEmitter().setMaxListeners(0);
  /** Marks our own messages so the subscriber skips the echo of what was already emitted in process. */
  private readonly origin = randomUUID();
  private subscriber: Redis | null = null;
  private subscribed = false;
  private everSubscribed = false;

  constructor(
    private readonly redis: Redis,
    @Inject(API_CONFIG) private readonly cfg: ApiConfig,
  ) {}

  /** The channel name (tests and the worker use the same one). */
  get channel(): string {
    return pmChangesChannel(this.cfg.REDIS_PREFIX);
  }

  /** True while hints from every process arrive: streams may then re-read only on a hint (plus a slow safety read). */
  get live(): boolean {
    return this.subscribed && this.subscriber?.status === 'ready';
  }

  /** A stream's wait before its next re-read: the slow safety interval while live, else its polling interval. */
  intervalMs(pollMs: number): number {
    return this.live ? Math.max(pollMs, this.cfg.SSE_SAFETY_REREAD_MS) : pollMs;
  }

  onModuleInit(): void {
    if (!this.cfg.SSE_PUSH) return;
    // Not awaited: Redis being down must not keep the API from starting (streams poll until it is back).
    const sub = this.redis.duplicate({ maxRetriesPerRequest: null, enableOfflineQueue: true });
    this.subscriber = sub;
    sub.on('error', () => undefined); // the shared connection already logs outages
    sub.on('message', (_channel, message) => this.onMessage(message));
    sub.on('close', () => {
      if (!this.subscribed) return;
      this.subscribed = false;
      this.bus.emit(WAKE_ALL); // streams switch back to polling now, not after their long wait
    });
    // ioredis re-subscribes by itself after a reconnect; `ready` follows that.
    sub.on('ready', () => {
      if (this.subscribed || !this.everSubscribed) return;
      this.subscribed = true;
      this.bus.emit(WAKE_ALL);
    });
    sub.subscribe(this.channel).then(
      () => {
        this.subscribed = this.everSubscribed = true;
        this.bus.emit(WAKE_ALL);
      },
      (e: Error) => this.log.warn(`not subscribed to ${this.channel} yet: ${e.message}`),
    );
  }

  onApplicationShutdown(): void {
    this.subscriber?.disconnect();
  }

  /** Kept for the list's callers: an incident's postmortems changed. */
  changed(incidentId: string, postmortemId?: string): void {
    this.announce({ incidentId, ...(postmortemId ? { postmortemId } : {}) });
  }

  /** Wakes this process's streams and tells the other processes; best effort (a committed write never fails on it). */
  announce(change: PmChange): void {
    this.emit(change);
    if (!this.cfg.SSE_PUSH) return;
    const event: PmChangedEvent = { ...change, origin: this.origin };
    this.redis.publish(this.channel, JSON.stringify(event)).catch((e: Error) => {
      this.log.warn(`could not announce a postmortem change: ${e.message}`);
    });
  }

  /** Calls `fn` on hints about the incident's list. */
  subscribe(incidentId: string, fn: () => void): () => void {
    return this.on(`inc:${incidentId}`, fn);
  }

  /** Calls `fn` on hints about one postmortem row. */
  subscribePostmortem(postmortemId: string, fn: () => void): () => void {
    return this.on(`pm:${postmortemId}`, fn);
  }

  /** Calls `fn` on hints about one export row. */
  subscribeExport(exportId: string, fn: () => void): () => void {
    return this.on(`ex:${exportId}`, fn);
  }

  private on(key: string, fn: () => void): () => void {
    this.bus.on(key, fn);
    this.bus.on(WAKE_ALL, fn);
    return () => {
      this.bus.off(key, fn);
      this.bus.off(WAKE_ALL, fn);
    };
  }

  private emit(c: PmChange): void {
    if (c.incidentId) this.bus.emit(`inc:${c.incidentId}`);
    if (c.postmortemId) this.bus.emit(`pm:${c.postmortemId}`);
    if (c.exportId) this.bus.emit(`ex:${c.exportId}`);
  }

  private onMessage(message: string): void {
    let raw: unknown;
    try {
      raw = JSON.parse(message);
    } catch {
      return;
    }
    const parsed = PmChangedEventSchema.safeParse(raw);
    if (!parsed.success || parsed.data.origin === this.origin) return;
    this.emit(parsed.data);
  }
}
