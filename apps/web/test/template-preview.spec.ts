// @vitest-environment jsdom
// The preview is sanitized with DOMPurify, which does not work on happy-dom (it drops the root element and misses
// nested ones), so this file runs on jsdom, which parses like a browser.
import type { Incident } from '@pm/contracts';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetApi } from '../src/api.js';
import TemplateEditor from '../src/components/templates/TemplateEditor.vue';
import { emptyDraft } from '../src/stores/templates.js';

const INCIDENT: Incident = {
  id: 'e0000000-0000-4000-8000-000000000001',
  publicId: 1,
  title: 'Checkout API returns 500s',
  severity: 'SEV-2',
  status: 'resolved',
  visibility: 'organization',
  summary: null,
  commanderName: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  detectedAt: null,
  resolvedAt: null,
  updatedAt: '2026-01-01T00:00:00.000Z',
};

/** What a hostile or broken server could send as preview HTML, next to what a real preview contains. */
const SERVER_HTML = [
  '<h1>Postmortem: Checkout API returns 500s</h1>',
  '<img src="x" onerror="window.__pwned = 1">',
  '<a href="javascript:window.__pwned = 2">bad link</a>',
  '<a href="https://status.example.com">status page</a>',
  '<script>window.__pwned = 3</script>',
  '<form action="https://evil.test"><input name="password"></form>',
].join('');

beforeEach(() => {
  window.__PM_CONFIG__ = { apiUrl: 'http://api.test', tabUrl: 'http://tab.test/mount.js' };
  resetApi();
  setActivePinia(createPinia());
});
afterEach(() => vi.unstubAllGlobals());

describe('template editor preview', () => {
  it('shows the server preview without scripts, event handlers, javascript: links or forms', async () => {
    const fetchFn = vi.fn(async (url: string) =>
      new URL(url).pathname === '/templates/preview'
        ? new Response(
            JSON.stringify({
              doc: { type: 'doc', content: [] },
              html: SERVER_HTML,
              warnings: [],
              errors: [],
              renderMs: 2,
              timeZone: 'UTC',
            }),
            { status: 200, headers: { 'content-type': 'application/json' } },
          )
        : new Response(JSON.stringify({ items: [] }), { status: 200 }),
    );
    vi.stubGlobal('fetch', fetchFn);
    const wrapper = mount(TemplateEditor, {
      props: { draft: emptyDraft(), incidents: [INCIDENT] },
      attachTo: document.body,
    });

    // The editor asks for a preview after a short debounce; wait for it to be shown.
    await vi.waitFor(() => expect(wrapper.find('[data-testid="template-preview"]').exists()).toBe(true));
    await flushPromises();
    const preview = wrapper.get('[data-testid="template-preview"]').element;
    expect(preview.querySelector('h1')?.textContent).toBe('Postmortem: Checkout API returns 500s');
    expect(preview.querySelector('a[href="https://status.example.com"]')?.textContent).toBe('status page');
    expect(preview.innerHTML).not.toMatch(/onerror|javascript:|<script|<form|<input|__pwned/);
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
    wrapper.unmount();
  });
});
