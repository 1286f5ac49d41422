import { HocuspocusProvider } from '@hocuspocus/provider';
import { YJS_FRAGMENT } from '@pm/doc-model';
import * as Y from 'yjs';

/**
 * One co-editor: a Hocuspocus provider + Y.Doc over a real WebSocket, what it typed, and its connection history.
 * (apps/collab/test/helpers.ts has a similar client, but apps never import other apps' test code.)
 */
export interface Editor {
  label: string;
  documentName: string;
  doc: Y.Doc;
  provider: HocuspocusProvider;
  /** Every unique token this editor typed, in order. */
  typed: string[];
  /** Connection closes seen (a killed node closes its clients' sockets). */
  closes: number;
  /** Set by the first sync after the last close: the editor is back, on whichever node the proxy chose. */
  resynced: boolean;
  authFailed: string | null;
}

/** Quick reconnect attempts, so a client of a killed node does not wait out the provider's default backoff. */
const FAST_RECONNECT = { delay: 100, minDelay: 50, maxDelay: 500 };

export function openEditor(url: string, documentName: string, token: string, label: string): Editor {
  const doc = new Y.Doc();
  const editor = {
    label,
    documentName,
    doc,
    typed: [],
    closes: 0,
    resynced: false,
    authFailed: null,
  } as Omit<Editor, 'provider'> as Editor;
  editor.provider = new HocuspocusProvider({
    url,
    name: documentName,
    document: doc,
    token,
    ...FAST_RECONNECT,
    onClose: () => {
      editor.closes++;
      editor.resynced = false;
    },
    onSynced: () => {
      if (editor.closes > 0) editor.resynced = true;
    },
    onAuthenticationFailed: ({ reason }) => {
      editor.authFailed = reason;
    },
  });
  return editor;
}

/** The provider is connected and the server has acknowledged every local change. */
export const settled = (e: Editor): boolean => e.provider.synced && !e.provider.hasUnsyncedChanges;

/** The first text node of the document (the generated postmortem's title): every editor of a document types there. */
function firstText(fragment: Y.XmlFragment): Y.XmlText {
  const stack: (Y.XmlElement | Y.XmlFragment | Y.XmlText | Y.XmlHook)[] = [fragment];
  while (stack.length > 0) {
    const node = stack.shift()!;
    if (node instanceof Y.XmlText) return node;
    if (node instanceof Y.XmlElement || node instanceof Y.XmlFragment) stack.unshift(...node.toArray());
  }
  throw new Error('document has no text to type into');
}

/**
 * Types a unique token (`‹label#n›`) at the end of the document's first text node every `everyMs`, as a person
 * would, whether or not the editor is connected at that moment (offline edits must survive too).
 */
export function startTyping(editor: Editor, everyMs: number): () => void {
  let n = 0;
  const timer = setInterval(() => {
    const token = `[${editor.label}#${n++}]`;
    const text = firstText(editor.doc.getXmlFragment(YJS_FRAGMENT));
    text.insert(text.length, token);
    editor.typed.push(token);
  }, everyMs);
  return () => clearInterval(timer);
}

export const fragmentOf = (doc: Y.Doc): string => doc.getXmlFragment(YJS_FRAGMENT).toString();

/** Byte-equal state vectors: both docs hold exactly the same operations. */
export function sameState(a: Y.Doc, b: Y.Doc): boolean {
  return Buffer.from(Y.encodeStateVector(a)).equals(Buffer.from(Y.encodeStateVector(b)));
}
