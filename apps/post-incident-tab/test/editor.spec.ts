import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CollabCallbacks } from '../src/editor/collab.js';
import { mount } from '../src/mount.js';
import { API, INCIDENT_ID, installFakeApi, pm } from './fake-api.js';

// Tiptap + Hocuspocus are exercised in the Chromium e2e; here the session is faked to test the component's wiring.
const destroy = vi.fn();
let callbacks: CollabCallbacks | null = null;
const startCollab = vi.fn((_el: HTMLElement, _grant: unknown, cb: CollabCallbacks) => {
  callbacks = cb;
  return { destroy };
});
vi.mock('../src/editor/collab.js', () => ({ startCollab }));

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

const grant = (readOnly: boolean) => ({
  token: 'collab-tok',
  documentName: 'postmortem:d0000000-0000-4000-8000-000000000001',
  collabUrl: 'ws://collab.test',
  expiresAt: new Date(Date.now() + 600_000).toISOString(),
  readOnly,
  user: { id: 'b0000000-0000-4000-8000-000000000001', name: 'Rita Reader', color: '#0a7' },
});

describe('postmortem editor', () => {
  it('opens a ready postmortem with its collab grant, shows state and presence, and tears down on unmount', async () => {
    installFakeApi({ postmortems: [pm()] });
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
});
