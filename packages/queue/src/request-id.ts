import { acceptRequestId } from '@pm/contracts';
import type { Job, JobsOptions } from 'bullmq';

/**
 * Where a job carries the correlation id of the request that enqueued it: a key of its OPTIONS, never of its
 * payload (the payload is the contract of `@pm/contracts`' job registry: ids only).
 *
 * BullMQ 6.7 has no documented field for this. What it does (classes/redis-queue-backend.js, `optsAsJSON` /
 * `optsFromJSON`): options it does not know are stored and read back unchanged, so the key reaches the worker's
 * `job.opts`, survives retries, and Bull Board shows it in the job's "Options" tab (it renders `job.opts`). The
 * alternatives are worse: `telemetry.metadata` is OpenTelemetry's propagation carrier (a worker with telemetry on
 * would parse our id as a trace context), and the job id must stay deterministic (it deduplicates submissions).
 * Because this relies on undocumented pass-through, the producer and API tests read the key back from Redis and
 * through Bull Board, so a BullMQ upgrade that drops it fails CI instead of silently losing the ids.
 */
export const REQUEST_ID_OPTION = 'requestId';

/** `opts` plus the correlation id (unchanged when there is none). */
export function withRequestId(opts: JobsOptions, requestId: string | undefined): JobsOptions {
  return requestId ? ({ ...opts, [REQUEST_ID_OPTION]: requestId } as JobsOptions) : opts;
}

/** The correlation id stored in a job's options, if any (and well-formed: a job added by hand may hold anything). */
export function requestIdOf(job: Pick<Job, 'opts'>): string | undefined {
  return acceptRequestId((job.opts as Record<string, unknown>)[REQUEST_ID_OPTION]);
}
