import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CollabGrant } from '@pm/api-client';
import type { CollabCallbacks } from '../src/editor/collab.js';
import { mount } from '../src/mount.js';
import { API, INCIDENT_ID, ME, installStubApi, pm } from './stub-api.js';

// The collab session is faked (Tiptap + Hocuspocus run in the Chromium e2e); the header's wiring is tested here.
let callbacks: CollabCallbacks | null = null;
const startCollab = vi.fn((_el: HTMLElement, _grant: unknown, cb: CollabCallbacks) => {
  callbacks = cb;
  return { destroy: vi.fn(), comments: { list: () => [] } };
});
vi.mock('../src/editor/collab.js', () => ({ startCollab }));

const q = <T extends Element = HTMLElement>(root: ParentNode, id: string) =>
  root.querySelector<T & Element>(`[data-testid="${id}"]`);
const ADA = 'b0000000-0000-4000-8000-000000000002';

const grant: CollabGrant = {
  token: 'collab-tok',
  documentName: 'postmortem:d0000000-0000-4000-8000-000000000001',
  collabUrl: 'ws://collab.test',
  expiresAt: new Date(Date.now() + 600_000).toISOString(),
  readOnly: false,
  user: { id: ME.id, name: ME.name, color: '#0a7' },
};

async function openDocument(init: Parameters<typeof installStubApi>[0] = {}) {
  const api = installStubApi({ postmortems: [pm()], ...init });
  const fetchFn = vi.mocked(fetch);
  const base = fetchFn.getMockImplementation()!;
  fetchFn.mockImplementation(async (input, i) =>
    String(input).endsWith('/collab-token')
      ? new Response(JSON.stringify(grant), { status: 200 })
      : base(input, i),
  );
  const host = document.body.appendChild(document.createElement('div'));
  const navigations: (string | null)[] = [];
  const handle = mount(
    host,
    { apiBaseUrl: API, incidentId: INCIDENT_ID, authToken: 'tok', postmortemId: pm().id },
    { onNavigate: (id) => navigations.push(id) },
  );
  await flushPromises();
  await vi.waitFor(() => expect(callbacks).not.toBeNull());
  return { api, host, handle, navigations };
}

afterEach(() => {
  callbacks = null;
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('document header', () => {
  it('shows title, status, owner, open comments, export, presence and the connection in one header', async () => {
    const { host } = await openDocument();
    const header = q(host, 'pm-document-header')!;
    callbacks!.onStatus('synced');
    callbacks!.onPresence([
      { clientId: 1, name: 'Sam Standard', color: '#0a7', self: true },
      { clientId: 2, name: 'Ada Admin', color: '#a07', self: false },
    ]);
    callbacks!.onComments!([
      { id: 't1', resolved: false },
      { id: 't2', resolved: true },
    ] as never);
    await flushPromises();
    expect(q(header, 'pm-title')!.textContent).toContain(pm().title);
    expect(q<HTMLSelectElement>(header, 'pm-status-select')!.value).toBe('draft');
    expect(q<HTMLSelectElement>(header, 'pm-owner-select')!.selectedOptions[0]!.textContent).toBe(
      'Sam Standard',
    );
    expect(q(header, 'pm-header-comments')!.textContent).toContain('1 open comment');
    expect(q(header, 'pm-export')).not.toBeNull();
    expect(q(header, 'pm-presence')!.getAttribute('data-count')).toBe('2');
    expect(q(header, 'pm-connection')!.textContent).toContain('Connected');
  });

  it('renames in place: Enter saves through the API, Escape cancels, an empty title is refused before sending', async () => {
    const { api, host } = await openDocument();
    q<HTMLButtonElement>(host, 'pm-rename')!.click();
    await flushPromises();
    const input = q<HTMLInputElement>(host, 'pm-title-input')!;
    input.value = '   ';
    input.dispatchEvent(new Event('input'));
    q<HTMLFormElement>(host, 'pm-rename-form')!.dispatchEvent(new Event('submit'));
    await flushPromises();
    expect(q(host, 'pm-header-error')!.textContent).toMatch(/empty/);
    expect(api.lifecycleCalls).toEqual([]);

    input.value = 'Checkout outage: what we learned';
    input.dispatchEvent(new Event('input'));
    q<HTMLFormElement>(host, 'pm-rename-form')!.dispatchEvent(new Event('submit'));
    await flushPromises();
    expect(api.lifecycleCalls).toEqual([
      { route: `PATCH /postmortems/${pm().id}`, body: { title: 'Checkout outage: what we learned' } },
    ]);
    expect(q(host, 'pm-title-input')).toBeNull();
    expect(q(host, 'pm-title')!.textContent).toContain('Checkout outage: what we learned');
    expect(q(host, 'pm-header-error')).toBeNull();

    q<HTMLButtonElement>(host, 'pm-rename')!.click();
    await flushPromises();
    const again = q<HTMLInputElement>(host, 'pm-title-input')!;
    again.value = 'Discarded';
    again.dispatchEvent(new Event('input'));
    again.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    await flushPromises();
    expect(q(host, 'pm-title')!.textContent).toContain('Checkout outage: what we learned');
    expect(api.lifecycleCalls).toHaveLength(1);
  });

  it('changes status and owner from the header; the list shows them after going back', async () => {
    const { api, host, navigations } = await openDocument();
    const status = q<HTMLSelectElement>(q(host, 'pm-document-header')!, 'pm-status-select')!;
    status.value = 'in_review';
    status.dispatchEvent(new Event('change'));
    await flushPromises();
    const owner = q<HTMLSelectElement>(q(host, 'pm-document-header')!, 'pm-owner-select')!;
    owner.value = ADA;
    owner.dispatchEvent(new Event('change'));
    await flushPromises();
    expect(api.lifecycleCalls.map((c) => c.body)).toEqual([{ status: 'in_review' }, { ownerId: ADA }]);
    q<HTMLButtonElement>(host, 'pm-back')!.click();
    await flushPromises();
    expect(navigations).toEqual([null]);
    const row = q(host, 'pm-postmortem-row')!;
    expect(q<HTMLSelectElement>(row, 'pm-status-select')!.value).toBe('in_review');
    expect(q<HTMLSelectElement>(row, 'pm-owner-select')!.selectedOptions[0]!.textContent).toBe('Ada Admin');
  });

  it('shows changes made in another browser without reload (the incident list stream)', async () => {
    const { api, host } = await openDocument();
    await vi.waitFor(() => expect(api.listFeed.opened).toBe(true));
    api.listFeed.push([pm({ status: 'completed', ownerId: ADA, ownerName: 'Ada Admin', title: 'Renamed' })]);
    await vi.waitFor(() => expect(q<HTMLSelectElement>(host, 'pm-status-select')!.value).toBe('completed'));
    expect(q<HTMLSelectElement>(host, 'pm-owner-select')!.value).toBe(ADA);
    expect(q(host, 'pm-title')!.textContent).toContain('Renamed');
  });

  it('gives read-only users the same facts without controls', async () => {
    const { host } = await openDocument({ me: { ...ME, permissions: ['incidents_read', 'notebooks_read'] } });
    const header = q(host, 'pm-document-header')!;
    expect(q(header, 'pm-status-select')).toBeNull();
    expect(q(header, 'pm-owner-select')).toBeNull();
    expect(q(header, 'pm-rename')).toBeNull();
    expect(q(header, 'pm-title')!.textContent).toContain(pm().title);
    expect(q(header, 'pm-owner-name')!.textContent).toBe('Sam Standard');
  });
});
