import type { JSONContent } from '@tiptap/core';
import { prosemirrorJSONToYDoc, yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';
import { Node as PMNode } from '@tiptap/pm/model';
import * as Y from 'yjs';
import { getDocSchema, YJS_FRAGMENT } from './extensions.js';

/**
 * Encodes a Tiptap JSON document as a Yjs update (the full state of a fresh Y.Doc whose fragment
 * {@link YJS_FRAGMENT} holds the document) — the same encoding Hocuspocus' TiptapTransformer produces,
 * so collab can load it directly.
 */
export function jsonToYState(json: JSONContent): Uint8Array {
  return Y.encodeStateAsUpdate(jsonToYDoc(json));
}

/** Builds a Y.Doc holding `json` in fragment {@link YJS_FRAGMENT}. Throws on JSON invalid for the schema. */
export function jsonToYDoc(json: JSONContent): Y.Doc {
  return prosemirrorJSONToYDoc(getDocSchema(), json, YJS_FRAGMENT);
}

/** Decodes a Yjs update (as stored by collab) back to Tiptap JSON. */
export function yStateToJson(state: Uint8Array): JSONContent {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    return yDocToJson(doc);
  } finally {
    doc.destroy();
  }
}

/** Reads the document in fragment {@link YJS_FRAGMENT} of a live Y.Doc as Tiptap JSON. */
export function yDocToJson(doc: Y.Doc): JSONContent {
  const raw = yXmlFragmentToProsemirrorJSON(doc.getXmlFragment(YJS_FRAGMENT)) as JSONContent;
  // Normalise through the schema (fills default attrs, drops y-prosemirror's empty mark attrs) so a
  // round trip json → Yjs → json yields the canonical JSON; keep the raw form if it does not fit.
  try {
    return PMNode.fromJSON(getDocSchema(), raw).toJSON() as JSONContent;
  } catch {
    return raw;
  }
}
