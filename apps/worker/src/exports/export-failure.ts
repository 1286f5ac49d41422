import type { ExportError } from '@pm/contracts';
import { OutboundError } from '@pm/integrations';
import { ExportTooLargeError } from './export-render.js';
import { PdfRenderError } from './pdf-error.js';

/** How an export attempt failed: what the row shows, and whether another attempt can succeed. */
export interface ExportFailure {
  error: ExportError;
  retryable: boolean;
  /** The destination asked to be left alone this long (429 Retry-After). */
  retryAfterMs?: number;
}

/** Classifies an error thrown while rendering or publishing. Unknown errors are retried (a DB hiccup, a bug fixed by a deploy). */
export function classifyExportFailure(e: unknown): ExportFailure {
  if (e instanceof OutboundError) {
    return {
      error: {
        code: e.code,
        message: e.reason,
        target: e.target,
        ...(e.status !== undefined ? { status: e.status } : {}),
      },
      retryable: e.retryable,
      ...(e.retryAfterMs !== undefined ? { retryAfterMs: e.retryAfterMs } : {}),
    };
  }
  if (e instanceof PdfRenderError)
    return { error: { code: e.code, message: e.message }, retryable: e.retryable };
  if (e instanceof ExportTooLargeError)
    return { error: { code: e.code, message: e.message }, retryable: false };
  return {
    error: { code: 'EXPORT_FAILED', message: e instanceof Error ? e.message : String(e) },
    retryable: true,
  };
}
