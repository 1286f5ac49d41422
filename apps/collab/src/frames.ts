/*
 * Reading the Hocuspocus frames a client sends, without applying them: the hooks that refuse an edit before it
 * reaches the document (size cap, comment rules) need the Yjs update inside a sync message.
 * A frame is: varString document name, varUint message type, then for Sync (0) and SyncReply (4, "same as Sync,
 * but won't trigger another SyncStep1") a varUint y-protocols step (0 = step 1, 1 = step 2, 2 = update) and, for
 * steps 1 and 2, a varUint8Array Yjs update.
 */

const MESSAGE_SYNC = 0;
const MESSAGE_SYNC_REPLY = 4;
const STEP_2 = 1;
const STEP_UPDATE = 2;

/** Reads a lib0 varUint at `pos`; returns [value, nextPos] (value -1 when the buffer ends first). */
function varUint(buf: Uint8Array, pos: number): [number, number] {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = buf[pos++];
    if (byte === undefined) return [-1, pos];
    value += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) return [value, pos];
    shift += 7;
  }
}

/** Where the sync step of a content-carrying frame starts, or -1 for any other frame. */
function contentStep(frame: Uint8Array): [step: number, pos: number] {
  const [nameLength, afterLength] = varUint(frame, 0);
  if (nameLength < 0) return [-1, 0];
  const [type, afterType] = varUint(frame, afterLength + nameLength);
  if (type !== MESSAGE_SYNC && type !== MESSAGE_SYNC_REPLY) return [-1, 0];
  const [step, afterStep] = varUint(frame, afterType);
  return step === STEP_2 || step === STEP_UPDATE ? [step, afterStep] : [-1, 0];
}

/** True for a frame that carries Yjs content (sync step 2 / update); awareness and step 1 do not. */
export function carriesContent(frame: Uint8Array): boolean {
  return contentStep(frame)[0] >= 0;
}

/** The Yjs update inside a content-carrying frame (a view, not a copy), or null for any other frame. */
export function updateOf(frame: Uint8Array): Uint8Array | null {
  const [step, pos] = contentStep(frame);
  if (step < 0) return null;
  const [length, start] = varUint(frame, pos);
  if (length < 0 || start + length > frame.length) return null;
  return frame.subarray(start, start + length);
}
