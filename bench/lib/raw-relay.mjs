// The raw baseline for C1/C2: a y-websocket-style relay (y-protocols + ws), one Y.Doc per room, no auth,
// no persistence, no awareness bookkeeping. Prints its port on stdout.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { WebSocketServer } from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';

const rooms = new Map();
function room(name) {
  let r = rooms.get(name);
  if (!r) {
    const doc = new Y.Doc();
    r = { doc, conns: new Set() };
    doc.on('update', (update, origin) => {
      const enc = encoding.createEncoder();
      encoding.writeVarUint(enc, 0);
      syncProtocol.writeUpdate(enc, update);
      const msg = encoding.toUint8Array(enc);
      for (const c of r.conns) if (c !== origin && c.readyState === 1) c.send(msg);
    });
    rooms.set(name, r);
  }
  return r;
}

const wss = new WebSocketServer({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
wss.on('connection', (ws, req) => {
  const r = room(req.url ?? '/');
  r.conns.add(ws);
  ws.binaryType = 'arraybuffer';
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, 0);
  syncProtocol.writeSyncStep1(enc, r.doc);
  ws.send(encoding.toUint8Array(enc));
  ws.on('message', (data) => {
    const dec = decoding.createDecoder(new Uint8Array(data));
    const reply = encoding.createEncoder();
    if (decoding.readVarUint(dec) !== 0) return; // awareness etc. ignored
    encoding.writeVarUint(reply, 0);
    syncProtocol.readSyncMessage(dec, reply, r.doc, ws);
    if (encoding.length(reply) > 1) ws.send(encoding.toUint8Array(reply));
  });
  ws.on('close', () => r.conns.delete(ws));
});
wss.on('listening', () => console.log(`PORT ${wss.address().port}`));
