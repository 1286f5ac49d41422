import type { NextFunction, Request, Response } from 'express';

/** Parses a size such as `64kb` / `1mb` / `512` (bytes) into bytes. */
export function parseByteSize(size: string): number {
  const m = /^(\d+)\s*(b|kb|mb)?$/i.exec(size.trim());
  if (!m?.[1]) throw new Error(`not a size: ${size}`);
  const unit = (m[2] ?? 'b').toLowerCase();
  return Number(m[1]) * (unit === 'mb' ? 1024 * 1024 : unit === 'kb' ? 1024 : 1);
}

/**
 * Keeps the request body as the exact bytes received (a Buffer in `req.body`) for the routes it is mounted on.
 * Webhook signatures are HMACs over the raw body; JSON parsed and serialised again differs byte-wise, so these routes
 * must not go through the JSON parser. Marking the body as read makes the JSON parser mounted after it skip them.
 */
export function rawBody(limitBytes: number) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limitBytes) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('error', next);
    req.on('end', () => {
      if (tooLarge) {
        res.status(413).json({ code: 'PAYLOAD_TOO_LARGE', message: `body exceeds ${limitBytes} bytes` });
        return;
      }
      const state: { body?: unknown; _body?: boolean } = req;
      state.body = Buffer.concat(chunks);
      state._body = true;
      next();
    });
  };
}
