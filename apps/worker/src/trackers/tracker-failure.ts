import { OutboundError } from '@pm/integrations';
import { DelayedError, type Job, UnrecoverableError } from 'bullmq';

/** Thrown for problems that no retry fixes (no settings, account gone, key unreadable); shown on the item. */
export class PermanentExportError extends Error {
  override readonly name = 'PermanentExportError';
}

/**
 * Applies the retry rules of outbound calls to a tracker job: a permanent failure (auth, not found, invalid, no
 * settings) is recorded on the item and fails the job without retry; a rate limit longer than the client waits in
 * place moves the job to the delayed set for exactly the time the tracker asked; other transient failures are
 * rethrown so BullMQ backs off (the item shows the last reason meanwhile; the final failure marks it failed).
 */
export async function handleTrackerFailure(
  error: unknown,
  job: Job,
  token: string | undefined,
  record: (message: string, final: boolean) => Promise<void>,
): Promise<never> {
  const message = error instanceof Error ? error.message : String(error);
  const permanent =
    error instanceof PermanentExportError ||
    (error instanceof OutboundError && !error.retryable) ||
    // A secret that no configured key opens, or an account row that vanished: both need a person.
    (error instanceof Error &&
      (error.name === 'SecretBoxError' || error.name === 'ConnectedAccountNotFoundError'));
  if (permanent) {
    await record(message, true);
    throw new UnrecoverableError(message);
  }
  if (error instanceof OutboundError && error.retryAfterMs !== undefined && token) {
    await record(`${message} (retrying in ${Math.ceil(error.retryAfterMs / 1000)} s)`, false);
    await job.moveToDelayed(Date.now() + error.retryAfterMs, token);
    throw new DelayedError();
  }
  if (error instanceof OutboundError) await record(message, false);
  throw error;
}
