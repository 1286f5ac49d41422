import type { ConnectedAccount, Me } from '@pm/api-client';
import { apiErrorResponse, jsonResponse, stubApi, type StubRequest } from '@pm/api-client/testing';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { resetApi } from '../src/api.js';
import AccountPicker from '../src/components/templates/AccountPicker.vue';
import { useAuthStore } from '../src/stores/auth.js';
import ConnectedAccountsView from '../src/views/ConnectedAccountsView.vue';

const ADMIN: Me = {
  id: 'b0000000-0000-4000-8000-000000000001',
  email: 'admin@example.com',
  name: 'Ada Admin',
  handle: 'ada',
  role: 'admin',
  permissions: ['templates_manage', 'integrations_manage'],
};
const WIKI: ConnectedAccount = {
  id: 'a0000000-0000-4000-8000-000000000001',
  kind: 'confluence_cloud',
  name: 'Engineering wiki',
  publicConfig: { siteUrl: 'https://acme.atlassian.net', email: 'bot@acme.test' },
  createdAt: '2026-11-30T10:00:00.000Z',
  createdBy: ADMIN.id,
  modifiedAt: '2026-11-30T10:00:00.000Z',
  lastTest: null,
};

let accounts: ConnectedAccount[];
let requests: StubRequest[];
let deleteAnswer: () => Response;

beforeEach(() => {
  accounts = [WIKI];
  deleteAnswer = () => new Response(null, { status: 204 });
  const stub = stubApi({
    '/connected-accounts': {
      get: () => ({ items: accounts }),
      post: (req) => {
        const created: ConnectedAccount = {
          ...WIKI,
          id: 'a0000000-0000-4000-8000-000000000002',
          name: req.body?.name ?? '',
          kind: req.body?.kind ?? 'github',
          publicConfig: {},
        };
        accounts = [...accounts, created];
        return jsonResponse(201, created);
      },
    },
    '/connected-accounts/{accountId}': { delete: () => deleteAnswer() },
    '/connected-accounts/{accountId}/test': {
      post: () => ({
        ok: true,
        message: 'Connected: space ENG (Engineering) is readable.',
        at: WIKI.createdAt,
      }),
    },
  });
  requests = stub.requests;
  vi.stubGlobal('fetch', stub.fetch);
  window.__PM_CONFIG__ = { apiUrl: 'http://api.test', tabUrl: 'http://tab.test/mount.js' };
  resetApi();
  setActivePinia(createPinia());
  useAuthStore().me = ADMIN;
});
afterEach(() => vi.unstubAllGlobals());

async function mountWith(component: object, props: Record<string, unknown> = {}) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/:p(.*)*', component: {} }],
  });
  const w = mount(component, { props, global: { plugins: [router] } });
  await flushPromises();
  return w;
}

describe('Connected accounts page', () => {
  it('lists accounts with their service and tests one, showing the answer', async () => {
    const w = await mountWith(ConnectedAccountsView);
    const row = w.get('[data-testid="account-row-Engineering wiki"]');
    expect(row.get('[data-testid="account-kind-label"]').text()).toBe('Confluence Cloud');
    expect(row.text()).toContain('https://acme.atlassian.net · bot@acme.test');
    expect(row.get('[data-testid="account-test-result"]').text()).toBe('Not tested yet');

    await row.get('[data-testid="account-test"]').trigger('click');
    await flushPromises();
    expect(requests.map((r) => `${r.method} ${r.url.pathname}`)).toContain(
      `POST /connected-accounts/${WIKI.id}/test`,
    );
    expect(w.get('[data-testid="account-test-result"]').text()).toContain(
      '✓ Connected: space ENG (Engineering) is readable.',
    );
  });

  it('adds an account with the secret typed into a password input, sent once and not kept', async () => {
    const w = await mountWith(ConnectedAccountsView);
    await w.get('[data-testid="account-add"]').trigger('click');
    await w.get('[data-testid="account-kind"]').setValue('github');
    const token = w.get('[data-testid="account-field-token"]');
    expect(token.attributes('type')).toBe('password');
    await w.get('[data-testid="account-name"]').setValue('GitHub bot');
    await token.setValue('ghp_secret123');
    await w.get('[data-testid="account-form"]').trigger('submit');
    await flushPromises();

    const post = requests.find((r) => r.method === 'POST' && r.url.pathname === '/connected-accounts');
    expect(post?.body).toEqual({ kind: 'github', name: 'GitHub bot', token: 'ghp_secret123' });
    expect(w.find('[data-testid="account-form"]').exists()).toBe(false);
    expect(w.get('[data-testid="account-notice"]').text()).toContain('Connected “GitHub bot”');
    expect(w.html()).not.toContain('ghp_secret123');
    expect(w.find('[data-testid="account-row-GitHub bot"]').exists()).toBe(true);
  });

  it('asks before deleting and shows why an account in use cannot be deleted', async () => {
    deleteAnswer = () =>
      apiErrorResponse(409, {
        code: 'CONNECTED_ACCOUNT_IN_USE',
        message:
          '"Engineering wiki" is the save location of template "Confluence"; change their destination first',
      });
    const w = await mountWith(ConnectedAccountsView);
    await w.get('[data-testid="account-delete"]').trigger('click');
    expect(requests.some((r) => r.method === 'DELETE')).toBe(false);
    await w.get('[data-testid="account-delete-confirm"]').trigger('click');
    await flushPromises();
    expect(w.get('[data-testid="account-error"]').text()).toContain('save location of template "Confluence"');
    expect(w.find('[data-testid="account-row-Engineering wiki"]').exists()).toBe(true);
  });
});

describe('template account picker', () => {
  it('offers the accounts of the destination kind only', async () => {
    accounts = [WIKI, { ...WIKI, id: 'a0000000-0000-4000-8000-000000000003', kind: 'github', name: 'GH' }];
    const { useAccountsStore } = await import('../src/stores/accounts.js');
    await useAccountsStore().load();
    const w = await mountWith(AccountPicker, { destination: 'confluence', modelValue: '' });
    const options = w.findAll('[data-testid="template-confluence-account"] option').map((o) => o.text());
    expect(options).toEqual(['Choose an account…', 'Engineering wiki']);
  });

  it('explains what to do when there is no account: a link for admins, "ask an admin" otherwise', async () => {
    accounts = [];
    const { useAccountsStore } = await import('../src/stores/accounts.js');
    await useAccountsStore().load();
    const admin = await mountWith(AccountPicker, { destination: 'confluence', modelValue: '' });
    const hint = admin.get('[data-testid="template-confluence-no-account"]');
    expect(hint.text()).toContain('Connect a Confluence account in Settings → Connected accounts');
    expect(hint.get('a').attributes('href')).toBe('/settings/connected-accounts');

    useAuthStore().me = { ...ADMIN, permissions: ['templates_manage'] };
    const editor = await mountWith(AccountPicker, { destination: 'google_docs', modelValue: '' });
    const text = editor.get('[data-testid="template-google_docs-no-account"]').text();
    expect(text).toContain('Ask an admin to connect a Google account');
    expect(editor.find('a').exists()).toBe(false);
  });
});
