import { COMMENTS_MAP } from '@pm/doc-model';
import * as Y from 'yjs';

/*
 * Does an incoming Yjs update change the comments map? Answered from the update's structure, without applying it,
 * so ordinary typing (the overwhelming majority of updates) pays only a decode and a few lookups, and only updates
 * that touch comments (or that we cannot place) take the slow path of applying to a scratch copy and comparing.
 *
 * A decoded item names its parent as a root type's key (string), as the id of the item that holds its parent type,
 * or not at all (then it lives where its left/right origin lives). Deletions name items by id: those live in the
 * document. Anything we cannot place (an id we do not know, a garbage-collected item, pending updates) counts as
 * touching comments: the slow path is always correct, the fast path only skips it when it is sure.
 */

type Decoded = ReturnType<typeof Y.decodeUpdate>;
type DecodedStruct = Decoded['structs'][number];
type Id = { client: number; clock: number };
/** Root key of where something lives; `undefined` when it cannot be placed. */
type Root = string | undefined;

const UNKNOWN: Root = undefined;
const mayBeComments = (root: Root) => root === UNKNOWN || root === COMMENTS_MAP;

/** True when `update` may change {@link COMMENTS_MAP} in `doc` (false only when certainly not). */
export function touchesComments(doc: Y.Doc, update: Uint8Array): boolean {
  // An update waiting for a missing dependency could be completed by this one and land in the comments unseen.
  if (doc.store.pendingStructs || doc.store.pendingDs) return true;
  let decoded: Decoded;
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    return true; // malformed: let the slow path (and Yjs itself) deal with it
  }
  const local = byClient(decoded.structs);
  const memo = new Map<DecodedStruct, Root>();

  const rootOfDocItem = (id: Id): Root => {
    const structs = doc.store.clients.get(id.client);
    if (!structs || id.clock >= Y.getState(doc.store, id.client)) return UNKNOWN;
    const item = structs[Y.findIndexSS(structs, id.clock)];
    if (!(item instanceof Y.Item)) return UNKNOWN;
    let type = item.parent as Y.AbstractType<unknown> | null;
    if (!type) return UNKNOWN;
    while (type._item) type = type._item.parent as Y.AbstractType<unknown>;
    return Y.findRootTypeKey(type);
  };

  const rootOfId = (id: Id): Root => {
    const mine = find(local, id);
    return mine ? rootOfDecoded(mine) : rootOfDocItem(id);
  };

  const rootOfDecoded = (s: DecodedStruct): Root => {
    if (!(s instanceof Y.Item)) return UNKNOWN;
    if (memo.has(s)) return memo.get(s);
    memo.set(s, UNKNOWN); // a cycle in a crafted update stays unknown
    const parent = s.parent as unknown;
    let root: Root;
    if (typeof parent === 'string') root = parent;
    else if (parent && typeof parent === 'object' && 'client' in parent) root = rootOfId(parent as Id);
    else if (s.origin) root = rootOfId(s.origin);
    else if (s.rightOrigin) root = rootOfId(s.rightOrigin);
    else root = UNKNOWN;
    memo.set(s, root);
    return root;
  };

  for (const s of decoded.structs) {
    if (!(s instanceof Y.Item)) continue; // GC and Skip structs carry no content
    if (mayBeComments(rootOfDecoded(s))) return true;
  }
  for (const [client, ranges] of decoded.ds.clients) {
    for (const { clock, len } of ranges) {
      if (deletesComments(doc, local, client, clock, len, rootOfId)) return true;
    }
  }
  return false;
}

/** Whether a deleted range covers anything that lives in the comments map (or anything we cannot place). */
function deletesComments(
  doc: Y.Doc,
  local: Map<number, DecodedStruct[]>,
  client: number,
  clock: number,
  len: number,
  rootOfId: (id: Id) => Root,
): boolean {
  const end = clock + len;
  const known = Y.getState(doc.store, client);
  const structs = doc.store.clients.get(client);
  // The part of the range beyond what the document has must be in this update itself.
  if (end > known) {
    const mine = local.get(client) ?? [];
    for (const s of mine) {
      if (s.id.clock + s.length <= Math.max(clock, known) || s.id.clock >= end) continue;
      if (mayBeComments(rootOfId(s.id))) return true;
    }
  }
  if (!structs || clock >= known) return false;
  for (let i = Y.findIndexSS(structs, clock); i < structs.length; i++) {
    const s = structs[i]!;
    if (s.id.clock >= end) break;
    if (s.deleted) continue; // already gone: deleting it again changes nothing
    if (mayBeComments(rootOfId(s.id))) return true;
  }
  return false;
}

function byClient(structs: DecodedStruct[]): Map<number, DecodedStruct[]> {
  const out = new Map<number, DecodedStruct[]>();
  for (const s of structs) {
    const list = out.get(s.id.client);
    if (list) list.push(s);
    else out.set(s.id.client, [s]);
  }
  for (const list of out.values()) list.sort((a, b) => a.id.clock - b.id.clock);
  return out;
}

/** The decoded struct covering `id`, by binary search over its client's structs. */
function find(local: Map<number, DecodedStruct[]>, id: Id): DecodedStruct | undefined {
  const list = local.get(id.client);
  if (!list) return undefined;
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = list[mid]!;
    if (id.clock < s.id.clock) hi = mid - 1;
    else if (id.clock >= s.id.clock + s.length) lo = mid + 1;
    else return s;
  }
  return undefined;
}
