/** Test-only config: the one place these tests read the environment. */
export const PG_URL = process.env.PG_URL || 'postgresql://postgres@127.0.0.1:5432/test';
if (process.env.CI && !process.env.PG_URL) throw new Error('CI is set but PG_URL is missing');
