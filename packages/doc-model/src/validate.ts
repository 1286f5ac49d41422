import type { JSONContent } from '@tiptap/core';
import { Node as PMNode } from '@tiptap/pm/model';
import { getDocSchema } from './extensions.js';

/** Result of {@link validateDoc}. */
export type ValidateDocResult = { ok: true } | { ok: false; error: string };

/** Checks that `json` is a document of our schema (known node/mark types, valid content). */
export function validateDoc(json: unknown): ValidateDocResult {
  try {
    if (typeof json !== 'object' || json === null || (json as JSONContent).type !== 'doc') {
      return { ok: false, error: 'document root must be {"type":"doc"}' };
    }
    toPMNode(json as JSONContent).check();
    return { ok: true };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

/** ProseMirror node for `json` in our schema. Throws on unknown types. */
export function toPMNode(json: JSONContent): PMNode {
  return PMNode.fromJSON(getDocSchema(), json);
}
