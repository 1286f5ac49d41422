import { docExtensions, type JSONContent } from '@pm/doc-model';
import { Editor } from '@tiptap/core';
import { flushPromises } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { liveFollowUps } from '../src/editor/follow-ups-block.js';
import { storeFollowUpsSource } from '../src/editor/follow-ups-source.js';
import { useFollowUpsStore } from '../src/stores/follow-ups.js';
import { useTabStore } from '../src/stores/tab.js';
import { API, INCIDENT_ID, USERS } from './api-fixtures.js';
import { followUp, installFollowUpApi } from './follow-ups-fixtures.js';

const opts = { contractVersion: 1 as const, apiBaseUrl: API, incidentId: INCIDENT_ID, authToken: 'tok' };

/** A document as an old version stored it: the snapshot still lists an item deleted since. */
const oldVersion = (): JSONContent => ({
  type: 'doc',
  content: [
    { type: 'paragraph', content: [{ type: 'text', text: 'Before' }] },
    {
      type: 'followUps',
      attrs: {
        incidentId: INCIDENT_ID,
        items: [
          { id: 'gone', content: 'Deleted item', assignee: null, dueDate: null, done: false },
          { content: 'Keep alerts', assignee: null, dueDate: null, done: false },
        ],
      },
    },
  ],
});

let editor: Editor | undefined;
beforeEach(() => setActivePinia(createPinia()));
afterEach(() => {
  editor?.destroy();
  vi.unstubAllGlobals();
});

function open(canWrite = true) {
  const tab = useTabStore();
  tab.configure(opts);
  tab.canWrite = canWrite;
  tab.users = USERS;
  const element = document.body.appendChild(document.createElement('div'));
  editor = new Editor({
    element,
    editable: canWrite,
    extensions: [
      ...docExtensions().filter((e) => e.name !== 'followUps'),
      liveFollowUps(storeFollowUpsSource()),
    ],
    content: oldVersion(),
  });
  const texts = () =>
    [...element.querySelectorAll('[data-testid="pm-block-follow-up-content"]')].map((e) => e.textContent);
  const block = () => element.querySelector<HTMLElement>('[data-testid="pm-follow-ups-block"]')!;
  return { element, texts, block, store: useFollowUpsStore() };
}

describe('live follow-ups block', () => {
  it('shows the snapshot until the live list loads, then only the live list (no deleted item)', async () => {
    installFollowUpApi([followUp({ content: 'Keep alerts' })]);
    const { block, texts, store } = open();
    expect(block().dataset['live']).toBe('false');
    expect(block().textContent).toContain('Deleted item');
    await store.load(INCIDENT_ID);
    await flushPromises();
    expect(block().dataset['live']).toBe('true');
    expect(texts()).toEqual(['Keep alerts']);
    expect(block().textContent).not.toContain('Deleted item');
  });

  it('restoring an old version keeps showing the live list, so a deleted item does not come back', async () => {
    installFollowUpApi([followUp({ content: 'Keep alerts' })]);
    const { texts, store } = open();
    await store.load(INCIDENT_ID);
    editor!.commands.setContent(oldVersion()); // what a version restore does to the document
    await flushPromises();
    expect(texts()).toEqual(['Keep alerts']);
  });

  it('completes, adds and re-dates items through the API and follows pushes', async () => {
    const f = followUp({ content: 'Keep alerts' });
    const api = installFollowUpApi([f]);
    const { element, texts, store } = open();
    await store.load(INCIDENT_ID);
    await flushPromises();
    const done = element.querySelector<HTMLInputElement>('[data-testid="pm-block-follow-up-done"]')!;
    done.checked = true;
    done.dispatchEvent(new Event('change'));
    await flushPromises();
    expect(api.calls).toEqual([{ route: `PATCH ${f.id}`, body: { status: 'done' } }]);
    expect(element.querySelector('[data-testid="pm-block-follow-up"]')!.getAttribute('data-status')).toBe(
      'done',
    );

    const input = element.querySelector<HTMLInputElement>('[data-testid="pm-block-follow-up-new"]')!;
    input.value = 'Load test the payment service';
    input.form!.dispatchEvent(new Event('submit', { cancelable: true }));
    await flushPromises();
    expect(api.calls[1]).toEqual({ route: 'POST', body: { content: 'Load test the payment service' } });
    expect(texts()).toContain('Load test the payment service');

    const due = element.querySelector<HTMLInputElement>('input[type="date"]')!;
    due.value = '2031-03-04';
    due.dispatchEvent(new Event('change'));
    await flushPromises();
    expect(api.calls[2]).toEqual({ route: `PATCH ${f.id}`, body: { dueDate: '2031-03-04' } });

    store.receive({
      type: 'follow-ups',
      incidentId: INCIDENT_ID,
      items: [followUp({ content: 'From elsewhere' })],
    });
    await flushPromises();
    expect(texts()).toEqual(['From elsewhere']);
    // the document itself was never written by the block
    expect(JSON.stringify(editor!.getJSON())).toContain('Deleted item');
  });

  it('shows a read-only user the live list without any control that changes it', async () => {
    const api = installFollowUpApi([followUp({ content: 'Keep alerts' })]);
    const { element, texts, store } = open(false);
    await store.load(INCIDENT_ID);
    await flushPromises();
    expect(texts()).toEqual(['Keep alerts']);
    expect(element.querySelector<HTMLInputElement>('[data-testid="pm-block-follow-up-done"]')!.disabled).toBe(
      true,
    );
    expect(element.querySelector('[data-testid="pm-block-follow-up-new"]')).toBeNull();
    expect(element.querySelector('select')).toBeNull();
    expect(api.calls).toEqual([]);
  });
});
