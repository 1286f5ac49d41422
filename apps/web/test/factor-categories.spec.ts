import { apiErrorResponse, stubApi, type StubRequest } from '@pm/api-client/testing';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory } from 'vue-router';
import { resetApi } from '../src/api.js';
import { createAppRouter } from '../src/router.js';
import { useAuthStore } from '../src/stores/auth.js';
import ContributingFactorCategoriesView from '../src/views/ContributingFactorCategoriesView.vue';

let requests: StubRequest[];
let categories: string[];

beforeEach(() => {
  categories = ['Change', 'Dependency'];
  const stub = stubApi({
    '/contributing-factor-categories': {
      get: () => ({ categories }),
      put: (req) => {
        if (req.body!.categories.includes('Blame'))
          return apiErrorResponse(403, { code: 'FORBIDDEN', message: 'Missing permission' });
        categories = req.body!.categories;
        return { categories };
      },
    },
  });
  requests = stub.requests;
  vi.stubGlobal('fetch', stub.fetch);
  window.__PM_CONFIG__ = { apiUrl: 'http://api.test', tabUrl: 'http://tab.test/mount.js' };
  resetApi();
  setActivePinia(createPinia());
});
afterEach(() => vi.unstubAllGlobals());

describe('contributing-factor categories settings', () => {
  it('edits, adds and removes categories and saves the list (blank rows dropped)', async () => {
    const w = mount(ContributingFactorCategoriesView);
    await flushPromises();
    const inputs = () => w.findAll('[data-testid="factor-category-input"]');
    expect(inputs().map((i) => (i.element as HTMLInputElement).value)).toEqual(['Change', 'Dependency']);
    await inputs()[0]!.setValue('Change management');
    await w.get('[aria-label="Remove category Dependency"]').trigger('click');
    await w.get('[data-testid="factor-category-add"]').trigger('click');
    await inputs()[1]!.setValue('Vendor');
    await w.get('[data-testid="factor-category-add"]').trigger('click');
    await w.get('[data-testid="factor-categories-form"]').trigger('submit');
    await flushPromises();
    expect(requests.filter((r) => r.method === 'PUT').map((r) => r.body)).toEqual([
      { categories: ['Change management', 'Vendor'] },
    ]);
    expect(w.get('[data-testid="factor-categories-saved"]').text()).toBe('Saved');
    expect(inputs()).toHaveLength(2);
  });

  it('shows a refusal as an alert', async () => {
    const w = mount(ContributingFactorCategoriesView);
    await flushPromises();
    await w.get('[data-testid="factor-category-add"]').trigger('click');
    await w.findAll('[data-testid="factor-category-input"]')[2]!.setValue('Blame');
    await w.get('[data-testid="factor-categories-form"]').trigger('submit');
    await flushPromises();
    expect(w.get('[role="alert"]').text()).toBe('Missing permission');
  });

  it('the settings page is only reachable with Incident Settings Manage (others land on the incidents list)', async () => {
    const auth = useAuthStore();
    auth.token = 'session-token';
    const me = (permissions: string[]) =>
      ({
        id: 'u1',
        name: 'Sam',
        email: 's@example.com',
        handle: 'sam',
        role: 'standard',
        permissions,
      }) as never;
    auth.me = me(['incidents_read', 'incidents_write']);
    const router = createAppRouter(createMemoryHistory());
    await router.push('/settings/contributing-factors');
    expect(router.currentRoute.value.name).toBe('incidents');
    auth.me = me(['incidents_read', 'incident_settings_manage']);
    await router.push('/settings/contributing-factors');
    expect(router.currentRoute.value.name).toBe('settings-contributing-factors');
  });
});
