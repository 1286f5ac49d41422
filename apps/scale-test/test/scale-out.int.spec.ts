// Scale-out, tested (docs/OPERATIONS.md; fault scenarios 32 and 33 in docs/QUALITY.md). The built servers as
// separate OS processes — 2 API, 3 worker, 2 collab — on one fresh PostgreSQL schema and one unique Redis prefix,
// behind a round-robin HTTP + WebSocket proxy. While 300 postmortems are generated through the proxy and 20
// editors type into 4 shared documents, one worker and one collab node are SIGKILLed. Then: every request
// produced exactly one postmortem and one document, every document converged in every editor and in the database,
// and no typed character is missing. Every wait is on a condition.
import { randomUUID } from 'node:crypto';
import { createApiClient, type ApiClient } from '@pm/api-client';
import { DEMO_PASSWORD, DEMO_USERS, Document, Postmortem, seedDemo } from '@pm/db';
import {
  cleanRedisPrefix,
  createTestDatabase,
  freePort,
  testConfig,
  uniqueRedisPrefix,
  waitFor,
  type TestDatabase,
} from '@pm/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { allBuilt, spawnNode, untilUp, type Node } from './support/cluster.js';
import { fragmentOf, openEditor, sameState, settled, startTyping, type Editor } from './support/editors.js';
import { pool } from './support/pool.js';
import { RoundRobinProxy } from './support/proxy.js';

const GENERATE = 300;
const REPLAYS = 30; // client retries with the same Idempotency-Key, on whichever API process the proxy picks
const IN_FLIGHT = 12;
const EDITORS = 20;
const DOCUMENTS = 4; // 5 editors per document, alternating collab nodes (round robin)
const TYPE_EVERY_MS = 250;
const SECRET = 'scale-test-collab-secret-0123456789';
const LONG = 150_000; // upper bound of each wait on a loaded 2-core CI box; conditions end them much sooner

interface Request {
  user: number;
  incidentId: string;
  templateId: string;
  key: string;
  id?: string;
}

describe.skipIf(!allBuilt() && !process.env.CI)(
  'scale-out: 2 API, 3 workers, 2 collab nodes behind a proxy',
  () => {
    let db: TestDatabase;
    const prefix = uniqueRedisPrefix('scale');
    const nodes: Node[] = [];
    const editors: Editor[] = [];
    let apiProxy: RoundRobinProxy;
    let collabProxy: RoundRobinProxy;
    const node = (name: string) => nodes.find((n) => n.name === name)!;

    beforeAll(async () => {
      db = await createTestDatabase('postgresql');
      const [api1, api2, collab1, collab2] = await Promise.all([
        freePort(),
        freePort(),
        freePort(),
        freePort(),
      ]);
      apiProxy = new RoundRobinProxy([
        { name: 'api-1', port: api1 },
        { name: 'api-2', port: api2 },
      ]);
      collabProxy = new RoundRobinProxy([
        { name: 'collab-1', port: collab1 },
        { name: 'collab-2', port: collab2 },
      ]);
      await Promise.all([apiProxy.listen(), collabProxy.listen()]);

      const shared = { DATABASE_URL: db.databaseUrl, REDIS_URL: testConfig().redisUrl, REDIS_PREFIX: prefix };
      const api = (port: number) => ({
        ...shared,
        API_HOST: '127.0.0.1',
        API_PORT: String(port),
        COLLAB_TOKEN_SECRET: SECRET,
        COLLAB_PUBLIC_URL: `ws://127.0.0.1:${collabProxy.port}`, // grants send editors through the proxy
        DB_MIGRATE_ON_START: 'false',
        SWAGGER: 'false',
      });
      // A short lock: a SIGKILLed worker's jobs are re-delivered 2 s after its last lock renewal.
      const worker = (env: Record<string, string> = {}) => ({
        ...shared,
        WORKER_HEALTH_PORT: '-1',
        WORKER_LOCK_MS: '2000',
        ...env,
      });
      const collab = (port: number) => ({
        ...shared,
        COLLAB_HOST: '127.0.0.1',
        COLLAB_PORT: String(port),
        COLLAB_TOKEN_SECRET: SECRET,
        COLLAB_REDIS: 'on',
        STORE_DEBOUNCE_MS: '200',
        STORE_MAX_DEBOUNCE_MS: '1000',
      });
      nodes.push(
        spawnNode('api-1', 'api', api1, api(api1)),
        spawnNode('api-2', 'api', api2, api(api2)),
        // worker-1 takes jobs like the others but each render stalls (test-only knob), so when it is SIGKILLed it
        // certainly dies holding jobs mid-render: the kill is never a lucky miss.
        spawnNode('worker-1', 'worker', 0, worker({ WORKER_TEST_RENDER_DELAY_MS: '600000' })),
        spawnNode('worker-2', 'worker', 0, worker()),
        spawnNode('worker-3', 'worker', 0, worker()),
        spawnNode('collab-1', 'collab', collab1, collab(collab1)),
        spawnNode('collab-2', 'collab', collab2, collab(collab2)),
      );
      const booting = Date.now();
      // The servers need only the migrated schema to start: seed the demo data while they boot.
      await Promise.all([seedDemo(db.orm.em.fork()), ...nodes.map((n) => untilUp(n, 150_000))]);
      console.info(`scale-out: 7 processes up in ${((Date.now() - booting) / 1000).toFixed(1)} s`);
    }, 200_000);

    afterAll(async () => {
      editors.forEach((e) => e.provider.destroy());
      await Promise.all(nodes.map((n) => n.kill()));
      await apiProxy?.close();
      await collabProxy?.close();
      const redis = new Redis(testConfig().redisUrl);
      await cleanRedisPrefix(redis, prefix);
      redis.disconnect();
      await db?.dispose();
    }, 60_000);

    /** This test's postmortem rows (its keys) matching `where`, read from the database every process writes. */
    const ours = { idempotencyKey: { $like: 'scale-%' } };
    const countRows = (where: Record<string, unknown> = {}) =>
      db.orm.em.fork().count(Postmortem, { ...ours, ...where });

    it('generates every postmortem exactly once and keeps every document converged through two SIGKILLs', async () => {
      const apiUrl = `http://127.0.0.1:${apiProxy.port}`;
      const documentsBefore = await db.orm.em.fork().count(Document, {});

      // Sign in every demo user who may write, each with their own client, all through the proxy.
      const writers = DEMO_USERS.filter((u) => u.role !== 'read_only');
      const clients: ApiClient[] = await Promise.all(
        writers.map(async (u) => {
          let token = '';
          const client = createApiClient({ baseUrl: apiUrl, getToken: () => token });
          token = (await client.login({ email: u.email, password: DEMO_PASSWORD })).token;
          return client;
        }),
      );
      // Incidents every one of them may see (the private demo incident is left out), and every seeded template.
      const visible = await Promise.all(clients.map((c) => c.listIncidents()));
      const incidentIds = visible[0]!.items
        .map((i) => i.id)
        .filter((id) => visible.every((v) => v.items.some((i) => i.id === id)));
      const templateIds = (await clients[0]!.listTemplates()).items.map((t) => t.id);
      expect(incidentIds.length).toBeGreaterThanOrEqual(5);
      expect(templateIds.length).toBeGreaterThanOrEqual(2);

      const requests: Request[] = Array.from({ length: GENERATE }, (_, i) => ({
        user: i % clients.length,
        incidentId: incidentIds[i % incidentIds.length]!,
        templateId: templateIds[i % templateIds.length]!,
        key: `scale-${randomUUID()}`,
      }));
      const send = async (r: Request) => {
        const pm = await clients[r.user]!.generatePostmortem(
          r.incidentId,
          { templateId: r.templateId },
          r.key,
        );
        return pm.id;
      };
      const generating = pool(requests, IN_FLIGHT, async (r) => {
        r.id = await send(r);
      });
      // A failed request fails the test at once, not when the next wait times out.
      const failed = generating.then(() => new Promise<never>(() => undefined));
      failed.catch(() => undefined);
      const until = <T>(check: () => T | Promise<T>, interval = 100) =>
        Promise.race([waitFor(check, { timeout: LONG, interval }), failed]);
      const t0 = Date.now();
      const phases: string[] = [];
      const phase = (what: string) => phases.push(`${what} ${((Date.now() - t0) / 1000).toFixed(1)} s`);

      // The first postmortems ready become the shared documents; 5 editors each, signed in as different users.
      const docRows = await until(async () => {
        const rows = await db.orm.em
          .fork()
          .find(
            Postmortem,
            { ...ours, generationState: 'ready' },
            { limit: DOCUMENTS, orderBy: { id: 'asc' } },
          );
        return rows.length === DOCUMENTS ? rows : null;
      }, 200);
      for (let i = 0; i < EDITORS; i++) {
        const pm = docRows[Math.floor(i / (EDITORS / DOCUMENTS))]!;
        const grant = await clients[i % clients.length]!.createCollabToken(pm.id);
        expect(grant.collabUrl).toBe(`ws://127.0.0.1:${collabProxy.port}`);
        editors.push(openEditor(grant.collabUrl, grant.documentName, grant.token, `e${i}`));
      }
      await until(() => editors.every((e) => e.provider.synced));
      expect(editors.map((e) => e.authFailed).filter(Boolean)).toEqual([]);
      // Round robin put half the editors on each collab node, and every document has editors on both.
      expect([collabProxy.openTunnels('collab-1'), collabProxy.openTunnels('collab-2')]).toEqual([
        EDITORS / 2,
        EDITORS / 2,
      ]);
      const stops = editors.map((e) => startTyping(e, TYPE_EVERY_MS));
      phase('editors typing');

      // Fault 1, mid-run: SIGKILL the worker holding jobs mid-render once a third of the postmortems are ready.
      await until(async () => (await countRows({ generationState: 'ready' })) >= GENERATE / 3, 200);
      await node('worker-1').kill();
      phase('worker-1 killed');

      // Fault 2, mid-run: SIGKILL a collab node while all 20 editors are typing.
      await until(() => editors.every((e) => e.typed.length >= 3));
      await node('collab-2').kill();
      phase('collab-2 killed');
      // Its editors see the close, reconnect through the proxy (which now only reaches collab-1) and resync.
      await until(() => editors.filter((e) => e.closes > 0).length >= EDITORS / 2);
      await until(() => editors.every((e) => e.closes === 0 || e.resynced));
      phase('editors resynced');
      expect([collabProxy.openTunnels('collab-1'), collabProxy.openTunnels('collab-2')]).toEqual([
        EDITORS,
        0,
      ]);
      // Everyone keeps typing a little on the surviving node, then stops.
      const typedAtResync = editors.map((e) => e.typed.length);
      await until(() => editors.every((e, i) => e.typed.length >= typedAtResync[i]! + 3));
      stops.forEach((stop) => stop());

      // Every postmortem is produced (none failed), then clients retry some requests with the same keys.
      await generating;
      phase('all requests answered');
      let failedRows = 0;
      await until(async () => {
        failedRows = await countRows({ generationState: 'failed' });
        return failedRows > 0 || (await countRows({ generationState: 'ready' })) === GENERATE;
      }, 250);
      expect(failedRows).toBe(0);
      phase('all ready');
      for (const r of requests.slice(0, REPLAYS)) expect(await send(r)).toBe(r.id);

      // Exactly once: one row per request, each ready with its own document, and no other document was created.
      const ids = requests.map((r) => r.id!);
      expect(new Set(ids).size).toBe(GENERATE);
      const rows = await db.orm.em.fork().find(Postmortem, { id: { $in: ids } });
      expect(rows).toHaveLength(GENERATE);
      expect(rows.filter((p) => p.generationState !== 'ready' || !p.document)).toEqual([]);
      expect(new Set(rows.map((p) => p.document!.id)).size).toBe(GENERATE);
      expect(await countRows()).toBe(GENERATE);
      expect(await db.orm.em.fork().count(Document, {})).toBe(documentsBefore + GENERATE);
      // worker-1's jobs were re-delivered to the survivors and rendered again, still into one document each.
      const redelivered = rows.filter((p) => p.attempts >= 2).length;
      expect(redelivered).toBeGreaterThanOrEqual(1);
      // Both API processes served the load.
      expect(apiProxy.requests.get('api-1')).toBeGreaterThan(GENERATE / 4);
      expect(apiProxy.requests.get('api-2')).toBeGreaterThan(GENERATE / 4);

      // Converged: per document, every editor holds the same operations and the same content...
      const byDoc = Map.groupBy(editors, (e) => e.documentName);
      expect(byDoc.size).toBe(DOCUMENTS);
      const same = (a: Y.Doc, b: Y.Doc) => sameState(a, b) && fragmentOf(a) === fragmentOf(b);
      await until(
        () =>
          editors.every(settled) &&
          [...byDoc.values()].every((group) => group.every((e) => same(e.doc, group[0]!.doc))),
      );
      // ...with no character lost: every token any editor typed, online or offline, is in its document...
      for (const group of byDoc.values()) {
        const text = fragmentOf(group[0]!.doc);
        expect(group.flatMap((e) => e.typed).filter((t) => !text.includes(t))).toEqual([]);
      }
      // ...and the stored document (written by the surviving node) equals what the editors hold.
      for (const [i, pm] of docRows.entries()) {
        const editor = editors[i * (EDITORS / DOCUMENTS)]!;
        await until(async () => {
          const row = await db.orm.em
            .fork()
            .findOneOrFail(Document, { id: pm.document!.id }, { populate: ['yState'] });
          const stored = new Y.Doc();
          Y.applyUpdate(stored, new Uint8Array(row.yState));
          return same(stored, editor.doc);
        }, 250);
      }
      phase('converged and stored');
      const tokens = editors.reduce((n, e) => n + e.typed.length, 0);
      expect(tokens).toBeGreaterThanOrEqual(EDITORS * 6);
      console.info(
        `scale-out: ${GENERATE} postmortems (${redelivered} re-delivered after the worker kill, ${REPLAYS} ` +
          `same-key retries), API requests ${[...apiProxy.requests.values()].join(' / ')}, ${tokens} tokens ` +
          `typed by ${EDITORS} editors; ${phases.join(', ')}`,
      );
    });
  },
);
