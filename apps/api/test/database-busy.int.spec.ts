// SQLite's write lock held by another process longer than busy_timeout (e.g. a stuck script, a backup holding a
// write transaction): the request that needed it gets a clear 503 with a stable code, and the API keeps working
// once the lock is free. Before the fix the failed BEGIN leaked the process's connection lock and the API hung.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { startApi } from './harness.js';

describe('SQLite write lock held by another process', () => {
  it('answers 503 DATABASE_UNAVAILABLE, then the same request succeeds once the lock is free', async () => {
    const h = await startApi('sqlite');
    try {
      const auth = { authorization: `Bearer ${await h.login('standard@example.com')}` };
      const incidentId = (await h.http().get('/incidents').set(auth).expect(200)).body.items[0].id as string;
      const templates = (await h.http().get('/templates').set(auth).expect(200)).body.items;
      const templateId = templates.find((t: { isDefault: boolean }) => t.isDefault).id as string;
      const file = h.db.databaseUrl.replace(/^sqlite:/, '');
      const child = spawn(
        process.execPath,
        [
          '-e',
          `const { DatabaseSync } = require('node:sqlite');
           const db = new DatabaseSync(${JSON.stringify(file)});
           db.exec('begin immediate');
           process.stdout.write('locked\\n');
           process.stdin.once('data', () => { db.exec('commit'); db.close(); process.exit(0); });`,
        ],
        { stdio: ['pipe', 'pipe', 'inherit'] },
      );
      const exited = new Promise<number | null>((r) => child.on('exit', r));
      await new Promise<void>((r) => child.stdout.once('data', () => r()));

      const generate = () =>
        h
          .http()
          .post(`/incidents/${incidentId}/postmortems`)
          .set(auth)
          .set('idempotency-key', 'busy-db-1')
          .send({ templateId });
      const busy = await generate();
      expect(busy.status).toBe(503);
      expect(busy.body.code).toBe('DATABASE_UNAVAILABLE');
      expect(busy.headers['retry-after']).toBe('1');
      // Reads do not need the write lock (WAL): the list still answers, without the refused postmortem.
      const during = await h.http().get(`/incidents/${incidentId}/postmortems`).set(auth).expect(200);

      child.stdin!.write('go\n');
      expect(await exited).toBe(0);
      const retried = await generate();
      expect(retried.status).toBe(202);
      const after = await h.http().get(`/incidents/${incidentId}/postmortems`).set(auth).expect(200);
      expect(after.body.items.length).toBe(during.body.items.length + 1);
      expect(after.body.items.map((p: { id: string }) => p.id)).toContain(retried.body.id);
    } finally {
      await h.close();
    }
  }, 60_000);
});
