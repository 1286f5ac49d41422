// The offline copy (issue 13 part 6): y-indexeddb wiring on fake-indexeddb, what the header says, and the copy
// being dropped when the server refuses the user. Reconnect and merge run in Chromium (apps/web/e2e/offline).
import 'fake-indexeddb/auto';
import { mount as mountComponent } from '@vue/test-utils';
import { offlineDbName, type CollabGrant } from '@pm/contracts';
import type { Editor } from '@tiptap/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import OfflineNotice from '../src/components/OfflineNotice.vue';
import { discardsOfflineCopy, keepOffline } from '../src/editor/offline.js';

const DOC = 'postmortem:d0000000-0000-4000-8000-000000000001';
const ADA = 'a0000000-0000-4000-8000-000000000001';
const BOB = 'b0000000-0000-4000-8000-000000000002';

/** A fresh Y.Doc with the offline copy of `user` loaded into it. */
async function reopen(user: string) {
  const doc = new Y.Doc();
  const copy = keepOffline(doc, DOC, user);
  await copy.loaded;
  return { doc, copy, text: () => doc.getText('t').toString() };
}

const dbNames = async () => (await indexedDB.databases()).map((d) => d.name);

describe('offline copy in IndexedDB', () => {
  it('keeps a user’s edits across a closed tab, per document and user', async () => {
    const first = await reopen(ADA);
    first.doc.getText('t').insert(0, 'typed while offline');
    await first.copy.destroy(); // the tab closes
    first.doc.destroy();

    const again = await reopen(ADA);
    expect(again.text()).toBe('typed while offline');
    const bob = await reopen(BOB);
    expect(bob.text()).toBe('');
    expect(await dbNames()).toEqual(
      expect.arrayContaining([offlineDbName(DOC, ADA), offlineDbName(DOC, BOB)]),
    );
    await Promise.all([again.copy.destroy(), bob.copy.destroy()]);
  });

  it('drops the copy when discarded, so nothing is resent on the next open', async () => {
    const first = await reopen(ADA);
    first.doc.getText('t').insert(0, 'refused');
    await first.copy.discard();
    expect(await dbNames()).not.toContain(offlineDbName(DOC, ADA));
    const again = await reopen(ADA);
    expect(again.text()).toBe('');
    await again.copy.destroy();
  });

  it('drops it for refusals that can never succeed, keeps it for ones a reload can fix', () => {
    for (const r of [
      'ACCESS_DENIED',
      'ACCESS_REVOKED',
      'DOCUMENT_NOT_FOUND',
      'COMMENT_REJECTED',
      'DOCUMENT_TOO_LARGE',
    ])
      expect(discardsOfflineCopy(r)).toBe(true);
    for (const r of ['TOKEN_EXPIRED', 'DATABASE_UNAVAILABLE', 'SCHEMA_MISMATCH', undefined])
      expect(discardsOfflineCopy(r)).toBe(false);
  });
});

describe('offline notice in the document header', () => {
  it('says edits are kept and counts them from the first disconnect until synced again', async () => {
    const w = mountComponent(OfflineNotice, { props: { status: 'connecting', reason: null, pending: 0 } });
    expect(w.find('[data-testid="pm-offline"]').exists()).toBe(false); // opening is not being offline
    await w.setProps({ status: 'synced' });
    await w.setProps({ status: 'disconnected', pending: 3 });
    expect(w.text()).toBe('Offline — your edits are kept · 3 edits pending');
    await w.setProps({ status: 'connecting', pending: 4 }); // a reconnect attempt does not hide it
    expect(w.text()).toBe('Offline — your edits are kept · 4 edits pending');
    await w.setProps({ status: 'synced', pending: 0 });
    expect(w.find('[data-testid="pm-offline"]').exists()).toBe(false);
  });

  it('says pending edits were not saved when the server refuses the user on reconnect', async () => {
    const w = mountComponent(OfflineNotice, { props: { status: 'disconnected', reason: null, pending: 1 } });
    expect(w.text()).toBe('Offline — your edits are kept · 1 edit pending');
    await w.setProps({ status: 'denied', reason: 'ACCESS_DENIED', pending: 1 });
    expect(w.text()).toBe('1 edit not saved: the server refused them');
    expect(w.text()).not.toContain('kept');
  });
});

// The session wiring: a fake provider stands in for the socket, the rest (Tiptap, Y.Doc, y-indexeddb) is real.
const providers: { config: Record<string, (arg: never) => void>; disconnect: () => void }[] = [];
/** The part of a y-protocols Awareness the caret extension uses (no socket, no other clients). */
function fakeAwareness(doc: Y.Doc) {
  const states = new Map<number, Record<string, unknown>>([[doc.clientID, {}]]);
  return {
    doc,
    clientID: doc.clientID,
    states,
    getStates: () => states,
    getLocalState: () => states.get(doc.clientID) ?? null,
    setLocalState: (s: Record<string, unknown> | null) =>
      s ? states.set(doc.clientID, s) : states.delete(doc.clientID),
    setLocalStateField: (k: string, v: unknown) =>
      states.set(doc.clientID, { ...states.get(doc.clientID), [k]: v }),
    on: () => undefined,
    off: () => undefined,
  };
}

vi.mock('@hocuspocus/provider', () => ({
  HocuspocusProvider: class {
    awareness: ReturnType<typeof fakeAwareness>;
    disconnect = vi.fn();
    destroy = vi.fn();
    on = vi.fn();
    off = vi.fn();
    constructor(readonly config: { document: Y.Doc } & Record<string, never>) {
      this.awareness = fakeAwareness(config.document);
      providers.push(this as never);
    }
  },
}));

const grant: CollabGrant = {
  token: 't',
  documentName: DOC,
  collabUrl: 'ws://collab.test',
  expiresAt: new Date(Date.now() + 600_000).toISOString(),
  readOnly: false,
  user: { id: ADA, name: 'Ada', color: '#0a7' },
};

afterEach(() => {
  providers.length = 0;
});

describe('collab session and its offline copy', () => {
  it('reports pending edits, and a refusal at reconnect drops the copy and stops editing', async () => {
    const { startCollab } = await import('../src/editor/collab.js');
    const statuses: string[] = [];
    const pending: number[] = [];
    const cb = {
      onStatus: (s: string, r?: string) => statuses.push(r ? `${s}:${r}` : s),
      onPresence: () => undefined,
      getToken: async () => 't',
      onPending: (n: number) => pending.push(n),
    };
    const el = document.body.appendChild(document.createElement('div'));
    const session = startCollab(el, grant, cb);
    await session.offline!.loaded;
    const editor = (el.querySelector('.ProseMirror') as unknown as { editor: Editor }).editor;
    const before = pending.length;
    editor.commands.insertContent('one');
    editor.commands.insertContent(' two');
    expect(pending.slice(before)).toEqual([before + 1, before + 2]); // counts every local edit
    // The provider's counter restarts at 1 on each connection attempt: that does not reset ours...
    providers[0]!.config.onUnsyncedChanges!({ number: 1 } as never);
    expect(pending.at(-1)).toBe(before + 2);
    // ...only the server acknowledging everything does.
    providers[0]!.config.onUnsyncedChanges!({ number: 0 } as never);
    expect(pending.at(-1)).toBe(0);
    session.destroy();

    // Reopened: the refusal drops the stored copy and leaves a read-only editor that says why.
    const copy = await reopen(ADA);
    copy.doc.getText('t').insert(0, 'kept');
    await copy.copy.destroy();
    const again = startCollab(el, grant, cb);
    await again.offline!.loaded;
    providers[1]!.config.onAuthenticationFailed!({ reason: 'ACCESS_DENIED' } as never);
    expect(statuses.at(-1)).toBe('denied:ACCESS_DENIED');
    expect(providers[1]!.disconnect).toHaveBeenCalled();
    expect(el.querySelector('[contenteditable="true"]')).toBeNull();
    await vi.waitFor(async () => expect(await dbNames()).not.toContain(offlineDbName(DOC, ADA)));
    again.destroy();
  });

  it('a comment change the server refuses closes the document and drops the copy that would resend it', async () => {
    const { startCollab } = await import('../src/editor/collab.js');
    const statuses: string[] = [];
    const el = document.body.appendChild(document.createElement('div'));
    const session = startCollab(el, grant, {
      onStatus: (s, r) => statuses.push(r ? `${s}:${r}` : s),
      onPresence: () => undefined,
      getToken: async () => 't',
    });
    await session.offline!.loaded;
    expect(await dbNames()).toContain(offlineDbName(DOC, ADA));
    providers[0]!.config.onClose!({ event: { code: 4422, reason: 'COMMENT_REJECTED' } } as never);
    expect(statuses.at(-1)).toBe('denied:COMMENT_REJECTED');
    expect(el.querySelector('[contenteditable="true"]')).toBeNull();
    await vi.waitFor(async () => expect(await dbNames()).not.toContain(offlineDbName(DOC, ADA)));
    session.destroy();
  });
});
