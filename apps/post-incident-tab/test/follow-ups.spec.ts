import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import FollowUpsPanel from '../src/components/FollowUpsPanel.vue';
import { isOverdue, useFollowUpsStore } from '../src/stores/follow-ups.js';
import { useTabStore } from '../src/stores/tab.js';
import { API, INCIDENT_ID, ME, USERS } from './api-fixtures.js';
import { followUp, installFollowUpApi } from './follow-ups-fixtures.js';

const opts = { contractVersion: 1 as const, apiBaseUrl: API, incidentId: INCIDENT_ID, authToken: 'tok' };

beforeEach(() => setActivePinia(createPinia()));
afterEach(() => vi.unstubAllGlobals());

async function panel(readOnly = false) {
  const tab = useTabStore();
  tab.configure(opts);
  tab.meId = ME.id;
  tab.users = USERS;
  const store = useFollowUpsStore();
  await store.load(INCIDENT_ID);
  const w = mount(FollowUpsPanel, { props: { readOnly } });
  await flushPromises();
  return { w, store };
}

const rows = (w: ReturnType<typeof mount>) =>
  w.findAll('[data-testid="pm-follow-up"]').map((r) => r.find('[data-testid="pm-follow-up-content"]').text());

describe('follow-ups sidebar', () => {
  it('lists open items, highlights overdue ones and adds a new one by submitting its form (Enter in the field)', async () => {
    const api = installFollowUpApi([
      followUp({ content: 'Late one', dueDate: '2020-01-01' }),
      followUp({ content: 'Finished', status: 'done' }),
      followUp({ content: 'Due far away', dueDate: '2999-01-01' }),
    ]);
    const { w } = await panel();
    expect(rows(w)).toEqual(['Late one', 'Due far away']);
    const late = w.findAll('[data-testid="pm-follow-up"]')[0]!;
    expect(late.attributes('data-overdue')).toBe('true');
    expect(late.find('[data-testid="pm-follow-up-overdue"]').text()).toBe('Overdue');
    expect(w.findAll('[data-testid="pm-follow-up"]')[1]!.attributes('data-overdue')).toBe('false');

    const input = w.get('[data-testid="pm-follow-up-new"]');
    expect(w.get('label[for="pm-follow-up-new"]').text()).toBe('New follow-up');
    await input.setValue('Page the owner on payment errors');
    await w.get('form.add').trigger('submit');
    await flushPromises();
    expect(api.calls).toEqual([{ route: 'POST', body: { content: 'Page the owner on payment errors' } }]);
    expect(rows(w)).toContain('Page the owner on payment errors');
    expect((input.element as HTMLInputElement).value).toBe('');
  });

  it('marks done through the API, then the Done filter shows it; Assigned to me keeps my items', async () => {
    const mine = followUp({
      content: 'Mine',
      assignees: [{ id: ME.id, name: ME.name, email: ME.email, handle: 'sam' }],
    });
    const theirs = followUp({ content: 'Theirs' });
    const api = installFollowUpApi([mine, theirs]);
    const { w } = await panel();
    await w.findAll('[data-testid="pm-follow-up-done"]')[1]!.setValue(true);
    await flushPromises();
    expect(api.calls).toEqual([{ route: `PATCH ${theirs.id}`, body: { status: 'done' } }]);
    expect(rows(w)).toEqual(['Mine']);
    await w.get('[data-testid="pm-follow-ups-filter-done"]').trigger('click');
    expect(rows(w)).toEqual(['Theirs']);
    await w.get('[data-testid="pm-follow-ups-filter-all"]').trigger('click');
    await w.get('[data-testid="pm-follow-ups-mine"]').setValue(true);
    expect(rows(w)).toEqual(['Mine']);
  });

  it('assigns a user, sets a due date and edits the text', async () => {
    const f = followUp({ content: 'Old text' });
    const api = installFollowUpApi([f]);
    const { w } = await panel();
    await w.get('[data-testid="pm-follow-up-assign"]').setValue(USERS[1]!.id);
    await flushPromises();
    expect(w.findAll('[data-testid="pm-follow-up-assignee"]').map((a) => a.text())).toEqual([
      expect.stringContaining('Ada Admin'),
    ]);
    await w.get('[data-testid="pm-follow-up-due"]').setValue('2030-05-01');
    await w.get('[data-testid="pm-follow-up-edit"]').trigger('click');
    await w.get('[data-testid="pm-follow-up-edit-input"]').setValue('New text');
    await w.get('form.edit').trigger('submit');
    await flushPromises();
    expect(api.calls.map((c) => c.body)).toEqual([
      { assigneeIds: [USERS[1]!.id] },
      { dueDate: '2030-05-01' },
      { content: 'New text' },
    ]);
    expect(rows(w)).toEqual(['New text']);
  });

  it('shows a read-only user the list without any way to change it', async () => {
    const api = installFollowUpApi([followUp({ content: 'Visible' })]);
    const { w } = await panel(true);
    expect(rows(w)).toEqual(['Visible']);
    expect(w.find('[data-testid="pm-follow-up-new"]').exists()).toBe(false);
    expect(w.find('[data-testid="pm-follow-up-delete"]').exists()).toBe(false);
    expect(w.get('[data-testid="pm-follow-up-done"]').attributes('disabled')).toBeDefined();
    expect(api.calls).toEqual([]);
  });

  it('replaces the list with a push for its incident and ignores pushes for others', async () => {
    installFollowUpApi([followUp({ content: 'Before' })]);
    const { w, store } = await panel();
    store.receive({ type: 'follow-ups', incidentId: 'ffffffff-0000-4000-8000-000000000000', items: [] });
    await flushPromises();
    expect(rows(w)).toEqual(['Before']);
    store.receive({ type: 'follow-ups', incidentId: INCIDENT_ID, items: [followUp({ content: 'Pushed' })] });
    await flushPromises();
    expect(rows(w)).toEqual(['Pushed']);
  });

  it('shows why the API refused a change', async () => {
    const f = followUp({ content: 'Gone' });
    const api = installFollowUpApi([f]);
    const { w } = await panel();
    api.items = [];
    await w.get('[data-testid="pm-follow-up-done"]').setValue(true);
    await flushPromises();
    expect(w.get('[data-testid="pm-follow-ups-error"]').text()).toBe('Follow-up was not found');
  });
});

describe('isOverdue', () => {
  it('is true only for open items due before today', () => {
    expect(isOverdue({ status: 'open', dueDate: '2026-01-01' }, '2026-01-02')).toBe(true);
    expect(isOverdue({ status: 'open', dueDate: '2026-01-02' }, '2026-01-02')).toBe(false);
    expect(isOverdue({ status: 'done', dueDate: '2026-01-01' }, '2026-01-02')).toBe(false);
    expect(isOverdue({ status: 'open', dueDate: null }, '2026-01-02')).toBe(false);
  });
});
