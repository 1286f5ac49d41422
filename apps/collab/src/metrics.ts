import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Extension, Hocuspocus } from '@hocuspocus/server';
import { answerMetrics } from '@pm/auth';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { Refusal } from './refusals.js';

const PREFIX = 'pm_';

/**
 * Collab's metrics, one registry per server (tests run several servers in one process); served by the health
 * extension at `/metrics` on the collab port.
 */
export class CollabMetrics {
  readonly registry = new Registry();
  readonly storeDuration = new Histogram({
    name: `${PREFIX}collab_store_duration_seconds`,
    help: 'Time to store one document (state, JSON, text) in the database, failed attempts included',
    labelNames: ['outcome'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  readonly storeFailures = new Counter({
    name: `${PREFIX}collab_store_failures_total`,
    help: 'Document stores that failed (database down); the document stays in memory and is retried',
    registers: [this.registry],
  });
  readonly refusals = new Counter({
    name: `${PREFIX}collab_refusals_total`,
    help: 'Connections refused or closed by collab, by reason (the protocol reasons of @pm/contracts)',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });

  constructor(instance: () => Pick<Hocuspocus, 'getConnectionsCount' | 'getDocumentsCount'>) {
    collectDefaultMetrics({ register: this.registry, prefix: PREFIX });
    new Gauge({
      name: `${PREFIX}collab_connections`,
      help: 'Open WebSocket connections to documents on this instance',
      registers: [this.registry],
      collect() {
        this.set(instance().getConnectionsCount());
      },
    });
    new Gauge({
      name: `${PREFIX}collab_documents`,
      help: 'Documents loaded in memory on this instance',
      registers: [this.registry],
      collect() {
        this.set(instance().getDocumentsCount());
      },
    });
  }

  /** Counts one refusal (or close) under its reason. */
  readonly refused = (reason: string): void => this.refusals.inc({ reason });

  /** Times a store; a throw counts as a failure and is rethrown. */
  async timeStore<T>(store: () => Promise<T>): Promise<T> {
    const end = this.storeDuration.startTimer();
    try {
      const result = await store();
      end({ outcome: 'stored' });
      return result;
    } catch (e) {
      end({ outcome: 'failed' });
      this.storeFailures.inc();
      throw e;
    }
  }

  /** Answers `GET /metrics` (token or loopback, see `metricsAccess`). */
  serve(req: IncomingMessage, res: ServerResponse, token: string | undefined): Promise<void> {
    return answerMetrics(req, res, this.registry, token);
  }
}

/** Hooks in which an extension refuses a connection by throwing a {@link Refusal} (or an error with a reason). */
const REFUSING_HOOKS = [
  'onConnect',
  'onAuthenticate',
  'onLoadDocument',
  'connected',
  'beforeHandleMessage',
] as const;

/**
 * Counts the refusals an extension throws, without touching each refusal site: the hooks above are wrapped so a
 * rejection carrying a reason is counted, then passed on unchanged.
 */
export function countingRefusals<E extends Extension>(extension: E, refused: (reason: string) => void): E {
  for (const hook of REFUSING_HOOKS) {
    // Reflect: the hooks are optional methods with different payload types; one wrapper fits them all.
    const original: unknown = Reflect.get(extension, hook);
    if (typeof original !== 'function') continue;
    Reflect.set(extension, hook, async (...args: unknown[]) => {
      try {
        return await (original as (...a: unknown[]) => Promise<unknown>).apply(extension, args);
      } catch (e) {
        const reason = e instanceof Refusal ? e.reason : (e as { reason?: unknown } | null)?.reason;
        if (typeof reason === 'string') refused(reason);
        throw e;
      }
    });
  }
  return extension;
}
