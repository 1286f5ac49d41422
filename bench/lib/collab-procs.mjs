// Child processes for the collab benchmarks: our collab server (built apps/collab) and the raw relay.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HocuspocusProvider } from '@hocuspocus/provider';
import { signCollabToken } from '@pm/auth';
import { documentNameFor } from '@pm/contracts';
import { createDocument, migrateUp, openOrm } from '@pm/db';
import { DOC_SCHEMA_VERSION } from '@pm/doc-model';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { databaseFor, dropDatabase } from './db.mjs';
import { childNodeOptions, sleep } from './stats.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const COLLAB_MAIN = resolve(here, '../../apps/collab/dist/main.js');
export const SECRET = 'bench-collab-secret-0123456789';
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const children = new Set();
process.on('exit', () => children.forEach((c) => c.kill('SIGKILL')));

export const freePort = () =>
  new Promise((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });

/** The child's NODE_OPTIONS (its own, e.g. heap snapshots, and the profiling ones) when there are any. */
const nodeOptions = (own) => {
  const options = childNodeOptions(own);
  return options ? { NODE_OPTIONS: options } : {};
};

function child(args, env) {
  const c = spawn(process.execPath, args, {
    env: { ...process.env, ...env, ...nodeOptions(env.NODE_OPTIONS) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.add(c);
  return c;
}
export const pidOf = (c) => c.pid;

/** A migrated temp SQLite database with `count` documents (content + two comment threads, so comments are on). */
export async function seededDatabase(count = 1) {
  const dir = await mkdtemp(join(tmpdir(), 'pm-bench-collab-'));
  // BENCH_DB=postgresql: a fresh schema, dropped by cleanup().
  const database = databaseFor('collab', dir);
  const url = database.databaseSchema
    ? `${database.databaseUrl}${database.databaseUrl.includes('?') ? '&' : '?'}schema=${database.databaseSchema}`
    : database.databaseUrl;
  const orm = await openOrm({ databaseUrl: url });
  await migrateUp(orm);
  const doc = new Y.Doc();
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText('Benchmark document '.repeat(50))]);
  doc.getXmlFragment('default').insert(0, [p]);
  const threads = doc.getMap('comments');
  for (const id of ['t1', 't2']) {
    const t = new Y.Map();
    t.set('quote', 'Benchmark');
    t.set('resolved', false);
    t.set('comments', Y.Array.from([new Y.Map([['body', 'why?']])]));
    threads.set(id, t);
  }
  const em = orm.em.fork();
  const rows = Array.from({ length: count }, () =>
    createDocument(em, { yState: Y.encodeStateAsUpdate(doc), json: { type: 'doc', content: [] }, text: '' }),
  );
  await em.flush();
  await orm.close(true);
  const ids = rows.map((r) => r.id);
  return {
    url,
    documentId: ids[0],
    documentIds: ids,
    /** The documents' Yjs state (all alike): a raw relay given it holds the same content per room. */
    yState: Y.encodeStateAsUpdate(doc),
    cleanup: async () => {
      await dropDatabase(database.target);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** RSS of a process in bytes (Linux /proc). */
export async function rssOf(pid) {
  const { readFile } = await import('node:fs/promises');
  const m = /VmRSS:\s+(\d+) kB/.exec(await readFile(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : NaN;
}

/** With a directory: the child writes a heap snapshot there on SIGUSR2 (see {@link liveHeapBytes}). */
const snapshotEnv = (heapDir) =>
  heapDir ? { NODE_OPTIONS: `--heapsnapshot-signal=SIGUSR2 --diagnostic-dir=${heapDir}` } : {};

/**
 * Live heap of a child started with a heap directory: V8 writes a snapshot after a full GC, so this is what the
 * process really keeps (JS objects, code, and ArrayBuffer contents), not RSS, which also counts heap space V8
 * reserved while busy and has not returned. Sums every node's self size except compiled code (bytecode, machine
 * code, feedback vectors): the JIT compiles more of the server while the measured connections open, a one-time cost
 * of the process that a heap diff of one collab server put at ≈ 18 % of its growth, not something a connection
 * keeps. The snapshot file is removed.
 */
export async function liveHeapBytes(proc, heapDir) {
  const { readdir, readFile, unlink } = await import('node:fs/promises');
  const before = new Set(await readdir(heapDir));
  proc.kill('SIGUSR2');
  for (;;) {
    const file = (await readdir(heapDir)).find((f) => !before.has(f) && f.endsWith('.heapsnapshot'));
    if (file) {
      let snap;
      try {
        snap = JSON.parse(await readFile(join(heapDir, file), 'utf8')); // complete once it parses
      } catch {
        await sleep(100);
        continue;
      }
      await unlink(join(heapDir, file));
      const fields = snap.snapshot.meta.node_fields;
      const self = fields.indexOf('self_size');
      const type = fields.indexOf('type');
      const code = snap.snapshot.meta.node_types[type].indexOf('code');
      let total = 0;
      for (let i = 0; i < snap.nodes.length; i += fields.length)
        if (snap.nodes[i + type] !== code) total += snap.nodes[i + self];
      return total;
    }
    await sleep(100);
  }
}

/** Starts one collab server process on the shared DB and Redis prefix; resolves with its ws URL. */
export async function startCollab(databaseUrl, prefix, redis = 'on', heapDir = undefined) {
  const port = await freePort();
  const c = child([COLLAB_MAIN], {
    ...snapshotEnv(heapDir),
    NODE_ENV: 'production',
    COLLAB_PORT: String(port),
    DATABASE_URL: databaseUrl,
    REDIS_URL,
    REDIS_PREFIX: prefix,
    COLLAB_REDIS: redis,
    COLLAB_TOKEN_SECRET: SECRET,
    LOG_LEVEL: 'error',
  });
  for (let i = 0; i < 200; i++) {
    if (
      await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await sleep(50);
  }
  return { url: `ws://127.0.0.1:${port}`, proc: c };
}

/**
 * Starts the raw relay process; resolves with its ws URL. Relays given the same `redisPrefix` pass updates to each
 * other over Redis (C1's two-process baseline); with `initialState` (a Yjs update) every room starts with that
 * content, as our server's documents start with theirs (C2).
 */
export async function startRelay(heapDir = undefined, redisPrefix = undefined, initialState = undefined) {
  const c = child([resolve(here, 'raw-relay.mjs')], {
    ...snapshotEnv(heapDir),
    ...(redisPrefix ? { RELAY_REDIS_PREFIX: redisPrefix, REDIS_URL } : {}),
    ...(initialState ? { RELAY_INITIAL_STATE: Buffer.from(initialState).toString('base64') } : {}),
  });
  const port = await new Promise((ok) =>
    c.stdout.on('data', (d) => {
      const m = /PORT (\d+)/.exec(String(d));
      if (m) ok(Number(m[1]));
    }),
  );
  return { url: `ws://127.0.0.1:${port}`, proc: c };
}

/** A provider client of our server (token, auth, awareness as in the editor). */
export async function oursClient(url, documentId, i, awareness = true) {
  const doc = new Y.Doc();
  const { token } = await signCollabToken(
    {
      sub: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      name: `u${i}`,
      doc: documentId,
      ro: false,
      sv: DOC_SCHEMA_VERSION,
    },
    SECRET,
    3600,
  );
  let synced = false;
  const provider = new HocuspocusProvider({
    url,
    name: documentNameFor(documentId),
    document: doc,
    token,
    onSynced: () => (synced = true),
  });
  return {
    doc,
    isSynced: () => synced,
    close: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** A y-websocket-style client of the raw relay. */
export function rawClient(url, room) {
  const doc = new Y.Doc();
  const ws = new WebSocket(`${url}/${room}`);
  ws.binaryType = 'arraybuffer';
  let synced = false;
  ws.on('message', (data) => {
    const dec = decoding.createDecoder(new Uint8Array(data));
    if (decoding.readVarUint(dec) !== 0) return;
    const reply = encoding.createEncoder();
    encoding.writeVarUint(reply, 0);
    const type = syncProtocol.readSyncMessage(dec, reply, doc, ws);
    if (type === 1) synced = true;
    if (encoding.length(reply) > 1) ws.send(encoding.toUint8Array(reply));
  });
  ws.on('open', () => {
    const enc = encoding.createEncoder();
    encoding.writeVarUint(enc, 0);
    syncProtocol.writeSyncStep1(enc, doc);
    ws.send(encoding.toUint8Array(enc));
  });
  doc.on('update', (update, origin) => {
    if (origin === ws || ws.readyState !== 1) return;
    const enc = encoding.createEncoder();
    encoding.writeVarUint(enc, 0);
    syncProtocol.writeUpdate(enc, update);
    ws.send(encoding.toUint8Array(enc));
  });
  return {
    doc,
    isSynced: () => synced,
    close: () => {
      ws.close();
      doc.destroy();
    },
  };
}

export const uniquePrefix = (name) => `bench-${name}-${randomBytes(3).toString('hex')}`;
