import type { FollowUp } from '@pm/api-client';
import { apiErrorResponse, jsonResponse, stubApi } from '@pm/api-client/testing';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import FollowUpsPanel from '../src/components/FollowUpsPanel.vue';
import { useFollowUpsStore } from '../src/stores/follow-ups.js';
import { useTabStore } from '../src/stores/tab.js';
import { API, INCIDENT_ID, ME, USERS } from './api-fixtures.js';
import { followUp } from './follow-ups-fixtures.js';

beforeEach(() => setActivePinia(createPinia()));
afterEach(() => vi.unstubAllGlobals());

/** The sidebar over a stubbed API whose export answers `exportAnswer`. */
async function panel(items: FollowUp[], exportAnswer: () => Response, readOnly = false) {
  const exported: string[] = [];
  const { fetch } = stubApi({
    '/me': { get: () => ME },
    '/users': { get: () => ({ items: USERS }) },
    '/incidents/{id}/follow-ups': { get: () => ({ items }) },
    '/follow-ups/{id}/export': {
      post: ({ path }) => {
        exported.push(path.id ?? '');
        return exportAnswer();
      },
    },
  });
  vi.stubGlobal('fetch', vi.fn(fetch));
  const tab = useTabStore();
  tab.configure({ contractVersion: 1, apiBaseUrl: API, incidentId: INCIDENT_ID, authToken: 'tok' });
  tab.meId = ME.id;
  tab.users = USERS;
  await useFollowUpsStore().load(INCIDENT_ID);
  const w = mount(FollowUpsPanel, { props: { readOnly } });
  await flushPromises();
  return { w, exported };
}

const tracker = (w: ReturnType<typeof mount>, i = 0) =>
  w.findAll('[data-testid="pm-follow-up"]')[i]!.find('[data-testid="pm-follow-up-tracker"]');

describe('follow-up tracker state in the sidebar', () => {
  it('shows a linked item’s key as a link to the issue, without an export action', async () => {
    const linked = followUp({
      tracker: {
        kind: 'jira',
        key: 'OPS-12',
        url: 'https://acme.atlassian.net/browse/OPS-12',
        state: 'linked',
      },
    });
    const { w } = await panel([linked], () => new Response(null, { status: 500 }));
    const link = tracker(w).get('a[data-testid="pm-follow-up-key"]');
    expect(link.text()).toBe('OPS-12');
    expect(link.attributes('href')).toBe('https://acme.atlassian.net/browse/OPS-12');
    expect(link.attributes('rel')).toContain('noopener');
    expect(tracker(w).find('[data-testid="pm-follow-up-export"]').exists()).toBe(false);
  });

  it('exports an item on request and shows it as exporting', async () => {
    const item = followUp({ content: 'Export me' });
    const { w, exported } = await panel([item], () =>
      jsonResponse(202, { kind: 'github', key: null, url: null, state: 'exporting', error: null }),
    );
    await tracker(w).get('[data-testid="pm-follow-up-export"]').trigger('click');
    await flushPromises();
    expect(exported).toEqual([item.id]);
    expect(tracker(w).attributes('data-state')).toBe('exporting');
    expect(tracker(w).text()).toContain('Exporting to GitHub');
  });

  it('shows a deleted issue with its reason and offers to export again; a missing tracker is explained', async () => {
    const gone = followUp({
      tracker: {
        kind: 'github',
        key: 'octo/app#4',
        url: 'https://github.com/octo/app/issues/4',
        state: 'deleted',
        error: 'octo/app#4 was deleted in GitHub',
      },
    });
    const { w } = await panel([gone], () =>
      apiErrorResponse(409, { code: 'TRACKER_NOT_CONFIGURED', message: 'No tracker is configured' }),
    );
    expect(tracker(w).get('[data-testid="pm-follow-up-tracker-error"]').text()).toContain(
      'Tracker issue deleted (octo/app#4): octo/app#4 was deleted in GitHub',
    );
    const again = tracker(w).get('[data-testid="pm-follow-up-export"]');
    expect(again.text()).toBe('Export to GitHub');
    await again.trigger('click');
    await flushPromises();
    expect(w.get('[data-testid="pm-follow-ups-error"]').text()).toContain('No tracker is configured');
  });

  it('never renders a non-http link, and read-only users get no export action', async () => {
    const odd = followUp({
      tracker: { kind: 'jira', key: 'OPS-1', url: 'javascript:alert(1)', state: 'linked' },
    });
    const { w } = await panel([odd, followUp()], () => new Response(null, { status: 500 }), true);
    expect(tracker(w).find('a').exists()).toBe(false);
    expect(tracker(w).get('[data-testid="pm-follow-up-key"]').text()).toBe('OPS-1');
    expect(w.find('[data-testid="pm-follow-up-export"]').exists()).toBe(false);
  });
});
