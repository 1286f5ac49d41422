import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CollabGrant } from '@pm/api-client';
import type { CollabCallbacks } from '../src/editor/collab.js';
import { mount } from '../src/mount.js';
import { API, INCIDENT_ID, ME, installStubApi, pm } from './stub-api.js';

// "Publish publicly" in the document header: shown only for Completed postmortems to holders of
// postmortems_publish; the preview renders in a sandboxed iframe; publish shows the absolute link; unpublish.
let callbacks: CollabCallbacks | null = null;
const startCollab = vi.fn((_el: HTMLElement, _grant: unknown, cb: CollabCallbacks) => {
  callbacks = cb;
  return { destroy: vi.fn(), comments: { list: () => [] } };
});
vi.mock('../src/editor/collab.js', () => ({ startCollab }));

const q = <T extends Element = HTMLElement>(root: ParentNode, id: string) =>
  root.querySelector<T & Element>(`[data-testid="${id}"]`);

const grant: CollabGrant = {
  token: 'collab-tok',
  documentName: 'postmortem:d0000000-0000-4000-8000-000000000001',
  collabUrl: 'ws://collab.test',
  expiresAt: new Date(Date.now() + 600_000).toISOString(),
  readOnly: true,
  user: { id: ME.id, name: ME.name, color: '#0a7' },
};
const SECTIONS = [
  { id: 'intro', heading: 'Title' },
  { id: 's1-summary', heading: 'Summary' },
  { id: 's2-impact', heading: 'Impact' },
];
const REDACTION = { names: 2, customFields: 1, links: 0, blocks: 0 };
const TOKEN = 'A'.repeat(43);

async function open(opts: { status: 'completed' | 'draft'; canPublish: boolean }) {
  const calls: Array<{ method: string; path: string; body: unknown }> = [];
  let published: { sections: string[] } | null = null;
  installStubApi({
    postmortems: [pm({ status: opts.status })],
    me: {
      ...ME,
      permissions: [...ME.permissions, ...(opts.canPublish ? (['postmortems_publish'] as const) : [])],
    },
  });
  const fetchFn = vi.mocked(fetch);
  const base = fetchFn.getMockImplementation()!;
  fetchFn.mockImplementation(async (input, init) => {
    const url = new URL(String(input));
    const method = init?.method ?? 'GET';
    const json = (status: number, body: unknown) =>
      new Response(body === undefined ? null : JSON.stringify(body), {
        status,
        headers: { 'content-type': 'application/json' },
      });
    if (url.pathname.endsWith('/collab-token')) return json(200, grant);
    if (url.pathname.includes('/public')) {
      const body = init?.body ? JSON.parse(String(init.body)) : undefined;
      calls.push({ method, path: url.pathname, body });
      if (url.pathname.endsWith('/public-preview'))
        return json(200, {
          sections: SECTIONS,
          chosen: body.sections,
          redaction: REDACTION,
          html: '<!doctype html><h2>Summary</h2><p>The incident commander</p>',
        });
      if (method === 'GET')
        return json(200, {
          sections: SECTIONS,
          published: published && {
            id: 'e0000000-0000-4000-8000-000000000001',
            publishedAt: new Date().toISOString(),
            publishedBy: { id: ME.id, name: ME.name },
            sections: published.sections,
            redaction: REDACTION,
          },
        });
      if (method === 'POST') {
        published = { sections: body.sections };
        return json(201, {
          id: 'e0000000-0000-4000-8000-000000000001',
          token: TOKEN,
          path: `/public/postmortems/${TOKEN}`,
          publishedAt: new Date().toISOString(),
          sections: body.sections,
          redaction: REDACTION,
        });
      }
      published = null;
      return new Response(null, { status: 204 });
    }
    return base(input, init);
  });
  const host = document.body.appendChild(document.createElement('div'));
  mount(host, { apiBaseUrl: API, incidentId: INCIDENT_ID, authToken: 'tok', postmortemId: pm().id });
  await flushPromises();
  await vi.waitFor(() => expect(callbacks).not.toBeNull());
  return { host, calls };
}

afterEach(() => {
  callbacks = null;
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('publish dialog', () => {
  it('is offered only for Completed postmortems and only with postmortems_publish', async () => {
    const a = await open({ status: 'completed', canPublish: false });
    expect(q(a.host, 'pm-publish-open')).toBeNull();
    document.body.innerHTML = '';
    callbacks = null;
    const b = await open({ status: 'draft', canPublish: true });
    expect(q(b.host, 'pm-publish-open')).toBeNull();
  });

  it('previews sandboxed, publishes the chosen sections, shows the link, unpublishes', async () => {
    const { host, calls } = await open({ status: 'completed', canPublish: true });
    q(host, 'pm-publish-open')!.click();
    await vi.waitFor(() => expect(q(host, 'pm-publish-section-s1-summary')).not.toBeNull());
    expect(q(host, 'pm-publish-dialog')!.getAttribute('role')).toBe('dialog');
    for (const id of ['s1-summary', 's2-impact']) {
      q<HTMLInputElement>(host, `pm-publish-section-${id}`)!.click();
      await flushPromises(); // v-model reads the rendered value: one render per click, as with a real user
    }

    q(host, 'pm-publish-preview')!.click();
    await vi.waitFor(() => expect(q(host, 'pm-publish-preview-frame')).not.toBeNull());
    const frame = q<HTMLIFrameElement>(host, 'pm-publish-preview-frame')!;
    expect(frame.getAttribute('sandbox')).toBe('');
    expect(frame.getAttribute('srcdoc')).toContain('The incident commander');
    expect(q(host, 'pm-publish-redaction')!.textContent).toContain('2 names');

    q(host, 'pm-publish-submit')!.click();
    await vi.waitFor(() => expect(q(host, 'pm-publish-link')).not.toBeNull());
    expect(q<HTMLInputElement>(host, 'pm-publish-link')!.value).toBe(`${API}/public/postmortems/${TOKEN}`);
    expect(calls.find((c) => c.method === 'POST' && c.path.endsWith('/public'))!.body).toEqual({
      sections: ['s1-summary', 's2-impact'],
    });
    await vi.waitFor(() => expect(q(host, 'pm-publish-state')).not.toBeNull());

    q(host, 'pm-publish-unpublish')!.click();
    await vi.waitFor(() => expect(q(host, 'pm-publish-state')).toBeNull());
    expect(calls.some((c) => c.method === 'DELETE')).toBe(true);
    expect(q(host, 'pm-publish-link')).toBeNull();
  });
});
