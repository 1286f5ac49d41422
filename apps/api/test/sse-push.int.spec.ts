// Progress streams (SSE) re-read their row when a change is pushed on `<prefix>:pm-changes`, not on a 250 ms poll.
// The worker is played by this test: it writes the row and publishes, as PmChangeAnnouncer does.
import { pmChangesChannel, type PmChangedEvent } from '@pm/contracts';
import { Postmortem } from '@pm/db';
import { testConfig } from '@pm/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PostmortemsService } from '../src/modules/postmortems/postmortems.service.js';
import { startApi, type Harness } from './harness.js';

interface Stream {
  events: Array<Record<string, unknown>>;
  readonly ended: boolean;
  close(): void;
}

/** Reads `data:` lines of an SSE response as they arrive. */
async function openStream(h: Harness, path: string, token: string): Promise<Stream> {
  const ac = new AbortController();
  const res = await fetch(`${await h.app.getUrl()}${path}`, {
    headers: { authorization: `Bearer ${token}` },
    signal: ac.signal,
  });
  expect(res.status).toBe(200);
  const events: Array<Record<string, unknown>> = [];
  let ended = false;
  void (async () => {
    const reader = res.body!.getReader();
    const dec = new TextDecoder();
    let buf = '';
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buf += dec.decode(value, { stream: true });
        for (let i = buf.indexOf('\n\n'); i >= 0; i = buf.indexOf('\n\n')) {
          const m = /^data: (.*)$/m.exec(buf.slice(0, i));
          buf = buf.slice(i + 2);
          if (m) events.push(JSON.parse(m[1]!) as Record<string, unknown>);
        }
      }
    } catch {
      // aborted by close()
    }
    ended = true;
  })();
  return {
    events,
    get ended() {
      return ended;
    },
    close: () => ac.abort(),
  };
}

/** Asks for a generation (no worker runs: the row stays queued); answers its id (also when Redis is down: 503). */
async function requestGeneration(h: Harness, token: string): Promise<string> {
  const auth = { authorization: `Bearer ${token}` };
  const incidents = await h.http().get('/incidents').set(auth).expect(200);
  const templates = await h.http().get('/templates').set(auth).expect(200);
  const res = await h
    .http()
    .post(`/incidents/${incidents.body.items[0].id}/postmortems`)
    .set(auth)
    .set('idempotency-key', `sse-push-${Math.random()}`)
    .send({ templateId: templates.body.items.find((t: { isDefault: boolean }) => t.isDefault).id });
  return (res.status === 202 ? res.body.id : res.body.details.postmortemId) as string;
}

const states = (s: Stream) => s.events.map((e) => e.generationState);

describe('progress streams pushed over Redis', () => {
  let h: Harness;
  let pub: Redis;
  let token: string;
  let pm: Postmortem;

  beforeAll(async () => {
    // A 60 s safety re-read: anything the streams show within the test came from a pushed change.
    h = await startApi('sqlite', { SSE_SAFETY_REREAD_MS: '60000' });
    pub = new Redis(testConfig().redisUrl);
    token = await h.login('standard@example.com');
    const id = await requestGeneration(h, token);
    pm = await h.db.orm.em.fork().findOneOrFail(Postmortem, { id }, { populate: ['incident'] });
  });
  afterAll(async () => {
    pub.disconnect();
    await h?.close();
  });

  /** What the worker does on each step: write the row, then announce it. */
  async function workerStep(state: Postmortem['generationState'], progress: number) {
    await h.db.orm.em.fork().nativeUpdate(Postmortem, { id: pm.id }, { generationState: state, progress });
    const event: PmChangedEvent = { postmortemId: pm.id, incidentId: pm.incident.id };
    await pub.publish(pmChangesChannel(h.prefix), JSON.stringify(event));
  }

  it('sees every state of a generation as soon as the worker announces it, and ends on ready', async () => {
    await h.db.orm.em
      .fork()
      .nativeUpdate(Postmortem, { id: pm.id }, { generationState: 'queued', progress: 0 });
    const s = await openStream(h, `/postmortems/${pm.id}/events`, token);
    const list = await openStream(h, `/incidents/${pm.incident.id}/postmortems/events`, token);
    try {
      await expect.poll(() => states(s)).toEqual(['queued']);
      await expect.poll(() => list.events.length).toBe(1);
      await workerStep('rendering', 10);
      await expect.poll(() => states(s)).toEqual(['queued', 'rendering']);
      await workerStep('storing', 60);
      await expect.poll(() => states(s)).toEqual(['queued', 'rendering', 'storing']);
      await workerStep('ready', 100);
      await expect.poll(() => states(s)).toEqual(['queued', 'rendering', 'storing', 'ready']);
      await expect.poll(() => s.ended).toBe(true);
      // The incident's list stream got the same hints (it shows the generation state too).
      await expect
        .poll(
          () =>
            (list.events.at(-1)?.items as Array<{ id: string; generationState: string }>).find(
              (p) => p.id === pm.id,
            )?.generationState,
        )
        .toBe('ready');
    } finally {
      s.close();
      list.close();
    }
  });

  it('reads no row while open streams are idle (one read each on open)', async () => {
    await h.db.orm.em.fork().nativeUpdate(Postmortem, { id: pm.id }, { generationState: 'rendering' });
    const reads = vi.spyOn(h.app.get(PostmortemsService), 'getVisible');
    const n = 20;
    const streams = await Promise.all(
      Array.from({ length: n }, () => openStream(h, `/postmortems/${pm.id}/events`, token)),
    );
    try {
      await expect.poll(() => streams.every((s) => s.events.length === 1)).toBe(true);
      const afterOpen = reads.mock.calls.length;
      // An idle second: polling would have read each row about 4 times (n × 4); pushed, nothing changed, no read.
      await new Promise((r) => setTimeout(r, 1_000));
      expect(reads.mock.calls.length - afterOpen).toBe(0);
      // One announcement wakes every stream once.
      await workerStep('storing', 60);
      await expect.poll(() => streams.every((s) => states(s).at(-1) === 'storing')).toBe(true);
      expect(reads.mock.calls.length - afterOpen).toBe(n);
    } finally {
      for (const s of streams) s.close();
      reads.mockRestore();
    }
  });
});

describe('progress streams while Redis is down', () => {
  it('fall back to re-reading the row on the polling interval', async () => {
    const h = await startApi('sqlite', { REDIS_URL: 'redis://127.0.0.1:1', SSE_SAFETY_REREAD_MS: '60000' });
    try {
      const token = await h.login('standard@example.com');
      const em = h.db.orm.em.fork();
      const pm = { id: await requestGeneration(h, token) };
      await em.nativeUpdate(Postmortem, { id: pm.id }, { generationState: 'rendering' });
      const s = await openStream(h, `/postmortems/${pm.id}/events`, token);
      try {
        await expect.poll(() => states(s)).toEqual(['rendering']);
        // Nobody can announce anything: the stream still sees the row change, by polling.
        await em.nativeUpdate(Postmortem, { id: pm.id }, { generationState: 'ready' });
        await expect.poll(() => states(s)).toEqual(['rendering', 'ready']);
        await expect.poll(() => s.ended).toBe(true);
      } finally {
        s.close();
      }
    } finally {
      await h.close();
    }
  });
});
