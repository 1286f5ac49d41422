import { DATABASE_ENV } from '@pm/db';
import { REDIS_ENV } from '@pm/queue';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'on', 'off'])
  .transform((v) => v === 'true' || v === '1' || v === 'on');

/** Every setting of the API, parsed once at start. Documented in docs/OPERATIONS.md. */
const ConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  API_HOST: z.string().default('127.0.0.1'),
  API_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  ...DATABASE_ENV,
  ...REDIS_ENV,
  COLLAB_PUBLIC_URL: z.string().default('ws://127.0.0.1:3001'),
  COLLAB_TOKEN_SECRET: z.string().min(16).optional(),
  COLLAB_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(3600).default(300),
  CORS_ORIGINS: z
    .string()
    .default('http://127.0.0.1:4173,http://localhost:4173,http://127.0.0.1:4174,http://localhost:4174')
    .transform((s) =>
      s
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    ),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(24 * 7),
  BODY_LIMIT: z.string().default('1mb'),
  DB_MIGRATE_ON_START: bool.default(true),
  SWAGGER: bool.default(true),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type ApiConfig = Omit<z.infer<typeof ConfigSchema>, 'COLLAB_TOKEN_SECRET'> & {
  COLLAB_TOKEN_SECRET: string;
};

export const DEV_COLLAB_SECRET = 'dev-only-collab-secret-change-me';

/** Parses env; throws one error listing every problem (main prints it and exits non-zero). */
export function loadConfig(env: Record<string, string | undefined> = process.env): ApiConfig {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid API configuration:\n${lines.join('\n')}`);
  }
  const cfg = parsed.data;
  if (!cfg.COLLAB_TOKEN_SECRET && cfg.NODE_ENV === 'production') {
    throw new Error(
      'Invalid API configuration:\n  COLLAB_TOKEN_SECRET: required in production (at least 16 characters)',
    );
  }
  return { ...cfg, COLLAB_TOKEN_SECRET: cfg.COLLAB_TOKEN_SECRET ?? DEV_COLLAB_SECRET };
}

export const API_CONFIG = Symbol('API_CONFIG');
