/** Stable codes of PDF rendering failures (the export job records the code and the message on the row). */
export type PdfErrorCode = 'PDF_TIMEOUT' | 'PDF_BROWSER_CRASHED' | 'PDF_LAUNCH_FAILED' | 'PDF_RENDER_FAILED';

/**
 * A PDF job failed. `retryable` says whether running the same job again can succeed: a crash or a hang is
 * (the browser is relaunched), a renderer that cannot start at all or a document Chromium rejects is not.
 */
export class PdfRenderError extends Error {
  override readonly name = 'PdfRenderError';
  constructor(
    readonly code: PdfErrorCode,
    message: string,
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
