import { DATABASE_ENV } from '@pm/db';
import { REDIS_ENV } from '@pm/queue';
import { z } from 'zod';

const ConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  ...DATABASE_ENV,
  ...REDIS_ENV,
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  /** How long a job's lock lives without renewal: a SIGKILLed worker's job is re-delivered after this. */
  WORKER_LOCK_MS: z.coerce.number().int().min(1_000).default(30_000),
  SWEEP_INTERVAL_MS: z.coerce.number().int().min(100).default(15_000),
  /** A row still queued/rendering after this long without a live job is re-enqueued. */
  SWEEP_STALE_MS: z.coerce.number().int().min(100).default(60_000),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(25_000),
  /** Port of the health endpoint (the worker's only HTTP); 0 picks a free port, -1 disables it. */
  WORKER_HEALTH_PORT: z.coerce.number().int().min(-1).max(65535).default(3002),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /**
   * TEST ONLY: pause this many ms inside the rendering step so fault tests can kill or stop a worker mid-render.
   * Refused when NODE_ENV=production.
   */
  WORKER_TEST_RENDER_DELAY_MS: z.coerce.number().int().min(0).max(600_000).default(0),
});

export type WorkerConfig = z.infer<typeof ConfigSchema>;
export const WORKER_CONFIG = Symbol('WORKER_CONFIG');

/** Parses env once; throws one error listing every problem. */
export function loadWorkerConfig(env: Record<string, string | undefined> = process.env): WorkerConfig {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(
      `Invalid worker configuration:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`,
    );
  }
  if (parsed.data.NODE_ENV === 'production' && parsed.data.WORKER_TEST_RENDER_DELAY_MS > 0) {
    throw new Error(
      'Invalid worker configuration:\n  WORKER_TEST_RENDER_DELAY_MS: test-only setting, not allowed when NODE_ENV=production',
    );
  }
  return parsed.data;
}
