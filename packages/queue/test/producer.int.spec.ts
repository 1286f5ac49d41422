import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { Job } from 'bullmq';
import {
  createProducerConnection,
  JobProducer,
  checkEvictionPolicy,
  requestIdOf,
  REQUEST_ID_OPTION,
} from '../src/index.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `test-queue-${randomUUID().slice(0, 8)}`;

describe('JobProducer on real Redis', () => {
  const redis = createProducerConnection(REDIS_URL);
  const producer = new JobProducer(redis, prefix);

  afterAll(async () => {
    const keys = await redis.keys(`{${prefix}}:*`);
    if (keys.length) await redis.del(...keys);
    await producer.close();
    redis.disconnect();
  });

  it('collapses two enqueues of the same postmortem into one job', async () => {
    await new Promise((r) => redis.once('ready', r));
    const postmortemId = randomUUID();
    const [a, b] = await Promise.all([
      producer.enqueue('postmortem.generate', { postmortemId }),
      producer.enqueue('postmortem.generate', { postmortemId }),
    ]);
    expect(a).toBe(b);
    expect(await producer.queue('postmortem').getWaitingCount()).toBe(1);
    const job = await producer.queue('postmortem').getJob(a);
    // ids only: nothing but the postmortem id travels through Redis
    expect(job?.data).toEqual({ postmortemId });
  });

  it('stores the correlation id in the job options (read back from Redis), never in the payload', async () => {
    await new Promise<void>((r) => (redis.status === 'ready' ? r() : redis.once('ready', () => r())));
    let current: string | undefined = 'req-from-context';
    const scoped = new JobProducer(redis, prefix, 2_000, () => current);
    const [fromContext, explicit] = [randomUUID(), randomUUID()];
    const idA = await scoped.enqueue('postmortem.generate', { postmortemId: fromContext });
    const idB = await scoped.enqueue(
      'postmortem.generate',
      { postmortemId: explicit },
      { requestId: 'sweep-1' },
    );
    current = undefined;
    const idC = await scoped.enqueue('postmortem.generate', { postmortemId: randomUUID() });
    const queue = scoped.queue('postmortem');
    // Job.fromId re-reads the stored hash: this is what a worker and Bull Board see.
    const [a, b, c] = await Promise.all([idA, idB, idC].map((id) => Job.fromId(queue, id)));
    expect(requestIdOf(a!)).toBe('req-from-context');
    expect(requestIdOf(b!)).toBe('sweep-1');
    expect(c!.opts).not.toHaveProperty(REQUEST_ID_OPTION);
    expect(a!.data).toEqual({ postmortemId: fromContext });
    await scoped.close();
  });

  it('rejects a payload that does not match the registry', async () => {
    await expect(producer.enqueue('postmortem.generate', { postmortemId: 'nope' })).rejects.toThrow();
    await expect(
      producer.enqueue('postmortem.generate', { postmortemId: randomUUID(), title: 'x' } as never),
    ).rejects.toThrow();
  });

  it('fails fast when Redis is unreachable', async () => {
    const dead = createProducerConnection('redis://127.0.0.1:1');
    dead.on('error', () => undefined);
    const p = new JobProducer(dead, prefix);
    // The message is the connection check's (it answers before any command is sent), not a command timeout's.
    await expect(p.enqueue('postmortem.generate', { postmortemId: randomUUID() })).rejects.toThrow(
      /^Redis is unreachable \(connection \w+\); the job was not enqueued$/,
    );
    dead.disconnect();
  });

  it('reports the eviction policy of the server', async () => {
    const warning = await checkEvictionPolicy(redis);
    const policy = ((await redis.config('GET', 'maxmemory-policy')) as string[])[1];
    expect(warning === null).toBe(policy === 'noeviction');
  });
});
