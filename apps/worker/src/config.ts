import {
  DATABASE_ENV,
  OUTBOUND_ENV,
  outboundLoopbackProblems,
  LOG_ENV,
  METRICS_ENV,
  parseEnv,
  REDIS_ENV,
  RUNTIME_ENV,
  SECRET_KEYS_ENV,
  secretKeysOrDev,
  secretKeysProblems,
  SMTP_ENV,
  REMINDER_ENV,
} from '@pm/contracts';
import { z } from 'zod';
import { PDF_ENV } from './exports/pdf-config.js';

/** Every setting of the worker, parsed once at start. Documented in docs/OPERATIONS.md. */
const ConfigSchema = z.object({
  ...RUNTIME_ENV,
  ...DATABASE_ENV,
  ...REDIS_ENV,
  ...LOG_ENV,
  ...METRICS_ENV,
  ...PDF_ENV,
  ...OUTBOUND_ENV,
  ...SECRET_KEYS_ENV,
  ...SMTP_ENV,
  ...REMINDER_ENV,
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  /** How long a job's lock lives without renewal: a SIGKILLed worker's job is re-delivered after this. */
  WORKER_LOCK_MS: z.coerce.number().int().min(1_000).default(30_000),
  SWEEP_INTERVAL_MS: z.coerce.number().int().min(100).default(15_000),
  /** A row still queued/rendering after this long without a live job is re-enqueued. */
  SWEEP_STALE_MS: z.coerce.number().int().min(100).default(60_000),
  /** Export jobs run at once per worker process (their own queue, apart from generation). */
  EXPORT_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  /** Publications to one destination kind (Confluence, Drive) at once per worker process. */
  EXPORT_DESTINATION_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  /** Queue-wide rate limit of export jobs, shared by every worker: at most this many per window. */
  EXPORT_RATE_MAX: z.coerce.number().int().min(1).default(20),
  EXPORT_RATE_WINDOW_MS: z.coerce.number().int().min(100).default(1_000),
  /** Runs of one export that a 429 may postpone (each waits the Retry-After) before it counts as failed. */
  EXPORT_MAX_RATE_LIMITED_RUNS: z.coerce.number().int().min(1).default(20),
  /** How often the webhook dispatcher reads new domain events (one schedule for all workers). */
  WEBHOOK_DISPATCH_INTERVAL_MS: z.coerce.number().int().min(100).default(5_000),
  /**
   * Domain events younger than this are re-read on the next pass (a lower seq can commit later under PostgreSQL);
   * the cursor only moves past older ones. Longer than any transaction that records events.
   */
  WEBHOOK_SETTLE_MS: z.coerce.number().int().min(0).default(60_000),
  /** Per-attempt timeout of a webhook POST (connect + response). */
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  /** Webhook deliveries in flight at once per worker process. */
  WEBHOOK_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(25_000),
  /** Port of the health endpoint (the worker's only HTTP); 0 picks a free port, -1 disables it. */
  WORKER_HEALTH_PORT: z.coerce.number().int().min(-1).max(65535).default(3002),
  /** Bind address of the health endpoint; 0.0.0.0 in containers so the orchestrator's probes reach it. */
  WORKER_HEALTH_HOST: z.string().min(1).default('127.0.0.1'),
  /**
   * TEST ONLY: pause this many ms inside the rendering step so fault tests can kill or stop a worker mid-render.
   * Refused when NODE_ENV=production.
   */
  WORKER_TEST_RENDER_DELAY_MS: z.coerce.number().int().min(0).max(600_000).default(0),
  /**
   * TEST ONLY: a file holding an offset in ms added to the reminders' and quiet hours' clock, so browser tests move
   * time forward instead of waiting. Refused when NODE_ENV=production.
   */
  WORKER_TEST_CLOCK_FILE: z.string().min(1).optional(),
});

/** The worker's settings; `SECRET_KEYS` is the development key outside production when unset. */
export type WorkerConfig = Omit<z.infer<typeof ConfigSchema>, 'SECRET_KEYS'> & { SECRET_KEYS: string };
export const WORKER_CONFIG = Symbol('WORKER_CONFIG');

/** The render delay and the clock file exist for tests only; production must never run with them. */
function testOnlyProblems(raw: Record<string, string>): string[] {
  if (raw.NODE_ENV !== 'production') return [];
  const delay = ConfigSchema.shape.WORKER_TEST_RENDER_DELAY_MS.safeParse(raw.WORKER_TEST_RENDER_DELAY_MS);
  return [
    ...(delay.success && delay.data > 0
      ? ['WORKER_TEST_RENDER_DELAY_MS: test-only setting, not allowed when NODE_ENV=production']
      : []),
    ...(raw.WORKER_TEST_CLOCK_FILE
      ? ['WORKER_TEST_CLOCK_FILE: test-only setting, not allowed when NODE_ENV=production']
      : []),
  ];
}

/** Parses env once; throws one error listing every problem. */
export function loadWorkerConfig(env: Record<string, string | undefined> = process.env): WorkerConfig {
  const parsed = parseEnv(ConfigSchema, env, [
    testOnlyProblems,
    secretKeysProblems,
    outboundLoopbackProblems,
  ]);
  if (!parsed.ok) {
    throw new Error(`Invalid worker configuration:\n${parsed.problems.map((p) => `  ${p}`).join('\n')}`);
  }
  return { ...parsed.data, SECRET_KEYS: secretKeysOrDev(parsed.data.SECRET_KEYS) };
}
