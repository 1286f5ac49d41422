import { z } from 'zod';

/**
 * Environment of the PDF renderer, as a fragment to spread into the worker's config schema
 * (`z.object({ ...PDF_ENV, … })`) so the variables are declared once.
 */
export const PDF_ENV = {
  /** The Chromium binary (Debian's `chromium` package by default). */
  CHROMIUM_PATH: z.string().min(1).default('/usr/bin/chromium'),
  /** Upper bound of one PDF job (page creation, layout, printing); past it the job fails with PDF_TIMEOUT. */
  PDF_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  /** How long starting Chromium may take before the job fails with PDF_LAUNCH_FAILED. */
  PDF_LAUNCH_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(300_000).default(30_000),
};

/** Parsed {@link PDF_ENV} values. */
export type PdfEnv = { [K in keyof typeof PDF_ENV]: z.infer<(typeof PDF_ENV)[K]> };

/** Parses just the PDF renderer's variables (for callers that do not hold the whole worker config). */
export function loadPdfEnv(env: Record<string, string | undefined> = process.env): PdfEnv {
  const parsed = z.object(PDF_ENV).safeParse(env);
  if (!parsed.success)
    throw new Error(
      `Invalid PDF renderer configuration:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`,
    );
  return parsed.data;
}
