// The raw baseline for C1/C2: a y-websocket-style relay (y-protocols + ws), one Y.Doc per room, no auth,
// no persistence, no awareness bookkeeping. Prints its port on stdout.
// With RELAY_REDIS_PREFIX set (C1's two-process baseline), relays sharing the prefix also pass every update over
// Redis pub/sub, one channel per room, as the least a scaled-out relay must do: an update from a local client is
// published once (prefixed with this relay's id so it skips its own echo); one from another relay is applied to the
// room's doc and sent to the local clients only.
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { WebSocketServer } from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';

const PREFIX = process.env.RELAY_REDIS_PREFIX;
const ID = randomBytes(8); // this relay, in every message it publishes
const FROM_REDIS = Symbol('redis');
const pub = PREFIX ? new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379') : null;
const sub = PREFIX ? new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379') : null;
const channelOf = (name) => `${PREFIX}:raw-relay:${name}`;

// RELAY_INITIAL_STATE (base64 Yjs update): every room opens with this content, like a document loaded from storage.
const INITIAL = process.env.RELAY_INITIAL_STATE
  ? Buffer.from(process.env.RELAY_INITIAL_STATE, 'base64')
  : null;

const rooms = new Map();
function room(name) {
  let r = rooms.get(name);
  if (!r) {
    const doc = new Y.Doc();
    if (INITIAL) Y.applyUpdate(doc, INITIAL);
    r = { doc, conns: new Set() };
    doc.on('update', (update, origin) => {
      const enc = encoding.createEncoder();
      encoding.writeVarUint(enc, 0);
      syncProtocol.writeUpdate(enc, update);
      const msg = encoding.toUint8Array(enc);
      for (const c of r.conns) if (c !== origin && c.readyState === 1) c.send(msg);
      if (pub && origin !== FROM_REDIS) void pub.publish(channelOf(name), Buffer.concat([ID, update]));
    });
    rooms.set(name, r);
    r.ready = sub ? sub.subscribe(channelOf(name)) : Promise.resolve();
  }
  return r;
}

sub?.on('messageBuffer', (channel, message) => {
  if (message.subarray(0, ID.length).equals(ID)) return; // our own update, already sent to our clients
  const name = String(channel).slice(`${PREFIX}:raw-relay:`.length);
  Y.applyUpdate(room(name).doc, message.subarray(ID.length), FROM_REDIS);
});

const wss = new WebSocketServer({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
wss.on('connection', (ws, req) => {
  const r = room(req.url ?? '/');
  r.conns.add(ws);
  ws.binaryType = 'arraybuffer';
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, 0);
  syncProtocol.writeSyncStep1(enc, r.doc);
  ws.send(encoding.toUint8Array(enc));
  const onMessage = (data) => {
    const dec = decoding.createDecoder(new Uint8Array(data));
    const reply = encoding.createEncoder();
    if (decoding.readVarUint(dec) !== 0) return; // awareness etc. ignored
    encoding.writeVarUint(reply, 0);
    syncProtocol.readSyncMessage(dec, reply, r.doc, ws);
    if (encoding.length(reply) > 1) ws.send(encoding.toUint8Array(reply));
  };
  // Over Redis: handled once the room's channel is subscribed (at once after the first client), in arrival order.
  ws.on('message', sub ? (data) => void r.ready.then(() => onMessage(data)) : onMessage);
  ws.on('close', () => r.conns.delete(ws));
});
wss.on('listening', () => console.log(`PORT ${wss.address().port}`));
