import { resolve } from 'node:path';
import { z } from 'zod';

/** Dev-only default secret; the API uses the same default, so local runs work with no env at all. */
export const DEV_COLLAB_SECRET = 'dev-only-collab-secret-change-me';

const bool = z
  .enum(['true', 'false', '1', '0', 'on', 'off', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'on' || v === 'yes');

const list = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((s) =>
      s
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    );

/** Every setting of the collab server, parsed once at start. Documented in docs/OPERATIONS.md. */
const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  COLLAB_PORT: z.coerce.number().int().min(0).max(65535).default(3001),
  COLLAB_HOST: z.string().min(1).default('127.0.0.1'),
  /** `sqlite:<path>` (relative paths resolve against the working directory) or `postgresql://…`. */
  DATABASE_URL: z.string().min(1).default('sqlite:.data/postmortems.db'),
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/)
    .optional(),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).default('redis://127.0.0.1:6379'),
  /** Redis fan-out between collab instances; off for a single instance without Redis. */
  COLLAB_REDIS: bool.default(true),
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_:-]+$/)
    .default('pm'),
  COLLAB_TOKEN_SECRET: z.string().min(16).optional(),
  ALLOWED_ORIGINS: list(
    'http://127.0.0.1:4173,http://localhost:4173,http://127.0.0.1:4174,http://localhost:4174',
  ),
  /** Browsers always send Origin; node clients (tests, scripts, the worker) usually do not. */
  COLLAB_ALLOW_MISSING_ORIGIN: bool.default(true),
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
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
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
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
}

/** Thrown by {@link loadConfig}; `problems` lists every bad variable, one line each. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid collab configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Makes a relative SQLite path absolute against the working directory, so the DB file never depends on import paths. */
function absoluteSqliteUrl(url: string): string {
  const m = /^(sqlite|file):(?:\/\/)?(.+)$/.exec(url);
  if (!m || m[2] === ':memory:') return url;
  return `sqlite:${resolve(process.cwd(), m[2]!)}`;
}

/** Parses the environment once. Collects every problem before throwing {@link ConfigError}. */
export function loadConfig(env: Record<string, string | undefined> = process.env): CollabConfig {
  // Empty strings mean "unset" (a blank line in a .env file should not fail the number parser).
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  const problems: string[] = parsed.success
    ? []
    : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  // Cross-field rules read the raw values too, so one run reports them alongside any parse errors.
  if (cleaned.NODE_ENV === 'production' && !cleaned.COLLAB_TOKEN_SECRET) {
    problems.push('COLLAB_TOKEN_SECRET: required in production (at least 16 characters)');
  }
  if (cleaned.DATABASE_URL && !/^(postgres(ql)?:\/\/|sqlite:|file:|:memory:$)/.test(cleaned.DATABASE_URL)) {
    problems.push('DATABASE_URL: must start with postgresql://, sqlite: or file:');
  }
  if (parsed.success && parsed.data.STORE_MAX_DEBOUNCE_MS < parsed.data.STORE_DEBOUNCE_MS) {
    problems.push('STORE_MAX_DEBOUNCE_MS: must be at least STORE_DEBOUNCE_MS');
  }
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  return {
    nodeEnv: e.NODE_ENV,
    port: e.COLLAB_PORT,
    host: e.COLLAB_HOST,
    databaseUrl: absoluteSqliteUrl(e.DATABASE_URL),
    databaseSchema: e.DATABASE_SCHEMA,
    redisUrl: e.REDIS_URL,
    redisEnabled: e.COLLAB_REDIS,
    redisPrefix: e.REDIS_PREFIX,
    tokenSecret: e.COLLAB_TOKEN_SECRET ?? DEV_COLLAB_SECRET,
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
  };
}
