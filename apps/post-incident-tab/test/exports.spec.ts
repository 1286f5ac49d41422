import type { ConnectedAccount, Export, Postmortem } from '@pm/api-client';
import { apiErrorResponse, jsonResponse, stubApi } from '@pm/api-client/testing';
import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mount } from '../src/mount.js';
import { API, INCIDENT_ID, ME, TEMPLATES, USERS, pm } from './api-fixtures.js';

const q = <T extends Element = HTMLElement>(root: ParentNode, id: string) =>
  root.querySelector<T & Element>(`[data-testid="${id}"]`);
const EXPORT_ID = 'e0000000-0000-4000-8000-000000000001';
const ACCOUNT: ConnectedAccount = {
  id: 'a0000000-0000-4000-8000-000000000001',
  kind: 'confluence_cloud',
  name: 'Engineering wiki',
  publicConfig: { siteUrl: 'https://acme.atlassian.net', email: 'bot@acme.test' },
  createdAt: '2026-01-01T00:00:00.000Z',
  createdBy: null,
  modifiedAt: '2026-01-01T00:00:00.000Z',
  lastTest: null,
};
const row = (over: Partial<Export>): Export => ({
  id: EXPORT_ID,
  postmortemId: pm().id,
  kind: 'pdf',
  state: 'queued',
  progress: 0,
  externalId: null,
  url: null,
  fileName: null,
  size: null,
  error: null,
  createdAt: '2026-01-02T00:00:00.000Z',
  createdBy: { id: ME.id, name: ME.name },
  finishedAt: null,
  ...over,
});

/** The tab's endpoints plus the export ones; `final` is what the export's event stream (and GET) ends with. */
async function mounted(opts: {
  postmortems: Postmortem[];
  final: (kind: Export['kind']) => Export;
  me?: typeof ME;
}) {
  const calls: { created: unknown[]; fileAuth: string[] } = { created: [], fileAuth: [] };
  let kind: Export['kind'] = 'pdf';
  const { fetch } = stubApi({
    '/me': { get: () => opts.me ?? ME },
    '/templates': { get: () => ({ items: TEMPLATES }) },
    '/users': { get: () => ({ items: USERS }) },
    '/incidents/{id}': { get: () => apiErrorResponse(404, { code: 'INCIDENT_NOT_FOUND', message: 'no' }) },
    '/incidents/{id}/postmortems': { get: () => ({ items: opts.postmortems }) },
    '/postmortems/{id}/exports': {
      post: ({ body }) => {
        calls.created.push(body);
        kind = body!.kind;
        return jsonResponse(202, row({ kind }));
      },
    },
    '/exports/{exportId}': { get: () => opts.final(kind) },
    '/exports/{exportId}/events': {
      get: () =>
        new Response(`event: export\ndata: ${JSON.stringify(opts.final(kind))}\n\n`, {
          headers: { 'content-type': 'text/event-stream' },
        }),
    },
    '/exports/{exportId}/file': {
      get: ({ headers }) => {
        calls.fileAuth.push(headers.authorization ?? '');
        return new Response(new Blob(['%PDF-1.7 fake']), {
          status: 200,
          headers: {
            'content-type': 'application/pdf',
            'content-disposition': 'attachment; filename="x.pdf"',
          },
        });
      },
    },
    '/connected-accounts': { get: () => ({ items: [ACCOUNT] }) },
  });
  vi.stubGlobal('fetch', vi.fn(fetch));
  const host = document.body.appendChild(document.createElement('div'));
  mount(host, { apiBaseUrl: API, incidentId: INCIDENT_ID, authToken: 'tok' });
  await flushPromises();
  return { host, calls };
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  document.body.innerHTML = '';
});

describe('Download / Export menu', () => {
  it('renders a PDF, fetches it with the bearer token and saves it under its file name', async () => {
    const saved: { href: string; download: string }[] = [];
    URL.createObjectURL = vi.fn(() => 'blob:pdf');
    URL.revokeObjectURL = vi.fn();
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push({ href: this.href, download: this.download });
    });
    const { host, calls } = await mounted({
      postmortems: [pm()],
      final: (kind) =>
        row({ kind, state: 'ready', progress: 100, fileName: 'Checkout review.pdf', size: 12 }),
    });
    q<HTMLButtonElement>(host, 'pm-export-toggle')!.click();
    await flushPromises();
    q<HTMLButtonElement>(host, 'pm-export-pdf')!.click();
    await flushPromises();
    expect(calls.created).toEqual([{ kind: 'pdf' }]);
    expect(calls.fileAuth).toEqual(['Bearer tok']);
    expect(saved).toEqual([{ href: 'blob:pdf', download: 'Checkout review.pdf' }]);
    expect(q(host, 'pm-export-status')!.dataset.state).toBe('ready');
  });

  it('exports to Confluence with a chosen account and space, then links to the page', async () => {
    const { host, calls } = await mounted({
      postmortems: [pm()],
      final: (kind) =>
        row({
          kind,
          state: 'ready',
          progress: 100,
          externalId: '42',
          url: 'https://acme.atlassian.net/wiki/x/42',
        }),
    });
    q<HTMLButtonElement>(host, 'pm-export-toggle')!.click();
    await flushPromises();
    q<HTMLButtonElement>(host, 'pm-export-confluence')!.click();
    await flushPromises();
    const dialog = q(document.body, 'pm-export-dialog')!;
    expect(q<HTMLSelectElement>(dialog, 'pm-export-account')!.selectedOptions[0]!.textContent).toBe(
      'Engineering wiki',
    );
    const space = q<HTMLInputElement>(dialog, 'pm-export-space')!;
    space.value = 'ENG';
    space.dispatchEvent(new Event('input'));
    q<HTMLButtonElement>(dialog, 'pm-export-submit')!.click();
    await flushPromises();
    expect(calls.created).toEqual([{ kind: 'confluence', accountId: ACCOUNT.id, spaceKey: 'ENG' }]);
    expect(q(document.body, 'pm-export-dialog')).toBeNull();
    const link = q<HTMLAnchorElement>(host, 'pm-export-link')!;
    expect(link.href).toBe('https://acme.atlassian.net/wiki/x/42');
    expect(link.rel).toContain('noopener');
  });

  it('shows the worker’s reason when an export fails', async () => {
    const { host } = await mounted({
      postmortems: [pm()],
      final: (kind) =>
        row({
          kind,
          state: 'failed',
          error: {
            code: 'DESTINATION_TOO_LARGE',
            message: 'storage body is 6 MB; at most 5 MB',
            status: 413,
          },
        }),
    });
    q<HTMLButtonElement>(host, 'pm-export-toggle')!.click();
    await flushPromises();
    q<HTMLButtonElement>(host, 'pm-export-confluence')!.click();
    await flushPromises();
    q<HTMLButtonElement>(document.body, 'pm-export-submit')!.click();
    await flushPromises();
    const status = q(host, 'pm-export-status')!;
    expect(status.dataset.state).toBe('failed');
    expect(status.textContent).toContain('Export to Confluence failed: storage body is 6 MB; at most 5 MB');
  });

  it('offers downloads only to read-only users, nothing for external postmortems, whose row links to the page', async () => {
    const { host } = await mounted({
      me: { ...ME, role: 'read_only', permissions: ['incidents_read', 'notebooks_read'] },
      postmortems: [
        pm(),
        pm({
          id: 'c0000000-0000-4000-8000-000000000002',
          title: 'On the wiki',
          destination: 'confluence',
          documentId: null,
          url: 'https://acme.atlassian.net/wiki/x/7',
        }),
      ],
      final: (kind) => row({ kind }),
    });
    const rows = host.querySelectorAll('[data-testid="pm-postmortem-row"]');
    q<HTMLButtonElement>(rows[0]!, 'pm-export-toggle')!.click();
    await flushPromises();
    expect(q(rows[0]!, 'pm-export-pdf')).not.toBeNull();
    expect(q(rows[0]!, 'pm-export-confluence')).toBeNull();
    expect(q(rows[1]!, 'pm-export')).toBeNull();
    expect(q<HTMLAnchorElement>(rows[1]!, 'pm-row-link')!.href).toBe('https://acme.atlassian.net/wiki/x/7');
  });
});
