/* global process, console -- a Node script */
// Cost of the server-side comment rules on ordinary typing: per text update, Y.applyUpdate alone (what collab did
// before) vs the guard's fast path (touchesComments) + Y.applyUpdate, on the same updates in the same run, on a
// ~20 KB document with 10 threads. Also the slow path (scratch copy + compare) for one comment reply.
// Run: `pnpm --filter @pm/collab build && node apps/collab/bench/comments-guard.bench.mjs`.
import { performance } from 'node:perf_hooks';
import { addReply, createThread, YJS_FRAGMENT } from '@pm/doc-model';
import * as Y from 'yjs';
import { touchesComments } from '../dist/comments-touch.js';
import { check } from '../dist/extensions/comments.extension.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const KEYS = 2000;
const ADA = { id: 'ada', name: 'Ada' };

function seed() {
  const doc = new Y.Doc();
  const frag = doc.getXmlFragment(YJS_FRAGMENT);
  for (let i = 0; i < 250; i++) {
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText(`Paragraph ${i}: the connection pool went stale after the payments deploy.`)]);
    frag.push([p]);
  }
  const anchor = Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(frag.get(0), 0));
  for (let i = 0; i < 10; i++)
    createThread(doc, { from: anchor, to: anchor, quote: 'q', author: ADA, body: 'b' });
  return doc;
}

/** KEYS single-character updates typed by a client into the middle of the document. */
function typing(base) {
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(base));
  const text = client.getXmlFragment(YJS_FRAGMENT).get(125).get(0);
  const out = [];
  client.on('update', (u) => out.push(u));
  for (let i = 0; i < KEYS; i++) text.insert(10 + i, 'x');
  return out;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const base = seed();
const state = Y.encodeStateAsUpdate(base);
const updates = typing(base);
const before = [];
const after = [];
for (let r = 0; r <= RUNS; r++) {
  const plain = new Y.Doc();
  const guarded = new Y.Doc();
  Y.applyUpdate(plain, state);
  Y.applyUpdate(guarded, state);
  let tPlain = 0;
  let tGuarded = 0;
  for (const u of updates) {
    let t = performance.now();
    Y.applyUpdate(plain, u);
    tPlain += performance.now() - t;
    t = performance.now();
    if (touchesComments(guarded, u)) throw new Error('typing took the slow path');
    Y.applyUpdate(guarded, u);
    tGuarded += performance.now() - t;
  }
  if (r > 0) {
    before.push((tPlain / KEYS) * 1000);
    after.push((tGuarded / KEYS) * 1000);
  }
}
const client = new Y.Doc();
Y.applyUpdate(client, state);
const reply = [];
client.on('update', (u) => reply.push(u));
addReply(client, [...client.getMap('comments').keys()][0], ADA, 'a reply');
const slow = [];
for (let r = 0; r < RUNS * 10; r++) {
  const t = performance.now();
  if (check(base, reply[0], ADA.id, false) !== null) throw new Error('reply refused');
  slow.push(performance.now() - t);
}
const b = median(before);
const a = median(after);
console.log(`document ${state.byteLength} bytes, ${KEYS} typed characters, ${RUNS} runs (medians)`);
console.log(`text update, apply only (before): ${b.toFixed(1)} µs`);
console.log(
  `text update, fast check + apply (after): ${a.toFixed(1)} µs  (+${(a - b).toFixed(1)} µs, ×${(a / b).toFixed(2)})`,
);
console.log(`comment reply, slow path check (scratch copy + compare): ${median(slow).toFixed(2)} ms`);
