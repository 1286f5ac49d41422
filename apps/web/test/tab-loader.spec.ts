import { mount as vueMount, flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import PostIncidentTabHost from '../src/components/PostIncidentTabHost.vue';
import { clearTabCache, loadTabModule } from '../src/tab-loader.js';

const INCIDENT = '0b9e8f6a-5c1d-4e2b-8a7f-112233445566';
const OTHER = '1c9e8f6a-5c1d-4e2b-8a7f-112233445566';

function fakeTab() {
  const handle = { update: vi.fn(), unmount: vi.fn() };
  const mount = vi.fn((el: Element, _options?: unknown) => {
    el.innerHTML = '<p data-testid="fake-tab">tab here</p>';
    return handle;
  });
  return { handle, mount, importer: vi.fn(async () => ({ mount })) };
}

beforeEach(() => {
  clearTabCache();
  window.__PM_CONFIG__ = { apiUrl: 'http://api.test', tabUrl: 'http://tab.test/mount.js' };
});
afterEach(() => vi.restoreAllMocks());

describe('PostIncidentTabHost', () => {
  it('imports the tab from the configured URL and mounts it with the API URL, incident and token', async () => {
    const t = fakeTab();
    const w = vueMount(PostIncidentTabHost, {
      props: { incidentId: INCIDENT, authToken: 'tok', importer: t.importer },
      attachTo: document.body,
    });
    await flushPromises();
    expect(t.importer).toHaveBeenCalledWith('http://tab.test/mount.js');
    expect(t.mount).toHaveBeenCalledTimes(1);
    expect(t.mount.mock.calls[0]![1]).toEqual({
      apiBaseUrl: 'http://api.test',
      incidentId: INCIDENT,
      authToken: 'tok',
    });
    expect(w.find('[data-testid="fake-tab"]').exists()).toBe(true);
    expect(w.attributes('data-state')).toBe('mounted');
    w.unmount();
  });

  it('calls update on incident change and unmount on leave', async () => {
    const t = fakeTab();
    const w = vueMount(PostIncidentTabHost, {
      props: { incidentId: INCIDENT, authToken: 'tok', importer: t.importer },
    });
    await flushPromises();
    await w.setProps({ incidentId: OTHER });
    expect(t.handle.update).toHaveBeenCalledWith({ incidentId: OTHER, authToken: 'tok' });
    expect(t.handle.unmount).not.toHaveBeenCalled();
    w.unmount();
    expect(t.handle.unmount).toHaveBeenCalledTimes(1);
  });

  it('shows an error with the URL when the tab cannot be loaded, and retries', async () => {
    const importer = vi
      .fn()
      .mockRejectedValueOnce(new TypeError('Failed to fetch dynamically imported module'));
    const t = fakeTab();
    importer.mockImplementation(t.importer);
    const w = vueMount(PostIncidentTabHost, { props: { incidentId: INCIDENT, authToken: 'tok', importer } });
    await flushPromises();
    const err = w.find('[data-testid="web-tab-error"]');
    expect(err.exists()).toBe(true);
    expect(err.text()).toContain('http://tab.test/mount.js');
    expect(err.text()).toContain('Failed to fetch dynamically imported module');
    await err.find('button').trigger('click');
    await flushPromises();
    expect(w.find('[data-testid="web-tab-error"]').exists()).toBe(false);
    expect(t.mount).toHaveBeenCalledTimes(1);
    w.unmount();
  });

  it('does not mount when the user left before the module arrived', async () => {
    const t = fakeTab();
    let resolve!: (m: unknown) => void;
    const importer = vi.fn(() => new Promise((r) => (resolve = r)));
    const w = vueMount(PostIncidentTabHost, { props: { incidentId: INCIDENT, authToken: 'tok', importer } });
    w.unmount();
    resolve({ mount: t.mount });
    await flushPromises();
    expect(t.mount).not.toHaveBeenCalled();
  });
});

describe('loadTabModule', () => {
  it('rejects a module without mount()', async () => {
    await expect(loadTabModule('http://x.test/a.js', async () => ({ other: 1 }))).rejects.toThrow(
      'does not export mount()',
    );
  });

  it('caches a loaded module per URL', async () => {
    const t = fakeTab();
    await loadTabModule('http://x.test/b.js', t.importer);
    await loadTabModule('http://x.test/b.js', t.importer);
    expect(t.importer).toHaveBeenCalledTimes(1);
  });
});
