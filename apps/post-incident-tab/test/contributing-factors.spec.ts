import type { ContributingFactorDto } from '@pm/contracts';
import { apiErrorResponse, jsonResponse, stubApi } from '@pm/api-client/testing';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import ContributingFactorsPanel from '../src/components/ContributingFactorsPanel.vue';
import { useTabStore } from '../src/stores/tab.js';
import { API, INCIDENT_ID } from './api-fixtures.js';

type Factor = ContributingFactorDto;

const PM = '00000000-0000-4000-8000-0000000000aa';
const opts = { contractVersion: 1 as const, apiBaseUrl: API, incidentId: INCIDENT_ID, authToken: 'tok' };
const factor = (n: number, category: string, description: string): Factor => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  postmortemId: PM,
  category,
  description,
  createdById: null,
  createdByName: 'Sam Standard',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});

beforeEach(() => setActivePinia(createPinia()));
afterEach(() => vi.unstubAllGlobals());

function install(items: Factor[]) {
  const calls: unknown[] = [];
  const { fetch } = stubApi({
    '/contributing-factor-categories': { get: () => ({ categories: ['Change', 'Monitoring gap'] }) },
    '/postmortems/{id}/contributing-factors': {
      get: () => ({ items }),
      post: ({ body }) => {
        calls.push(body);
        if (body!.description.includes('frozen'))
          return apiErrorResponse(409, {
            code: 'POSTMORTEM_FROZEN',
            message: 'This postmortem is Completed',
          });
        const f = factor(items.length + 10, body!.category, body!.description);
        items.push(f);
        return jsonResponse(201, f);
      },
    },
    '/postmortems/{id}/contributing-factors/{factorId}': {
      patch: ({ body, path }) => {
        calls.push({ patch: path.factorId, ...body });
        const f = items.find((x) => x.id === path.factorId)!;
        Object.assign(f, body);
        return { ...f };
      },
    },
  });
  vi.stubGlobal('fetch', vi.fn(fetch));
  return calls;
}

async function panel(readOnly: boolean) {
  useTabStore().configure(opts);
  const w = mount(ContributingFactorsPanel, { props: { postmortemId: PM, readOnly } });
  await flushPromises();
  return w;
}

describe('contributing factors panel', () => {
  it('lists factors and adds one with the chosen category', async () => {
    const calls = install([factor(1, 'Change', 'Pool size raised')]);
    const w = await panel(false);
    expect(w.findAll('[data-testid="pm-factor"]').map((f) => f.attributes('data-category'))).toEqual([
      'Change',
    ]);
    await w.get('[data-testid="pm-factor-category"]').setValue('Monitoring gap');
    await w.get('[data-testid="pm-factor-description"]').setValue('No saturation alert');
    await w.get('[data-testid="pm-factor-form"]').trigger('submit');
    await flushPromises();
    expect(calls).toEqual([{ category: 'Monitoring gap', description: 'No saturation alert' }]);
    expect(w.findAll('[data-testid="pm-factor"]')).toHaveLength(2);
  });

  it('shows the list only to readers, and an API refusal as an alert', async () => {
    install([factor(1, 'Change', 'Pool size raised')]);
    const ro = await panel(true);
    expect(ro.find('[data-testid="pm-factor-form"]').exists()).toBe(false);
    expect(ro.find('[data-testid="pm-factor-remove"]').exists()).toBe(false);
    ro.unmount();

    install([]);
    const w = await panel(false);
    expect(w.get('[data-testid="pm-factors-empty"]').text()).toBe('No contributing factors yet.');
    await w.get('[data-testid="pm-factor-description"]').setValue('frozen now');
    await w.get('[data-testid="pm-factor-form"]').trigger('submit');
    await flushPromises();
    expect(w.get('[role="alert"]').text()).toContain('Completed');
  });

  it('edits a factor in place, sending only what changed; Cancel leaves it as it was', async () => {
    const calls = install([factor(1, 'Retired category', 'Pool size raised')]);
    const w = await panel(false);
    await w.get('[data-testid="pm-factor-edit"]').trigger('click');
    // The factor's own category stays choosable though the organisation's list no longer has it.
    const options = w.findAll('[data-testid="pm-factor-edit-category"] option').map((o) => o.text());
    expect(options).toEqual(['Retired category', 'Change', 'Monitoring gap']);
    await w
      .get('[data-testid="pm-factor-edit-description"]')
      .setValue('Pool size raised 4× without a capacity check');
    await w.get('[data-testid="pm-factor-edit-form"]').trigger('submit');
    await flushPromises();
    expect(calls).toEqual([
      { patch: factor(1, '', '').id, description: 'Pool size raised 4× without a capacity check' },
    ]);
    expect(w.get('[data-testid="pm-factor"] .description').text()).toBe(
      'Pool size raised 4× without a capacity check',
    );
    expect(w.find('[data-testid="pm-factor-edit-form"]').exists()).toBe(false);

    await w.get('[data-testid="pm-factor-edit"]').trigger('click');
    await w.get('[data-testid="pm-factor-edit-category"]').setValue('Change');
    await w.get('[data-testid="pm-factor-cancel"]').trigger('click');
    expect(w.get('[data-testid="pm-factor"]').attributes('data-category')).toBe('Retired category');
    expect(calls).toHaveLength(1);

    await w.get('[data-testid="pm-factor-edit"]').trigger('click');
    await w.get('[data-testid="pm-factor-edit-category"]').setValue('Change');
    await w.get('[data-testid="pm-factor-edit-form"]').trigger('submit');
    await flushPromises();
    expect(calls[1]).toMatchObject({ category: 'Change' });
    expect(w.get('[data-testid="pm-factor"]').attributes('data-category')).toBe('Change');
  });

  it('offers no edit to readers', async () => {
    install([factor(1, 'Change', 'Pool size raised')]);
    const w = await panel(true);
    expect(w.find('[data-testid="pm-factor-edit"]').exists()).toBe(false);
  });
});
