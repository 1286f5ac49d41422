import {
  collabSecretOrDev,
  collabSecretProblems,
  COLLAB_LISTEN_ENV,
  COLLAB_SECRET_ENV,
  DATABASE_ENV,
  envBoolean,
  envList,
  LOG_ENV,
  METRICS_ENV,
  ORIGINS_ENV,
  OUTBOUND_ENV,
  outboundLoopbackProblems,
  parseEnv,
  REDIS_ENV,
  RUNTIME_ENV,
  SECRET_KEYS_ENV,
  secretKeysOrDev,
  secretKeysProblems,
} from '@pm/contracts';
import { z } from 'zod';

/** Every setting of the API, parsed once at start. Documented in docs/OPERATIONS.md. */
const ConfigSchema = z.object({
  ...RUNTIME_ENV,
  API_HOST: z.string().default('127.0.0.1'),
  API_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  ...DATABASE_ENV,
  ...REDIS_ENV,
  ...COLLAB_SECRET_ENV,
  ...SECRET_KEYS_ENV,
  ...OUTBOUND_ENV,
  ...ORIGINS_ENV,
  ...LOG_ENV,
  ...METRICS_ENV,
  COLLAB_PUBLIC_URL: z.string().default('ws://127.0.0.1:3001'),
  /** Where the API itself calls collab (version snapshots, restores); defaults to where collab listens. */
  COLLAB_INTERNAL_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
    .optional(),
  ...COLLAB_LISTEN_ENV,
  COLLAB_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(3600).default(300),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(24 * 7),
  BODY_LIMIT: z.string().default('1mb'),
  DB_MIGRATE_ON_START: envBoolean.default(true),
  SWAGGER: envBoolean.default(true),
  /** Progress streams (SSE) re-read their row when the worker / API announce a change on Redis; off = poll only. */
  SSE_PUSH: envBoolean.default(true),
  /** While pushed changes arrive, how often a stream re-reads anyway (a lost message never leaves it stale). */
  SSE_SAFETY_REREAD_MS: z.coerce.number().int().min(1000).max(600_000).default(5_000),
  /** Hosts whose links are internal on public postmortems (`corp.example.com` covers its subdomains too). */
  PUBLIC_POSTMORTEM_INTERNAL_HOSTS: envList([]),
  /** Requests to public postmortem pages per client address per minute (every replica counts in one Redis key). */
  PUBLIC_PAGE_RATE_LIMIT: z.coerce.number().int().min(1).max(100_000).default(120),
});

type ParsedConfig = z.infer<typeof ConfigSchema>;

/** The API's settings; collab's listen address only feeds the default of `COLLAB_INTERNAL_URL`. */
export type ApiConfig = Omit<
  ParsedConfig,
  'COLLAB_TOKEN_SECRET' | 'COLLAB_INTERNAL_URL' | 'COLLAB_HOST' | 'COLLAB_PORT' | 'SECRET_KEYS'
> & {
  COLLAB_TOKEN_SECRET: string;
  /** Connected-account sealing keys in effect (the development key outside production when unset). */
  SECRET_KEYS: string;
  COLLAB_INTERNAL_URL: string;
};

/** The allowed-origins list used to be the API's own variable; refuse it so a deployment does not silently fall back. */
function renamedProblems(raw: Record<string, string>): string[] {
  return raw.CORS_ORIGINS === undefined
    ? []
    : ['CORS_ORIGINS: renamed to ALLOWED_ORIGINS (one list for the API and the collab server)'];
}

/** Collab's own address, reachable from this host (a wildcard bind address is reached over loopback). */
function collabListenUrl({ COLLAB_HOST, COLLAB_PORT }: ParsedConfig): string {
  const host = COLLAB_HOST === '0.0.0.0' || COLLAB_HOST === '::' ? '127.0.0.1' : COLLAB_HOST;
  return `http://${host.includes(':') ? `[${host}]` : host}:${COLLAB_PORT}`;
}

/** Parses env; throws one error listing every problem (main prints it and exits non-zero). */
export function loadConfig(env: Record<string, string | undefined> = process.env): ApiConfig {
  const parsed = parseEnv(ConfigSchema, env, [
    collabSecretProblems,
    secretKeysProblems,
    outboundLoopbackProblems,
    renamedProblems,
  ]);
  if (!parsed.ok) {
    throw new Error(`Invalid API configuration:\n${parsed.problems.map((p) => `  ${p}`).join('\n')}`);
  }
  const { COLLAB_HOST: _host, COLLAB_PORT: _port, ...cfg } = parsed.data;
  return {
    ...cfg,
    COLLAB_TOKEN_SECRET: collabSecretOrDev(cfg.COLLAB_TOKEN_SECRET),
    SECRET_KEYS: secretKeysOrDev(cfg.SECRET_KEYS),
    COLLAB_INTERNAL_URL: (cfg.COLLAB_INTERNAL_URL ?? collabListenUrl(parsed.data)).replace(/\/$/, ''),
  };
}

export const API_CONFIG = Symbol('API_CONFIG');
