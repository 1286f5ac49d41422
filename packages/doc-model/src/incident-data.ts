import { mergeAttributes, Node, type JSONContent } from '@tiptap/core';
import { Node as PMNode } from '@tiptap/pm/model';
import { prosemirrorJSONToYDoc, yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { getDocSchema, YJS_FRAGMENT } from './extensions.js';
import { jsonToText } from './text.js';

export const INCIDENT_DATA = 'incidentData';

/**
 * The template variables whose output is generated from incident data and marked in the document (and so can be
 * refreshed). Key = the `incident.*` variable; the block's `source` attribute holds it.
 */
export const INCIDENT_DATA_SOURCES = [
  'timeline',
  'customer_impact',
  'scope_of_impact',
  'follow-ups',
  'card',
] as const;
export type IncidentDataSource = (typeof INCIDENT_DATA_SOURCES)[number];

export function isIncidentDataSource(s: unknown): s is IncidentDataSource {
  return (INCIDENT_DATA_SOURCES as readonly unknown[]).includes(s);
}

/**
 * A marked region of a generated document: the blocks a template variable produced from incident data
 * (`{{incident.timeline}}`, the card, …). Ordinary editable content inside (people may still edit it); the
 * attributes say what produced it (`source`) and a hash of the content as generated (`hash`), so "Refresh from
 * incident" can re-render exactly these blocks and tell a block edited by hand (hash differs) from an untouched one.
 * `blockId` names the block across editors (the refresh dialog's choice per block).
 */
export const IncidentData = Node.create({
  name: INCIDENT_DATA,
  group: 'block',
  content: 'block+',
  defining: true,
  addAttributes() {
    type El = { getAttribute(name: string): string | null };
    const attr = (name: string) => ({
      default: '',
      parseHTML: (el: El) => el.getAttribute(`data-${name}`) ?? '',
      renderHTML: () => null,
    });
    return { blockId: attr('block-id'), source: attr('source'), hash: attr('hash') };
  },
  parseHTML() {
    return [{ tag: 'div[data-type="incident-data"]' }];
  },
  renderHTML({ node, HTMLAttributes }) {
    return [
      'div',
      mergeAttributes(HTMLAttributes, {
        'data-type': 'incident-data',
        class: 'pm-incident-data',
        'data-source': String(node.attrs['source'] ?? ''),
        'data-block-id': String(node.attrs['blockId'] ?? ''),
        'data-hash': String(node.attrs['hash'] ?? ''),
      }),
      0,
    ];
  },
});

/** Keys sorted, undefined dropped: the same content always prints the same string. */
function stableStringify(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableStringify).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableStringify(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

/** Live blocks show live data in the editor: only their identity counts, never their snapshot attributes. */
function strip(n: JSONContent): JSONContent {
  if (n.type === 'incidentCard' || n.type === 'followUps')
    return { type: n.type, attrs: { incidentId: n.attrs?.['incidentId'] ?? null } };
  return n.content ? { ...n, content: n.content.map(strip) } : n;
}

/** Canonical JSON of blocks through the schema (defaults filled), so a Yjs round trip hashes the same. */
function canonical(content: JSONContent[]): JSONContent[] {
  try {
    return (PMNode.fromJSON(getDocSchema(), { type: 'doc', content }).toJSON() as JSONContent).content ?? [];
  } catch {
    return content;
  }
}

/** cyrb53 (not cryptographic: it only tells "changed" from "unchanged"), as 14 hex digits. */
function cyrb53(str: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < str.length; i++) {
    const ch = str.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}

/** Hash of a marked block's content (what is stored at generation and compared at refresh). */
export function incidentDataHash(content: JSONContent[]): string {
  return cyrb53(stableStringify(canonical(content).map(strip)));
}

/** A new block id (random; not security relevant). */
export function newBlockId(): string {
  const rnd = globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(16)}${Math.random().toString(16)}`;
  return rnd.replace(/[^a-z0-9]/gi, '').slice(0, 16);
}

/** Wraps `content` as a marked block of `source` with the hash of that content. */
export function incidentDataNode(
  source: string,
  content: JSONContent[],
  blockId = newBlockId(),
): JSONContent {
  return { type: INCIDENT_DATA, attrs: { blockId, source, hash: incidentDataHash(content) }, content };
}

/** A marked block as it is now in a live document. */
export interface LiveIncidentDataBlock {
  blockId: string;
  source: string;
  /** Hash stored when the block was generated (or last refreshed). */
  storedHash: string;
  /** Hash of its content now. */
  currentHash: string;
  content: JSONContent[];
  element: Y.XmlElement;
}

/** Every marked block of a live document, in document order (nested ones too). */
export function liveIncidentDataBlocks(doc: Y.Doc): LiveIncidentDataBlock[] {
  const out: LiveIncidentDataBlock[] = [];
  const walk = (parent: Y.XmlFragment | Y.XmlElement) => {
    for (const child of parent.toArray()) {
      if (!(child instanceof Y.XmlElement)) continue;
      if (child.nodeName === INCIDENT_DATA) {
        const content = ((yXmlFragmentToProsemirrorJSON(child) as JSONContent).content ??
          []) as JSONContent[];
        out.push({
          blockId: String(child.getAttribute('blockId') ?? ''),
          source: String(child.getAttribute('source') ?? ''),
          storedHash: String(child.getAttribute('hash') ?? ''),
          currentHash: incidentDataHash(content),
          content,
          element: child,
        });
      } else walk(child);
    }
  };
  walk(doc.getXmlFragment(YJS_FRAGMENT));
  return out;
}

/** What a refresh would do to one block. */
export type RefreshStatus = 'unchanged' | 'will_update' | 'edited_by_hand';

export interface RefreshPlanItem {
  blockId: string;
  source: string;
  status: RefreshStatus;
  /** The block's text now / after the refresh (for the dialog's difference). */
  before: string;
  after: string;
  /** Hash of the block's content when planned: applying skips a block that changed since. */
  currentHash: string;
  content: JSONContent[];
  hash: string;
}

/**
 * Compares each live block with a fresh render of its source (`rendered.get(source)`; missing → left out):
 * same content, or incident data unchanged since generation → unchanged; content still as generated →
 * will_update; edited by hand → edited_by_hand (the user chooses).
 */
export function planRefresh(
  blocks: Array<Pick<LiveIncidentDataBlock, 'blockId' | 'source' | 'storedHash' | 'currentHash' | 'content'>>,
  rendered: ReadonlyMap<string, JSONContent[]>,
): RefreshPlanItem[] {
  return blocks.flatMap((b) => {
    const fresh = rendered.get(b.source);
    if (!fresh) return [];
    const hash = incidentDataHash(fresh);
    // Unchanged: the block already shows this, or the incident data did not change since generation (a block
    // edited by hand is then left alone: there is nothing new to offer).
    const status: RefreshStatus =
      hash === b.currentHash || hash === b.storedHash
        ? 'unchanged'
        : b.currentHash === b.storedHash
          ? 'will_update'
          : 'edited_by_hand';
    return [
      {
        blockId: b.blockId,
        source: b.source,
        status,
        before: jsonToText({ type: 'doc', content: b.content }),
        after: jsonToText({ type: 'doc', content: fresh }),
        currentHash: b.currentHash,
        content: fresh,
        hash,
      },
    ];
  });
}

/** One block to replace: its new content, and the content hash the user saw (skip it if it changed since). */
export interface RefreshReplacement {
  blockId: string;
  content: JSONContent[];
  expectedHash: string;
}

/**
 * Replaces the content of the chosen marked blocks in ONE Yjs transaction with `origin` (so it is one undo step
 * for an UndoManager tracking that origin, and one update every editor receives). Only the inside of each block's
 * Y.XmlElement changes: text typed anywhere else, even concurrently, is merged by Yjs and kept. A block whose
 * content changed since the plan (someone typed into it) is skipped, never overwritten. Returns the replaced ids.
 */
export function applyRefresh(doc: Y.Doc, replacements: RefreshReplacement[], origin?: unknown): string[] {
  const wanted = new Map(replacements.map((r) => [r.blockId, r]));
  const applied: string[] = [];
  doc.transact(() => {
    for (const block of liveIncidentDataBlocks(doc)) {
      const r = wanted.get(block.blockId);
      if (!r || block.currentHash !== r.expectedHash) continue;
      const scratch = prosemirrorJSONToYDoc(
        getDocSchema(),
        { type: 'doc', content: r.content },
        YJS_FRAGMENT,
      );
      const fresh = scratch
        .getXmlFragment(YJS_FRAGMENT)
        .toArray()
        .map((n) => (n as Y.XmlElement | Y.XmlText).clone());
      scratch.destroy();
      block.element.delete(0, block.element.length);
      block.element.insert(0, fresh);
      block.element.setAttribute('hash', incidentDataHash(r.content));
      applied.push(block.blockId);
      wanted.delete(block.blockId); // a duplicated id (copy-paste) refreshes only the first block
    }
  }, origin);
  return applied;
}

/** A line diff (LCS) of two texts for the dialog: ' ' kept, '-' only before, '+' only after. */
export function lineDiff(before: string, after: string): Array<{ op: ' ' | '-' | '+'; line: string }> {
  const a = before.split('\n');
  const b = after.split('\n');
  // Blocks are small (a timeline of ≤ 1000 lines); an O(n·m) table is fine, but cap it to stay bounded.
  if (a.length * b.length > 4_000_000)
    return [
      ...a.map((line) => ({ op: '-' as const, line })),
      ...b.map((line) => ({ op: '+' as const, line })),
    ];
  const dp = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      dp[i]![j] = a[i] === b[j] ? dp[i + 1]![j + 1]! + 1 : Math.max(dp[i + 1]![j]!, dp[i]![j + 1]!);
  const out: Array<{ op: ' ' | '-' | '+'; line: string }> = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      out.push({ op: ' ', line: a[i]! });
      i++;
      j++;
    } else if (dp[i + 1]![j]! >= dp[i]![j + 1]!) out.push({ op: '-', line: a[i++]! });
    else out.push({ op: '+', line: b[j++]! });
  }
  while (i < a.length) out.push({ op: '-', line: a[i++]! });
  while (j < b.length) out.push({ op: '+', line: b[j++]! });
  return out;
}
