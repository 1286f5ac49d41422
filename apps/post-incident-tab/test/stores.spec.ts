import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useGenerateStore } from '../src/stores/generate.js';
import { useTabStore } from '../src/stores/tab.js';
import { API, INCIDENT_ID, TEMPLATES, installStubApi, pm } from './stub-api.js';

const opts = { contractVersion: 1 as const, apiBaseUrl: API, incidentId: INCIDENT_ID, authToken: 'tok' };

beforeEach(() => setActivePinia(createPinia()));
afterEach(() => vi.unstubAllGlobals());

describe('tab store', () => {
  it('loads postmortems newest first, templates and the write permission', async () => {
    installStubApi({
      postmortems: [
        pm({
          id: 'c0000000-0000-4000-8000-00000000000a',
          updatedAt: '2026-01-01T00:00:00.000Z',
          title: 'old',
        }),
        pm({ title: 'new', updatedAt: '2026-01-03T00:00:00.000Z' }),
      ],
    });
    const tab = useTabStore();
    tab.configure(opts);
    await tab.load();
    expect(tab.loadState).toBe('ready');
    expect(tab.postmortems.map((p) => p.title)).toEqual(['new', 'old']);
    expect(tab.defaultTemplate?.id).toBe(TEMPLATES[1]!.id);
    expect(tab.canWrite).toBe(true);
  });

  it('reports a load failure with the API message', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(
        async () =>
          new Response(JSON.stringify({ code: 'FORBIDDEN', message: 'You cannot see this incident' }), {
            status: 403,
          }),
      ),
    );
    const tab = useTabStore();
    tab.configure(opts);
    await tab.load();
    expect(tab.loadState).toBe('error');
    expect(tab.loadError).toBe('You cannot see this incident');
  });

  it('follows a postmortem still generating after load and tells the host when ready', async () => {
    const running = pm({ generationState: 'rendering', progress: 20 });
    const api = installStubApi({ postmortems: [running] });
    const onEvent = vi.fn();
    const tab = useTabStore();
    tab.configure(opts, { onEvent });
    await tab.load();
    await vi.waitFor(() => expect(api.feeds.has(running.id)).toBe(true));
    api.feeds.get(running.id)!.push(pm({ generationState: 'ready', progress: 100 }));
    await vi.waitFor(() => expect(tab.postmortems[0]!.generationState).toBe('ready'));
    expect(onEvent).toHaveBeenCalledWith({ type: 'postmortem.ready', postmortemId: running.id });
  });

  it('a throwing host callback does not break the tab', () => {
    const tab = useTabStore();
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    tab.configure(opts, {
      onEvent: () => {
        throw new Error('host bug');
      },
    });
    expect(() => tab.open(pm().id)).not.toThrow();
    expect(tab.openId).toBe(pm().id);
    expect(err).toHaveBeenCalled();
  });
});

describe('generate store', () => {
  it('mints a fresh idempotency key on every dialog opening', async () => {
    installStubApi();
    const tab = useTabStore();
    tab.configure(opts);
    await tab.load();
    const gen = useGenerateStore();
    await gen.openDialog();
    const first = gen.idempotencyKey;
    gen.closeDialog();
    await gen.openDialog();
    expect(gen.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(gen.idempotencyKey).not.toBe(first);
    expect(gen.templateId).toBe(TEMPLATES[1]!.id);
  });

  it('turns a network failure of the POST into an error and re-enables Generate with the same key', async () => {
    installStubApi();
    const tab = useTabStore();
    tab.configure(opts);
    await tab.load();
    const gen = useGenerateStore();
    await gen.openDialog();
    const key = gen.idempotencyKey;
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    await expect(gen.generate()).resolves.toBeNull();
    expect(gen.error).toContain('cannot reach the API');
    expect(gen.pending).toBe(false);
    expect(gen.idempotencyKey).toBe(key); // the retry may be a duplicate: the server collapses it
  });
});
