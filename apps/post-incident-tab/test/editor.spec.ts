import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CollabGrant } from '@pm/api-client';
import type { CollabCallbacks } from '../src/editor/collab.js';
import { mount } from '../src/mount.js';
import { API, INCIDENT_ID, installStubApi, pm } from './stub-api.js';

// Tiptap + Hocuspocus are exercised in the Chromium e2e; here the session is faked to test the component's wiring.
const destroy = vi.fn();
const comments = {
  list: vi.fn(() => []),
  addOnSelection: vi.fn(() => true),
  reply: vi.fn(),
  edit: vi.fn(() => true),
  remove: vi.fn(() => true),
  setResolved: vi.fn(),
  focus: vi.fn(),
};
let callbacks: CollabCallbacks | null = null;
const startCollab = vi.fn((_el: HTMLElement, _grant: unknown, cb: CollabCallbacks) => {
  callbacks = cb;
  return { destroy, comments };
});
vi.mock('../src/editor/collab.js', () => ({ startCollab }));

afterEach(() => {
  callbacks = null;
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

const grant = (readOnly: boolean): CollabGrant => ({
  token: 'collab-tok',
  documentName: 'postmortem:d0000000-0000-4000-8000-000000000001',
  collabUrl: 'ws://collab.test',
  expiresAt: new Date(Date.now() + 600_000).toISOString(),
  readOnly,
  user: { id: 'b0000000-0000-4000-8000-000000000001', name: 'Rita Reader', color: '#0a7' },
});

describe('postmortem editor', () => {
  it('opens a ready postmortem with its collab grant, shows state and presence, and tears down on unmount', async () => {
    installStubApi({ postmortems: [pm()] });
    const fetchFn = vi.mocked(fetch);
    const base = fetchFn.getMockImplementation()!;
    fetchFn.mockImplementation(async (input, init) =>
      String(input).endsWith('/collab-token')
        ? new Response(JSON.stringify(grant(true)), { status: 200 })
        : base(input, init),
    );
    const host = document.body.appendChild(document.createElement('div'));
    const handle = mount(host, {
      apiBaseUrl: API,
      incidentId: INCIDENT_ID,
      authToken: 'tok',
      postmortemId: pm().id,
    });
    await flushPromises();
    await vi.waitFor(() => expect(startCollab).toHaveBeenCalledTimes(1));
    expect(startCollab.mock.calls[0]![1]).toMatchObject({
      documentName: 'postmortem:d0000000-0000-4000-8000-000000000001',
      readOnly: true,
    });
    expect(host.querySelector('[data-testid="pm-readonly"]')).not.toBeNull();

    callbacks!.onStatus('synced');
    callbacks!.onPresence([
      { clientId: 1, name: 'Rita Reader', color: '#0a7', self: true },
      { clientId: 2, name: 'Sam Standard', color: '#d63', self: false },
    ]);
    await flushPromises();
    expect(host.querySelector('[data-testid="pm-connection"]')?.getAttribute('data-status')).toBe('synced');
    expect(host.querySelector('[data-testid="pm-connection"]')?.textContent).toContain('Connected');
    const people = host.querySelectorAll('[data-testid="pm-presence"] li');
    expect([...people].map((p) => p.getAttribute('data-name'))).toEqual(['Rita Reader', 'Sam Standard']);
    // Reconnects reuse the grant's token while it is valid (it is re-issued near expiry).
    await expect(callbacks!.getToken()).resolves.toBe('collab-tok');

    handle.unmount();
    expect(destroy).toHaveBeenCalledTimes(1);
  });

  it('shows comment threads, sends comment actions to the session, and explains refusals', async () => {
    installStubApi({ postmortems: [pm()] });
    const fetchFn = vi.mocked(fetch);
    const base = fetchFn.getMockImplementation()!;
    fetchFn.mockImplementation(async (input, init) =>
      String(input).endsWith('/collab-token')
        ? new Response(JSON.stringify(grant(false)), { status: 200 })
        : String(input).endsWith('/versions')
          ? new Response(JSON.stringify({ items: [] }), { status: 200 })
          : base(input, init),
    );
    const host = document.body.appendChild(document.createElement('div'));
    const handle = mount(host, {
      apiBaseUrl: API,
      incidentId: INCIDENT_ID,
      authToken: 'tok',
      postmortemId: pm().id,
    });
    await vi.waitFor(() => expect(callbacks).not.toBeNull());
    const me = grant(false).user;
    callbacks!.onComments!([
      {
        id: 't1',
        quote: 'failed over',
        resolved: false,
        resolvedBy: null,
        createdAt: '2026-01-01T00:00:00Z',
        authorId: me.id,
        detached: false,
        comments: [
          {
            id: 'c1',
            authorId: me.id,
            authorName: me.name,
            body: 'Why slowly?',
            createdAt: '',
            editedAt: null,
          },
        ],
      },
    ]);
    await flushPromises();
    const q = (id: string) => host.querySelector<HTMLElement>(`[data-testid="${id}"]`)!;
    expect(q('pm-comments').getAttribute('data-count')).toBe('1');
    expect(q('pm-comment-body').textContent).toContain('Why slowly?');
    expect(q('pm-comment-edit')).not.toBeNull(); // own comment: edit/delete offered

    const input = q('pm-comment-input') as HTMLTextAreaElement;
    input.value = 'New remark';
    input.dispatchEvent(new Event('input'));
    // Nothing selected in the document yet: the button is disabled and says why.
    expect((q('pm-comment-add') as HTMLButtonElement).disabled).toBe(true);
    expect(q('pm-comment-reason').textContent).toContain('Select text in the document');
    callbacks!.onSelection!(true);
    await flushPromises();
    q('pm-comment-add').click();
    expect(comments.addOnSelection).toHaveBeenCalledWith('New remark');
    await flushPromises();
    expect(input.value).toBe('');
    q('pm-resolve').click();
    expect(comments.setResolved).toHaveBeenCalledWith('t1', true);

    callbacks!.onStatus('denied', 'SCHEMA_MISMATCH');
    await flushPromises();
    expect(q('pm-editor-error').textContent).toContain('Please reload the page');
    expect(q('pm-reload')).not.toBeNull();
    callbacks!.onStatus('denied', 'ACCESS_REVOKED');
    await flushPromises();
    expect(q('pm-editor-error').textContent).toContain('no longer have access');
    handle.unmount();
  });
});
