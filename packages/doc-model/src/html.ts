import type { JSONContent } from '@tiptap/core';
import type { DOMOutputSpec, Mark, Node as PMNode } from '@tiptap/pm/model';
import { isSafeHref } from './url.js';
import { toPMNode } from './validate.js';

/*
 * Why our own serializer: @tiptap/html 3.31.3 on Node imports happy-dom (a peer dependency) to run
 * ProseMirror's DOMSerializer, which would drag a DOM implementation into the worker and is not needed:
 * every node/mark of our schema renders through a plain-array DOMOutputSpec (`['p', attrs, 0]`), so we
 * turn those specs into strings directly. Output therefore follows the schema's own renderHTML
 * definitions, works identically in Node and the browser, and is linear in document size.
 * Safety: every text and attribute value is escaped; href/src attributes that are not http(s)/mailto
 * are dropped; tag/attribute names must be plain identifiers.
 */

const TAG_RE = /^[a-zA-Z][a-zA-Z0-9-]*$/;
const ATTR_RE = /^[a-zA-Z_:][a-zA-Z0-9_:.-]*$/;
const VOID = new Set(['br', 'hr', 'img', 'col', 'input']);

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

interface Rendered {
  open: string;
  close: string;
  /** Whether the spec (or a nested child) contained the content hole. */
  hole: boolean;
}

function renderAttrs(attrs: Record<string, unknown>): string {
  let out = '';
  for (const [name, value] of Object.entries(attrs)) {
    // Same rule as ProseMirror's DOMSerializer (setAttribute on every non-null value).
    if (value === null || value === undefined || !ATTR_RE.test(name)) continue;
    if (/^on/i.test(name)) continue;
    if ((name === 'href' || name === 'src') && !isSafeHref(value)) continue;
    out += ` ${name}="${escapeHtml(String(value))}"`;
  }
  return out;
}

/** Renders a DOMOutputSpec; the content hole (0, possibly nested) splits it into open/close parts. */
function renderSpec(spec: DOMOutputSpec): Rendered {
  if (typeof spec === 'string') return { open: escapeHtml(spec), close: '', hole: false };
  if (!Array.isArray(spec))
    throw new Error('unsupported DOMOutputSpec (DOM nodes are not used by our schema)');
  const [rawTag, ...rest] = spec as readonly unknown[];
  const tag = String(rawTag).split(' ').pop() ?? '';
  if (!TAG_RE.test(tag)) throw new Error(`invalid tag name in schema: ${String(rawTag)}`);
  let i = 0;
  let attrs = '';
  const first = rest[0];
  if (first && typeof first === 'object' && !Array.isArray(first)) {
    attrs = renderAttrs(first as Record<string, unknown>);
    i = 1;
  }
  let open = `<${tag}${attrs}>`;
  let close = '';
  let hole = false;
  for (; i < rest.length; i++) {
    const child = rest[i];
    if (child === 0) {
      hole = true;
      continue;
    }
    const r = renderSpec(child as DOMOutputSpec);
    if (r.hole) {
      open += r.open;
      close += r.close;
      hole = true;
    } else if (hole) close += r.open + r.close;
    else open += r.open + r.close;
  }
  if (VOID.has(tag)) return { open, close: '', hole: false };
  return { open, close: close + `</${tag}>`, hole };
}

/**
 * Rendered specs of marks and textblocks depend only on type + attrs, so they are memoised per call:
 * a 20k-paragraph document renders the `<p>` spec once instead of 20k times (less garbage, steadier time).
 * Other nodes (e.g. tables, whose colgroup depends on content) are rendered each time.
 */
type SpecCache = Map<string, Rendered>;

function cached(cache: SpecCache, key: string, make: () => Rendered): Rendered {
  let r = cache.get(key);
  if (!r) {
    r = make();
    cache.set(key, r);
  }
  return r;
}

function markSpec(mark: Mark, cache: SpecCache): Rendered {
  const toDOM = mark.type.spec.toDOM;
  if (!toDOM) return { open: '', close: '', hole: false };
  return cached(cache, `m:${mark.type.name}:${JSON.stringify(mark.attrs)}`, () =>
    renderSpec(toDOM(mark, true)),
  );
}

function nodeSpec(node: PMNode, cache: SpecCache): Rendered {
  const toDOM = node.type.spec.toDOM;
  if (!toDOM) return { open: '', close: '', hole: false };
  if (!node.isTextblock) return renderSpec(toDOM(node));
  return cached(cache, `n:${node.type.name}:${JSON.stringify(node.attrs)}`, () => renderSpec(toDOM(node)));
}

function serializeInline(parent: PMNode, out: string[], cache: SpecCache): void {
  const open: Rendered[] = [];
  const active: Mark[] = [];
  parent.forEach((child) => {
    const marks = child.marks;
    let keep = 0;
    while (keep < active.length && keep < marks.length && active[keep]!.eq(marks[keep]!)) keep++;
    while (active.length > keep) {
      active.pop();
      out.push(open.pop()!.close);
    }
    for (let m = keep; m < marks.length; m++) {
      const r = markSpec(marks[m]!, cache);
      active.push(marks[m]!);
      open.push(r);
      out.push(r.open);
    }
    if (child.isText) out.push(escapeHtml(child.text ?? ''));
    else serializeNode(child, out, cache);
  });
  while (open.length) out.push(open.pop()!.close);
}

function serializeNode(node: PMNode, out: string[], cache: SpecCache): void {
  const r = nodeSpec(node, cache);
  out.push(r.open);
  if (node.inlineContent) serializeInline(node, out, cache);
  else node.forEach((child) => serializeNode(child, out, cache));
  out.push(r.close);
}

/** Renders a document as an HTML string (no DOM needed; safe to embed: all values escaped). */
export function jsonToHtml(json: JSONContent): string {
  const doc = toPMNode(json);
  const out: string[] = [];
  const cache: SpecCache = new Map();
  doc.forEach((child) => serializeNode(child, out, cache));
  return out.join('');
}
