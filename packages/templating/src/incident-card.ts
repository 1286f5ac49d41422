import type { JSONContent } from '@pm/doc-model';

/**
 * A marker no incident value can contain (random per render; values are escaped before they reach Markdown).
 * `kind` keeps the markers of different live blocks apart.
 */
export function newCardMarker(kind = 'incidentcard'): string {
  const rnd = globalThis.crypto?.randomUUID?.() ?? `${Date.now()}${Math.random()}`;
  return `pm${kind}${rnd.replace(/[^a-z0-9]/gi, '')}`;
}

/** Replaces every paragraph consisting only of `marker` with an `incidentCard` node carrying `attrs`. */
export function withCardNodes(doc: JSONContent, marker: string, attrs: Record<string, string>): JSONContent {
  return withMarkerNodes(doc, marker, { type: 'incidentCard', attrs });
}

/** Replaces every paragraph consisting only of `marker` with a copy of `node`. */
export function withMarkerNodes(doc: JSONContent, marker: string, node: JSONContent): JSONContent {
  const isMarker = (n: JSONContent) =>
    n.type === 'paragraph' &&
    n.content?.length === 1 &&
    n.content[0]!.type === 'text' &&
    n.content[0]!.text?.trim() === marker;
  const walk = (n: JSONContent): JSONContent =>
    isMarker(n)
      ? { ...node, attrs: { ...node.attrs } }
      : n.content
        ? { ...n, content: n.content.map(walk) }
        : n;
  return walk(doc);
}
