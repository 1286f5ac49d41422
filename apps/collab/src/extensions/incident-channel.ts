import { Redis as IORedis } from 'ioredis';
import { z } from 'zod';
import type { Logger } from '../logger.js';

const IncidentEvent = z.object({ incidentId: z.string().min(1) });

/**
 * Subscribes to one Redis channel on which the API announces `{ incidentId }` (access changes, follow-up changes)
 * and calls `onIncident` for each well-formed message; anything else is ignored. Redis being down must not keep
 * collab from serving documents: ioredis keeps retrying and subscribes when it can, so start-up waits at most 2 s.
 * Returns the subscriber connection; disconnect it on destroy.
 */
export async function subscribeIncidentChannel(opts: {
  redisUrl: string;
  channel: string;
  /** Names the channel in log lines, e.g. "access". */
  label: string;
  logger: Logger;
  onIncident: (incidentId: string) => Promise<unknown>;
}): Promise<IORedis> {
  const { logger, label } = opts;
  const subscriber = new IORedis(opts.redisUrl, { maxRetriesPerRequest: null });
  subscriber.on('error', (err) => logger.warn({ err }, `${label} channel error`));
  subscriber.on('message', (_channel, message) => {
    const parsed = IncidentEvent.safeParse(safeJson(message));
    if (!parsed.success) return;
    opts
      .onIncident(parsed.data.incidentId)
      .catch((err: unknown) => logger.error({ err }, `${label} event failed`));
  });
  const subscribed = subscriber.subscribe(opts.channel);
  const ok = await Promise.race([subscribed.then(() => true), sleep(2000).then(() => false)]);
  if (!ok) logger.warn(`${label} channel not subscribed yet (Redis unreachable); retrying`);
  return subscriber;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms).unref());

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return null;
  }
}
