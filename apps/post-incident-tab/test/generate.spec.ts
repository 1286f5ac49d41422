// @vitest-environment jsdom
// The dialog shows DOMPurify-sanitized HTML; DOMPurify does not work on happy-dom (it drops the root element and
// misses nested ones), so this file runs on jsdom like a browser would.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import type { TabEvent } from '@pm/contracts';
import { mount } from '../src/mount.js';
import { API, INCIDENT_ID, TEMPLATES, installStubApi, pm } from './stub-api.js';

const q = <T extends Element = HTMLElement>(root: Element, id: string) =>
  root.querySelector<T & Element>(`[data-testid="${id}"]`);

async function openDialog(init: Parameters<typeof installStubApi>[0] = {}) {
  const api = installStubApi(init);
  const host = document.body.appendChild(document.createElement('div'));
  const events: TabEvent[] = [];
  const handle = mount(
    host,
    { apiBaseUrl: API, incidentId: INCIDENT_ID, authToken: 'tok' },
    { onEvent: (e) => events.push(e) },
  );
  await flushPromises();
  q<HTMLButtonElement>(host, 'pm-generate')!.click();
  await flushPromises();
  return { api, host, events, handle };
}

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('generate dialog', () => {
  it('preselects the default template and shows its preview without executing markup', async () => {
    const { host, api } = await openDialog();
    const select = q<HTMLSelectElement>(document.body, 'pm-template-select')!;
    expect(select.value).toBe(TEMPLATES[1]!.id);
    const preview = q(document.body, 'pm-preview')!;
    expect(preview.querySelector('h1')?.textContent).toBe('Standard postmortem');
    expect(preview.innerHTML).not.toContain('<script');
    expect(preview.innerHTML).not.toContain('onclick');
    expect(api.previewCalls).toEqual([{ templateId: TEMPLATES[1]!.id, incidentId: INCIDENT_ID }]);
    // Switching the template re-renders the preview.
    select.value = TEMPLATES[0]!.id;
    select.dispatchEvent(new Event('change'));
    await flushPromises();
    expect(preview.querySelector('h1')?.textContent).toBe('Short form');
    expect(host).toBeTruthy();
  });

  it('disables Generate while the request is pending and sends exactly one request per dialog', async () => {
    let release!: () => void;
    const { api } = await openDialog({ holdGenerate: new Promise<void>((r) => (release = r)) });
    const btn = q<HTMLButtonElement>(document.body, 'pm-confirm-generate')!;
    expect(btn.disabled).toBe(false);
    btn.click();
    await flushPromises();
    expect(btn.disabled).toBe(true);
    btn.click(); // a double click while pending
    btn.dispatchEvent(new MouseEvent('click'));
    await flushPromises();
    release();
    await flushPromises();
    expect(api.generateCalls).toHaveLength(1);
    expect(api.generateCalls[0]!.body).toEqual({ templateId: TEMPLATES[1]!.id });
    expect(api.generateCalls[0]!.key).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('drives the progress bar from pushed states, then opens the ready postmortem', async () => {
    const { api, host, events } = await openDialog();
    q<HTMLButtonElement>(document.body, 'pm-confirm-generate')!.click();
    await flushPromises();
    const id = 'c0000000-0000-4000-8000-0000000000ff';
    const feed = api.feeds.get(id)!;
    const progress = () => q(document.body, 'pm-progress')!;
    expect(progress().dataset.state).toBe('queued');

    feed.push(pm({ id, generationState: 'rendering', progress: 35 }));
    await vi.waitFor(() => expect(progress().dataset.state).toBe('rendering'));
    expect(progress().dataset.percent).toBe('35');
    expect(progress().querySelector('[role="progressbar"]')!.getAttribute('aria-valuenow')).toBe('35');
    expect(q(document.body, 'pm-progress-label')!.textContent).toBe('Rendering template');
    expect(q<HTMLButtonElement>(document.body, 'pm-confirm-generate')!.disabled).toBe(true);

    feed.push(pm({ id, generationState: 'storing', progress: 80 }));
    await vi.waitFor(() => expect(progress().dataset.percent).toBe('80'));

    // The list behind the dialog follows too.
    expect(host.querySelector(`[data-postmortem-id="${id}"]`)?.getAttribute('data-generation-state')).toBe(
      'storing',
    );

    feed.push(pm({ id, generationState: 'ready', progress: 100, title: 'New postmortem' }));
    await vi.waitFor(() => expect(q(document.body, 'pm-generate-dialog')).toBeNull());
    expect(q(host, 'pm-editor-view')?.dataset.postmortemId).toBe(id);
    expect(events.map((e) => e.type)).toEqual([
      'postmortem.generating',
      'postmortem.ready',
      'postmortem.opened',
    ]);
  });

  it('keeps a postmortem generated to Confluence in the list, linked to its page', async () => {
    const { api, host } = await openDialog();
    q<HTMLButtonElement>(document.body, 'pm-confirm-generate')!.click();
    await flushPromises();
    const id = 'c0000000-0000-4000-8000-0000000000ff';
    api.feeds.get(id)!.push(
      pm({
        id,
        generationState: 'ready',
        progress: 100,
        title: 'New postmortem',
        destination: 'confluence',
        documentId: null,
        url: 'https://acme.atlassian.net/wiki/spaces/ENG/pages/42',
      }),
    );
    await vi.waitFor(() => expect(q(document.body, 'pm-generate-dialog')).toBeNull());
    expect(q(host, 'pm-editor-view')).toBeNull();
    const row = host.querySelector(`[data-postmortem-id="${id}"]`)!;
    expect(q<HTMLAnchorElement>(row, 'pm-row-link')!.href).toBe(
      'https://acme.atlassian.net/wiki/spaces/ENG/pages/42',
    );
  });

  it('shows the failure reason and allows a new attempt with a new key', async () => {
    const { api, events } = await openDialog();
    q<HTMLButtonElement>(document.body, 'pm-confirm-generate')!.click();
    await flushPromises();
    const id = 'c0000000-0000-4000-8000-0000000000ff';
    api.feeds.get(id)!.push(
      pm({
        id,
        generationState: 'failed',
        progress: 40,
        failureReason: 'template references unknown variable',
      }),
    );
    await vi.waitFor(() =>
      expect(q(document.body, 'pm-generate-error')?.textContent).toContain('unknown variable'),
    );
    const btn = q<HTMLButtonElement>(document.body, 'pm-confirm-generate')!;
    expect(btn.disabled).toBe(false);
    expect(btn.textContent).toContain('Try again');
    expect(events.at(-1)).toEqual({
      type: 'postmortem.failed',
      postmortemId: id,
      reason: 'template references unknown variable',
    });
    api.feeds.delete(id);
    btn.click();
    await flushPromises();
    expect(api.generateCalls).toHaveLength(2);
    expect(api.generateCalls[1]!.key).not.toBe(api.generateCalls[0]!.key);
  });
});
