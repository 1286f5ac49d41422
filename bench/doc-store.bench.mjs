// C3 — load/store a 10 KB / 150 KB / 2 MB document through the ORM (@pm/db storeDocumentState / loadDocumentState)
// vs the raw driver (better-sqlite3 / pg), on SQLite and PostgreSQL, same run, against two baselines:
//  - the same statements on the same `documents` table (its search index included: PostgreSQL's generated
//    tsvector, SQLite's FTS triggers), which is what our layer adds to: target ours ÷ raw ≥ 0.5;
//  - an upsert into a bare table with no index but its key (the floor: what storing bytes costs; reported).
// Load p99 reported. One warm-up, RUNS measured runs.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDocument, loadDocumentState, migrateUp, openOrm, storeDocumentState } from '@pm/db';
import Database from 'better-sqlite3';
import pg from 'pg';
import * as Y from 'yjs';
import { fmt, line, pct, rowContext, RUNS, spread } from './lib/stats.mjs';

const PG_URL = process.env.PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
const SIZES = [
  ['10 KB', 10_000, 200],
  ['150 KB', 150_000, 60],
  ['2 MB', 2_000_000, 8],
];

/** A document of about `bytes` of Yjs state, with the JSON and text collab stores next to it. */
function documentOf(bytes) {
  const doc = new Y.Doc();
  const frag = doc.getXmlFragment('default');
  const para = randomBytes(Math.ceil(bytes / 2))
    .toString('hex')
    .match(/.{1,2000}/g);
  frag.insert(
    0,
    para.map((t) => {
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText(t)]);
      return p;
    }),
  );
  const text = para.join('\n');
  return {
    yState: Y.encodeStateAsUpdate(doc),
    json: {
      type: 'doc',
      content: para.map((t) => ({ type: 'paragraph', content: [{ type: 'text', text: t }] })),
    },
    text,
  };
}

async function measure(iterations, store, load) {
  const t0 = performance.now();
  for (let i = 0; i < iterations; i++) await store();
  const storeOps = iterations / ((performance.now() - t0) / 1000);
  const loads = [];
  for (let i = 0; i < iterations; i++) {
    const s = performance.now();
    await load();
    loads.push(performance.now() - s);
  }
  const loadOps = iterations / (loads.reduce((a, b) => a + b, 0) / 1000);
  return { storeOps, loadOps, loadP50: pct(loads, 50), loadP99: pct(loads, 99) };
}

async function bench(kind, orm, same, bare) {
  console.log(`\n== ${kind} ==`);
  for (const [label, bytes, iterations] of SIZES) {
    const input = documentOf(bytes);
    const em = orm.em.fork();
    const row = createDocument(em, input);
    const other = createDocument(em, input); // the raw driver's row in the same table
    await em.flush();
    const id = row.id;
    await bare.upsert(id, input);
    const ours = () =>
      measure(
        iterations,
        () => storeDocumentState(orm.em, id, input),
        () => loadDocumentState(orm.em, id),
      );
    const viaRaw = (raw, rowId) => () =>
      measure(
        iterations,
        () => raw.upsert(rowId, input),
        () => raw.load(rowId),
      );
    const sameRun = viaRaw(same, other.id);
    const bareRun = viaRaw(bare, id);
    await ours(); // warm-up
    await sameRun();
    await bareRun();
    const o = [],
      t = [],
      b = [];
    for (let r = 0; r < RUNS; r++) {
      o.push(await ours());
      t.push(await sameRun());
      b.push(await bareRun());
    }
    const med = (arr, k) => spread(arr.map((x) => x[k]));
    console.log(
      `${label}: state ${(input.yState.byteLength / 1024).toFixed(0)} KiB, ${iterations} ops per run`,
    );
    rowContext.db = kind.toLowerCase();
    for (const [what, base, target] of [
      ['same table', t, '≥ 0.5'],
      ['bare table (floor)', b, 'reported'],
    ]) {
      rowContext.prefix = `C3 ${label} vs raw driver, ${what}, `;
      const [so, sb, lo, lb] = [
        med(o, 'storeOps'),
        med(base, 'storeOps'),
        med(o, 'loadOps'),
        med(base, 'loadOps'),
      ];
      line(`store ops/s`, fmt(so, 1), fmt(sb, 1), so.median / sb.median, target);
      line(`load ops/s`, fmt(lo, 1), fmt(lb, 1), lo.median / lb.median, target);
    }
    const p99o = med(o, 'loadP99'),
      p99b = med(t, 'loadP99'),
      p50o = med(o, 'loadP50'),
      p50b = med(t, 'loadP50');
    console.log(
      `  load p50 ms ours ${fmt(p50o)} raw (same table) ${fmt(p50b)} | load p99 ms ours ${fmt(p99o)} raw ${fmt(p99b)}`,
    );
  }
}

const dir = await mkdtemp(join(tmpdir(), 'pm-bench-c3-'));
const file = join(dir, 'c3.db');
try {
  // SQLite: the ORM (WAL, busy timeout, same driver better-sqlite3) vs better-sqlite3 directly on the same file.
  const sqliteOrm = await openOrm({ databaseUrl: `sqlite:${file}` });
  await migrateUp(sqliteOrm);
  const sdb = new Database(file);
  sdb.pragma('journal_mode = WAL');
  sdb.pragma('synchronous = NORMAL');
  sdb.exec(
    'create table raw_docs (id text primary key, y_state blob, json text, text text, version integer)',
  );
  const up = sdb.prepare(
    'insert into raw_docs (id, y_state, json, text, version) values (?, ?, ?, ?, 1) on conflict(id) do update set y_state = excluded.y_state, json = excluded.json, text = excluded.text, version = version + 1',
  );
  const sel = sdb.prepare('select y_state from raw_docs where id = ?');
  // The statements storeDocumentState / loadDocumentState run, prepared once on the raw driver.
  const upd = sdb.prepare(
    'update documents set y_state = ?, json = ?, text = ?, updated_at = ?, version = version + 1 where id = ? returning version',
  );
  const selDoc = sdb.prepare('select y_state from documents where id = ?');
  await bench(
    'SQLite',
    sqliteOrm,
    {
      upsert: async (id, d) =>
        void upd.get(Buffer.from(d.yState), JSON.stringify(d.json), d.text, Date.now(), id),
      load: async (id) => selDoc.get(id).y_state,
    },
    {
      upsert: async (id, d) => void up.run(id, Buffer.from(d.yState), JSON.stringify(d.json), d.text),
      load: async (id) => sel.get(id).y_state,
    },
  );
  sdb.close();
  await sqliteOrm.close(true);

  // PostgreSQL: own schema, dropped afterwards.
  const schema = `bench_c3_${randomBytes(4).toString('hex')}`;
  const pgOrm = await openOrm({ databaseUrl: PG_URL, schema });
  await migrateUp(pgOrm);
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  await client.query(
    `create table "${schema}".raw_docs (id uuid primary key, y_state bytea, json jsonb, text text, version int)`,
  );
  try {
    await bench(
      'PostgreSQL',
      pgOrm,
      {
        upsert: (id, d) =>
          client.query(
            `update "${schema}".documents set y_state = $1, json = $2, text = $3, updated_at = $4, version = version + 1 where id = $5 returning version`,
            [Buffer.from(d.yState), JSON.stringify(d.json), d.text, new Date(), id],
          ),
        load: (id) =>
          client
            .query(`select y_state from "${schema}".documents where id = $1`, [id])
            .then((r) => r.rows[0].y_state),
      },
      {
        upsert: (id, d) =>
          client.query(
            `insert into "${schema}".raw_docs values ($1, $2, $3, $4, 1) on conflict (id) do update set y_state = excluded.y_state, json = excluded.json, text = excluded.text, version = raw_docs.version + 1`,
            [id, Buffer.from(d.yState), JSON.stringify(d.json), d.text],
          ),
        load: (id) =>
          client
            .query(`select y_state from "${schema}".raw_docs where id = $1`, [id])
            .then((r) => r.rows[0].y_state),
      },
    );
  } finally {
    await client.query(`drop schema "${schema}" cascade`);
    await client.end();
    await pgOrm.close(true);
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
