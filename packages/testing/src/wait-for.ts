/** Options of {@link waitFor}. */
export interface WaitForOptions {
  /** Give up after this many ms (default 30 000: a bound, not an expectation; CI runs beside other load). */
  timeout?: number;
  /** Pause between attempts in ms (default 50). */
  interval?: number;
}

/**
 * Polls `fn` until it returns a truthy value without throwing, and returns that value. On timeout, throws an error
 * carrying the last thrown error's message (or the last falsy result), so the test failure says what was awaited.
 */
export async function waitFor<T>(
  fn: () => T | Promise<T>,
  { timeout = 30_000, interval = 50 }: WaitForOptions = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeout;
  let last: unknown;
  for (;;) {
    try {
      const value = await fn();
      if (value) return value as NonNullable<T>;
      last = value;
    } catch (e) {
      last = e;
    }
    if (Date.now() >= deadline) {
      const detail = last instanceof Error ? last.message : `last result: ${String(last)}`;
      throw new Error(`waitFor timed out after ${timeout} ms (${detail})`, { cause: last });
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}
