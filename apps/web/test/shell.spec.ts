import type { ApiToken, IncidentDetail, IncidentField, Me } from '@pm/api-client';
import { jsonResponse, stubApi, type StubRequest } from '@pm/api-client/testing';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { resetApi } from '../src/api.js';
import OverviewTab from '../src/components/incident/OverviewTab.vue';
import TimelineTab from '../src/components/incident/TimelineTab.vue';
import { useAuthStore } from '../src/stores/auth.js';
import { useIncidentEditStore } from '../src/stores/incident-edit.js';
import { useIncidentsStore } from '../src/stores/incidents.js';
import ApiTokensView from '../src/views/ApiTokensView.vue';

const ME: Me = {
  id: 'b0000000-0000-4000-8000-000000000001',
  email: 'sam@example.com',
  name: 'Sam Standard',
  handle: 'sam',
  role: 'standard',
  permissions: ['incidents_read', 'incidents_write'],
};
const OTHER = 'b0000000-0000-4000-8000-000000000002';
const FIELDS: IncidentField[] = [
  {
    id: 'f0000000-0000-4000-8000-000000000001',
    name: 'root_cause',
    displayName: 'Root cause',
    type: 'text',
    options: [],
  },
  {
    id: 'f0000000-0000-4000-8000-000000000002',
    name: 'services',
    displayName: 'Services',
    type: 'text_array',
    options: [],
  },
  {
    id: 'f0000000-0000-4000-8000-000000000003',
    name: 'detection',
    displayName: 'Detection',
    type: 'single_select',
    options: ['alert', 'customer'],
  },
];
const INCIDENT: IncidentDetail = {
  id: 'e0000000-0000-4000-8000-000000000001',
  publicId: 1,
  title: 'Checkout down',
  severity: 'SEV-2',
  status: 'active',
  visibility: 'organization',
  summary: 'Old summary',
  commanderName: null,
  chatChannelUrl: null,
  meetingUrl: null,
  createdAt: '2026-11-30T10:00:00.000Z',
  detectedAt: null,
  resolvedAt: null,
  updatedAt: '2026-11-30T10:00:00.000Z',
  customFields: { services: ['checkout'] },
  timeline: [
    {
      id: 'd0000000-0000-4000-8000-000000000001',
      kind: 'note',
      content: 'Mine',
      important: false,
      authorName: 'Sam',
      authorId: ME.id,
      occurredAt: '2026-11-30T10:01:00.000Z',
    },
    {
      id: 'd0000000-0000-4000-8000-000000000002',
      kind: 'note',
      content: 'Theirs',
      important: false,
      authorName: 'Other',
      authorId: OTHER,
      occurredAt: '2026-11-30T10:02:00.000Z',
    },
  ],
};
const TOKEN: ApiToken = {
  id: 'c0000000-0000-4000-8000-000000000001',
  name: 'old script',
  createdAt: '2026-11-01T10:00:00.000Z',
  expiresAt: null,
};

let requests: StubRequest[];
let incident: IncidentDetail;
let tokens: ApiToken[];

beforeEach(() => {
  incident = structuredClone(INCIDENT);
  tokens = [TOKEN];
  const stub = stubApi({
    '/incidents/{id}': {
      get: () => incident,
      patch: (req) => {
        const { customFields, ...rest } = req.body ?? {};
        incident = {
          ...incident,
          ...(rest as object),
          customFields: { ...incident.customFields, ...customFields },
        };
        return incident;
      },
    },
    '/incidents/{id}/responders': { get: () => ({ items: [] }) },
    '/incidents/{id}/timeline/{entryId}': {
      patch: (req) => {
        const e = incident.timeline.find((t) => t.id === req.path.entryId)!;
        e.content = req.body?.content ?? e.content;
        return e;
      },
    },
    '/incidents/{id}/timeline/{entryId}/tags': {
      put: (req) => {
        const e = incident.timeline.find((t) => t.id === req.path.entryId)!;
        e.tags = req.body!.tags;
        return e;
      },
    },
    '/me/tokens': {
      get: () => ({ items: tokens }),
      post: (req) => {
        const t = {
          id: 'c0000000-0000-4000-8000-000000000002',
          name: req.body!.name,
          createdAt: TOKEN.createdAt,
          expiresAt: '2027-02-28T10:00:00.000Z',
        };
        tokens = [t, ...tokens];
        return jsonResponse(201, { ...t, token: 'pmt_secret_once' });
      },
    },
    '/me/tokens/{tokenId}': {
      delete: (req) => {
        tokens = tokens.filter((t) => t.id !== req.path.tokenId);
        return new Response(null, { status: 204 });
      },
    },
  });
  requests = stub.requests;
  vi.stubGlobal('fetch', stub.fetch);
  window.__PM_CONFIG__ = { apiUrl: 'http://api.test', tabUrl: 'http://tab.test/mount.js' };
  resetApi();
  setActivePinia(createPinia());
  useAuthStore().me = ME;
  useIncidentsStore().current = incident;
  useIncidentEditStore().fields = FIELDS;
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
const sent = (method: string) => requests.filter((r) => r.method === method).map((r) => r.body);

describe('timeline note editing', () => {
  it('offers Edit on own notes only and saves the new text', async () => {
    const w = await mountWith(TimelineTab, { incident });
    const entries = w.findAll('[data-testid="web-timeline-entry"]');
    expect(entries[0]!.find('[data-testid="web-entry-edit"]').exists()).toBe(true);
    expect(entries[1]!.find('[data-testid="web-entry-edit"]').exists()).toBe(false);
    await entries[0]!.get('[data-testid="web-entry-edit"]').trigger('click');
    await w.get('[data-testid="web-entry-edit-input"]').setValue('Mine, corrected');
    await w.get('[data-testid="web-entry-edit-form"]').trigger('submit');
    await flushPromises();
    expect(sent('PATCH')).toEqual([{ content: 'Mine, corrected' }]);
    expect(w.find('[data-testid="web-entry-edit-form"]').exists()).toBe(false);
    await w.setProps({ incident: useIncidentsStore().current } as never);
    expect(w.get('[data-testid="web-entry-content"]').text()).toBe('Mine, corrected');
  });
});

describe('timeline tags', () => {
  it('adds a tag by its label (slugged), shows it as a chip and removes it; rejects a bad tag locally', async () => {
    const w = await mountWith(TimelineTab, { incident });
    const first = () => w.findAll('[data-testid="web-timeline-entry"]')[0]!;
    await first().get('[data-testid="web-entry-tag-open"]').trigger('click');
    await w.get('[data-testid="web-entry-tag-input"]').setValue('Key moment');
    await w.get('[data-testid="web-entry-tag-form"]').trigger('submit');
    await flushPromises();
    expect(sent('PUT')).toEqual([{ tags: ['key_moment'] }]);
    await w.setProps({ incident: useIncidentsStore().current } as never);
    const chip = first().get('[data-testid="web-entry-tag"]');
    expect(chip.text()).toContain('Key moment');
    expect(chip.get('button').attributes('aria-label')).toBe('Remove tag Key moment');

    await first().get('[data-testid="web-entry-tag-open"]').trigger('click');
    await w.get('[data-testid="web-entry-tag-input"]').setValue('no!');
    await w.get('[data-testid="web-entry-tag-form"]').trigger('submit');
    await flushPromises();
    expect(w.get('[role="alert"]').text()).toMatch(/lowercase/);
    expect(sent('PUT')).toHaveLength(1);

    await chip.get('button').trigger('click');
    await flushPromises();
    expect(sent('PUT')).toEqual([{ tags: ['key_moment'] }, { tags: [] }]);
  });

  it('shows chips without controls to readers', async () => {
    incident.timeline[0]!.tags = ['repair'];
    useAuthStore().me = { ...ME, permissions: ['incidents_read'] };
    const w = await mountWith(TimelineTab, { incident });
    expect(w.get('[data-testid="web-entry-tag"]').text()).toBe('Repair');
    expect(w.find('[data-testid="web-entry-tag-remove"]').exists()).toBe(false);
    expect(w.find('[data-testid="web-entry-tag-open"]').exists()).toBe(false);
  });
});

describe('overview editing', () => {
  it('is not offered without Incidents Write', async () => {
    useAuthStore().me = { ...ME, permissions: ['incidents_read'] };
    const w = await mountWith(OverviewTab, { incident });
    expect(w.find('[data-testid="web-overview-edit"]').exists()).toBe(false);
  });

  it('sends only the changed summary, visibility, links and field values', async () => {
    const w = await mountWith(OverviewTab, { incident });
    await w.get('[data-testid="web-overview-edit"]').trigger('click');
    await w.get('[data-testid="web-summary-input"]').setValue('Payments deploy broke checkout');
    await w.get('[data-testid="web-visibility-input"]').setValue('private');
    await w.get('[data-testid="web-meeting-url-input"]').setValue('https://meet.example.com/abc');
    await w.get('[data-testid="web-field-input-root_cause"]').setValue('Bad config');
    await w.get('[data-testid="web-field-input-services"]').setValue('checkout, payments');
    await w.get('[data-testid="web-field-input-detection"]').setValue('alert');
    await w.get('[data-testid="web-overview-form"]').trigger('submit');
    await flushPromises();
    expect(sent('PATCH')).toEqual([
      {
        summary: 'Payments deploy broke checkout',
        visibility: 'private',
        meetingUrl: 'https://meet.example.com/abc',
        customFields: { root_cause: 'Bad config', services: ['checkout', 'payments'], detection: 'alert' },
      },
    ]);
    expect(w.find('[data-testid="web-overview-form"]').exists()).toBe(false);
    await w.setProps({ incident: useIncidentsStore().current } as never);
    expect(w.get('[data-testid="web-visibility"]').text()).toBe('private');
    expect(w.get('[data-testid="web-field-services"]').text()).toBe('checkout, payments');
    expect(w.get('[data-testid="web-meeting-url"]').text()).toBe('https://meet.example.com/abc');
  });

  it('clears a value emptied in the form', async () => {
    const w = await mountWith(OverviewTab, { incident });
    await w.get('[data-testid="web-overview-edit"]').trigger('click');
    await w.get('[data-testid="web-field-input-services"]').setValue('');
    await w.get('[data-testid="web-overview-form"]').trigger('submit');
    await flushPromises();
    expect(sent('PATCH')).toEqual([{ customFields: { services: null } }]);
  });
});

describe('API tokens page', () => {
  it('creates a token with an expiry, shows the secret once, lists and revokes', async () => {
    const w = await mountWith(ApiTokensView);
    expect(w.find('[data-testid="token-row-old script"]').exists()).toBe(true);
    await w.get('[data-testid="token-name"]').setValue('CI exporter');
    await w.get('[data-testid="token-expiry"]').setValue('90');
    await w.get('[data-testid="token-form"]').trigger('submit');
    await flushPromises();
    expect(sent('POST')).toEqual([{ name: 'CI exporter', expiresInDays: 90 }]);
    expect((w.get('[data-testid="token-secret"]').element as HTMLInputElement).value).toBe('pmt_secret_once');
    expect(w.find('[data-testid="token-row-CI exporter"]').exists()).toBe(true);

    await w.get('[data-testid="token-secret-done"]').trigger('click');
    expect(w.html()).not.toContain('pmt_secret_once');

    const row = w.get('[data-testid="token-row-old script"]');
    await row.get('[data-testid="token-revoke"]').trigger('click');
    expect(requests.some((r) => r.method === 'DELETE')).toBe(false);
    await w.get('[data-testid="token-revoke-confirm"]').trigger('click');
    await flushPromises();
    expect(requests.find((r) => r.method === 'DELETE')?.url.pathname).toBe(`/me/tokens/${TOKEN.id}`);
    expect(w.find('[data-testid="token-row-old script"]').exists()).toBe(false);
  });

  it('sends no expiry for a token that never expires', async () => {
    const w = await mountWith(ApiTokensView);
    await w.get('[data-testid="token-name"]').setValue('forever');
    await w.get('[data-testid="token-expiry"]').setValue('');
    await w.get('[data-testid="token-form"]').trigger('submit');
    await flushPromises();
    expect(sent('POST')).toEqual([{ name: 'forever' }]);
  });
});
