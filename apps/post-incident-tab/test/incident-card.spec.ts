import { docExtensions } from '@pm/doc-model';
import { Editor } from '@tiptap/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { pollingCardSource } from '../src/editor/card-source.js';
import { liveIncidentCard } from '../src/editor/incident-card.js';

const INCIDENT = '11111111-1111-4111-8111-111111111111';

function fakeApi(state: { severity: string; status: string; pmStatus: string }) {
  return {
    getIncident: vi.fn(async () => ({
      id: INCIDENT,
      title: 'Checkout outage',
      severity: state.severity,
      status: state.status,
      impacts: [{ id: 'i', description: 'Checkout failed', startAt: '', endAt: null }],
    })),
    getPostmortem: vi.fn(async () => ({
      incidentId: INCIDENT,
      status: state.pmStatus,
      ownerName: 'Sam Standard',
    })),
  };
}

afterEach(() => vi.useRealTimers());

describe('live incident card', () => {
  it('shows live incident and postmortem values and refreshes them while the document is open', async () => {
    vi.useFakeTimers();
    const state = { severity: 'SEV-2', status: 'active', pmStatus: 'draft' };
    const api = fakeApi(state);
    const source = pollingCardSource(() => api as never, 'pm-1', 10_000);
    const element = document.body.appendChild(document.createElement('div'));
    const editor = new Editor({
      element,
      extensions: [...docExtensions().filter((e) => e.name !== 'incidentCard'), liveIncidentCard(source)],
      content: {
        type: 'doc',
        content: [
          {
            type: 'incidentCard',
            attrs: {
              incidentId: INCIDENT,
              title: 'Snapshot title',
              severity: 'SEV-3',
              status: 'stable',
              impact: '',
              postmortemStatus: 'Draft',
              owner: '—',
            },
          },
        ],
      },
    });
    const cell = (field: string) =>
      element.querySelector(`[data-testid="pm-incident-card"] td[data-field="${field}"]`)?.textContent;
    expect(cell('severity')).toBe('SEV-3'); // snapshot until live data arrives
    await vi.advanceTimersByTimeAsync(0);
    expect(cell('severity')).toBe('SEV-2');
    expect(cell('impact')).toBe('Checkout failed');
    expect(cell('postmortemStatus')).toBe('Draft');
    expect(cell('owner')).toBe('Sam Standard');

    state.severity = 'SEV-1';
    state.pmStatus = 'in_review';
    await vi.advanceTimersByTimeAsync(10_000);
    expect(cell('severity')).toBe('SEV-1');
    expect(cell('postmortemStatus')).toBe('In Review');
    // live values are display-only: the stored document keeps its snapshot
    expect(editor.getJSON().content![0]!.attrs!['severity']).toBe('SEV-3');

    source.dispose();
    editor.destroy();
    const calls = api.getIncident.mock.calls.length;
    await vi.advanceTimersByTimeAsync(30_000);
    expect(api.getIncident.mock.calls.length).toBe(calls); // polling stops with the document
  });
});
