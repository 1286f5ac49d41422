import { resolve } from 'node:path';
import { z } from 'zod';

/**
 * The database settings every server process reads (API, worker), spread into each app's config schema so the
 * names, rules and the embedded default cannot drift between processes.
 */
export const DATABASE_ENV = {
  /** `sqlite:<path>` (embedded default) or `postgresql://…[?schema=name]`. */
  DATABASE_URL: z.string().default(`sqlite:${resolve(process.cwd(), '.data/postmortems.db')}`),
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/)
    .optional(),
};
