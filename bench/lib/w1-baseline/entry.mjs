// W1 baseline page: the least a browser must do to show an editable, synced postmortem: one Y.Doc, a raw
// HocuspocusProvider and a plain Tiptap editor with the shared schema (no Vue, no comments, carets or live blocks).
// The grant arrives in the URL hash; `data-synced` marks the moment the first sync finished.
import { HocuspocusProvider } from '@hocuspocus/provider';
import { docExtensions, YJS_FRAGMENT } from '@pm/doc-model';
import { Editor } from '@tiptap/core';
import { Collaboration } from '@tiptap/extension-collaboration';
import * as Y from 'yjs';

const grant = JSON.parse(decodeURIComponent(location.hash.slice(1)));
const element = document.getElementById('editor');
const doc = new Y.Doc();
const provider = new HocuspocusProvider({
  url: grant.collabUrl,
  name: grant.documentName,
  document: doc,
  token: grant.token,
  onSynced: ({ state }) => state && element.setAttribute('data-synced', 'true'),
  onAuthenticationFailed: ({ reason }) => console.error('auth failed', reason),
});
new Editor({
  element,
  extensions: [...docExtensions(), Collaboration.configure({ document: doc, field: YJS_FRAGMENT })],
});
window.__provider = provider;
