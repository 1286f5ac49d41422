import { z } from 'zod';

/*
 * Environment fragments: the variables several server processes read, each defined once. An app spreads the
 * fragments it needs into its own `z.object({...})` in `src/config.ts` and adds only its own variables, so a
 * shared variable has one name, one rule and one default everywhere. Documented in docs/OPERATIONS.md.
 */

/** Boolean settings accept true/false, 1/0, on/off and yes/no. */
export const envBoolean = z
  .enum(['true', 'false', '1', '0', 'on', 'off', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'on' || v === 'yes');

/** A comma-separated list (blanks around items and empty items are dropped), with a default list. */
export const envList = (fallback: readonly string[]) =>
  z
    .string()
    .default(fallback.join(','))
    .transform((s) =>
      s
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean),
    );

/** `NODE_ENV`: production turns on the checks that refuse development defaults (e.g. the collab secret). */
export const RUNTIME_ENV = {
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
};

/** Log levels of pino, the logger of every server process. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** `LOG_LEVEL`: logs are JSON lines at this level and above. */
export const LOG_ENV = {
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
};

/** Database URL forms the server understands (see @pm/db's parseDatabaseUrl). */
const DATABASE_URL_FORM = /^(postgres(ql)?:\/\/|sqlite:|file:|:memory:$)/;

/** `DATABASE_URL` and `DATABASE_SCHEMA`: the one database shared by API, worker and collab. */
export const DATABASE_ENV = {
  /** `sqlite:<path>` (relative paths resolve against the working directory; the embedded default) or `postgresql://…[?schema=name]`. */
  DATABASE_URL: z
    .string()
    .regex(DATABASE_URL_FORM, { error: 'must start with postgresql://, sqlite: or file:' })
    .default('sqlite:.data/postmortems.db'),
  /** PostgreSQL schema holding every table (alternative to `?schema=` in the URL). */
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/, { error: 'must be a lower-case SQL identifier' })
    .optional(),
};

/** `REDIS_URL` and `REDIS_PREFIX`: job queues (API, worker) and collab fan-out and access events. */
export const REDIS_ENV = {
  REDIS_URL: z
    .url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' })
    .default('redis://127.0.0.1:6379'),
  /** Key prefix; BullMQ keys are hash-tagged `{prefix}:…` so Redis Cluster keeps a queue on one slot. */
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_:-]+$/, { error: 'letters, digits, _ : and - only' })
    .default('pm'),
};

/**
 * The secret the API and collab use when no `COLLAB_TOKEN_SECRET` is set outside production, so local runs
 * work with no environment at all. Production refuses to start without a real secret ({@link collabSecretProblems}).
 */
export const DEV_COLLAB_SECRET = 'dev-only-collab-secret-change-me';

/** `COLLAB_TOKEN_SECRET`: HMAC secret of collab tokens, signed by the API and verified by collab. */
export const COLLAB_SECRET_ENV = {
  COLLAB_TOKEN_SECRET: z.string().min(16).optional(),
};

/** The problem to report when production runs without a collab secret (empty when the secret rule holds). */
export function collabSecretProblems(env: { NODE_ENV?: string; COLLAB_TOKEN_SECRET?: string }): string[] {
  return env.NODE_ENV === 'production' && !env.COLLAB_TOKEN_SECRET
    ? ['COLLAB_TOKEN_SECRET: required in production (at least 16 characters)']
    : [];
}

/** The secret in effect: the configured one, else {@link DEV_COLLAB_SECRET}. */
export const collabSecretOrDev = (secret: string | undefined): string => secret ?? DEV_COLLAB_SECRET;

/**
 * The keys connected-account secrets are sealed with when no `SECRET_KEYS` is set outside production: one fixed
 * key (the SHA-256 of `pm-dev-only-secret-key`), so a development database stays readable across restarts. Anyone
 * can read this source, so production refuses to start without real keys ({@link secretKeysProblems}).
 */
export const DEV_SECRET_KEYS = 'dev:LyGLbV9+/civjzY1gbNRGxT551UjsfSYTxJ8/mXSbwY=';

/** One `id:base64` pair: a short id and 32 bytes written as base64 (44 characters). */
const SECRET_KEY_PAIR = /^[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/]{43}=$/;

/**
 * `SECRET_KEYS`: AES-256-GCM keys sealing connected-account secrets, comma-separated `id:base64key` pairs, the
 * FIRST one sealing, all of them opening (rotation: put a new key first, keep the old ones until re-sealed).
 * Generate one with `openssl rand -base64 32`.
 */
export const SECRET_KEYS_ENV = {
  SECRET_KEYS: z
    .string()
    .refine(
      (v) =>
        v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
          .every((pair) => SECRET_KEY_PAIR.test(pair)),
      { error: 'comma-separated id:base64 pairs, each key 32 bytes (openssl rand -base64 32)' },
    )
    .optional(),
};

/** The problem to report when production runs without `SECRET_KEYS` (empty when the rule holds). */
export function secretKeysProblems(env: { NODE_ENV?: string; SECRET_KEYS?: string }): string[] {
  return env.NODE_ENV === 'production' && !env.SECRET_KEYS
    ? ['SECRET_KEYS: required in production (id:base64 pairs, e.g. k1:$(openssl rand -base64 32))']
    : [];
}

/** The keys in effect: the configured ones, else {@link DEV_SECRET_KEYS}. */
export const secretKeysOrDev = (keys: string | undefined): string => keys ?? DEV_SECRET_KEYS;

/**
 * Outbound calls to outside services (Confluence, Drive, Jira, GitHub) from the API ("Test connection") and the
 * worker (exports, follow-ups).
 */
export const OUTBOUND_ENV = {
  /**
   * TEST ONLY: lets outbound calls reach 127.0.0.1 (the local fake servers); the SSRF guard still refuses every
   * other private address, and refuses the allowance itself unless NODE_ENV=test.
   */
  OUTBOUND_ALLOW_LOOPBACK_FOR_TESTS: envBoolean.default(false),
  /** Root of Google's APIs (Drive); only tests point it elsewhere (the fake Drive). */
  GOOGLE_API_ROOT_URL: z
    .url({ protocol: /^https?$/ })
    .default('https://www.googleapis.com/')
    .transform((u) => (u.endsWith('/') ? u : `${u}/`)),
};

/** The loopback allowance is for tests against local fakes; production must not start with it. */
export function outboundLoopbackProblems(env: {
  NODE_ENV?: string;
  OUTBOUND_ALLOW_LOOPBACK_FOR_TESTS?: string;
}): string[] {
  const on = OUTBOUND_ENV.OUTBOUND_ALLOW_LOOPBACK_FOR_TESTS.safeParse(env.OUTBOUND_ALLOW_LOOPBACK_FOR_TESTS);
  return env.NODE_ENV === 'production' && on.success && on.data
    ? ['OUTBOUND_ALLOW_LOOPBACK_FOR_TESTS: test-only setting, not allowed when NODE_ENV=production']
    : [];
}

/** `COLLAB_HOST` and `COLLAB_PORT`: where collab listens; the API calls collab's internal endpoints there by default. */
export const COLLAB_LISTEN_ENV = {
  COLLAB_HOST: z.string().min(1).default('127.0.0.1'),
  COLLAB_PORT: z.coerce.number().int().min(0).max(65535).default(3001),
};

/** The web shell and the tab served locally (127.0.0.1 and localhost, ports 4173 and 4174). */
export const DEFAULT_ALLOWED_ORIGINS = [
  'http://127.0.0.1:4173',
  'http://localhost:4173',
  'http://127.0.0.1:4174',
  'http://localhost:4174',
] as const;

/** `ALLOWED_ORIGINS`: browser origins allowed to call the API (CORS) and to open collab WebSockets. */
export const ORIGINS_ENV = {
  ALLOWED_ORIGINS: envList(DEFAULT_ALLOWED_ORIGINS),
};

/** Result of {@link parseEnv}: the typed settings, or every problem found. */
export type EnvParseResult<T> = { ok: true; data: T } | { ok: false; problems: string[] };

/**
 * Parses an app's environment schema: empty strings count as unset (a blank line in a .env file must not fail a
 * number parser), and every problem comes back as one `VARIABLE: message` line, together with those of the
 * `checks` an app adds for rules spanning several variables. Checks read the raw values, so one run reports a
 * cross-variable problem next to any parse error.
 */
export function parseEnv<S extends z.ZodType>(
  schema: S,
  env: Record<string, string | undefined>,
  checks: ReadonlyArray<(raw: Record<string, string>) => string[]> = [],
): EnvParseResult<z.output<S>> {
  const raw: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined && value !== '') raw[key] = value;
  const parsed = schema.safeParse(raw);
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  for (const check of checks) problems.push(...check(raw));
  return parsed.success && problems.length === 0 ? { ok: true, data: parsed.data } : { ok: false, problems };
}
