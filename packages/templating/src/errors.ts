/** One problem found in a template, positioned at 1-based line:col. */
export interface TemplateIssue {
  line: number;
  col: number;
  message: string;
  code: 'TEMPLATE_SYNTAX' | 'UNKNOWN_VARIABLE';
  suggestion?: string;
}

/** Thrown by renderTemplate when the template cannot be rendered (syntax, limits). */
export class TemplateError extends Error {
  constructor(
    readonly code: 'TEMPLATE_SYNTAX' | 'UNKNOWN_VARIABLE' | 'TEMPLATE_LIMIT',
    message: string,
    readonly line?: number,
    readonly col?: number,
  ) {
    super(message);
    this.name = 'TemplateError';
  }
}

/** Position and clean message of a LiquidJS error (its message ends with ", line:L, col:C"). */
export function liquidErrorPosition(e: unknown): { line: number; col: number; message: string } {
  const err = e as { message?: string; token?: { getPosition?: () => number[] } };
  const raw = String(err.message ?? e);
  const m = /,? ?line:(\d+), col:(\d+)/.exec(raw);
  const pos = err.token?.getPosition?.();
  const line = m ? Number(m[1]) : (pos?.[0] ?? 1);
  const col = m ? Number(m[2]) : (pos?.[1] ?? 1);
  return { line, col, message: raw.replace(/,? ?line:\d+, col:\d+[\s\S]*$/, '').trim() };
}
