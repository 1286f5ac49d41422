import 'reflect-metadata';
import { createServer, type Server } from 'node:http';
import { NestFactory } from '@nestjs/core';
import { Logger as NestLogger, type INestApplicationContext } from '@nestjs/common';
import { checkEvictionPolicy, createProducerConnection } from '@pm/queue';
import { Logger } from 'nestjs-pino';
import type { WorkerConfig } from './config.js';
import { WorkerMetrics } from './metrics.js';
import { workerModule, type WorkerOverrides } from './worker.module.js';

export interface RunningWorker {
  app: INestApplicationContext;
  health: Server | null;
  healthPort: number | null;
  /** Set when Redis may evict queue keys (maxmemory-policy not noeviction); also reported by /healthz. */
  redisEvictionWarning: string | null;
  close(): Promise<void>;
}

/** Boots the worker (no public HTTP except the health port: `/healthz` and `/metrics`). */
export async function startWorker(
  cfg: WorkerConfig,
  overrides: WorkerOverrides = {},
): Promise<RunningWorker> {
  const app = await NestFactory.createApplicationContext(workerModule(cfg, overrides), {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  // No app.enableShutdownHooks(): main.ts owns SIGTERM/SIGINT (finish the active jobs, then exit 0). Nest's hook
  // would race it: after its own close it re-sends the signal with no listener left, and the process dies of it
  // (exit code null) while main's close is still finishing. app.close() runs the same shutdown hooks anyway.
  await app.init();
  const redisEvictionWarning = await evictionWarning(cfg.REDIS_URL);
  if (redisEvictionWarning) new NestLogger('Redis').warn(`WARNING: ${redisEvictionWarning}`);
  let health: Server | null = null;
  let healthPort: number | null = null;
  if (cfg.WORKER_HEALTH_PORT >= 0) {
    const metrics = app.get(WorkerMetrics);
    // /readyz answers like /healthz: no traffic is routed to a worker, it pulls jobs (orchestrators probe both).
    health = createServer((req, res) => {
      const path = req.url?.split('?')[0];
      if (req.method === 'GET' && path === '/metrics') {
        metrics.serve(req, res, cfg.METRICS_TOKEN).catch(() => {
          if (!res.headersSent) res.writeHead(500);
          res.end();
        });
        return;
      }
      const known = path === '/healthz' || path === '/readyz';
      res.writeHead(known ? 200 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify(known ? { ok: true, redisEvictionWarning } : { code: 'NOT_FOUND' }));
    });
    await new Promise<void>((r) => health!.listen(cfg.WORKER_HEALTH_PORT, cfg.WORKER_HEALTH_HOST, r));
    const addr = health.address();
    healthPort = typeof addr === 'object' && addr ? addr.port : null;
  }
  return {
    app,
    health,
    healthPort,
    redisEvictionWarning,
    async close() {
      health?.close();
      await app.close();
    },
  };
}

/** Asks Redis once for its eviction policy (null when fine, unreachable or CONFIG is not allowed). */
async function evictionWarning(url: string): Promise<string | null> {
  const redis = createProducerConnection(url, { lazyConnect: true, retryStrategy: () => null });
  try {
    await redis.connect();
    return await checkEvictionPolicy(redis);
  } catch {
    return null;
  } finally {
    redis.disconnect();
  }
}
