// Back-pressure vs outage: a producer whose own event loop is too busy to read Redis's reply in time keeps waiting
// (the API answers 202 late rather than 503 while Redis is up); a Redis that stops answering still fails the add.
import { randomUUID } from 'node:crypto';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { createProducerConnection, EnqueueTimeoutError, JobProducer } from '../src/index.js';

const REDIS = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const prefix = `test-queue-bp-${randomUUID().slice(0, 8)}`;

/** A TCP proxy to Redis whose replies can be held back (a Redis that accepts commands and never answers). */
async function replyHoldingProxy() {
  const state = { hold: false };
  const sockets: Socket[] = [];
  const server: Server = createServer((client) => {
    const upstream = connect(Number(REDIS.port || 6379), REDIS.hostname);
    sockets.push(client, upstream);
    client.pipe(upstream);
    upstream.on('data', (buf) => {
      if (!state.hold) client.write(buf);
    });
    const end = () => (client.destroy(), upstream.destroy());
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return {
    url: `redis://127.0.0.1:${port}`,
    state,
    close: () => {
      sockets.forEach((s) => s.destroy());
      return new Promise((r) => server.close(r));
    },
  };
}

describe('JobProducer under load', () => {
  const cleanup: (() => Promise<unknown> | void)[] = [];
  afterAll(async () => {
    for (const f of cleanup.reverse()) await f();
  });

  it('waits for a reply it reads late because its own event loop was busy (no false timeout)', async () => {
    const redis = createProducerConnection(REDIS.href);
    const producer = new JobProducer(redis, prefix, 200);
    cleanup.push(
      () => redis.disconnect(),
      () => producer.close(),
    );
    await new Promise((r) => redis.once('ready', r));
    const pending = producer.enqueue('postmortem.generate', { postmortemId: randomUUID() });
    // Saturate this process past the timeout: the reply arrives meanwhile but cannot be read until the loop frees.
    const until = performance.now() + 600;
    while (performance.now() < until);
    await expect(pending).resolves.toMatch(/^generate-/);
    const keys = await redis.keys(`{${prefix}}:*`);
    if (keys.length) await redis.del(...keys);
  });

  it('still fails when Redis accepts the command but never answers', async () => {
    const proxy = await replyHoldingProxy();
    const redis = createProducerConnection(proxy.url);
    redis.on('error', () => undefined);
    const producer = new JobProducer(redis, prefix, 200);
    cleanup.push(
      () => proxy.close(),
      () => redis.disconnect(),
    );
    await new Promise((r) => redis.once('ready', r));
    await producer.queue('postmortem').waitUntilReady();
    proxy.state.hold = true;
    await expect(
      producer.enqueue('postmortem.generate', { postmortemId: randomUUID() }),
    ).rejects.toBeInstanceOf(EnqueueTimeoutError);
  });
});
