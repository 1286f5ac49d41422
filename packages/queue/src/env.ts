import { z } from 'zod';

/** The Redis settings every queue user reads (API, worker), spread into each app's config schema. */
export const REDIS_ENV = {
  REDIS_URL: z.string().default('redis://127.0.0.1:6379'),
  /** Key prefix; BullMQ keys are hash-tagged `{prefix}:…`. */
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_:-]+$/)
    .default('pm'),
};
