import { Server, type Extension } from '@hocuspocus/server';
import { openOrm, type Orm } from '@pm/db';
import { DOC_SCHEMA_VERSION } from '@pm/doc-model';
import type { CollabConfig } from './config.js';
import { AccessExtension } from './extensions/access.extension.js';
import { AuthExtension } from './extensions/auth.extension.js';
import { CommentsExtension } from './extensions/comments.extension.js';
import { FollowUpsExtension } from './extensions/follow-ups.extension.js';
import { HealthExtension } from './extensions/health.extension.js';
import { LoggerExtension } from './extensions/logger.extension.js';
import { OriginExtension } from './extensions/origin.extension.js';
import { PersistenceExtension } from './extensions/persistence.extension.js';
import { LimitsExtension } from './extensions/limits.extension.js';
import { createRedisExtension } from './extensions/redis.extension.js';
import { AutoSnapshots } from './snapshots.js';
import { VersionsExtension } from './extensions/versions.extension.js';
import { createLogger, type Logger } from './logger.js';
import { CollabMetrics, countingRefusals } from './metrics.js';

/** Collaborators a caller may hand in (tests share one ORM between instances); the rest is built from config. */
export interface CollabDeps {
  /** An open ORM; when absent, `start()` opens one from config and `stop()` closes it. */
  orm?: Orm;
  logger?: Logger;
  /** Redis instance identifier (unique per process by default). */
  redisIdentifier?: string;
  /** How long `stop()` waits for documents to be stored and unloaded before giving up. */
  shutdownTimeoutMs?: number;
}

/** A configured, not yet listening collab server. */
export interface CollabServer {
  server: Server;
  /** This server's Prometheus registry (also served at `/metrics`). */
  metrics: CollabMetrics;
  /** Listens on config.host:config.port (0 picks a free port) and resolves with the actual address. */
  start(): Promise<{ port: number; url: string }>;
  /** Closes all connections, stores every changed document, then releases Redis (and the ORM if owned). */
  stop(): Promise<void>;
  /** The listening port (after start). */
  readonly port: number;
  /** `ws://host:port` (after start). */
  readonly url: string;
}

/** Builds the Hocuspocus server with one extension per concern: origin, auth, persistence, redis, health, logs. */
export function createCollabServer(config: CollabConfig, deps: CollabDeps = {}): CollabServer {
  const logger = deps.logger ?? createLogger(config.logLevel);
  let orm = deps.orm;
  const ownsOrm = !orm;
  const ormRef = {
    get orm(): Orm {
      if (!orm) throw new Error('collab server used before start(): no ORM');
      return orm;
    },
  };

  // The server is built below; the gauges read it at scrape time.
  const metrics = new CollabMetrics(() => server.hocuspocus);
  const access = new AccessExtension({
    refused: metrics.refused,
    orm: ormRef,
    logger,
    redisUrl: config.redisUrl,
    redisPrefix: config.redisPrefix,
  });
  const snapshots = new AutoSnapshots(ormRef, {
    intervalMs: config.snapshotIntervalMs,
    everyStores: config.snapshotEveryStores,
  });
  const extensions: Extension[] = [
    new OriginExtension({
      refused: metrics.refused,
      allowedOrigins: config.allowedOrigins,
      allowMissingOrigin: config.allowMissingOrigin,
      logger,
    }),
    new AuthExtension({
      secret: config.tokenSecret,
      schemaVersion: DOC_SCHEMA_VERSION,
      logger,
      authorize: (context, documentName) => access.authorize(context, documentName),
    }),
    access,
    new FollowUpsExtension({
      orm: ormRef,
      logger,
      redisUrl: config.redisUrl,
      redisPrefix: config.redisPrefix,
    }),
    new LimitsExtension({ maxBytes: config.docMaxBytes, logger }),
    new CommentsExtension({ logger }),
    new PersistenceExtension({
      orm: ormRef,
      logger,
      storeRetryMs: config.storeRetryMs,
      snapshots,
      metrics,
    }),
    new VersionsExtension({
      orm: ormRef,
      secret: config.tokenSecret,
      logger,
      snapshots,
      authorize: (context, documentName) => access.authorize(context, documentName),
    }),
    new HealthExtension({ registry: metrics, token: config.metricsToken }),
    new LoggerExtension(logger),
  ];
  if (config.redisEnabled) {
    extensions.push(
      createRedisExtension({
        redisUrl: config.redisUrl,
        prefix: config.redisPrefix,
        identifier: deps.redisIdentifier,
      }),
    );
  }

  for (const extension of extensions) countingRefusals(extension, metrics.refused);

  const server = new Server({
    name: 'pm-collab',
    port: config.port,
    address: config.host,
    quiet: true,
    stopOnSignals: false, // main.ts owns signals so shutdown is logged and exits 0 after stores finish
    debounce: config.storeDebounceMs,
    maxDebounce: config.storeMaxDebounceMs,
    websocketOptions: { maxPayload: config.wsMaxPayloadBytes },
    extensions,
  });

  let stopping: Promise<void> | undefined;

  const collab: CollabServer = {
    server,
    metrics,
    get port() {
      return server.address.port;
    },
    get url() {
      return `ws://${config.host}:${server.address.port}`;
    },
    async start() {
      if (!orm) orm = await openOrm({ databaseUrl: config.databaseUrl, schema: config.databaseSchema });
      await server.listen();
      logger.info({ url: collab.url, redis: config.redisEnabled }, 'collab server listening');
      return { port: collab.port, url: collab.url };
    },
    stop() {
      stopping ??= (async () => {
        const timeoutMs = deps.shutdownTimeoutMs ?? 15_000;
        let timer: NodeJS.Timeout | undefined;
        const timedOut = new Promise<'timeout'>((resolve) => {
          timer = setTimeout(() => resolve('timeout'), timeoutMs);
        });
        const result = await Promise.race([server.destroy().then(() => 'done' as const), timedOut]);
        clearTimeout(timer);
        if (result === 'timeout') {
          logger.error(
            { documents: server.hocuspocus.getDocumentsCount(), timeoutMs },
            'shutdown timed out with documents still in memory',
          );
        }
        if (ownsOrm && orm) await orm.close(true);
        logger.info('collab server stopped');
      })();
      return stopping;
    },
  };
  return collab;
}
