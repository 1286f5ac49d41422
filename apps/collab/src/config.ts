import {
  collabSecretOrDev,
  collabSecretProblems,
  COLLAB_LISTEN_ENV,
  COLLAB_SECRET_ENV,
  DATABASE_ENV,
  envBoolean,
  LOG_ENV,
  METRICS_ENV,
  ORIGINS_ENV,
  parseEnv,
  REDIS_ENV,
  RUNTIME_ENV,
  type LogLevel,
} from '@pm/contracts';
import { z } from 'zod';

/** Every setting of the collab server, parsed once at start. Documented in docs/OPERATIONS.md. */
const EnvSchema = z.object({
  ...RUNTIME_ENV,
  ...COLLAB_LISTEN_ENV,
  ...DATABASE_ENV,
  ...REDIS_ENV,
  ...COLLAB_SECRET_ENV,
  ...ORIGINS_ENV,
  ...LOG_ENV,
  ...METRICS_ENV,
  /** Redis fan-out between collab instances; off for a single instance without Redis. */
  COLLAB_REDIS: envBoolean.default(true),
  /** Browsers always send Origin; node clients (tests, scripts, the worker) usually do not. */
  COLLAB_ALLOW_MISSING_ORIGIN: envBoolean.default(true),
  STORE_DEBOUNCE_MS: z.coerce.number().int().min(0).max(600_000).default(2000),
  STORE_MAX_DEBOUNCE_MS: z.coerce.number().int().min(0).max(3_600_000).default(10_000),
  /** Largest document (encoded Yjs state) an edit may produce; edits past it are refused, nothing is applied. */
  DOC_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(8 * 1024 * 1024),
  /** Largest single WebSocket message; larger frames close the socket with 1009 before they are buffered. */
  WS_MAX_PAYLOAD_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(16 * 1024 * 1024),
  /** After a failed store (database down) the document stays in memory and the store is retried this often. */
  STORE_RETRY_MS: z.coerce.number().int().min(10).default(2000),
  /** Automatic version snapshots: at most one per interval, or sooner after this many stores. */
  SNAPSHOT_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(0)
    .default(10 * 60_000),
  SNAPSHOT_EVERY_STORES: z.coerce.number().int().min(1).default(100),
});

/** The parsed, typed settings of one collab process. */
export interface CollabConfig {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  host: string;
  databaseUrl: string;
  databaseSchema?: string;
  redisUrl: string;
  redisEnabled: boolean;
  redisPrefix: string;
  tokenSecret: string;
  allowedOrigins: string[];
  allowMissingOrigin: boolean;
  storeDebounceMs: number;
  storeMaxDebounceMs: number;
  docMaxBytes: number;
  wsMaxPayloadBytes: number;
  storeRetryMs: number;
  snapshotIntervalMs: number;
  snapshotEveryStores: number;
  logLevel: LogLevel;
  /** Bearer token of `GET /metrics`; unset: loopback callers only. */
  metricsToken?: string;
}

/** Thrown by {@link loadConfig}; `problems` lists every bad variable, one line each. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid collab configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** The debounce cap must not be below the debounce (read from the raw values, defaults included). */
function debounceProblems(raw: Record<string, string>): string[] {
  const debounce = EnvSchema.shape.STORE_DEBOUNCE_MS.safeParse(raw.STORE_DEBOUNCE_MS);
  const max = EnvSchema.shape.STORE_MAX_DEBOUNCE_MS.safeParse(raw.STORE_MAX_DEBOUNCE_MS);
  return debounce.success && max.success && max.data < debounce.data
    ? ['STORE_MAX_DEBOUNCE_MS: must be at least STORE_DEBOUNCE_MS']
    : [];
}

/** Parses the environment once. Collects every problem before throwing {@link ConfigError}. */
export function loadConfig(env: Record<string, string | undefined> = process.env): CollabConfig {
  const parsed = parseEnv(EnvSchema, env, [collabSecretProblems, debounceProblems]);
  if (!parsed.ok) throw new ConfigError(parsed.problems);
  const e = parsed.data;
  return {
    nodeEnv: e.NODE_ENV,
    port: e.COLLAB_PORT,
    host: e.COLLAB_HOST,
    databaseUrl: e.DATABASE_URL,
    databaseSchema: e.DATABASE_SCHEMA,
    redisUrl: e.REDIS_URL,
    redisEnabled: e.COLLAB_REDIS,
    redisPrefix: e.REDIS_PREFIX,
    tokenSecret: collabSecretOrDev(e.COLLAB_TOKEN_SECRET),
    allowedOrigins: e.ALLOWED_ORIGINS,
    allowMissingOrigin: e.COLLAB_ALLOW_MISSING_ORIGIN,
    storeDebounceMs: e.STORE_DEBOUNCE_MS,
    storeMaxDebounceMs: e.STORE_MAX_DEBOUNCE_MS,
    docMaxBytes: e.DOC_MAX_BYTES,
    wsMaxPayloadBytes: e.WS_MAX_PAYLOAD_BYTES,
    storeRetryMs: e.STORE_RETRY_MS,
    snapshotIntervalMs: e.SNAPSHOT_INTERVAL_MS,
    snapshotEveryStores: e.SNAPSHOT_EVERY_STORES,
    logLevel: e.LOG_LEVEL,
    metricsToken: e.METRICS_TOKEN,
  };
}
